import { WorkloadIdentity } from './identity';
import { MetadataEntry } from './metadata';

/** The kinds of Durable Task work items a worker processes (and the DTS scaler counts). */
export enum WorkItemType {
  /** Orchestrator executions. */
  ORCHESTRATION = 'Orchestration',
  /** Activity executions. */
  ACTIVITY = 'Activity',
  /** Entity operations. */
  ENTITY = 'Entity',
}

/** Options common to every trigger. */
export interface KedaTriggerOptions {
  /**
   * Trigger name, unique within the ScaledObject: any non-empty string (`cpu`, `queueDepth`, `cpu_load`); KEDA
   * names the trigger by it in its metrics and logs. A TriggerAuthentication of the trigger is named after it when it
   * is a DNS label, else after its position (`trigger-<n>`).
   *
   * @default - unnamed
   */
  readonly name?: string;
}

/** Options for {@link KedaTrigger.prometheus}. */
export interface PrometheusTriggerOptions extends KedaTriggerOptions {
  /**
   * Prometheus server URL, e.g. the query endpoint of an Azure Monitor workspace
   * (`https://<workspace>.<region>.prometheus.monitor.azure.com`).
   */
  readonly serverAddress: string;
  /** PromQL query; it must return a single value. */
  readonly query: string;
  /** Target value per replica. */
  readonly threshold: number;
  /**
   * Value above which the workload is activated from zero replicas.
   *
   * @default - KEDA's default (0)
   */
  readonly activationThreshold?: number;
  /**
   * Authenticate to Prometheus (e.g. Azure Monitor managed Prometheus) as this identity through a
   * TriggerAuthentication with `podIdentity.provider: azure-workload`. The KEDA operator must be set up for
   * workload identity and the identity needs a federated credential for the KEDA operator's
   * ServiceAccount (`system:serviceaccount:keda:keda-operator` with Helm,
   * `system:serviceaccount:kube-system:keda-operator` with the AKS add-on) and the Monitoring Data Reader role.
   *
   * @default - no authentication
   */
  readonly identity?: WorkloadIdentity;
  /**
   * How KEDA authenticates to a Prometheus that is not Azure Monitor's (KEDA's `authModes`), with the credentials
   * read from Secrets (`secretRefs`): BASIC needs `username` (and optionally `password`), BEARER `bearerToken` (or
   * its alias `token`), TLS `cert` and `key`, CUSTOM `customAuthHeader` and `customAuthValue`. With any of them, `ca`
   * (the CA of the server's certificate) is optional. KEDA's `oauth` mode is not offered: KEDA 2.20 parses it, but
   * its prometheus scaler does not use it. BASIC and BEARER exclude each other (KEDA refuses both), and CUSTOM goes
   * with neither (KEDA would not send its header); TLS goes with any.
   *
   * @default - none (or `identity`)
   */
  readonly authModes?: PrometheusAuthMode[];
  /**
   * The Secret keys KEDA reads the parameters of `authModes` from (TriggerAuthentication `secretTargetRef`), e.g.
   * `{ parameter: 'bearerToken', secretName: 'prometheus-reader', key: 'token' }`.
   *
   * @default - none
   */
  readonly secretRefs?: TriggerSecretRef[];
}

/**
 * A way KEDA's prometheus scaler authenticates (its `authModes`; https://keda.sh/docs/2.20/scalers/prometheus/).
 * KEDA 2.20 also parses `oauth` and `apiKey`, but its prometheus scaler does not use them (it would query without
 * credentials), so they are not offered.
 */
export enum PrometheusAuthMode {
  /** HTTP basic authentication: parameters `username` and, optionally, `password`. */
  BASIC = 'basic',
  /** A bearer token: parameter `bearerToken` (or its alias `token`, not both). */
  BEARER = 'bearer',
  /** A TLS client certificate: parameters `cert` and `key` (an unencrypted key: the scaler takes no key password). */
  TLS = 'tls',
  /** A header of your choice: parameters `customAuthHeader` and `customAuthValue`. */
  CUSTOM = 'custom',
}

/** Options for {@link KedaTrigger.cron}. */
export interface CronTriggerOptions extends KedaTriggerOptions {
  /** IANA time zone, e.g. `Europe/Amsterdam`. */
  readonly timezone: string;
  /** Start of each window, a five-field cron expression, e.g. `0 8 * * 1-5`. */
  readonly start: string;
  /** End of each window, a five-field cron expression, e.g. `0 18 * * 1-5`. */
  readonly end: string;
  /** Replicas to run within the window (at most the ScaledObject's `maxReplicas`). */
  readonly desiredReplicas: number;
}

/** Options for {@link KedaTrigger.durableTaskScheduler}. */
export interface DurableTaskSchedulerTriggerOptions extends KedaTriggerOptions {
  /**
   * Which work items to count (`Orchestration`, `Activity` or `Entity`).
   *
   * @default - the worker's `workItemType`; without one, no `workItemType` in the metadata and the scaler's own
   * default, which Microsoft does not document (its examples always set one)
   */
  readonly workItemType?: WorkItemType;
  /**
   * Work items one replica processes at a time: the scaler targets
   * `pending work items / maxConcurrentWorkItemsCount` replicas. Microsoft's examples use 1 for orchestrations and
   * 5 for activities ("start with 1 for CPU-intensive work; increase for I/O-bound workloads").
   *
   * @default 10 (this library's default, always written to the metadata; the scaler's own is not documented)
   */
  readonly maxConcurrentWorkItemsCount?: number;
  /**
   * Identity the scaler uses to read the task hub's backlog, through a TriggerAuthentication with
   * `podIdentity.provider: azure-workload`; it needs a federated credential for the KEDA operator's ServiceAccount
   * and a role on the task hub. Microsoft documents no least role for the scaler: its sample
   * (Azure-Samples/Durable-Task-Scheduler samples/scenarios/AutoscalingInACA) gives the scale rule's identity
   * *Durable Task Data Contributor*; `AzureIdentities` and `IdentityPlan` grant *Durable Task Data Reader* ("read
   * all Durable Task Scheduler data") unless the identity has Data Contributor. If the scaler is refused (403),
   * grant Data Contributor.
   *
   * @default - the workload's identity; without one, the KEDA operator's own identity
   */
  readonly identity?: WorkloadIdentity;
}

/** A Secret key a custom trigger reads a parameter from (TriggerAuthentication `secretTargetRef`). */
export interface TriggerSecretRef {
  /** The scaler's parameter, e.g. `connection` for azure-servicebus. */
  readonly parameter: string;
  /** Name of the Secret, in the workload's namespace. */
  readonly secretName: string;
  /** Key in the Secret. */
  readonly key: string;
}

/** How KEDA compares a trigger's metric with its target. */
export enum KedaMetricType {
  /** Metric value divided by the replica count (KEDA's default for most scalers). */
  AVERAGE_VALUE = 'AverageValue',
  /** Metric value as it is. */
  VALUE = 'Value',
  /** Percent of the pods' requests (cpu and memory only). */
  UTILIZATION = 'Utilization',
}

/** Options for {@link KedaTrigger.custom}. */
export interface CustomTriggerOptions extends KedaTriggerOptions {
  /** The scaler's metadata as KEDA documents it for that scaler, e.g. `queueName` and `messageCount`. */
  readonly metadata: MetadataEntry[];
  /**
   * How the metric is compared with its target.
   *
   * @default - the scaler's default
   */
  readonly metricType?: KedaMetricType;
  /**
   * Authenticate as this identity (TriggerAuthentication with `podIdentity.provider: azure-workload`); the KEDA
   * operator needs a federated credential for it.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
  /**
   * Parameters the scaler reads from Secrets (TriggerAuthentication `secretTargetRef`).
   *
   * @default - none
   */
  readonly secretRefs?: TriggerSecretRef[];
}

/** The type of a KEDA trigger. */
export enum KedaTriggerType {
  /** CPU utilization of the pods. */
  CPU = 'cpu',
  /** Memory utilization of the pods. */
  MEMORY = 'memory',
  /** A Prometheus query. */
  PROMETHEUS = 'prometheus',
  /** A time window. */
  CRON = 'cron',
  /** The Durable Task Scheduler backlog (not in upstream KEDA; see {@link KedaTrigger.durableTaskScheduler}). */
  DURABLE_TASK_SCHEDULER = 'azure-durabletask-scheduler',
  /** Any other KEDA 2.20 scaler ({@link KedaTrigger.custom}); `scalerType` names it. */
  CUSTOM = 'custom',
}
