import { KedaTrigger } from './keda-trigger';

/** Which resource metrics an HPA scales on. */
export enum HpaResources {
  /** CPU and memory utilization (the HPA scales to the higher of the two). */
  CPU_AND_MEMORY = 'cpu-and-memory',
  /** CPU utilization only. */
  CPU = 'cpu',
  /** Memory utilization only. */
  MEMORY = 'memory',
}

/** How a scaling policy limits a change. */
export enum ScalingPolicyType {
  /** At most `value` pods per period. */
  PODS = 'Pods',
  /** At most `value` percent of the current replicas per period. */
  PERCENT = 'Percent',
}

/** Which policy wins when several allow different changes. */
export enum ScalingPolicySelect {
  /** The policy that allows the largest change. */
  MAX = 'Max',
  /** The policy that allows the smallest change. */
  MIN = 'Min',
  /** No change in this direction at all. */
  DISABLED = 'Disabled',
}

/** A limit on how fast replicas change. */
export interface ScalingPolicy {
  /** Pods or percent. */
  readonly policyType: ScalingPolicyType;
  /** How many pods, or what percent of the current replicas (at least 1). */
  readonly value: number;
  /** Period the limit applies to, in seconds (1-1800). */
  readonly periodSeconds: number;
}

/** Scale-up or scale-down behavior of an HPA (also KEDA's, which manages an HPA). */
export interface ScalingRules {
  /**
   * Seconds of past recommendations considered, to avoid flapping (0-3600).
   *
   * @default - 0 for scale-up, 300 for scale-down (the standard AKS guide)
   */
  readonly stabilizationWindowSeconds?: number;
  /**
   * Limits on how fast replicas change.
   *
   * @default - scale-up: 100 % or 4 pods per 15 s, whichever is more; scale-down: 10 % per 60 s
   */
  readonly policies?: ScalingPolicy[];
  /**
   * Which policy wins.
   *
   * @default ScalingPolicySelect.MAX
   */
  readonly selectPolicy?: ScalingPolicySelect;
}

/** What KEDA does while a trigger keeps failing. */
export interface KedaFallback {
  /** Consecutive failures of a trigger before the fallback applies (at least 1). */
  readonly failureThreshold: number;
  /** Replicas to run meanwhile (at most `maxReplicas`: the HPA KEDA manages caps them there). */
  readonly replicas: number;
}

/** Options for {@link Scaling.hpa}; the defaults are those of the standard AKS guide. */
export interface HpaScalingOptions {
  /**
   * Name of the HorizontalPodAutoscaler (a DNS-1123 subdomain, unique among the HPAs of the namespace), e.g. to keep
   * the name of an HPA you already run.
   *
   * @default - the workload's name
   */
  readonly name?: string;
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
  /**
   * Which resources the HPA scales on.
   *
   * @default HpaResources.CPU_AND_MEMORY
   */
  readonly scaleOn?: HpaResources;
  /**
   * Scale-up behavior.
   *
   * @default - 100 % or 4 pods per 15 s, whichever is more, without stabilization
   */
  readonly scaleUp?: ScalingRules;
  /**
   * Scale-down behavior.
   *
   * @default - 10 % per 60 s after a 300 s stabilization window
   */
  readonly scaleDown?: ScalingRules;
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
  /**
   * Replicas while no trigger is active (only 0 is allowed by KEDA; must be less than `minReplicas`), e.g. 0 with
   * `minReplicas: 1` to stop entirely between bursts yet start at 1.
   *
   * @default - none: never fewer than minReplicas
   */
  readonly idleReplicaCount?: number;
  /**
   * Replicas to run while a trigger keeps failing (needs a trigger other than cpu/memory).
   *
   * @default - none: KEDA keeps the last replica count
   */
  readonly fallback?: KedaFallback;
  /**
   * Scale-up behavior of the HPA KEDA manages (`advanced.horizontalPodAutoscalerConfig.behavior`).
   *
   * @default - the HPA's defaults
   */
  readonly scaleUp?: ScalingRules;
  /**
   * Scale-down behavior of the HPA KEDA manages.
   *
   * @default - the HPA's defaults
   */
  readonly scaleDown?: ScalingRules;
}
