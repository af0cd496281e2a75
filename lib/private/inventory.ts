import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DurableApi } from '../api';
import { DurableClient } from '../client';
import { DurableTaskRole } from '../role';
import { DurableWorker } from '../worker';

/**
 * What the identity plan, the Azure identity chart and the diagram need to know about the workloads of a
 * construct tree, read from their public fields and their rendered objects only (never from private state).
 */

/** The built-in Azure role a workload of this kind needs on its task hub. */
export type InventoryRole = 'worker' | 'api' | 'scaler';

/** One workload of the tree. */
export interface InventoryWorkload {
  readonly path: string;
  readonly kind: 'worker' | 'api' | 'client';
  /** The built-in role its identity needs on its task hub. */
  readonly role: DurableTaskRole;
  readonly name: string;
  readonly namespace: string;
  readonly taskHub: string;
  readonly subject: string;
  readonly serviceAccount: string;
  /** Client id of the workload identity, if any and known at synth. */
  readonly clientId?: string;
  /** Where the pods read the client id, `<namespace>/<ConfigMap>:<key>`, for an identity whose client id is there. */
  readonly clientIdConfigMap?: string;
  /** What tells the workload's identity apart (client id, lowercase, or its ConfigMap key), if it has one. */
  readonly identityKey?: string;
  readonly tenantId?: string;
  /** The scheduler endpoint the workload connects to (its container's endpoint variable). */
  readonly endpoints: string[];
  readonly scaling: string;
  readonly exposure: string[];
  readonly workload: DurableWorker | DurableApi | DurableClient;
  /** Client ids of the workload-identity TriggerAuthentications of its KEDA ScaledObject, by trigger type. */
  readonly scalerIdentities: { clientId: string; tenantId?: string; triggerType: string }[];
  readonly chart: Chart;
}

/** Every DurableWorker and DurableApi under `scope`, in tree order. */
export function findWorkloads(scope: IConstruct): InventoryWorkload[] {
  return scope.node.findAll()
    .filter((c): c is DurableWorker | DurableApi | DurableClient =>
      c instanceof DurableWorker || c instanceof DurableApi || c instanceof DurableClient)
    .map(describe);
}

function describe(w: DurableWorker | DurableApi | DurableClient): InventoryWorkload {
  const sa = w.serviceAccount;
  const clientIdConfigMap = configMapOf(w.namespaceName, sa.identity?.clientIdConfigMap);
  const deployment = w.deployment.toJson();
  const env: { name: string; value?: string }[] = deployment.spec.template.spec.containers
    .flatMap((c: any) => c.env ?? []);
  const endpoints = env.map(e => e.value).filter((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v));
  const auths = new Map<string, any>(w.triggerAuthentications.map(a => {
    const json = a.toJson();
    return [json.metadata.name, json] as [string, any];
  }));
  const scaled = w.autoscaler?.toJson();
  const scalerIdentities = scaled?.kind === 'ScaledObject'
    ? (scaled.spec.triggers as any[]).flatMap(t => {
        const auth = t.authenticationRef ? auths.get(t.authenticationRef.name) : undefined;
        const id = auth?.spec?.podIdentity;
        return id?.provider === 'azure-workload' && id.identityId
          ? [{ clientId: id.identityId, tenantId: id.identityTenantId, triggerType: t.type }] : [];
      })
    : [];
  const exposure: string[] = [];
  if (w instanceof DurableApi) {
    for (const rule of (w.ingress?.toJson().spec.rules ?? []) as any[]) exposure.push(`Ingress ${rule.host}`);
    for (const host of (w.httpRoute?.toJson().spec.hostnames ?? []) as string[]) exposure.push(`HTTPRoute ${host}`);
  }
  return {
    path: w.node.path,
    kind: w instanceof DurableWorker ? 'worker' : w instanceof DurableClient ? 'client' : 'api',
    role: w.requiredRole,
    name: w.name,
    namespace: w.namespaceName,
    taskHub: w.taskHub,
    subject: w.federatedSubject,
    serviceAccount: sa.name,
    clientId: sa.identity?.clientId,
    clientIdConfigMap,
    // A ConfigMap is one per namespace, so its key names the namespace too; a client id is the identity's own key.
    identityKey: clientIdConfigMap !== undefined ? `configmap:${clientIdConfigMap}` : sa.identity?._key,
    tenantId: sa.identity?.tenantId,
    endpoints,
    scaling: describeScaling(w.autoscaler, w.minReplicas, w.maxReplicas),
    exposure,
    workload: w,
    scalerIdentities,
    chart: Chart.of(w),
  };
}

function configMapOf(namespace: string, ref: { name: string; key: string } | undefined): string | undefined {
  return ref ? `${namespace}/${ref.name}:${ref.key}` : undefined;
}

function describeScaling(autoscaler: ApiObject | undefined, min: number, max: number): string {
  if (!autoscaler) {
    return `${min} replicas`;
  }
  return `${autoscaler.kind === 'ScaledObject' ? 'KEDA' : 'HPA'} ${min}-${max}`;
}

/** How a workload's pods find their client id, for messages. */
export function describeIdentity(w: InventoryWorkload): string {
  return w.clientIdConfigMap !== undefined ? `the client id in ConfigMap ${w.clientIdConfigMap.split(':')[0]}`
    : `client id ${w.clientId}`;
}
