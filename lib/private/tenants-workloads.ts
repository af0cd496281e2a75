/**
 * The constructs' options of a tenants file entry's workloads: their identity, options and scaling.
 */
import { KedaTrigger } from '../keda-trigger';
import { WorkloadIdentity } from '../identity';
import { HealthProbe } from '../probe';
import { Scaling } from '../scaling';
import { IdentitySpec, ProbeSpec, ScalingSpec, WorkloadSpec } from './tenants-spec';

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
    readinessProbe: probe(w.readinessProbe),
    livenessProbe: probe(w.livenessProbe),
    startupProbe: probe(w.startupProbe),
  };
}

/** A `type`d probe entry as the HealthProbe of that type (the file's shape requires the type's own fields). */
function probe(p: ProbeSpec | undefined): HealthProbe | undefined {
  if (p === undefined) return undefined;
  const timing = { initialDelaySeconds: p.initialDelaySeconds, periodSeconds: p.periodSeconds,
    timeoutSeconds: p.timeoutSeconds, failureThreshold: p.failureThreshold };
  switch (p.type) {
    case 'http': return HealthProbe.http(p.path!, { ...timing, port: p.port });
    case 'grpc': return HealthProbe.grpc(p.port!, { ...timing, service: p.service });
    case 'tcp': return HealthProbe.tcp(p.port!, timing);
    default: return HealthProbe.exec(p.command!, timing);
  }
}

function scaling(s: ScalingSpec): Scaling {
  switch (s.type) {
    case 'fixed':
      return Scaling.fixedReplicas(s.replicas ?? 1);
    case 'hpa':
      return Scaling.hpa({
        name: s.name, minReplicas: s.minReplicas, maxReplicas: s.maxReplicas,
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
