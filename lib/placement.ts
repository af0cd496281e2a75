import { MetadataEntry } from './metadata';

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

/** How a node affinity rule compares a node label. */
export enum NodeSelectorOperator {
  /** The label's value is one of `values`. */
  IN = 'In',
  /** The label's value is none of `values`, or the node has no such label. */
  NOT_IN = 'NotIn',
  /** The node has the label. */
  EXISTS = 'Exists',
  /** The node does not have the label. */
  DOES_NOT_EXIST = 'DoesNotExist',
  /** The label's value, an integer, is greater than the one value. */
  GT = 'Gt',
  /** The label's value, an integer, is less than the one value. */
  LT = 'Lt',
}

/** A rule on node labels: required (all required rules must hold) or, with a weight, preferred. */
export interface NodeAffinityRule {
  /** Node label key, e.g. `kubernetes.azure.com/agentpool` or `topology.kubernetes.io/zone`. */
  readonly key: string;
  /** How the label is compared. */
  readonly matchOperator: NodeSelectorOperator;
  /**
   * Values to compare with: one or more for In/NotIn, exactly one integer for Gt/Lt, none for Exists/DoesNotExist.
   *
   * @default - none
   */
  readonly values?: string[];
  /**
   * Make the rule a preference of this weight (1-100) instead of a requirement.
   *
   * @default - required
   */
  readonly weight?: number;
}

/** A rule on the pods already on a node or in a zone: run near them (affinity) or away from them (anti-affinity). */
export interface PodAffinityRule {
  /** Labels that select the other pods, e.g. `[{ key: 'app.kubernetes.io/name', value: 'redis' }]`. */
  readonly podLabels: MetadataEntry[];
  /** Node label that defines "near", e.g. `kubernetes.io/hostname` (same node) or `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * Keep away from those pods instead of near them.
   *
   * @default false
   */
  readonly anti?: boolean;
  /**
   * Make the rule a preference of this weight (1-100) instead of a requirement.
   *
   * @default - required
   */
  readonly weight?: number;
  /**
   * Namespaces of the other pods.
   *
   * @default - the workload's namespace
   */
  readonly namespaces?: string[];
}
