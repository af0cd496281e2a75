/**
 * The options a workload was built with: a shallow copy of its props without the scheduler binding (`scheduler`,
 * `taskHub`), what TaskHubTenant.addWorker/addApi/addClient take.
 */
export function optionsOf<T extends object>(props: T & { scheduler?: unknown; taskHub?: unknown }): T {
  const options: Record<string, unknown> = { ...props };
  delete options.scheduler;
  delete options.taskHub;
  return options as T;
}
