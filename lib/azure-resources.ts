/** Built-in Azure roles of the Durable Task Scheduler, by role definition id. */
export enum DurableTaskRole {
  /** Durable Task Worker: what a worker needs to process work items. */
  WORKER = '80d0d6b0-f522-40a4-8886-a5a11720c375',
  /** Durable Task Data Contributor: what a client (an API) needs to start, query and manage orchestrations. */
  DATA_CONTRIBUTOR = '0ad04412-c4d5-4796-b79c-f76d14c8d402',
  /** Durable Task Data Reader: read-only access, e.g. for a scaler that reads the backlog. */
  DATA_READER = 'd6a5505f-6ebb-45a4-896e-ac8274cfc0ac',
}

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
