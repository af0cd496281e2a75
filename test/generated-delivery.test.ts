import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import Ajv2020 from 'ajv/dist/2020';
import { App, Chart, Testing } from 'cdk8s';
import { buildReferenceApp } from '../app/reference-app';
import { loadAppSettings } from '../app/settings';
import {
  AzureIdentities, ClusterAddOn, DurableApi, DurableApp, DurableTaskScheduler, DurableTaskSchedulerEmulator,
  DurableWorker, GitOpsDelivery, HealthProbe, IdentityPlan, KedaTrigger, NamespaceBaseline, Scaling, WorkloadIdentity,
} from '../lib';
import { tenantsJsonSchema } from '../lib/private/tenants-schema';
import { checkShape, tenantsFileShape } from '../lib/private/tenants-spec';
import { readYamlDocuments } from '../lib/private/yaml-file';
import { Outcome, attempt, describeInput, expectKept, generator, synthAll } from './generated';
import { CLIENT_ID, ENDPOINT, IMAGE, OTHER_CLIENT_ID } from './util';

// Generated inputs for the delivery side: tenants files (YAML text), AzureIdentities and the identity plan,
// GitOpsDelivery and the emulator profile, from a seeded generator (the same cases every run). The rule each case
// must keep, whatever the input:
// - it fails with a plain Error that says where: the file and the field path (tenants files), or the construct path
//   or the factory (constructs), then the problem; never a TypeError or RangeError from deep inside;
// - or it succeeds, and then the output passes the manifest validator with no finding.
// For tenants files also: the JSON Schema (schemas/tenants.schema.json) and the reader's structural check agree.

interface Picker {
  pick<T>(values: readonly T[]): T;
  /** True with probability `p` (0.3 by default). */
  maybe(p?: number): boolean;
  /** A value of `valid` mostly, else one of `invalid`. */
  choose<T>(valid: readonly T[], invalid: readonly unknown[], p?: number): T;
}

/** `valid`: how often `choose` takes a valid value (fewer for generators that choose many values per case). */
function picker(random: () => number, valid = 0.9): Picker {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  return {
    pick,
    maybe: (p = 0.3) => random() < p,
    choose: <T>(values: readonly T[], invalid: readonly unknown[], p = valid) =>
      (random() < p ? pick(values) : pick(invalid) as T),
  };
}

const GUID = '00000000-0000-0000-0000-00000000000a';
const OTHER_GUID = '00000000-0000-0000-0000-00000000000b';
const ISSUER = 'https://westus2.oic.prod-aks.azure.com/00000000-0000-0000-0000-0000000000aa/11111111-2222-3333-4444-555555555555/';
const BILLING = 'https://billing.eastus.durabletask.io';
const identityId = (name: string, sub = GUID, rg = 'rg') => `/subscriptions/${sub}/resourceGroups/${rg}/providers/`
  + `Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

// ---------------------------------------------------------------------------------------------------------------
// Tenants files

/** A YAML scalar written as it is (unquoted): `yes`, `~`, `0x10`, ... as a hand-written file may hold them. */
class Raw {
  public constructor(public readonly text: string) {}
}

const raw = (text: string) => new Raw(text);
/** A mapping with a repeated key (invalid YAML, which the parser reports). */
class Repeated {
  public constructor(public readonly key: string, public readonly values: [unknown, unknown]) {}
}

function yamlScalar(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value === null) return 'null';
  return JSON.stringify(value);
}

/** YAML text of `value` (block style, flow style for small mappings now and then). */
function toYaml(value: unknown, indent: string, p: Picker): string {
  const simple = (v: unknown) => v === null || typeof v !== 'object' || v instanceof Raw;
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value.map(item => `\n${indent}- ${toYaml(item, `${indent}  `, p).replace(/^\n\s*/, '')}`).join('');
  }
  if (value instanceof Repeated) {
    return value.values.map(v => `\n${indent}${value.key}:${toYaml(v, `${indent}  `, p)}`).join('');
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Raw)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return ' {}';
    if (entries.every(([, v]) => simple(v)) && p.maybe(0.3)) {
      return ` { ${entries.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ')} }`;
    }
    return entries.map(([k, v]) => (v instanceof Repeated ? toYaml(v, indent, p)
      : `\n${indent}${k}:${toYaml(v, `${indent}  `, p)}`)).join('');
  }
  return ` ${yamlScalar(value)}`;
}

const WRONG = [raw('~'), raw(''), raw('yes'), 7, raw('[]'), raw('{}'), raw('0x10'), raw('.inf'), '', ' '];
const WRONG_INT = [raw('~'), '3', -1, 0.5, raw('1e3'), raw('.inf'), raw('08'), raw('1_000'), raw('yes'), 2 ** 31];

/** Sometimes one unknown field, misspelled or in the wrong place. */
function withTypo(p: Picker, o: Record<string, unknown>, typos: readonly string[]): Record<string, unknown> {
  return p.maybe(0.007) ? { ...o, [p.pick(typos)]: p.pick(['x', 1, raw('~')]) } : o;
}

function scalingSpec(p: Picker): unknown {
  const type = p.choose(['fixed', 'hpa', 'keda'], ['Fixed', 'auto', raw('~')]);
  const int = (valid: number[]) => (p.maybe(0.4) ? p.choose(valid, WRONG_INT) : undefined);
  switch (p.maybe(0.1) ? p.pick(['fixed', 'hpa', 'keda']) : type) {
    case 'fixed': return withTypo(p, { type, replicas: int([1, 2, 0]) }, ['minReplicas', 'replica']);
    case 'hpa': return withTypo(p, { type, minReplicas: int([1, 2, 3]), maxReplicas: int([3, 5, 20, 1]),
      cpuUtilization: int([50, 70]), memoryUtilization: int([80]) }, ['replicas', 'triggers', 'maxReplica']);
    default: return withTypo(p, {
      type, minReplicas: int([0, 1, 2]), maxReplicas: int([3, 10]),
      triggers: p.maybe(0.7) ? Array.from({ length: p.pick([0, 1, 1, 2]) }, (_, i) => {
        const kind = p.choose(['cpu', 'memory', 'durableTaskScheduler'], ['CPU', 'queue']);
        const value = p.maybe(0.5) ? p.choose([50, 70, 80], WRONG_INT) : undefined;
        return kind === 'durableTaskScheduler' && !p.maybe(0.1)
          ? { type: kind, name: p.maybe() ? `dts-${i}` : undefined,
              maxConcurrentWorkItemsCount: p.maybe() ? p.choose([1, 10], WRONG_INT) : undefined }
          : { type: kind, value, name: p.maybe() ? p.choose([`${kind}-${i}`, 'cpu'], WRONG) : undefined };
      }) : undefined,
    }, ['cpuUtilization', 'replicas']);
  }
}

function workloadSpec(p: Picker, kind: 'worker' | 'api', index: number): Record<string, unknown> {
  const spec: Record<string, unknown> = {
    name: p.maybe(0.4) ? p.choose([`${kind}-${index}`, `${kind}-${index}`, `orders-${kind}`, 'durable-worker'],
      ['Worker', '', 'a'.repeat(64), 'with space', raw('~'), 'constructor']) : undefined,
    image: p.maybe(0.3) ? p.choose([IMAGE, 'nginx:1.27'], ['nginx', 'nginx:latest', '', raw('~')]) : undefined,
    scaling: p.maybe(0.5) ? scalingSpec(p) : undefined,
    resources: p.maybe(0.15) ? { cpuRequest: p.choose(['100m', '250m'], ['abc', 1, '-1']),
      memoryLimit: p.maybe() ? p.choose(['512Mi', '1Gi'], ['1GB', '']) : undefined } : undefined,
    env: p.maybe(0.15) ? [{ name: p.choose(['LOG_LEVEL', 'A_B'], ['', '1X', 'with space']),
      value: p.choose(['info', ''], [raw('yes'), 1, raw('~')]) }] : undefined,
    preStopDelaySeconds: p.maybe(0.1) ? p.choose([0, 5], WRONG_INT) : undefined,
    terminationGracePeriodSeconds: p.maybe(0.1) ? p.choose([30, 60], WRONG_INT) : undefined,
  };
  if (kind === 'worker') {
    spec.workItemType = p.maybe(0.4) ? p.choose(['Orchestration', 'Activity', 'Entity'], ['activity', 'Job', 1])
      : undefined;
  } else {
    spec.port = p.maybe(0.3) ? p.choose([8080, 5000], [0, 65536, '8080', raw('~')]) : undefined;
    spec.servicePort = p.maybe(0.2) ? p.choose([80, 8080], [0, 70000]) : undefined;
    spec.ingress = p.maybe(0.4) ? withTypo(p, {
      host: p.choose([`api-${index}.example.com`, 'orders.example.com'], ['', '*', 'Orders.example.com', raw('~')]),
      className: p.maybe() ? p.choose(['nginx', 'webapprouting.kubernetes.azure.com'], ['', 'Bad_Class']) : undefined,
      tlsSecretName: p.maybe() ? p.choose(['orders-tls'], ['Orders_TLS']) : undefined,
      clusterIssuer: p.maybe() ? p.choose(['letsencrypt'], ['']) : undefined,
      path: p.maybe() ? p.choose(['/', '/api'], ['api', '']) : undefined,
      sourceCidrs: p.maybe(0.15) ? [p.choose(['10.0.0.0/8'], ['10.0.0.1/8', 'x'])] : undefined,
    }, ['hosts', 'tls']) : undefined;
    spec.httpRoute = p.maybe(0.15) ? {
      gatewayName: p.choose(['public'], ['', 'Public']), gatewayNamespace: p.choose(['gateways'], ['']),
      hostnames: p.choose([[`route-${index}.example.com`]], [[], 'x.example.com', ['']]),
    } : undefined;
  }
  return withTypo(p, spec, kind === 'worker' ? ['port', 'replicas', 'workitemtype'] : ['workItemType', 'hosts']);
}

function identitySpec(p: Picker, tenant: string, kind: string): unknown {
  const azure: any = p.maybe(0.5) ? p.pick<() => unknown>([
    () => ({ resourceId: p.choose([identityId(`${tenant}-${kind}`), identityId('shared')],
      ['', '/subscriptions/x', identityId('a b'), identityId('ok', 'not-a-guid')]),
    principalId: p.choose([GUID, OTHER_GUID], ['', 'x', raw('~')]) }),
    () => ({ create: withTypo(p, { subscriptionId: p.choose([GUID], ['x', '']),
      resourceGroup: p.choose(['rg', 'durable-demo-rg'], ['rg.', '', 'a/b']),
      location: p.choose(['westus2', 'eastus'], ['West US 2', '']) }, ['name', 'region']) }),
    () => ({ resourceId: identityId(`${tenant}-${kind}`) }),
    () => ({ create: { subscriptionId: GUID, resourceGroup: 'rg', location: 'westus2' },
      resourceId: identityId('x'), principalId: GUID }),
    () => ({}),
  ])() : undefined;
  // Without a client id an identity needs `azure.create` (the pods read the client id from ASO's ConfigMap).
  const clientId = p.maybe(azure?.create !== undefined ? 0.5 : 0.95)
    ? p.choose([CLIENT_ID, OTHER_CLIENT_ID, 'AAAAAAAA-aaaa-aaaa-aaaa-aaaaaaaaaaaa'], ['', 'not-a-guid', raw('~'), 7])
    : undefined;
  return withTypo(p, { clientId, tenantId: p.maybe(0.1) ? p.choose([GUID], ['x']) : undefined, azure },
    ['client_id', 'principalId']);
}

const TENANT_NAMES = ['alpha', 'beta', 'gamma', 'tenant-a'];

function tenantSpec(p: Picker, index: number, schedulers: string[]): Record<string, unknown> {
  const name = p.choose([TENANT_NAMES[index]], ['alpha', 'Alpha', '', 'a'.repeat(64), 'alpha-azure', 'alpha-gitops',
    'durable-system', 'constructor', 'kube-system', raw('yes'), raw('~'), 7], 0.97);
  return withTypo(p, {
    name,
    namespace: p.maybe(0.2) ? p.choose([`${TENANT_NAMES[index]}-ns`], ['Alpha', 'alpha', 'kube-system', '']) : undefined,
    taskHub: p.maybe(0.2) ? p.choose([`${TENANT_NAMES[index]}-hub`], ['ab', 'hub_a', 'alpha', '']) : undefined,
    scheduler: (schedulers.length > 1 ? p.maybe(0.9) : p.maybe(0.3)) && schedulers.length > 0 ? p.choose(schedulers, ['nope', '', raw('~')]) : undefined,
    identity: p.maybe(0.6) ? identitySpec(p, String(name), 'workers') : undefined,
    apiIdentity: p.maybe(0.2) ? identitySpec(p, String(name), 'apis') : undefined,
    workers: p.maybe(0.85) ? Array.from({ length: p.pick([0, 1, 1, 1, 2]) }, (_, j) => workloadSpec(p, 'worker', j))
    : p.maybe(0.2) ? raw('~') : undefined,
    apis: p.maybe(0.35) ? Array.from({ length: p.pick([1, 1, 1, 2]) }, (_, j) => workloadSpec(p, 'api', j)) : undefined,
  }, ['worker', 'identities', 'hub']);
}

/** A tenants file: YAML text, from a data model with scalars as a hand-written file may have them. */
function tenantsFileText(p: Picker): string {
  const schedulers = Array.from({ length: p.pick([1, 1, 2]) }, (_, i) => withTypo(p, {
    name: p.choose([['orders', 'billing'][i]], ['orders', '', raw('~'), 7, 'Orders']),
    endpoint: p.choose([[ENDPOINT, BILLING][i]], [ENDPOINT, 'http://orders.westus2.durabletask.io',
      'orders.westus2.durabletask.io', `${ENDPOINT}/path`, 'https://ORDERS.westus2.durabletask.io/', '', raw('~')]),
    connectionStringEnvName: p.maybe(0.1) ? p.choose(['DTS_CONNECTION'], ['', 'with space', 'DTS_ENDPOINT']) : undefined,
    azure: p.maybe(0.95) ? withTypo(p, { subscriptionId: p.choose([GUID], ['x', '']),
      resourceGroup: p.choose(['rg', 'durable-demo-rg'], ['rg.', '']),
      schedulerName: p.choose([['orders', 'billing'][i]], ['ab', 'a_b', '']) }, ['location', 'endpoint'])
    : undefined,
  }, ['url', 'taskHub']));
  const names = schedulers.map(s => s.name).filter((n): n is string => typeof n === 'string');
  const doc: Record<string, unknown> = {
    schedulers: p.maybe(0.02) ? p.pick([[], raw('~')]) : schedulers,
    defaults: p.maybe(0.9) ? withTypo(p, { workerImage: p.choose([IMAGE], ['nginx', '', raw('~')]),
      apiImage: p.maybe(0.9) ? p.choose(['myregistry.azurecr.io/orders-api:2.0.0'], ['api:latest']) : undefined },
    ['image']) : undefined,
    tenants: p.maybe(0.02) ? p.pick([raw('~'), raw('{}')])
    : Array.from({ length: p.pick([1, 2, 3]) }, (_, i) => tenantSpec(p, i, names)),
  };
  if (p.maybe(0.02)) doc.tenant = [];
  if (p.maybe(0.02)) doc.schedulers = new Repeated('name', ['orders', 'billing']);
  const text = toYaml(doc, '', p).replace(/^\n/, '');
  return p.maybe(0.02) ? `${text}\n---\n${text}` : `# yaml-language-server: $schema=./tenants.schema.json\n${text}\n`;
}

// The DTS trigger's warning (an upstream KEDA without the scaler) is expected here, and would flood the output.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => {}));
afterAll(() => jest.restoreAllMocks());

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })));
const FILES = mkdtempSync(join(tmpdir(), 'generated-tenants-'));
dirs.push(FILES);

/** A tenants file of case `i`, written to a file of its own. */
function tenantsFile(i: number): { file: string; text: string } {
  const text = tenantsFileText(picker(generator(21000 + i), 0.99));
  const file = join(FILES, `tenants-${i}.yaml`);
  writeFileSync(file, text);
  return { file, text };
}

/**
 * Where a tenants file error must start: the file, then a field path (`tenants[0] "alpha": 'workers[0].name'`,
 * `'schedulers[1].endpoint'`, `(top level)`) or what is wrong with the file as a whole.
 */
function tenantsPlace(file: string): RegExp {
  // The reader names the file by its base name; the reference app's own checks as DURABLE_TENANTS_FILE gives it.
  const name = `(${[basename(file), file].map(f => f.replace(/[.\\/]/g, c => `\\${c}`)).join('|')})`;
  return new RegExp(`^${name}: (\\(top level\\)|'?(schedulers|defaults|tenants)(\\[\\d+\\])?[ .:'(]|[a-zA-Z]+: |'[^']+' |`
    + 'tenant "|must hold exactly one YAML document|not valid YAML: |addTenants\\(\\))');
}

function buildDelivery(file: string): Outcome {
  const app = new DurableApp({ outdir: join(FILES, 'out') });
  buildReferenceApp(app, loadAppSettings({ DURABLE_TENANTS_FILE: file, DURABLE_SCHEDULER_ENDPOINT: ENDPOINT }));
  return synthAll(app);
}

const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(tenantsJsonSchema());

// ---------------------------------------------------------------------------------------------------------------
// AzureIdentities and IdentityPlan

const SCHEDULER_RESOURCES = [
  { endpoint: ENDPOINT, subscriptionId: GUID, resourceGroup: 'rg', schedulerName: 'orders' },
  { endpoint: BILLING, subscriptionId: GUID, resourceGroup: 'rg', schedulerName: 'billing' },
];

function schedulerResource(p: Picker): unknown {
  const base = SCHEDULER_RESOURCES[0];
  if (!p.maybe(0.1)) return base;
  return { ...base, ...p.pick([{ endpoint: `${ENDPOINT}/` }, { endpoint: 'orders.westus2.durabletask.io' },
    { endpoint: `${ENDPOINT}/x` }, { subscriptionId: 'x' }, { resourceGroup: 'rg.' }, { schedulerName: 'a_b' },
    { schedulerName: undefined }, { endpoint: 'https://ORDERS.westus2.durabletask.io' }]) };
}

/**
 * An app with workloads in two or three namespaces (on one or two schedulers, with identities from a small pool) and
 * one or two AzureIdentities charts whose identities cover some of them; returns what it chose, for the report.
 */
function identitiesApp(p: Picker, app: App, chosen: unknown[]): AzureIdentities[] {
  const workloads: { construct: DurableWorker | DurableApi; namespace: string; key: string }[] = [];
  const namespaces = ['orders', 'billing', 'shared'].slice(0, p.pick([2, 3]));
  for (const ns of namespaces) {
    const chart = new Chart(app, ns, { namespace: ns });
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: ns });
    for (let w = 0; w < p.pick([1, 2]); w++) {
      const configMap = p.choose([`${ns}-${w}-identity`], ['x-identity', 'Bad_Name']);
      const id = p.choose(['client', 'client', 'other', 'configMap'], ['none']);
      const endpoint = p.pick([ENDPOINT, ENDPOINT, BILLING]);
      const api = p.maybe(0.3);
      const keda = !api && id !== 'configMap' && p.maybe(0.3);
      const taskHub = p.pick([ns, ns, 'orders', 'Orders']);
      chosen.push({ ns, w, id, configMap: id === 'configMap' ? configMap : undefined, endpoint, api, keda, taskHub });
      const identity = id === 'client' ? WorkloadIdentity.fromClientId(CLIENT_ID)
        : id === 'other' ? WorkloadIdentity.fromClientId(OTHER_CLIENT_ID)
        : id === 'configMap' ? WorkloadIdentity.fromClientIdConfigMap(configMap) : undefined;
      const props = { image: IMAGE, scheduler: DurableTaskScheduler.fromEndpoint(endpoint), taskHub, identity,
        name: `${api ? 'api' : 'worker'}-${w}`, scaling: keda ? Scaling.keda({ triggers: [p.maybe(0.5)
          ? KedaTrigger.cpu(70) : KedaTrigger.durableTaskScheduler()] }) : undefined };
      const construct = api ? new DurableApi(chart, `api-${w}`, props) : new DurableWorker(chart, `worker-${w}`, props);
      workloads.push({ construct, namespace: ns, key: id === 'configMap' ? `${ns}/${configMap}` : id });
    }
  }
  const charts: AzureIdentities[] = [];
  for (let c = 0; c < p.pick([1, 1, 2]); c++) {
    const props = {
      namespaceName: p.choose([p.pick(namespaces), 'azure-identities'], ['kube-system', 'Orders', '']),
      oidcIssuerUrl: p.choose([ISSUER, ISSUER, 'https://issuer.example.com', 'https://issuer.example.com/x/'],
        [ISSUER.slice(0, -1), 'http://issuer.example.com/', '', 'issuer.example.com', 'https://']),
      schedulers: p.maybe(0.1) ? [schedulerResource(p)] : [schedulerResource(p), SCHEDULER_RESOURCES[1]],
      kedaOperatorNamespace: p.maybe(0.1) ? p.choose(['keda-system'], ['KEDA', '']) : undefined,
    };
    chosen.push(props);
    const chart = new AzureIdentities(app, `azure-${c}`, props as never);
    charts.push(chart);
    for (let k = 0; k < p.pick([1, 2, 3]); k++) {
      // Mostly the workloads of one client id (or one ConfigMap), as an identity serves the pods that log in as it.
      const key = p.pick(workloads).key;
      const members = workloads.filter(w => (p.maybe(0.9) ? w.key === key : p.maybe(0.2)));
      const configMap = /^[a-z-]+\/(.*)-identity$/.exec(key)?.[1];
      const name = p.choose([configMap ?? `identity-${c}-${k}`], ['ab', 'Orders', '', 'a'.repeat(64), 'a_b', 'shared']);
      const how = p.choose([configMap ? 'create' : p.pick(['create', 'existing'])], ['both', 'neither']);
      const options: Record<string, unknown> = { name, workloads: members.map(m => m.construct) };
      if (how === 'create' || how === 'both') {
        options.create = { subscriptionId: p.choose([GUID, OTHER_GUID], ['x']),
          resourceGroup: p.choose(['rg', 'rg-2'], ['rg.', 'a/b']), location: p.choose(['westus2'], ['West US']) };
      }
      if (how === 'existing' || how === 'both') {
        options.existing = { resourceId: p.choose([identityId(name), identityId('shared'), identityId(name, OTHER_GUID)],
          ['/subscriptions/x', identityId('a b'), identityId('ab'), '']),
        principalId: p.choose([GUID, OTHER_GUID], ['x', '']) };
      }
      chosen.push({ chart: c, name, how, workloads: members.map(m => m.construct.node.path), create: options.create,
        existing: options.existing });
      chart.addIdentity(options as never);
    }
  }
  return charts;
}

/** Construct paths of the identities app (namespaces, AzureIdentities charts), the plan, or a factory. */
const IDENTITY_PLACE = /^((orders|billing|shared|azure-\d)(\/[\w.-]+)*: |IdentityPlan: |[A-Z]\w*\.\w+: )/;

// ---------------------------------------------------------------------------------------------------------------
// GitOpsDelivery

const REPO_URLS = ['https://github.com/example/platform.git', 'https://github.com/example/platform',
  'git@github.com:example/platform.git', 'ssh://git@github.com/example/platform.git',
  'ssh://git@ssh.dev.azure.com:22/v3/org/project/platform', 'git@ssh.dev.azure.com:v3/org/project/platform',
  'https://org@dev.azure.com/org/project/_git/platform', 'https://dev.azure.com/org/project/_git/platform',
  'https://gitlab.example.com:8443/group/sub/platform.git', 'ssh://git@[::1]:2222/platform.git'];
const BAD_REPO_URLS = ['', ' ', 'github.com/example/platform', 'http://github.com/example/platform.git',
  'https://user:pass@github.com/example/platform.git', `https://ghp_${'a'.repeat(36)}@github.com/example/p.git`,
  'https://github.com', 'https://github.com/', 'git@github.com:', 'git@:example/p.git', 'ssh://user:pw@host/p.git',
  'https://git hub.com/p.git', 'file:///tmp/repo', 'https://github.com:99999/p.git', 'git@github.com:/x',
  'https://github.com//p.git', 'ssh://git@github.com:example/platform.git', 'https://github.com/p.git?x=1',
  'https://github.com/p.git#main', 7, null];
const REVISIONS = ['main', 'release', 'release/2024-06', 'refs/heads/main', 'refs/tags/v1.2.3', 'refs/pull/1/head',
  'a'.repeat(40), 'ABCDEF0123456789abcdef0123456789ABCDEF01', 'v2', '2024.06', 'feature/x_y', '20240601'];
const BAD_REVISIONS = ['', 'HEAD', 'abc1234', 'v1.2.3', '1.x', '>=1.0', 'a..b', 'refs/heads', 'main.lock',
  'has space', 'x~1', '-main', '/main', 'main/', '@', 'x@{1}', '.hidden', 'a'.repeat(41), 'refs/heads/', 7];

function gitOpsApp(p: Picker, chosen: Record<string, unknown>): App {
  const durable = p.maybe(0.7);
  const app = durable ? new DurableApp({ outdir: join(FILES, 'out') }) : Testing.app();
  const tenant = new Chart(app, 'orders', { namespace: 'orders' });
  new NamespaceBaseline(tenant, 'Baseline', { namespaceName: 'orders' });
  const scaling = p.pick([undefined, Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }), Scaling.hpa()]);
  new DurableWorker(tenant, 'worker', { image: IMAGE, scheduler: DurableTaskScheduler.fromEndpoint(ENDPOINT),
    taskHub: 'orders', identity: WorkloadIdentity.fromClientId(CLIENT_ID), scaling });
  if (p.maybe(0.4)) {
    new DurableApi(tenant, 'api', { image: IMAGE, scheduler: DurableTaskScheduler.fromEndpoint(ENDPOINT),
      taskHub: 'orders', ingress: p.maybe(0.5) ? { host: 'orders.example.com', clusterIssuer: 'letsencrypt',
        tlsSecretName: 'orders-tls' } : undefined,
      httpRoute: p.maybe(0.3) ? { gatewayName: 'public', gatewayNamespace: 'gateways',
        hostnames: ['r.example.com'] } : undefined });
  }
  const props: Record<string, unknown> = {
    repoUrl: p.choose(REPO_URLS, BAD_REPO_URLS, 0.85),
    revision: p.maybe(0.7) ? p.choose(REVISIONS, BAD_REVISIONS, 0.8) : undefined,
    path: p.maybe(0.3) ? p.choose(['dist', 'deploy/dist', 'a.b/c_d'], ['', '/dist', '../dist', 'dist/', 'a b', '.'])
    : undefined,
    folder: p.maybe(0.3) ? p.choose(['orders', 'tenants/orders'], ['', '/x', '..', 'a b']) : undefined,
    argoCd: p.maybe(0.2) ? p.choose([true, false], ['false', null]) : undefined,
    flux: p.maybe(0.2) ? p.choose([true, false], ['no', 1]) : undefined,
    argoCdNamespace: p.maybe(0.1) ? p.choose(['argo'], ['Argo', '']) : undefined,
    argoCdProject: p.maybe(0.1) ? p.choose(['platform', 'team.a'], ['Team', '']) : undefined,
    fluxNamespace: p.maybe(0.1) ? p.choose(['flux'], ['flux.system', '']) : undefined,
    fluxSecretName: p.maybe(0.4) ? p.choose(['git-ssh', 'git.credentials'], ['', 'Git_SSH']) : undefined,
    interval: p.maybe(0.3) ? p.choose(['1m', '1h30m', '30s', '0.5h'], ['10', '1d', '', 'm', '-1m', 10]) : undefined,
    addOnKustomizations: p.maybe(0.3) ? p.choose([{ keda: 'keda-operator' }, { [ClusterAddOn.CERT_MANAGER]: 'infra/cm' },
      { 'gateway-api': 'gateway.api' }], [{ kedaa: 'x' }, { keda: '' }, { keda: 'a/b/c' }, { keda: 'Keda' }, [],
      { keda: null }, 'keda']) : undefined,
  };
  Object.assign(chosen, props);
  const gitops = new GitOpsDelivery(app, 'gitops', props as never);
  const charts: Chart[] = [tenant];
  if (p.maybe(0.3)) {
    const other = new Chart(app, 'billing', { namespace: 'billing' });
    new NamespaceBaseline(other, 'Baseline', { namespaceName: 'billing' });
    charts.push(other);
  }
  const name = p.choose(['orders', 'tenant-a'], ['Orders', '', 'a.b']);
  chosen.deliver = name;
  if (p.maybe(0.15) && charts.length > 1) {
    gitops.deliver(name, [charts[0]]);
    gitops.deliver(p.choose(['billing'], [name]), [charts[1]]);
  } else {
    gitops.deliver(name, charts);
  }
  return app;
}

const GITOPS_PLACE = /^(gitops|orders|billing)(\/[\w.-]+)*: /;

/** Host and path of a Git URL, as Argo CD (scp-like allowed) or Flux (ssh:// and https:// only) reads it. */
function hostAndPath(url: string): string {
  const scp = /^git@([^:/]+):\/*(.*)$/.exec(url);
  if (scp) return `${scp[1]}/${scp[2]}`;
  const u = /^(?:https|ssh):\/\/(?:[^@/]*@)?([^/:]+|\[[^\]]+\])(?::\d+)?\/(.*)$/.exec(url);
  return u ? `${u[1]}/${u[2]}` : `unreadable ${url}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The emulator profile

function emulatorApp(p: Picker, app: App, chosen: Record<string, unknown>): void {
  const dev = new Chart(app, 'dev', { namespace: 'dev' });
  new NamespaceBaseline(dev, 'Baseline', { namespaceName: 'dev' });
  const props: Record<string, unknown> = {
    name: p.maybe(0.3) ? p.choose(['dts', 'emulator-1'], ['1dts', 'DTS', '', 'a'.repeat(64), 'a.b']) : undefined,
    image: p.maybe(0.3) ? p.choose([DurableTaskSchedulerEmulator.DEFAULT_IMAGE, 'myreg.io/dts-emulator:v0.0.9'],
      ['mcr.microsoft.com/dts/dts-emulator:latest', 'mcr.microsoft.com/dts/dts-emulator', '']) : undefined,
    taskHubs: p.maybe(0.3) ? p.choose([['default'], ['orders', 'Orders'], []], [['ab'], [''], 'orders', [7]])
    : undefined,
    resources: p.maybe(0.2) ? { cpuRequest: p.choose(['50m', '1'], ['abc', '-1']),
      memoryLimit: p.maybe() ? p.choose(['512Mi', '2Gi'], ['1GB', '100Mi']) : undefined } : undefined,
    runAsUser: p.maybe(0.2) ? p.choose([1000, 65532], [0, -1, 1.5, '1000']) : undefined,
    imagePullSecrets: p.maybe(0.2) ? p.choose([['acr-pull']], [['Bad_Name'], 'acr-pull', [''], [null]]) : undefined,
  };
  Object.assign(chosen, props);
  const emulator = new DurableTaskSchedulerEmulator(dev, 'Emulator', props as never);
  const workloads: unknown[] = [];
  chosen.workloads = workloads;
  for (let w = 0; w < p.pick([0, 1, 2, 3]); w++) {
    const ns = p.pick(['dev', 'dev', 'other']);
    const chart = app.node.tryFindChild(ns) as Chart | undefined ?? (() => {
      const c = new Chart(app, ns, { namespace: ns });
      new NamespaceBaseline(c, 'Baseline', { namespaceName: ns });
      return c;
    })();
    const options = p.maybe(0.2) ? p.choose([{ endpointEnvName: 'DTS_URL' }, { connectionStringEnvName: 'DTS_CS' }],
      [{ endpointEnvName: 'bad name' }, null, { taskHubEnvName: 'DTS_URL', endpointEnvName: 'DTS_URL' }]) : undefined;
    const w1 = { ns, api: p.maybe(0.3), taskHub: p.choose(['orders', 'Orders', 'billing', 'default'], ['ab', 'a_b']),
      name: p.maybe(0.5) ? p.choose([`w-${w}`], ['', 'W', 'dts-emulator']) : undefined,
      identity: p.maybe(0.2), options,
      scaling: p.pick(['none', 'none', 'hpa', 'keda-cpu', 'keda-dts', 'fixed']) };
    workloads.push(w1);
    const props2 = { image: IMAGE, scheduler: DurableTaskScheduler.fromEmulator(emulator, options as never),
      taskHub: w1.taskHub, name: w1.name, identity: w1.identity ? WorkloadIdentity.fromClientId(CLIENT_ID) : undefined,
      scaling: { 'none': undefined, 'hpa': Scaling.hpa({ minReplicas: 1, maxReplicas: 3 }),
        'keda-cpu': Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }),
        'keda-dts': Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }),
        'fixed': Scaling.fixedReplicas(2) }[w1.scaling],
      readinessProbe: w1.api ? HealthProbe.http('/healthz') : undefined };
    if (w1.api) new DurableApi(chart, `api-${w}`, props2);
    else new DurableWorker(chart, `worker-${w}`, props2);
  }
}

const EMULATOR_PLACE = /^((dev|other)(\/[\w.-]+)*: |[A-Z]\w*\.\w+: )/;

// ---------------------------------------------------------------------------------------------------------------

/** Outcomes of the cases run so far, per generator, for the final check (which runs the rest itself). */
const outcomes: Record<string, Map<number, Outcome>> = { tenants: new Map(), identities: new Map(), gitops: new Map(),
  emulators: new Map() };
function recorded(kind: string, i: number, run: () => Outcome): Outcome {
  const outcome = outcomes[kind].get(i) ?? attempt(run);
  outcomes[kind].set(i, outcome);
  return outcome;
}

const TENANT_CASES = 120;
const IDENTITY_CASES = 60;
const GITOPS_CASES = 80;
const EMULATOR_CASES = 60;

describe('generated delivery inputs: a clear error, or output the validator accepts', () => {
  test.each(Array.from({ length: TENANT_CASES }, (_, i) => i))('tenants file of the reference app, case %i', i => {
    // GIVEN a tenants file (YAML text) from the generator
    const { file, text } = tenantsFile(i);
    // WHEN the reference app reads it (its tenants, their Azure identities and GitOps objects)
    const outcome = recorded('tenants', i, () => buildDelivery(file));
    // THEN an error naming the file and the field, or valid output
    expectKept(outcome, text, tenantsPlace(file));
  });

  test.each(Array.from({ length: TENANT_CASES }, (_, i) => i))('tenants file: schema and reader agree, case %i', i => {
    // GIVEN a tenants file from the generator that is one YAML document of plain JSON values
    const { file, text } = tenantsFile(i);
    let docs: unknown[] = [];
    try {
      docs = readYamlDocuments(file);
    } catch {
      // Not YAML: the reader's own error, checked by the case above.
    }
    const data = docs[0];
    // Values JSON cannot hold (.inf, .nan) are outside the schema's world.
    const json = docs.length === 1 && isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data);
    // WHEN the JSON Schema and the reader's structural check look at it
    const schemaAccepts = json ? validateSchema(data) : undefined;
    const problem = json ? checkShape(data, tenantsFileShape(), '', path => path) : undefined;
    // THEN they agree: a document the schema accepts has no structural problem, and one it refuses has one
    expect({ text, schemaAccepts, problem: problem ?? 'none', errors: validateSchema.errors?.slice(0, 2) })
      .toEqual({ text, schemaAccepts: json ? problem === undefined : undefined, problem: problem ?? 'none',
        errors: validateSchema.errors?.slice(0, 2) });
  });

  test.each(Array.from({ length: IDENTITY_CASES }, (_, i) => i))('AzureIdentities and IdentityPlan, case %i', i => {
    // GIVEN workloads in several namespaces and AzureIdentities charts from the generator
    const p = picker(generator(31000 + i), 0.97);
    const chosen: unknown[] = [];
    // WHEN the identities are added, the plan is made and the app is synthesized
    const outcome = recorded('identities', i, () => {
      const app = Testing.app();
      identitiesApp(p, app, chosen);
      IdentityPlan.of(app, { schedulers: SCHEDULER_RESOURCES });
      return synthAll(app);
    });
    // THEN
    expectKept(outcome, describeInput(chosen), IDENTITY_PLACE);
  });

  test.each(Array.from({ length: GITOPS_CASES }, (_, i) => i))('GitOpsDelivery, case %i', i => {
    // GIVEN GitOpsDelivery props and charts to deliver from the generator
    const p = picker(generator(41000 + i));
    const chosen: Record<string, unknown> = {};
    // WHEN
    let objects: any[] = [];
    const outcome = recorded('gitops', i, () => {
      const app = gitOpsApp(p, chosen);
      const result = synthAll(app);
      objects = Testing.synth(app.node.findChild('gitops') as Chart);
      return result;
    });
    // THEN a clear error, or valid output in which Argo CD and Flux fetch the same repository at the same revision
    expectKept(outcome, describeInput(chosen), GITOPS_PLACE);
    const repo = objects.find(o => o.kind === 'GitRepository');
    const application = objects.find(o => o.kind === 'Application');
    if (repo && application) {
      const ref = repo.spec.ref;
      const revision = application.spec.source.targetRevision as string;
      expect({ flux: hostAndPath(repo.spec.url), revision: ref.commit ?? ref.name ?? (ref.tag !== undefined
        ? `refs/tags/${ref.tag}` : revision.startsWith('refs/heads/') ? `refs/heads/${ref.branch}` : ref.branch) })
        .toEqual({ flux: hostAndPath(application.spec.source.repoURL), revision });
    }
  });

  test.each(Array.from({ length: EMULATOR_CASES }, (_, i) => i))('emulator with bound workloads, case %i', i => {
    // GIVEN emulator props and workloads bound to it from the generator
    const p = picker(generator(51000 + i));
    const chosen: Record<string, unknown> = {};
    // WHEN
    let manifests: any[] = [];
    const outcome = recorded('emulators', i, () => {
      const app = Testing.app();
      emulatorApp(p, app, chosen);
      const result = synthAll(app);
      manifests = app.charts.flatMap(chart => Testing.synth(chart));
      return result;
    });
    // THEN a clear error, or valid output whose emulator creates every task hub its workloads use
    expectKept(outcome, describeInput(chosen), EMULATOR_PLACE);
    const emulator = manifests.find(m => m.kind === 'Deployment' && m.metadata.labels?.['app.kubernetes.io/component']
      === 'scheduler-emulator');
    if (emulator) {
      const hubs = (emulator.spec.template.spec.containers[0].env[0].value as string).toLowerCase().split(',');
      const used = manifests.filter(m => m.kind === 'Deployment' && m !== emulator).map(m => m.spec.template.spec
        .containers[0].env.find((e: any) => e.name === 'TASKHUB_NAME')?.value?.toLowerCase());
      expect(used.filter(hub => !hubs.includes(hub))).toEqual([]);
    }
  });

  test('the generators reach both outcomes, with a good share accepted', () => {
    // GIVEN / WHEN every case of each generator (those the tests above ran, and the others when they were skipped)
    const tenants = Array.from({ length: TENANT_CASES }, (_, i) => recorded('tenants', i,
      () => buildDelivery(tenantsFile(i).file)));
    const identities = Array.from({ length: IDENTITY_CASES }, (_, i) => recorded('identities', i, () => {
      const app = Testing.app();
      identitiesApp(picker(generator(31000 + i), 0.97), app, []);
      return synthAll(app);
    }));
    const gitops = Array.from({ length: GITOPS_CASES }, (_, i) => recorded('gitops', i, () =>
      synthAll(gitOpsApp(picker(generator(41000 + i)), {}))));
    const emulators = Array.from({ length: EMULATOR_CASES }, (_, i) => recorded('emulators', i, () => {
      const app = Testing.app();
      emulatorApp(picker(generator(51000 + i)), app, {});
      return synthAll(app);
    }));
    // THEN at least a fifth of each is accepted (the validator side is tested) and at least a tenth refused
    for (const [kind, all] of Object.entries({ tenants, identities, gitops, emulators })) {
      const accepted = all.filter(o => !o.error).length / all.length;
      expect({ kind, accepted: accepted >= 0.2, refused: accepted <= 0.9 })
        .toEqual({ kind, accepted: true, refused: true });
    }
  });
});
