import { WorkloadIdentity } from '../identity';
import { TriggerSecretRef, WorkItemType } from '../keda-trigger-options';

/** Where a trigger is rendered: the scheduler binding of the workload. */
export interface TriggerContext {
  readonly endpoint: string;
  readonly taskHub: string;
  readonly workItemType?: WorkItemType;
  readonly identity?: WorkloadIdentity;
}

/** A trigger as KEDA's ScaledObject takes it. */
export interface RenderedTrigger {
  readonly type: string;
  readonly name?: string;
  readonly metricType?: string;
  readonly metadata: Record<string, string>;
  /** Identity to authenticate with; the ScaledObject adds the TriggerAuthentication. */
  readonly identity?: WorkloadIdentity;
  /** Secret keys the TriggerAuthentication passes as parameters. */
  readonly secretRefs?: readonly TriggerSecretRef[];
}
