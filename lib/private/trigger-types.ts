import { WorkloadIdentity } from '../identity';
import { TriggerSecretRef, WorkItemType } from '../keda-trigger-options';
import { CheckedResources } from './pod-spec';

/** Where a trigger is rendered: the scheduler binding and the resources of the workload. */
export interface TriggerContext {
  readonly endpoint: string;
  readonly taskHub: string;
  readonly workItemType?: WorkItemType;
  readonly identity?: WorkloadIdentity;
  /** The container's requests and limits (a utilization target must be reachable within the limit). */
  readonly resources: CheckedResources;
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
