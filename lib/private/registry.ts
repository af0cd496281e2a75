import { ApiObject, App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { linearizeApp } from './linear-synth';

/**
 * Marks the registry construct. `Symbol.for` is shared by every copy of this library loaded into one process, so
 * two copies (e.g. one hoisted, one nested in node_modules) find and share one registry per app instead of
 * silently keeping two halves of the app's claims. Bump the version when the registry's shape changes.
 */
const REGISTRY_MARKER = Symbol.for('cdk8s-durable-task.Registry.v1');

/**
 * The way out of a namespace clash for an app that describes several clusters: the names are checked per app (the
 * registry is a construct under the app root), so one app per cluster, in one process too, checks each cluster alone.
 */
export const ONE_APP_PER_CLUSTER = '; for several clusters that reuse namespace names, build one app per cluster '
  + "(e.g. new DurableApp({ outdir: 'dist/<cluster>' }) for each): each app checks its own names";

/** Construct id of the registry under the app root. */
export const REGISTRY_ID = 'cdk8s-durable-task.Registry';

/** An app-wide name that must be unique, e.g. a Deployment name in a namespace. */
export interface UniqueName {
  /** What is named, e.g. `Deployment`; together with `key` it is the claim. */
  readonly kind: string;
  /** The name and its scope, e.g. `<namespace>/<name>`. */
  readonly key: string;
  /**
   * Claims of the same kind and key with the same tag are reported elsewhere (e.g. by a claim of another kind),
   * so they are not a conflict of this kind.
   */
  readonly tag?: string;
}

/** What a TaskHubTenant binds its chart to. */
export interface TenantBinding {
  /** Construct path of the tenant. */
  readonly path: string;
  readonly taskHub: string;
  /** Origin (scheme, host, port) of the scheduler endpoint. */
  readonly schedulerOrigin: string;
}

interface Claim {
  readonly owner: IConstruct;
  readonly tag?: string;
}

/**
 * The app's registry of Durable Task constructs: one per app, a construct under the app root, so that its state
 * lives and dies with the app (no module-level state) and every copy of the library shares it.
 *
 * It owns every app-wide fact constructs need from each other: unique names (namespaces, task hubs per
 * scheduler, workload, ServiceAccount, HPA and ScaledObject names per namespace) and the members of each
 * namespace (workloads, baselines). A unique name is checked when it is claimed, so a clash fails at
 * construction with both construct paths, and no validation has to search the app at synth.
 */
export class DurableRegistry extends Construct {
  /** The registry of the app `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): DurableRegistry {
    const root = scope.node.root;
    const existing = root.node.tryFindChild(REGISTRY_ID);
    if (existing !== undefined) {
      if (!(REGISTRY_MARKER in existing)) {
        throw new Error(`${existing.node.path}: this construct id under the app root is reserved by `
          + "cdk8s-durable-task (the app's registry of names): give the construct another id");
      }
      return existing as unknown as DurableRegistry;
    }
    return new DurableRegistry(root as Construct, REGISTRY_ID);
  }

  /** The registry of the app `scope` belongs to, if any construct of this library created one. */
  public static find(scope: IConstruct): DurableRegistry | undefined {
    const existing = scope.node.root.node.tryFindChild(REGISTRY_ID);
    return existing !== undefined && REGISTRY_MARKER in existing ? existing as unknown as DurableRegistry : undefined;
  }

  private readonly claims = new Map<string, Claim[]>();
  private autoscalerIndex?: ReadonlyMap<string, readonly ApiObject[]>;
  private synthFacts?: { numbered?: boolean };
  private readonly members = new Map<string, IConstruct[]>();
  private readonly watchers = new Map<string, Array<() => void>>();
  private readonly folders = new Map<IConstruct, string>();
  private readonly tenants = new Map<IConstruct, TenantBinding>();

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    Object.defineProperty(this, REGISTRY_MARKER, { value: true });
    if (scope instanceof App) {
      // Gives a plain App DurableApp's linear synth (see linearizeApp); any other app keeps its own.
      linearizeApp(scope, synth => this.withAutoscalerIndex(synth));
    }
  }

  /**
   * Claims `name` for `owner`, or throws `<owner path>: <conflict(first owner's path)>` when another construct
   * claimed it first (with a different tag, when tags are given).
   */
  public claim(owner: IConstruct, name: UniqueName, conflict: (firstPath: string) => string): void {
    const id = `${name.kind}\u0000${name.key}`;
    const claims = this.claims.get(id) ?? [];
    const first = claims.find(c => name.tag === undefined || c.tag !== name.tag);
    if (first !== undefined && first.owner !== owner) {
      throw new Error(`${owner.node.path}: ${conflict(first.owner.node.path)}`);
    }
    // One claim per tag is enough to find a conflict (and untagged, one per owner): a name shared by many owners
    // with one tag (a ServiceAccount of many workloads) stays a short list.
    if (!claims.some(c => c.tag === name.tag && (name.tag !== undefined || c.owner === owner))) {
      claims.push({ owner, tag: name.tag });
    }
    this.claims.set(id, claims);
  }

  /** Records the task hub and scheduler a TaskHubTenant binds its chart to. */
  public bindTenant(chart: IConstruct, binding: TenantBinding): void {
    this.tenants.set(chart, binding);
  }

  /**
   * Puts the output file of `chart` into `folder` (relative to the app's outdir); DurableApp moves it there after
   * cdk8s writes it. A chart has one folder: placing it again in another fails, naming `owner`.
   */
  public placeInFolder(owner: IConstruct, chart: IConstruct, folder: string): void {
    this.claim(owner, { kind: 'OutputFolder', key: chart.node.path, tag: folder }, first =>
      `chart ${chart.node.path} is already placed in another output folder by ${first}`);
    this.folders.set(chart, folder);
  }

  /** The output folder of each chart placed in one, in the order they were placed. */
  public outputFolders(): ReadonlyMap<IConstruct, string> {
    return this.folders;
  }

  /** How many TaskHubTenants the app has. */
  public get tenantCount(): number {
    return this.tenants.size;
  }

  /** The binding of `chart` when it is a TaskHubTenant. */
  public tenantOf(chart: IConstruct): TenantBinding | undefined {
    return this.tenants.get(chart);
  }

  /**
   * Runs `synth` with an index of every HorizontalPodAutoscaler and ScaledObject of the app by namespace, built
   * once: the checks workloads make when they render then read it instead of searching the app each time. It
   * exists only while `synth` runs (the tree does not change during a synth).
   */
  public withAutoscalerIndex(synth: () => void): void {
    const index = new Map<string, ApiObject[]>();
    for (const c of this.node.root.node.findAll()) {
      if (c instanceof ApiObject && (c.kind === 'HorizontalPodAutoscaler' || c.kind === 'ScaledObject')) {
        const namespace = c.metadata.namespace ?? Chart.of(c).namespace ?? '';
        const list = index.get(namespace);
        if (list) {
          list.push(c);
        } else {
          index.set(namespace, [c]);
        }
      }
    }
    this.autoscalerIndex = index;
    this.synthFacts = {};
    try {
      synth();
    } finally {
      this.autoscalerIndex = undefined;
      this.synthFacts = undefined;
    }
  }

  /**
   * Whether cdk8s numbers the app's chart files (see output-folders.ts): `compute()`d once per linear synth (the tree
   * does not change while it runs), every time otherwise.
   */
  public chartFilesNumbered(compute: () => boolean): boolean {
    if (this.synthFacts === undefined) {
      return compute();
    }
    this.synthFacts.numbered ??= compute();
    return this.synthFacts.numbered;
  }

  /** The autoscalers of `namespace` while a synth with an index runs; undefined otherwise. */
  public autoscalersIn(namespace: string): readonly ApiObject[] | undefined {
    return this.autoscalerIndex === undefined ? undefined : this.autoscalerIndex.get(namespace) ?? [];
  }

  /**
   * Adds `member` to the group `group` (e.g. the workloads of a namespace), then runs the group's watchers: one
   * that throws fails the construction of the member that joined.
   */
  public join(group: string, member: IConstruct): void {
    this.group(group).push(member);
    for (const check of this.watchers.get(group) ?? []) {
      check();
    }
  }

  /**
   * Runs `check` now and again each time a member joins `group`. This is how a rule over a group (e.g. a namespace's
   * quota over its workloads) is checked at construction rather than in a validation, which cdk8s would run once
   * for every chart it renders: the rule fails at the first member that breaks it, as groups only grow.
   */
  public watch(group: string, check: () => void): void {
    const list = this.watchers.get(group);
    if (list) {
      list.push(check);
    } else {
      this.watchers.set(group, [check]);
    }
    check();
  }

  /**
   * The members of `group` in the order they joined: a live list, so a construct can hold it from construction
   * on and see members that join later.
   */
  public membersOf<T extends IConstruct>(group: string): readonly T[] {
    return this.group(group) as T[];
  }

  private group(name: string): IConstruct[] {
    let list = this.members.get(name);
    if (list === undefined) {
      list = [];
      this.members.set(name, list);
    }
    return list;
  }
}

/** The registry group of the workloads of a namespace. */
export function namespaceWorkloads(namespace: string): string {
  return `workloads:${namespace}`;
}

/** The registry group of the APIs of a namespace with a LoadBalancer Service (for its quota). */
export function namespaceLoadBalancers(namespace: string): string {
  return `load-balancers:${namespace}`;
}
