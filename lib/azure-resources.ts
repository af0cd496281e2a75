/** Where a scheduler lives in Azure, so role assignments can be scoped to its task hubs. */
export interface DurableTaskSchedulerResource {
  /** The scheduler endpoint, as given to `DurableTaskScheduler.fromEndpoint` (compared by origin). */
  readonly endpoint: string;
  /** Subscription id (a GUID). */
  readonly subscriptionId: string;
  /** Resource group of the scheduler. */
  readonly resourceGroup: string;
  /** Azure resource name of the scheduler (`Microsoft.DurableTask/schedulers/<name>`). */
  readonly schedulerName: string;
}
