import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { DurableApiOptions } from './api';
import { AzureIdentities } from './azure-identities';
import { DurableTaskSchedulerResource } from './azure-resources';
import { WorkItemType } from './keda-trigger-options';
import { NamespaceBaselineOptions } from './namespace-baseline-options';
import { DEFAULT_API_NAME, defaultWorkerName } from './private/default-names';
import { show } from './private/input-checks';
import { failOnLateWorkloads } from './private/late-workloads';
import { ApiSpec, checkShape, IdentitySpec, TenantSpec, TenantsSpec,
  tenantsFileShape, WorkerSpec, WorkloadSpec, withQuantityTexts } from './private/tenants-spec';
import {
  atIdentityField, baselineFieldMessage, checkAzureSection, checkBaselineChoices, checkIdentityClientIds,
  checkOwnTriggerIdentities, checkTenantName, checkTriggerIdentities, tenantFieldMessage, workloadFieldMessage,
} from './private/tenants-checks';
import { identity, workload } from './private/tenants-workloads';
import { readTypedYamlDocuments } from './private/yaml-file';
import { DurableTaskScheduler } from './scheduler';
import { TaskHubTenant } from './tenant';
import { DurableWorker, DurableWorkerOptions } from './worker';

/**
 * A tenants file: the app's tenants as data (YAML), so a tenant is onboarded by a pull request that adds an entry.
 * Each entry becomes a {@link TaskHubTenant} (one chart, one output file, named after the tenant) with its workers
 * and APIs. The JSON Schema `schemas/tenants.schema.json` (shipped in the package) lets editors complete and check
 * it; put `# yaml-language-server: $schema=<path or URL>/tenants.schema.json` on the first line.
 *
 * Errors name the file, the entry and the field path in quotes, the value, then what is allowed, e.g.
 * `tenants.yaml: tenants[3] "acme": 'workers[0].scaling.maxReplicas' (0) must be >= 1`; or the entry and the
 * construct's own message.
 */
export class TenantsFile {
  /**
   * Reads a tenants file with cdk8s's YAML parser (YAML 1.1, like the rest of cdk8s). A value YAML 1.1 types where the
   * file needs a string (`on`, `no`, `0123`, `1.10`, `2026-01-01`) fails, naming the text as written: quote it.
   */
  public static fromFile(filePath: string): TenantsFile {
    const docs = readTypedYamlDocuments(filePath);
    if (docs.length !== 1) {
      throw new Error(`${path.basename(filePath)}: must hold exactly one YAML document, found ${docs.length}`);
    }
    return new TenantsFile(path.basename(filePath), docs[0].data, docs[0].typedScalars);
  }

  /** A tenants file from data already parsed (e.g. JSON); `fileName` is how errors name it. */
  public static fromData(fileName: string, data: any): TenantsFile {
    return new TenantsFile(fileName, data);
  }

  /** Names of the tenants, in file order. */
  public readonly tenantNames: string[];
  private readonly spec: TenantsSpec;
  private readonly byTenant = new Map<TaskHubTenant, { spec: TenantSpec; index: number }>();
  /** The apps (construct tree roots) addTenants has built the tenants in. */
  private readonly roots = new Set<IConstruct>();

  private constructor(
    /** The file name errors use. */
    public readonly fileName: string,
    data: any,
    /** Texts of the unquoted scalars YAML typed (numbers, booleans, nulls, dates), for "quote it" hints. */
    typedScalars?: ReadonlyMap<string, string>,
  ) {
    const label = (p: string) => this.label(data, p);
    const problem = checkShape(data, tenantsFileShape(), '', label, typedScalars);
    if (problem) {
      throw new Error(problem.startsWith(fileName) ? problem : `${fileName}: ${problem}`);
    }
    // Quantities written as numbers (`cpuRequest: 0.5`) as the strings the constructs take.
    this.spec = withQuantityTexts(data, tenantsFileShape(), '', typedScalars) as TenantsSpec;
    this.checkSchedulers(label);
    const seen = new Map<string, number>();
    this.spec.tenants.forEach((t, i) => {
      const first = seen.get(t.name);
      if (first !== undefined) {
        throw new Error(`${label(`tenants[${i}].name`)} (${show(t.name)}) is already `
          + `the name of tenants[${first}]`);
      }
      seen.set(t.name, i);
      checkTenantName(t.name, label(`tenants[${i}].name`));
      checkWorkloadNames(t, p => label(`tenants[${i}].${p}`));
      checkTriggerIdentities(t, p => label(`tenants[${i}].${p}`));
      checkOwnTriggerIdentities(t, p => label(`tenants[${i}].${p}`));
      checkIdentityClientIds(t, p => label(`tenants[${i}].${p}`));
      checkBaselineChoices(t, p => label(`tenants[${i}].${p}`));
      const scheduler = t.scheduler ?? (this.spec.schedulers.length === 1 ? this.spec.schedulers[0].name : undefined);
      if (!this.spec.schedulers.some(s => s.name === scheduler)) {
        throw new Error(`${label(`tenants[${i}].scheduler`)} (${show(t.scheduler ?? null)}) `
          + `must name one of the schedulers: ${this.spec.schedulers.map(s => JSON.stringify(s.name)).join(', ')}`);
      }
    });
    this.tenantNames = this.spec.tenants.map(t => t.name);
  }

  /**
   * Builds every tenant of the file under `scope` (the app): one TaskHubTenant chart each, with the chart id and
   * (unless the entry says otherwise) the namespace and task hub named after the tenant.
   */
  public addTenants(scope: Construct): TaskHubTenant[] {
    if (this.roots.has(scope.node.root)) {
      throw new Error(`${this.fileName}: addTenants() has already built this file's tenants in this app: build them `
        + 'once per app (every tenant needs a namespace and a task hub of its own)');
    }
    this.spec.tenants.forEach((t, i) => {
      const id = t.name.replace(/\//g, '--');
      const existing = scope.node.children.find(c => c.node.id === id);
      if (existing) {
        throw new Error(`${this.label(this.spec, `tenants[${i}].name`)} (${show(t.name)}) is the id of a construct `
          + `${scope.node.path === '' ? 'the app' : scope.node.path} already has (${existing.node.path}), and the `
          + "tenant's chart is named after the tenant: choose another name");
      }
    });
    this.roots.add(scope.node.root);
    const schedulers = new Map(this.spec.schedulers.map(s => [s.name, DurableTaskScheduler.fromEndpoint(s.endpoint, {
      connectionStringEnvName: s.connectionStringEnvName,
    })] as [string, DurableTaskScheduler]));
    return this.spec.tenants.map((t, i) => this.entry(i, () => {
      const scheduler = schedulers.get(t.scheduler ?? this.spec.schedulers[0].name)!;
      const tenant = new TaskHubTenant(scope, t.name, {
        namespaceName: t.namespace ?? t.name,
        taskHub: t.taskHub ?? t.name,
        createBaseline: t.createBaseline,
        baseline: t.baseline as NamespaceBaselineOptions | undefined,
        scheduler,
        identity: identity(t.identity, `${t.name}-workers`),
        apiIdentity: identity(t.apiIdentity, `${t.name}-apis`),
      });
      const ids = workloadIds(t, tenant.node.children.map(c => c.node.id));
      (t.workers ?? []).forEach((w, j) => this.entry(i, () => tenant.addWorker(ids.workers[j], {
        ...workload(w, this.spec.defaults?.workerImage),
        ...(w.workItemType ? { workItemType: w.workItemType as WorkItemType } : {}),
        port: w.port,
      } as DurableWorkerOptions), `workers[${j}]`));
      (t.apis ?? []).forEach((a, j) => this.entry(i, () => tenant.addApi(ids.apis[j], {
        ...workload(a, this.spec.defaults?.apiImage),
        port: a.port, servicePort: a.servicePort, ingress: a.ingress, httpRoute: a.httpRoute,
      } as DurableApiOptions), `apis[${j}]`));
      this.byTenant.set(tenant, { spec: t, index: i });
      return tenant;
    }));
  }

  /** The Azure resources of the file's schedulers (those with an `azure` section). */
  public get schedulerResources(): DurableTaskSchedulerResource[] {
    return this.spec.schedulers.filter(s => s.azure).map(s => ({ endpoint: s.endpoint, ...s.azure! }));
  }

  /**
   * Adds to `chart` the Azure identities of a tenant built by {@link addTenants}: the workers' `identity` and the
   * APIs' `apiIdentity`, for entries that have an `azure` section (`resourceId` + `principalId` of an existing
   * identity, or `create`). APIs without an `apiIdentity` (or with the workers' client id) share the workers'
   * identity. Returns how many identities it added.
   */
  public addAzureIdentities(chart: AzureIdentities, tenant: TaskHubTenant): number {
    const entry = this.byTenant.get(tenant);
    if (!entry) {
      throw new Error(`${this.fileName}: 'tenant' (${tenant?.node?.path ?? show(tenant)}) was not built from this file `
        + 'by addTenants()');
    }
    const { spec: t, index } = entry;
    const label = (f: string) => this.label(this.spec, `tenants[${index}].${f}`);
    // The APIs join the workers' identity only when they log in as it: no apiIdentity, or the same client id. An
    // apiIdentity of their own without an `azure` section is managed elsewhere (its credentials would not help it).
    const sameClientId = t.apiIdentity?.clientId !== undefined
      && t.apiIdentity.clientId.toLowerCase() === t.identity?.clientId?.toLowerCase();
    const separateApi = t.apiIdentity !== undefined && (t.apiIdentity.azure !== undefined || !sameClientId);
    const groups: [string, IdentitySpec | undefined, Construct[], string, Construct[]?][] = [
      [`${t.name}-workers`, t.identity, separateApi ? [...tenant.workers] : [...tenant.workers, ...tenant.apis],
        'identity'],
      [`${t.name}-apis`, t.apiIdentity, separateApi ? [...tenant.apis] : [], 'apiIdentity'],
      ...triggerIdentities(t, [...tenant.workers], [...tenant.apis], label),
    ];
    let added = 0;
    for (const [name, spec, workloads, field, scalerOf] of groups) {
      if (!spec?.azure || workloads.length + (scalerOf?.length ?? 0) === 0) continue;
      if (name.length > 63) { // an identity's name is a DNS label (it names ASO objects and the ConfigMap)
        throw new Error(`${this.label(this.spec, `tenants[${index}].name`)} (${show(t.name)}) names the tenant's `
          + `Azure identity ${show(name)}, which may have at most 63 characters: use a name of at most `
          + `${63 + t.name.length - name.length}`);
      }
      this.entry(index, () => atIdentityField(name, field, label, () => chart.addIdentity({
        name,
        workloads,
        scalerOf,
        create: spec.azure!.create,
        existing: spec.azure!.resourceId !== undefined || spec.azure!.principalId !== undefined
          ? { resourceId: spec.azure!.resourceId!, principalId: spec.azure!.principalId! } : undefined,
      })));
      added++;
    }
    // The identities cover the workloads the tenant has now: one added later would run without credentials or roles.
    const covered = (w: IConstruct) => (w instanceof DurableWorker ? groups[0] : separateApi ? groups[1] : groups[0])[1]
      ?.azure !== undefined;
    const known = [...tenant.workers, ...tenant.apis, ...tenant.clients];
    failOnLateWorkloads(chart, [tenant], known, late => `${late.node.path} was added `
      + `to tenant ${show(t.name)} of ${this.fileName} after addAzureIdentities(), which made the tenant's federated `
      + 'credentials and roles from the workloads it had then: add every worker and API first', covered);
    return added;
  }

  /**
   * Each scheduler: an endpoint as DurableTaskScheduler.fromEndpoint accepts it (its own check, reported at the
   * field), a name of its own, and at most one `azure` section per endpoint (role assignments find a scheduler's
   * Azure resource by its endpoint).
   */
  private checkSchedulers(label: (p: string) => string): void {
    const names = new Map<string, number>();
    const withAzure = new Map<string, number>();
    this.spec.schedulers.forEach((s, i) => {
      const scheduler = DurableTaskScheduler.fromEndpoint(s.endpoint,
        { connectionStringEnvName: s.connectionStringEnvName });
      try {
        scheduler._validate(new Construct(undefined as any, 'scheduler'));
      } catch (e) {
        // The check names the prop as `scheduler: 'scheduler.<field>' (<value>) <problem>`: name the file field.
        const message = (e as Error).message.replace(/^scheduler: /, '');
        for (const field of ['endpoint', 'connectionStringEnvName'] as const) {
          const prop = `'scheduler.${field}' (${show(s[field])}) `;
          if (message.startsWith(prop)) {
            throw new Error(`${label(`schedulers[${i}].${field}`)} (${show(s[field])}) ${message.slice(prop.length)}`);
          }
        }
        throw new Error(`${label(`schedulers[${i}]`)}: ${message}`);
      }
      if (s.azure) {
        checkAzureSection(s, i, label);
      }
      const first = names.get(s.name);
      if (first !== undefined) {
        throw new Error(`${label(`schedulers[${i}].name`)} (${show(s.name)}) is already the name of `
          + `schedulers[${first}]`);
      }
      names.set(s.name, i);
      if (s.azure) {
        const origin = new URL(s.endpoint).origin;
        const other = withAzure.get(origin);
        if (other !== undefined) {
          throw new Error(`${label(`schedulers[${i}].endpoint`)} (${show(s.endpoint)}) is already the endpoint of `
            + `schedulers[${other}], which has an azure section too: role assignments find a scheduler's Azure `
            + 'resource by its endpoint, so list the scheduler once, or give only one of them the azure section');
        }
        withAzure.set(origin, i);
      }
    });
  }

  /** Runs `build` for entry `index`, prefixing any error with the file and the entry. */
  private entry<T>(index: number, build: () => T, field?: string): T {
    try {
      return build();
    } catch (e) {
      const prefix = `${this.fileName}: tenants[${index}] ${show(this.spec.tenants[index].name)}`;
      const message = (e as Error).message;
      if (message.startsWith(`${this.fileName}: `)) throw e;
      const t = this.spec.tenants[index];
      const label = (f: string) => this.label(this.spec, `tenants[${index}].${f}`);
      const atField = field ? baselineFieldMessage(message, label) ?? workloadFieldMessage(message, field, label)
        : tenantFieldMessage(message, t, label);
      throw new Error(atField ?? `${prefix}: ${field ? `${field}: ` : ''}${message}`);
    }
  }

  private label(data: any, p: string): string {
    const m = /^tenants\[(\d+)\](?:\.(.*))?$/.exec(p);
    if (!m) {
      return p === '' ? `${this.fileName}: (top level)` : `${this.fileName}: '${p}'`;
    }
    const name = data?.tenants?.[Number(m[1])]?.name;
    const shownName = typeof name === 'string' && name !== '' ? ` ${show(name)}` : '';
    return m[2] ? `${this.fileName}: tenants[${m[1]}]${shownName}: '${m[2]}'` : `${this.fileName}: '${p}'`;
  }
}

/** The Deployment name of a workload: its `name`, or the default of DurableWorker / DurableApi. */
function deploymentName(kind: 'worker' | 'api', w: WorkerSpec | ApiSpec): string {
  if (w.name !== undefined) return w.name;
  return kind === 'api' ? DEFAULT_API_NAME : defaultWorkerName((w as WorkerSpec).workItemType);
}

/** The workloads of a tenant entry, workers then APIs, with their field paths. */
function workloadsOf(t: TenantSpec): { kind: 'worker' | 'api'; field: string; index: number; spec: WorkloadSpec }[] {
  return [
    ...(t.workers ?? []).map((spec, index) => ({ kind: 'worker' as const, field: `workers[${index}]`, index, spec })),
    ...(t.apis ?? []).map((spec, index) => ({ kind: 'api' as const, field: `apis[${index}]`, index, spec })),
  ];
}

/** Each workload of a tenant names a Deployment (and ServiceAccount) in the tenant's namespace: no two alike. */
function checkWorkloadNames(t: TenantSpec, label: (path: string) => string): void {
  const seen = new Map<string, string>();
  for (const { kind, field, spec } of workloadsOf(t)) {
    const name = deploymentName(kind, spec);
    // An empty name is left to the workload's own check (a DNS-1123 label).
    if (name === '') continue;
    const first = seen.get(name);
    if (first !== undefined) {
      const shown = spec.name === undefined ? `not given, so ${show(name)}` : show(name);
      throw new Error(`${label(`${field}.name`)} (${shown}) is already the Deployment name of ${first}: give each `
        + 'workload of the tenant a name of its own');
    }
    seen.set(name, field);
  }
}

/**
 * Construct ids for a tenant's workloads that cannot collide with each other or with `existing` (the chart's other
 * children): a workload's name when it can be an id (named workloads first, whatever their order), else
 * `worker-<j>` / `api-<j>` (as unnamed workloads always get when free), else the default Deployment name, else
 * `worker-<j>-<n>`. A name that cannot be an id (empty, with '/', a member of Object.prototype such as
 * `constructor`) is still the workload's `name`: the workload checks it and, if valid, uses it.
 */
function workloadIds(t: TenantSpec, existing: string[]): { workers: string[]; apis: string[] } {
  const taken = new Set(existing);
  const free = (id: string) => id !== '' && !id.includes('/') && !(id in Object.prototype) && !taken.has(id);
  const ids = { worker: [] as string[], api: [] as string[] };
  const all = workloadsOf(t);
  for (const { kind, index, spec } of all) {
    if (spec.name !== undefined && free(spec.name)) {
      ids[kind][index] = spec.name;
      taken.add(spec.name);
    }
  }
  for (const { kind, index, spec } of all) {
    if (ids[kind][index] !== undefined) continue;
    const base = `${kind}-${index}`;
    let id = [base, ...(spec.name === undefined ? [deploymentName(kind, spec)] : [])].find(free);
    for (let n = 2; id === undefined; n++) {
      id = free(`${base}-${n}`) ? `${base}-${n}` : undefined;
    }
    ids[kind][index] = id;
    taken.add(id);
  }
  return { workers: ids.worker, apis: ids.api };
}

/**
 * The Azure side of the entry's DTS triggers' own identities (those with an `azure` section), one per client id:
 * `<tenant>-scaler`, `<tenant>-scaler-2`, ..., each `scalerOf` the workloads whose triggers authenticate as it
 * (AzureIdentities gives it the KEDA operator's federated credential and Durable Task Data Reader on the hub).
 */
function triggerIdentities(t: TenantSpec, workers: Construct[], apis: Construct[], label: (field: string) => string):
[string, IdentitySpec, Construct[], string, Construct[]][] {
  const byClientId = new Map<string, { spec?: IdentitySpec; field: string; scalerOf: Construct[] }>();
  const workloads = [...(t.workers ?? []).map((w, j) => ({ w, field: `workers[${j}]`, construct: workers[j] })),
    ...(t.apis ?? []).map((w, j) => ({ w, field: `apis[${j}]`, construct: apis[j] }))];
  for (const { w, field, construct } of workloads) {
    (w.scaling?.type === 'keda' ? w.scaling.triggers ?? [] : []).forEach((trigger, k) => {
      if (trigger.identity?.clientId === undefined) return;
      const key = trigger.identity.clientId.toLowerCase();
      const at = `${field}.scaling.triggers[${k}].identity`;
      const group = byClientId.get(key) ?? { field: at, scalerOf: [] };
      byClientId.set(key, group);
      if (!group.scalerOf.includes(construct)) group.scalerOf.push(construct);
      if (trigger.identity.azure === undefined) return;
      // Existing identities only (azure.create fails when the file is read); ids compare case-insensitively.
      const id = (a?: IdentitySpec['azure']) => `${a?.resourceId}|${a?.principalId}`.toLowerCase();
      const differs = id(group.spec?.azure) !== id(trigger.identity.azure);
      if (group.spec?.azure !== undefined && differs) {
        throw new Error(`${label(`${at}.azure`)} (${show(trigger.identity.azure)}) differs from the azure section `
          + `of ${group.field}, which has the same client id: one identity has one Azure side; give it once, or the `
          + 'same in both');
      }
      if (group.spec === undefined) Object.assign(group, { spec: trigger.identity, field: at });
    });
  }
  return [...byClientId.values()].filter(g => g.spec !== undefined)
    .map((g, n) => [`${t.name}-scaler${n === 0 ? '' : `-${n + 1}`}`, g.spec!, [], g.field, g.scalerOf]);
}
