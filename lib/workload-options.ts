import { ContainerResources } from './container';
import { EnvFromSource, EnvironmentVariable } from './environment';
import { HealthProbe } from './probe';
import { WorkloadIdentity } from './identity';
import { MetadataEntry } from './metadata';
import { NodeAffinityRule, NodeLabel, NodeToleration, PodAffinityRule } from './placement';
import { Scaling } from './scaling';
import { VolumeMount } from './volumes';
import { IDurableServiceAccount } from './service-account';
import { WorkloadMetricsOptions } from './metrics';
import { WorkloadTelemetryOptions } from './telemetry';

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
   * Run as this ServiceAccount: a DurableServiceAccount shared by a worker and an API, or one that exists already
   * (`DurableServiceAccount.fromServiceAccountName('orders')`). Mutually exclusive with `identity`.
   *
   * @default - a ServiceAccount of the workload's own, named like the workload
   */
  readonly serviceAccount?: IDurableServiceAccount;
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
   * traffic first (uses the `sleep` lifecycle action, Kubernetes 1.30+). Must be less than the grace period; 0 is no
   * delay (no hook).
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
  /**
   * Node affinity rules (required, or preferred with a weight), next to `nodeSelector`.
   *
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinityRule[];
  /**
   * Pod affinity and anti-affinity rules: run near or away from other pods (required, or preferred with a weight).
   *
   * @default - none (replicas are spread over zones and nodes by topology spread constraints)
   */
  readonly podAffinity?: PodAffinityRule[];
  /**
   * PriorityClass of the pods, e.g. for workers that must not be preempted by batch jobs.
   *
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * Secrets (type `kubernetes.io/dockerconfigjson`) to pull the image with, when the registry is not attached to
   * the cluster (AKS: `az aks update --attach-acr`).
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Labels added to every object of the workload and to its pods (never to selectors).
   *
   * @default - only the construct's labels
   */
  readonly labels?: MetadataEntry[];
  /**
   * Annotations added to every object of the workload (merged with the construct's own).
   *
   * @default - only the construct's annotations
   */
  readonly annotations?: MetadataEntry[];
  /**
   * Labels added to the pods only (never to selectors), e.g. for a service mesh or cost reporting.
   *
   * @default - none
   */
  readonly podLabels?: MetadataEntry[];
  /**
   * Annotations added to the pods only, e.g. `kubectl.kubernetes.io/default-container`.
   *
   * @default - none
   */
  readonly podAnnotations?: MetadataEntry[];
  /**
   * OpenTelemetry: the `OTEL_*` variables (service name, resource attributes from the downward API, OTLP exporter)
   * and/or `APPLICATIONINSIGHTS_CONNECTION_STRING` from a Secret, plus the egress NetworkPolicy to an OTLP collector.
   * The Durable Task SDKs emit traces; the app registers the exporter. See docs/observability.md.
   *
   * @default - no telemetry variables
   */
  readonly telemetry?: WorkloadTelemetryOptions;
  /**
   * Prometheus metrics the app serves: a container port named `metrics`, a PodMonitor (Azure managed Prometheus by
   * default, or prometheus-operator) and a NetworkPolicy that admits only the scraper to that port.
   *
   * @default - no metrics port, PodMonitor or scrape policy
   */
  readonly metrics?: WorkloadMetricsOptions;
}
