import { Construct } from 'constructs';
import { WorkItemType } from './keda-trigger-options';
import { defaultWorkerName } from './private/default-names';
import { checkEnvName } from './private/input-checks';
import { DurableWorkload } from './private/workload-base';
import { optionsOf } from './private/workload-copy';
import { DurableTaskRole } from './role';
import { DurableTaskScheduler } from './scheduler';
import { DurableWorkloadOptions } from './workload-options';

/** Options of a DurableWorker, without its scheduler binding (what TaskHubTenant.addWorker takes). */
export interface DurableWorkerOptions extends DurableWorkloadOptions {
  /**
   * Process only this type of work item: the worker gets the variable `workItemTypeEnvName` so the app
   * registers only orchestrators, activities or entities, and a DTS scaler trigger counts only this type.
   * Split a hub's work with one DurableWorker per type, each with its own scaling. Without an explicit
   * `name`, the type is part of the default name, so adding or removing it later replaces the Deployment.
   *
   * @default - all work item types
   */
  readonly workItemType?: WorkItemType;
  /**
   * Name of the variable that tells the app its `workItemType`.
   *
   * @default 'DTS_WORK_ITEM_TYPE'
   */
  readonly workItemTypeEnvName?: string;
  /**
   * A container port (for health or metrics endpoints); HTTP probes use it.
   *
   * @default - no port: a worker is a gRPC client of the scheduler and serves nothing
   */
  readonly port?: number;
}

/** Props of {@link DurableWorker}. */
export interface DurableWorkerProps extends DurableWorkerOptions {
  /** The scheduler the worker connects to. */
  readonly scheduler: DurableTaskScheduler;
  /** The task hub whose work items the worker processes. */
  readonly taskHub: string;
}

/**
 * A Durable Task worker: a hardened Deployment that connects to the scheduler, its ServiceAccount, its
 * scaling (HPA 3-20 by default) and a PodDisruptionBudget. No Service: the worker only makes outbound
 * gRPC calls.
 *
 * @example
 * new DurableWorker(chart, 'worker', {
 *   image: 'myregistry.azurecr.io/orders-worker:1.4.2',
 *   scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
 *   taskHub: 'orders',
 *   identity: WorkloadIdentity.fromClientId('00000000-0000-0000-0000-000000000000'),
 * });
 */
export class DurableWorker extends DurableWorkload {
  /** The role its identity needs on the task hub. */
  public readonly requiredRole: DurableTaskRole = DurableTaskRole.WORKER;
  /** The work item type this worker processes, if it is limited to one. */
  public readonly workItemType?: WorkItemType;
  /**
   * The options the worker was built with, without its scheduler binding (`scheduler`, `taskHub`): what
   * `TaskHubTenant.addWorker` takes, including the identity a tenant gave it. Build the same worker elsewhere from
   * them, e.g. against the DTS emulator in a dev profile (a shallow copy: the defaults are not filled in).
   */
  public readonly options: DurableWorkerOptions;

  public constructor(scope: Construct, id: string, props: DurableWorkerProps) {
    // A JavaScript caller may pass no props: the base class then reports each required prop.
    props = props ?? ({} as DurableWorkerProps);
    const workItemTypeEnvName = props.workItemTypeEnvName ?? 'DTS_WORK_ITEM_TYPE';
    super(scope, id, props, {
      component: 'worker',
      defaultName: defaultWorkerName(props.workItemType),
      defaultGracePeriodSeconds: 120,
      port: props.port,
      systemEnv: props.workItemType ? [{ name: workItemTypeEnvName, value: props.workItemType }] : [],
      workItemType: props.workItemType,
    });
    if (props.workItemTypeEnvName !== undefined) {
      checkEnvName(this, 'workItemTypeEnvName', workItemTypeEnvName);
    }
    this.workItemType = props.workItemType;
    this.options = optionsOf(props);
    this._applyUserMetadata();
  }
}
