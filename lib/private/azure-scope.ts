import { IConstruct } from 'constructs';
import { DurableTaskSchedulerResource } from '../azure-resources';
import { DurableTaskRole } from '../role';
import { isResourceGroupName } from './azure-names';
import { checkGuid, checkOptions, checkRequired, fail, parseHttpsUrl, quote, show, showUrl } from './input-checks';
import { InventoryWorkload } from './inventory';

/** The Azure resource id of a task hub: the scope of its role assignments. */
export function taskHubScope(scheduler: DurableTaskSchedulerResource, taskHub: string): string {
  return `/subscriptions/${scheduler.subscriptionId}/resourceGroups/${scheduler.resourceGroup}`
    + `/providers/Microsoft.DurableTask/schedulers/${scheduler.schedulerName}/taskHubs/${taskHub}`;
}

/** Display name of a built-in Durable Task role. */
export function roleName(role: DurableTaskRole): string {
  return role.roleName;
}

/** The task hub scope of a workload, from the scheduler resource whose endpoint it connects to. */
export function hubScope(w: InventoryWorkload, schedulers: readonly DurableTaskSchedulerResource[]): string {
  const origin = (url: string) => {
    try {
      return new URL(url).origin;
    } catch {
      return url.toLowerCase();
    }
  };
  const match = schedulers.find(s => w.endpoints.some(e => origin(e) === origin(s.endpoint)));
  if (!match) {
    fail(w.workload, `'schedulers' names no Azure resource for the scheduler ${show(w.endpoints[0])} this workload `
      + 'connects to: add { endpoint, subscriptionId, resourceGroup, schedulerName } for it');
  }
  return taskHubScope(match, w.taskHub);
}

/** Checks one scheduler resource; the names go into Azure resource ids, so no '/' or spaces. */
export function checkSchedulerResource(scope: IConstruct, prop: string, s: DurableTaskSchedulerResource): void {
  checkOptions(scope, prop, s);
  checkRequired(scope, `${prop}.endpoint`, s?.endpoint, 'the scheduler endpoint, e.g. "https://orders.westus2.durabletask.io"');
  if (!isHttpsOrigin(s.endpoint)) {
    // Workloads are matched to this resource by the endpoint's origin; an Azure scheduler is reached over https.
    fail(scope, `${quote(`${prop}.endpoint`)} (${showUrl(s.endpoint)}) must be the scheduler's https:// URL with a host `
      + 'and no path, query or credentials, e.g. "https://orders.westus2.durabletask.io"');
  }
  checkGuid(scope, `${prop}.subscriptionId`, s.subscriptionId);
  checkRequired(scope, `${prop}.resourceGroup`, s.resourceGroup, 'its Azure resource name');
  // Resource group: 1-90 letters, digits, '_', '-', '.', '(', ')', not ending in '.'.
  if (!isResourceGroupName(s.resourceGroup)) {
    fail(scope, `${quote(`${prop}.resourceGroup`)} (${show(s.resourceGroup)}) must be an Azure resource name: `
      + "1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'");
  }
  checkRequired(scope, `${prop}.schedulerName`, s.schedulerName, 'its Azure resource name');
  // No scheduler of another name can exist: the role assignments' scope would name a resource that is not there.
  if (typeof s.schedulerName !== 'string' || !SCHEDULER_NAME.test(s.schedulerName)) {
    fail(scope, `${quote(`${prop}.schedulerName`)} (${show(s.schedulerName)}) must be a Durable Task Scheduler `
      + "name: 3-64 letters, digits or '-'");
  }
}

/**
 * The name of a `Microsoft.DurableTask/schedulers` resource, as Azure Resource Manager accepts it: the `name` pattern
 * `^[a-zA-Z0-9-]{3,64}$` of the resource type in every API version (Azure/bicep-types-az,
 * generated/durabletask/microsoft.durabletask/2024-10-01-preview ... 2026-02-01/types.md; task hubs have the same
 * rule, see `checkTaskHub`).
 */
const SCHEDULER_NAME = /^[a-zA-Z0-9-]{3,64}$/;

function isHttpsOrigin(endpoint: unknown): boolean {
  const url = parseHttpsUrl(endpoint);
  return url !== undefined && url.search === '' && url.hash === '' && (url.pathname === '/' || url.pathname === '');
}
