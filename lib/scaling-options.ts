import { KedaTrigger } from './keda-trigger';

/** Options for {@link Scaling.hpa}; the defaults are those of the standard AKS guide. */
export interface HpaScalingOptions {
  /**
   * Fewest replicas.
   *
   * @default 3
   */
  readonly minReplicas?: number;
  /**
   * Most replicas.
   *
   * @default 20
   */
  readonly maxReplicas?: number;
  /**
   * Target average CPU utilization, in percent of the CPU request (at least 1; above 100 targets more than the
   * request, which a limit above the request allows).
   *
   * @default 70
   */
  readonly cpuUtilization?: number;
  /**
   * Target average memory utilization, in percent of the memory request (at least 1; above 100 targets more than
   * the request, which a limit above the request allows).
   *
   * @default 80
   */
  readonly memoryUtilization?: number;
}

/** Options for {@link Scaling.keda}. */
export interface KedaScalingOptions {
  /** The triggers; KEDA scales to the highest replica count any of them asks for. */
  readonly triggers: KedaTrigger[];
  /**
   * Fewest replicas. 0 enables scale-to-zero, which needs at least one trigger other than cpu/memory.
   *
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * Most replicas.
   *
   * @default 20
   */
  readonly maxReplicas?: number;
  /**
   * Seconds between checks of each trigger.
   *
   * @default 30
   */
  readonly pollingIntervalSeconds?: number;
  /**
   * Seconds after the last active trigger before scaling to zero (only with `minReplicas: 0`).
   *
   * @default 300
   */
  readonly cooldownPeriodSeconds?: number;
  /**
   * Name of the ScaledObject (KEDA names its HPA `keda-hpa-<name>`, so at most 54 characters).
   *
   * @default - the workload's name
   */
  readonly name?: string;
}
