/**
 * The default names of the workloads (their Deployment, Service, ServiceAccount, ...), in one place: the constructs
 * use them, and the tenants file predicts them to check names across tenants before it creates any construct.
 */
export const DEFAULT_API_NAME = 'durable-api';
export const DEFAULT_CLIENT_NAME = 'durable-client';

/** A worker's default name: `durable-worker`, or `durable-worker-<type>` for a worker of one work item type. */
export function defaultWorkerName(workItemType: unknown): string {
  return typeof workItemType === 'string' ? `durable-worker-${workItemType.toLowerCase()}` : 'durable-worker';
}
