/**
 * The constructs' options of a tenants file entry's workloads: their identity, options and scaling.
 */
import { KedaTrigger } from '../keda-trigger';
import { WorkloadIdentity } from '../identity';
import { Scaling } from '../scaling';
import { IdentitySpec, ScalingSpec, WorkloadSpec } from './tenants-spec';

/**
 * The workload identity of an entry: its client id; or, for an identity ASO creates (`azure.create`) without one,
 * the client id ASO writes to the ConfigMap `<name>-identity` (AzureIdentities.addIdentity names it so), which the
 * pods read: one pull request creates the identity and its workloads.
 */
export function identity(spec: IdentitySpec | undefined, name: string): WorkloadIdentity | undefined {
  if (spec?.clientId) {
    return WorkloadIdentity.fromClientId(spec.clientId, { tenantId: spec.tenantId });
  }
  return spec?.azure?.create ? WorkloadIdentity.fromClientIdConfigMap(`${name}-identity`, { tenantId: spec.tenantId })
    : undefined;
}

export function workload(w: WorkloadSpec, defaultImage: string | undefined): Record<string, unknown> {
  return {
    name: w.name,
    image: w.image ?? defaultImage,
    scaling: w.scaling ? scaling(w.scaling) : undefined,
    resources: w.resources,
    env: w.env,
    preStopDelaySeconds: w.preStopDelaySeconds,
    terminationGracePeriodSeconds: w.terminationGracePeriodSeconds,
    imagePullSecrets: w.imagePullSecrets,
  };
}

function scaling(s: ScalingSpec): Scaling {
  switch (s.type) {
    case 'fixed':
      return Scaling.fixedReplicas(s.replicas ?? 1);
    case 'hpa':
      return Scaling.hpa({
        minReplicas: s.minReplicas, maxReplicas: s.maxReplicas,
        cpuUtilization: s.cpuUtilization, memoryUtilization: s.memoryUtilization,
      });
    default:
      return Scaling.keda({
        minReplicas: s.minReplicas,
        maxReplicas: s.maxReplicas,
        triggers: (s.triggers ?? []).map(t => {
          switch (t.type) {
            case 'cpu': return KedaTrigger.cpu(t.value ?? 70, { name: t.name });
            case 'memory': return KedaTrigger.memory(t.value ?? 80, { name: t.name });
            default: return KedaTrigger.durableTaskScheduler({ name: t.name,
              maxConcurrentWorkItemsCount: t.maxConcurrentWorkItemsCount,
              // Its own identity needs a client id (checked when the file is read): KEDA takes it as a value.
              identity: t.identity?.clientId !== undefined
                ? WorkloadIdentity.fromClientId(t.identity.clientId, { tenantId: t.identity.tenantId }) : undefined });
          }
        }),
      });
  }
}
