/** A node label the pods must be scheduled on, e.g. a dedicated node pool. */
export interface NodeLabel {
  /** Label key, e.g. `kubernetes.azure.com/agentpool`. */
  readonly key: string;
  /** Label value, e.g. `durable`. */
  readonly value: string;
}

/** The effect of a node taint a toleration matches. */
export enum TaintEffect {
  /** Pods without the toleration are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node for pods without the toleration. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods without the toleration are evicted from the node. */
  NO_EXECUTE = 'NoExecute',
}

/** A toleration of a node taint, e.g. of a dedicated node pool. */
export interface NodeToleration {
  /** Taint key. */
  readonly key: string;
  /**
   * Taint value.
   *
   * @default - any value (operator `Exists`)
   */
  readonly value?: string;
  /**
   * Taint effect.
   *
   * @default - every effect
   */
  readonly effect?: TaintEffect;
}
