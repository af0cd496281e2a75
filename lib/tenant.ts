import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DurableApi, DurableApiOptions } from './api';
import { DurableClient, DurableClientOptions } from './client';
import { WorkloadIdentity } from './identity';
import { NamespaceBaseline } from './namespace-baseline';
import { NamespaceBaselineOptions } from './namespace-baseline-options';
import {
  checkBoolean, checkInstance, checkOptions, checkOwnNamespace, checkRequired, checkTaskHub, fail, show,
} from './private/input-checks';
import { isLinear } from './private/linear-synth';
import { DurableRegistry, ONE_APP_PER_CLUSTER } from './private/registry';
import { warn } from './private/warnings';
import { DurableTaskScheduler } from './scheduler';
import { DurableWorker, DurableWorkerOptions } from './worker';
import { DurableWorkloadOptions } from './workload-options';

/** Props of {@link TaskHubTenant}. */
export interface TaskHubTenantProps {
  /** The tenant's namespace (a DNS-1123 label), unique in the app. */
  readonly namespaceName: string;
  /** The tenant's task hub, unique per scheduler in the app. */
  readonly taskHub: string;
  /** The scheduler that hosts the task hub. */
  readonly scheduler: DurableTaskScheduler;
  /**
   * Workload identity of the tenant's workers (each gets its own ServiceAccount with it). Give it the
   * Durable Task Worker role scoped to the tenant's task hub.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
  /**
   * Workload identity of the tenant's APIs and clients (Durable Task Data Contributor on the task hub).
   *
   * @default - the tenant's `identity`
   */
  readonly apiIdentity?: WorkloadIdentity;
  /**
   * Quota, limits and network settings of the tenant namespace; `createNamespace: false` adopts a namespace the
   * platform already owns.
   *
   * @default - the NamespaceBaseline defaults
   */
  readonly baseline?: NamespaceBaselineOptions;
  /**
   * Create the namespace baseline (quota, limits, default-deny policies). Set false when the platform manages
   * them in a namespace it owns; the tenant then creates only its workloads (and no Namespace).
   *
   * @default true
   */
  readonly createBaseline?: boolean;
}

/**
 * From this many tenants on, the synth time of an app that cdk8s synthesizes with its repeated whole-app passes is
 * mostly cdk8s walking the app again for every chart.
 */
const QUADRATIC_SYNTH_TENANTS = 100;

/**
 * One tenant: a chart (one YAML file) with a namespace bound to one task hub, the namespace baseline
 * (Pod Security `restricted`, quota, limits, default-deny NetworkPolicies) and the tenant's workers and
 * APIs, all on the tenant's task hub.
 *
 * The chart's id names the output file; renaming it changes no object name or selector.
 */
export class TaskHubTenant extends Chart {
  /** The tenant's namespace. */
  public readonly namespaceName: string;
  /** The tenant's task hub. */
  public readonly taskHub: string;
  /** The scheduler hosting the task hub. */
  public readonly scheduler: DurableTaskScheduler;
  /**
   * The namespace baseline.
   *
   * @default - none when `createBaseline` is false
   */
  public readonly baseline?: NamespaceBaseline;
  /** The tenant's workers, in the order they were added. */
  public readonly workers: DurableWorker[] = [];
  /** The tenant's APIs, in the order they were added. */
  public readonly apis: DurableApi[] = [];
  /** The tenant's clients, in the order they were added. */
  public readonly clients: DurableClient[] = [];
  /**
   * The props the tenant was built with, its `baseline` and `createBaseline` included. Build the same tenant
   * elsewhere from them, e.g. against the DTS emulator in a dev profile (a shallow copy: the defaults are not filled
   * in).
   */
  public readonly options: TaskHubTenantProps;
  private readonly identity?: WorkloadIdentity;
  private readonly apiIdentity?: WorkloadIdentity;

  public constructor(scope: Construct, id: string, props: TaskHubTenantProps) {
    super(scope, id, { namespace: props?.namespaceName });
    checkRequired(this, 'namespaceName', props?.namespaceName, 'the namespace of the tenant, e.g. "tenant-a"');
    checkRequired(this, 'taskHub', props.taskHub, 'the task hub of the tenant');
    checkRequired(this, 'scheduler', props.scheduler, 'DurableTaskScheduler.fromEndpoint(...)');
    checkOwnNamespace(this, 'namespaceName', props.namespaceName);
    checkTaskHub(this, 'taskHub', props.taskHub);
    checkInstance(this, 'scheduler', props.scheduler, DurableTaskScheduler, 'DurableTaskScheduler.fromEndpoint(...)');
    props.scheduler._validate(this);
    for (const prop of ['identity', 'apiIdentity'] as const) {
      if (props[prop] !== undefined) {
        checkInstance(this, prop, props[prop], WorkloadIdentity, 'WorkloadIdentity.fromClientId(...)');
        props[prop]._validate(this, prop);
      }
    }
    checkOptions(this, 'baseline', props.baseline);
    checkBoolean(this, 'createBaseline', props.createBaseline);
    this.options = { ...props };
    this.namespaceName = props.namespaceName;
    this.taskHub = props.taskHub;
    this.scheduler = props.scheduler;
    this.identity = props.identity;
    this.apiIdentity = props.apiIdentity ?? props.identity;
    if (props.createBaseline === false && props.baseline !== undefined) {
      fail(this, "'baseline' needs 'createBaseline' true: without a baseline there is no quota, limits or policies to "
        + 'configure');
    }
    this.baseline = props.createBaseline === false ? undefined
      : new NamespaceBaseline(this, 'Baseline', { ...props.baseline, namespaceName: props.namespaceName });
    // The same hub on the same scheduler, however its endpoint is spelled (case, trailing slash).
    const registry = DurableRegistry.of(this);
    const schedulerOrigin = new URL(props.scheduler.endpoint).origin;
    registry.claim(this, { kind: 'TaskHub', key: `${schedulerOrigin}/${props.taskHub.toLowerCase()}` },
      first => `'taskHub' (${show(this.taskHub)}) on ${this.scheduler.endpoint} is already bound to ${first}: every `
        + 'tenant needs a task hub of its own');
    registry.bindTenant(this, { path: this.node.path, taskHub: props.taskHub, schedulerOrigin });
    if (registry.tenantCount === QUADRATIC_SYNTH_TENANTS && !isLinear(this.node.root)) {
      warn(this, `${QUADRATIC_SYNTH_TENANTS} tenants on an App whose class overrides synth() or synthYaml(), which `
        + 'this library leaves to cdk8s: cdk8s validates and walks the whole app again for every chart it renders, '
        + 'so synth time grows with the square of the tenant count (1000 tenants: about 4 times as long as with '
        + 'DurableApp). Extend DurableApp instead of App: the same output.');
    }
    // One tenant per namespace, with or without a baseline (which claims the namespace too).
    registry.claim(this, { kind: 'TenantNamespace', key: props.namespaceName }, first =>
      `'namespaceName' (${show(props.namespaceName)}) is already the namespace of tenant ${first}: every tenant `
      + `needs a namespace of its own${ONE_APP_PER_CLUSTER}`);
  }

  /**
   * Adds a worker on the tenant's task hub, with the tenant's identity unless the options give one or a
   * shared `serviceAccount`.
   */
  public addWorker(id: string, options: DurableWorkerOptions): DurableWorker {
    const worker = new DurableWorker(this, id, this.bind(options, this.identity));
    this.workers.push(worker);
    return worker;
  }

  /**
   * Adds a client (schedules orchestrations or raises events) on the tenant's task hub, with the tenant's API
   * identity unless the options give one or a shared `serviceAccount`.
   */
  public addClient(id: string, options: DurableClientOptions): DurableClient {
    const client = new DurableClient(this, id, this.bind(options, this.apiIdentity));
    this.clients.push(client);
    return client;
  }

  /**
   * Adds an API on the tenant's task hub, with the tenant's API identity unless the options give one or
   * a shared `serviceAccount`.
   */
  public addApi(id: string, options: DurableApiOptions): DurableApi {
    const api = new DurableApi(this, id, this.bind(options, this.apiIdentity));
    this.apis.push(api);
    return api;
  }

  /**
   * The options bound to the tenant: its scheduler and task hub, and `identity` unless the options give one or a
   * shared `serviceAccount`. A JavaScript caller may pass no options: the workload then reports each required prop.
   */
  private bind<T extends DurableWorkloadOptions>(options: T | undefined, identity: WorkloadIdentity | undefined) {
    const given = options ?? ({} as T);
    return {
      ...given,
      identity: given.identity ?? (given.serviceAccount ? undefined : identity),
      scheduler: this.scheduler,
      taskHub: this.taskHub,
    };
  }
}
