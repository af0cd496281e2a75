import { Construct } from 'constructs';
import { DEFAULT_CLIENT_NAME } from './private/default-names';
import { DurableWorkload } from './private/workload-base';
import { optionsOf } from './private/workload-copy';
import { DurableTaskRole } from './role';
import { Scaling } from './scaling';
import { DurableTaskScheduler } from './scheduler';
import { DurableWorkloadOptions } from './workload-options';

/** Options of a DurableClient, without its scheduler binding (what TaskHubTenant.addClient takes). */
export interface DurableClientOptions extends DurableWorkloadOptions {
  /**
   * A container port (for a health or metrics endpoint); HTTP probes use it.
   *
   * @default - no port: a client only calls the scheduler
   */
  readonly port?: number;
}

/** Props of {@link DurableClient}. */
export interface DurableClientProps extends DurableClientOptions {
  /** The scheduler the client talks to. */
  readonly scheduler: DurableTaskScheduler;
  /** The task hub the client schedules orchestrations on or raises events to. */
  readonly taskHub: string;
}

/**
 * A Durable Task client that is neither a worker nor an HTTP API: a process that only schedules orchestrations or
 * raises events (a queue consumer, a scheduled producer). A hardened Deployment (1 replica by default) with its
 * ServiceAccount; no Service and no probes unless asked. Its identity needs *Durable Task Data Contributor*
 * (`requiredRole`).
 */
export class DurableClient extends DurableWorkload {
  /** The role its identity needs on the task hub. */
  public readonly requiredRole: DurableTaskRole = DurableTaskRole.DATA_CONTRIBUTOR;
  /**
   * The options the client was built with, without its scheduler binding (`scheduler`, `taskHub`): what
   * `TaskHubTenant.addClient` takes, including the identity a tenant gave it. Build the same client elsewhere from
   * them, e.g. against the DTS emulator in a dev profile (a shallow copy: the defaults are not filled in).
   */
  public readonly options: DurableClientOptions;

  public constructor(scope: Construct, id: string, props: DurableClientProps) {
    // A JavaScript caller may pass no props: the base class then reports each required prop.
    props = props ?? ({} as DurableClientProps);
    super(scope, id, { ...props, scaling: props.scaling ?? Scaling.fixedReplicas(1) }, {
      component: 'client', defaultName: DEFAULT_CLIENT_NAME, defaultGracePeriodSeconds: 30, port: props.port,
      systemEnv: [],
    });
    this.options = optionsOf(props);
    this._applyUserMetadata();
  }
}
