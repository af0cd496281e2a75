import { ContainerResources } from './container';
import { EnvFromSource, EnvironmentVariable } from './environment';
import { HealthProbe } from './probe';
import { WorkloadIdentity } from './identity';
import { NodeLabel, NodeToleration } from './placement';
import { Scaling } from './scaling';
import { VolumeMount } from './volumes';
import { DurableServiceAccount } from './service-account';

/** Options shared by DurableWorker and DurableApi. */
export interface DurableWorkloadOptions {
  /**
   * Name of the Deployment and of every object of this workload (a DNS-1123 label). It is also the
   * value of the `app.kubernetes.io/name` selector label, so it must not change once deployed.
   *
   * @default - 'durable-worker' for a worker ('durable-worker-<type>' with a `workItemType`), 'durable-api'
   * for an API
   */
  readonly name?: string;
  /** Container image with a tag (not `latest`) or a digest. */
  readonly image: string;
  /**
   * Azure Workload Identity for this workload: it gets its own ServiceAccount with the identity's
   * client id. Mutually exclusive with `serviceAccount`.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
  /**
   * Run as this existing ServiceAccount (e.g. one shared by a worker and an API). Mutually exclusive with
   * `identity`.
   *
   * @default - a ServiceAccount of the workload's own, named like the workload
   */
  readonly serviceAccount?: DurableServiceAccount;
  /**
   * How many replicas run.
   *
   * @default - Scaling.hpa() for a worker (3-20), Scaling.fixedReplicas(2) for an API
   */
  readonly scaling?: Scaling;
  /**
   * Container CPU and memory.
   *
   * @default - requests 250m CPU / 512Mi memory, limits 1 CPU / 1Gi memory
   */
  readonly resources?: ContainerResources;
  /**
   * Additional environment variables: literal values, or values from a Secret or ConfigMap key or the pod
   * (`valueFrom`). They must not repeat a name, nor override the scheduler variables or a worker's work item type
   * variable.
   *
   * @default - only the scheduler variables
   */
  readonly env?: EnvironmentVariable[];
  /**
   * Whole Secrets or ConfigMaps whose keys become environment variables, e.g.
   * `EnvFromSource.secret('orders-settings')`. The construct's own variables (scheduler, work item type) win over
   * a key of the same name.
   *
   * @default - none
   */
  readonly envFrom?: EnvFromSource[];
  /**
   * Volumes mounted into the container: Secrets, ConfigMaps, scratch space, or secrets from Azure Key Vault through
   * the Secrets Store CSI driver (`WorkloadVolume.fromSecretProviderClass`). Read-only unless they say otherwise
   * (an emptyDir is writable).
   *
   * @default - only the construct's writable /tmp
   */
  readonly volumes?: VolumeMount[];
  /**
   * Container entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Container arguments.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Seconds Kubernetes waits after SIGTERM before killing a pod: time for in-flight work items to finish.
   *
   * @default - 120 for a worker, 30 for an API
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Seconds to wait in a `preStop` sleep before SIGTERM, so endpoints and load balancers stop sending
   * traffic first (uses the `sleep` lifecycle action, Kubernetes 1.30+). Must be less than the grace period.
   *
   * @default - no preStop hook
   */
  readonly preStopDelaySeconds?: number;
  /**
   * Readiness probe.
   *
   * @default - none for a worker; HTTP GET /healthz for an API
   */
  readonly readinessProbe?: HealthProbe;
  /**
   * Liveness probe. Never tie it to scheduler connectivity.
   *
   * @default - none for a worker; HTTP GET /healthz (after 10 s, every 20 s) for an API
   */
  readonly livenessProbe?: HealthProbe;
  /**
   * Startup probe.
   *
   * @default - none
   */
  readonly startupProbe?: HealthProbe;
  /**
   * User id the container runs as (must not be 0).
   *
   * @default 1000
   */
  readonly runAsUser?: number;
  /**
   * Schedule pods only on nodes with these labels (e.g. a dedicated node pool).
   *
   * @default - any node
   */
  readonly nodeSelector?: NodeLabel[];
  /**
   * Taints the pods tolerate (e.g. of a dedicated node pool).
   *
   * @default - none
   */
  readonly tolerations?: NodeToleration[];
}
