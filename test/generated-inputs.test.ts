import { App, Chart, Testing } from 'cdk8s';
import {
  ApiServiceType, DurableApi, DurableTaskScheduler, DurableWorker, HealthProbe, KedaTrigger, NamespaceBaseline,
  RoutePathType, Scaling, TaintEffect, TaskHubTenant, WorkItemType,
} from '../lib';
import { Outcome, attempt, describeInput, expectKept, findingsOf, generator, synthAll } from './generated';
import { CLIENT_ID, IMAGE, OTHER_CLIENT_ID, identity, scheduler } from './util';

// Generated inputs: many plausible and implausible values for the props of the main constructs, from a seeded
// generator (the same cases every run). The rule each case must keep, whatever the input:
// - construction (or synth) fails with an Error that says where: the construct path or the factory, then the problem
//   (never a TypeError or RangeError from deep inside, never a message without a place);
// - or it succeeds, and then the output passes the manifest validator with no finding (nothing the API server,
//   Pod Security admission or a controller would reject).

const STRINGS = ['', ' ', 'orders', 'Orders', 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(254), 'with space', 'ünï',
  '-x', 'x-', 'a.b', '..', '.', '/tmp', 'x=y', '$(VAR)', '0', '1.5', '100m', '1Gi', '512Mi', '-1', 'null', 'true',
  'line\nbreak', 'a_b', 'A', 'example.com/key', 'kubernetes.io/x', 'x'.repeat(300)];
const NUMBERS = [-1, 0, 1, 2, 0.5, 3, 10, 30, 80, 443, 1000, 8080, 65535, 65536, 2 ** 31, NaN, Infinity];
const QUANTITIES = ['100m', '0.5', '1', '2', '250m', '64Mi', '1Gi', '4Mi', '3Mi', '1e3', '100u', '-1', '1.5Gi', 'abc',
  '', '0', '1000000'];
const OTHERS = [true, false, null, undefined, [], {}, ['x'], { key: 'x' }];

interface Picker {
  pick<T>(values: readonly T[]): T;
  maybe(): boolean;
  /** A value of `valid` mostly, else one of `invalid` (what a typo, YAML or a JavaScript caller may give). */
  choose(valid: readonly unknown[], invalid: readonly unknown[]): unknown;
}

function picker(random: () => number): Picker {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const choose = (valid: readonly unknown[], invalid: readonly unknown[]) => (random() < 0.85 ? pick(valid)
    : pick(invalid));
  return { pick, maybe: () => random() < 0.3, choose };
}

const ANY_STRING = [...STRINGS, ...OTHERS, 7];
const ANY_NUMBER = [...NUMBERS, '8080', ...OTHERS];

/** Up to two key/value entries; valid keys are distinct (a repeated key is one of the invalid inputs). */
function entries(p: Picker, keys: readonly string[], values: readonly string[]): unknown {
  const start = keys.indexOf(p.pick(keys));
  return Array.from({ length: p.pick([0, 1, 2]) }, (_, i) => ({
    key: p.choose([keys[(start + i) % keys.length]], [...ANY_STRING, keys[start]]),
    value: p.choose(values, ANY_STRING),
  }));
}

const LABEL_KEYS = ['team', 'example.com/tier', 'cost-center'];
const LABEL_VALUES = ['a', '', 'x-1', 'Orders.v2'];
const ANNOTATION_KEYS = ['team', 'example.com/owner', 'prometheus.io/scrape'];

function count(p: Picker, valid: readonly number[]): number {
  return p.choose(valid, ANY_NUMBER) as number;
}

function scaling(p: Picker): unknown {
  switch (p.pick(['fixed', 'hpa', 'keda'])) {
    case 'fixed': return Scaling.fixedReplicas(count(p, [1, 2, 3]));
    case 'hpa': return Scaling.hpa({
      minReplicas: p.maybe() ? count(p, [1, 2]) : undefined,
      maxReplicas: p.maybe() ? count(p, [3, 10]) : undefined,
      cpuUtilization: p.maybe() ? count(p, [50, 70, 100]) : undefined,
    });
    default: return Scaling.keda({
      minReplicas: p.maybe() ? count(p, [0, 1, 2]) : undefined,
      maxReplicas: p.maybe() ? count(p, [3, 10]) : undefined,
      triggers: [p.maybe() ? KedaTrigger.memory(count(p, [70, 80])) : KedaTrigger.cpu(count(p, [50, 70]))],
    });
  }
}

/**
 * Props of a workload (DurableWorker and DurableApi share them), each set with a probability of 0.3, into `props`
 * (filled as they are made: a factory that refuses its input leaves what was made before it, for the report).
 */
function workloadProps(p: Picker, props: Record<string, unknown>): Record<string, unknown> {
  Object.assign(props, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
  const optional: Record<string, () => unknown> = {
    image: () => p.choose([IMAGE, 'nginx:1.27', `x@sha256:${'a'.repeat(64)}`], ['', ' img:1 ', 'UPPER/x:1', 'nginx', 7]),
    taskHub: () => p.choose(['orders', 'abc', 'Orders-1'], ['ab', 'a'.repeat(65), 'with_underscore', '', 7]),
    name: () => p.choose(['orders-worker', 'w1', 'a'.repeat(40)], ANY_STRING),
    port: () => p.choose([8080, 80, 5000], ANY_NUMBER),
    identity: () => identity(),
    scaling: () => scaling(p),
    resources: () => ({
      cpuRequest: p.maybe() ? p.choose(['100m', '250m', '1'], QUANTITIES) : undefined,
      memoryRequest: p.maybe() ? p.choose(['128Mi', '256Mi'], QUANTITIES) : undefined,
      cpuLimit: p.maybe() ? p.choose(['1', '2'], QUANTITIES) : undefined,
      memoryLimit: p.maybe() ? p.choose(['512Mi', '1Gi'], QUANTITIES) : undefined,
    }),
    env: () => Array.from({ length: p.pick([1, 2]) }, () => ({ name: p.choose(['LOG_LEVEL', 'A_B', 'Feature__X'],
      ANY_STRING), value: p.choose(['info', '', '1'], ANY_STRING) })),
    command: () => p.choose([[], ['dotnet', 'Worker.dll'], ['python', '-m', 'worker']], [[''], 'dotnet', [1]]),
    args: () => p.choose([[], ['--port', '8080']], [[1], 'x']),
    labels: () => entries(p, LABEL_KEYS, LABEL_VALUES),
    annotations: () => entries(p, ANNOTATION_KEYS, LABEL_VALUES),
    podLabels: () => entries(p, LABEL_KEYS, LABEL_VALUES),
    podAnnotations: () => entries(p, ANNOTATION_KEYS, LABEL_VALUES),
    nodeSelector: () => entries(p, ['kubernetes.azure.com/agentpool', 'kubernetes.io/os'], ['user', 'linux']),
    tolerations: () => [{ key: p.choose(['kubernetes.azure.com/scalesetpriority', 'dedicated'], ANY_STRING),
      value: p.maybe() ? p.choose(['spot', 'durable'], ANY_STRING) : undefined,
      effect: p.maybe() ? p.choose(Object.values(TaintEffect), ['Sometimes', 7]) : undefined }],
    terminationGracePeriodSeconds: () => count(p, [30, 60, 300]),
    preStopDelaySeconds: () => count(p, [0, 5, 10]),
    runAsUser: () => count(p, [1000, 65532]),
    priorityClassName: () => p.choose(['high-priority', 'system-cluster-critical'], ANY_STRING),
    imagePullSecrets: () => [p.choose(['acr-pull'], ANY_STRING)],
    readinessProbe: () => HealthProbe.http(p.choose(['/healthz', '/ready?full=1'], ['healthz', '', 7]) as string,
      { periodSeconds: p.maybe() ? count(p, [5, 10]) : undefined }),
    livenessProbe: () => HealthProbe.exec(p.choose([['cat', '/tmp/healthy']], [[], [''], 'x']) as string[],
      { failureThreshold: p.maybe() ? count(p, [3, 5]) : undefined }),
  };
  for (const [prop, value] of Object.entries(optional)) {
    if (p.maybe()) props[prop] = value();
  }
  return props;
}

function apiExposure(p: Picker, props: Record<string, unknown>): Record<string, unknown> {
  if (p.maybe()) {
    props.service = { serviceType: p.choose(Object.values(ApiServiceType), ['Public', 7]),
      portName: p.maybe() ? p.choose(['http', 'web'], ANY_STRING) : undefined,
      sourceCidrs: p.maybe() ? [p.pick(['10.0.0.0/8', '10.0.0.1/8', '0.0.0.0/0', 'fd00::/8', 'x', ''])] : undefined };
  }
  if (p.maybe()) {
    props.ingress = { host: p.pick(['orders.example.com', '*.example.com', 'Orders.example.com', '', 'a..b', 'x']),
      className: p.maybe() ? p.pick(['webapprouting.kubernetes.azure.com', 'nginx', '', 'Bad_Class']) : undefined,
      path: p.maybe() ? p.pick(['/', '/api', 'api', '', '/a b']) : undefined,
      pathType: p.maybe() ? p.pick([...Object.values(RoutePathType), 'Regex']) : undefined,
      tlsSecretName: p.maybe() ? p.choose(['orders-tls'], ANY_STRING) : undefined };
  }
  if (p.maybe()) {
    props.httpRoute = { gatewayName: p.choose(['public'], ANY_STRING), gatewayNamespace: p.choose(['gateways'], ANY_STRING),
      hostnames: p.maybe() ? [p.pick(['orders.example.com', '*.example.com', 'x', ''])] : undefined,
      path: p.maybe() ? p.pick(['/', '/api', 'api', '']) : undefined };
  }
  return props;
}

/** Where a thrown message must start: a construct path (`chart/construct: `) or a factory (`Scaling.hpa: `). */
const PLACE = /^(\[?(orders|tenant-\d)(\/[\w.-]+)*\]? ?:? |[A-Z]\w*\.\w+(\(\))?: |Validation failed with the following errors:\n {2}\[(orders|tenant-\d))/;

function defaultBaseline(chart: Chart): void {
  new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });
}

/** NamespaceBaseline props: quota and LimitRange values, egress CIDRs, the Pod Security version. */
function baselineProps(p: Picker, props: Record<string, unknown>): Record<string, unknown> {
  Object.assign(props, { namespaceName: 'orders' });
  const cpu = ['4', '8', '16', '500m', '32'];
  const memory = ['8Gi', '16Gi', '32Gi', '512Mi', '64Gi'];
  const quota: Record<string, () => unknown> = {
    requestsCpu: () => p.choose(cpu, QUANTITIES), requestsMemory: () => p.choose(memory, QUANTITIES),
    limitsCpu: () => p.choose(cpu, QUANTITIES), limitsMemory: () => p.choose(memory, QUANTITIES),
    pods: () => count(p, [10, 30, 50]), loadBalancers: () => count(p, [0, 1]), nodePorts: () => count(p, [0, 2]),
    services: () => count(p, [5, 10]), secrets: () => count(p, [10, 20]), configMaps: () => count(p, [10, 20]),
    persistentVolumeClaims: () => count(p, [0, 5]),
    requestsEphemeralStorage: () => p.choose(['10Gi', '50Gi'], QUANTITIES),
  };
  const limitRange: Record<string, () => unknown> = {
    defaultCpuRequest: () => p.choose(['100m', '250m'], QUANTITIES),
    defaultMemoryRequest: () => p.choose(['128Mi', '256Mi'], QUANTITIES),
    defaultCpuLimit: () => p.choose(['500m', '1'], QUANTITIES),
    defaultMemoryLimit: () => p.choose(['512Mi', '1Gi'], QUANTITIES),
    defaultEphemeralStorage: () => p.choose(['1Gi', '2Gi'], QUANTITIES),
  };
  const some = (fields: Record<string, () => unknown>) => Object.fromEntries(Object.entries(fields)
    .filter(() => p.maybe()).map(([k, make]) => [k, make()]));
  if (p.maybe()) props.quota = some(quota);
  if (p.maybe()) props.limitRange = some(limitRange);
  if (p.maybe()) props.createNamespace = p.choose([true, false], ['false', 1, null]);
  if (p.maybe()) props.podSecurityVersion = p.choose(['latest', 'v1.30', 'v1.33'], ['1.30', 'v1', '', 'v2.0', 7]);
  if (p.maybe()) {
    props.httpsEgressCidrs = [p.choose(['20.0.0.0/8', '0.0.0.0/0', 'fd00::/8'], ['10.0.0.1/8', 'x', '', '10.0.0.0/33'])];
  }
  return props;
}

/**
 * An app of two to four tenants whose names, task hubs, schedulers and identities come from small pools (so they meet
 * now and then), each with workers and maybe an API; returns what it chose, for the report.
 */
function tenantsApp(p: Picker, app: App, chosen: unknown[]): void {
  const endpoints = ['https://orders.westus2.durabletask.io', 'https://ORDERS.westus2.durabletask.io/',
    'https://billing.eastus.durabletask.io'];
  for (let t = 0; t < p.pick([2, 3, 4]); t++) {
    const props = {
      namespaceName: p.choose([`tenant-${t}`], ['tenant-0', 'Tenant-A', '', 'kube-system']),
      taskHub: p.choose([`hub-${t}`], ['hub-0', 'hub', 'hub_a']),
      endpoint: p.pick(endpoints),
      identity: p.pick([undefined, CLIENT_ID, OTHER_CLIENT_ID]),
      apiIdentity: p.maybe() ? p.pick([CLIENT_ID, OTHER_CLIENT_ID]) : undefined,
      createBaseline: p.maybe() ? p.choose([false], ['no']) : undefined,
    };
    chosen.push(props);
    const tenant = new TaskHubTenant(app, `tenant-${t}`, {
      namespaceName: props.namespaceName as string, taskHub: props.taskHub as string,
      scheduler: DurableTaskScheduler.fromEndpoint(props.endpoint),
      identity: props.identity ? identity(props.identity) : undefined,
      apiIdentity: props.apiIdentity ? identity(props.apiIdentity) : undefined,
      createBaseline: props.createBaseline as boolean | undefined,
    });
    for (let w = 0; w < p.pick([1, 2]); w++) {
      const worker = { name: p.choose([`worker-${w}`], ['worker-0', 'Worker', '', undefined]),
        workItemType: p.maybe() ? p.choose(Object.values(WorkItemType), ['orchestration']) : undefined,
        scaling: p.maybe() ? Scaling.hpa({ minReplicas: 1, maxReplicas: count(p, [3, 10]) }) : undefined };
      chosen.push(worker);
      tenant.addWorker(`worker-${w}`, { image: IMAGE, ...worker } as never);
    }
    if (p.maybe()) {
      const api = { port: count(p, [8080]), ingress: p.maybe() ? { host: p.choose(['a.example.com', 'b.example.com'],
        ['*']) } : undefined };
      chosen.push(api);
      tenant.addApi('api', { image: IMAGE, ...api } as never);
    }
  }
}

/** One chart `orders` with its baseline and what `make` adds, synthesized and validated. */
function attemptChart(make: (chart: Chart) => void, baseline: (chart: Chart) => void = defaultBaseline): Outcome {
  return attempt(() => {
    const chart = new Chart(Testing.app(), 'orders', { namespace: 'orders' });
    baseline(chart);
    make(chart);
    return findingsOf(Testing.synth(chart));
  });
}

const CASES = 150;

describe('generated inputs: a clear error at construction, or output the validator accepts', () => {
  test.each(Array.from({ length: CASES }, (_, i) => i))('DurableWorker, case %i', i => {
    // GIVEN props from the generator
    const p = picker(generator(1000 + i));
    const props: Record<string, unknown> = {};
    // WHEN
    const outcome = attemptChart(chart => new DurableWorker(chart, 'worker', workloadProps(p, props) as never));
    // THEN
    expectKept(outcome, describeInput(props), PLACE);
  });

  test.each(Array.from({ length: CASES }, (_, i) => i))('DurableApi, case %i', i => {
    // GIVEN props from the generator, with exposure options
    const p = picker(generator(5000 + i));
    const props: Record<string, unknown> = {};
    // WHEN
    const outcome = attemptChart(chart => new DurableApi(chart, 'api', apiExposure(p, workloadProps(p, props)) as never));
    // THEN
    expectKept(outcome, describeInput(props), PLACE);
  });

  test.each(Array.from({ length: CASES }, (_, i) => i))('NamespaceBaseline with a worker, case %i', i => {
    // GIVEN baseline props from the generator, and a worker (with its own plausible props) in the namespace
    const p = picker(generator(9000 + i));
    const props: Record<string, unknown> = {};
    // WHEN
    const outcome = attemptChart(chart => new DurableWorker(chart, 'worker', workloadProps(p, {}) as never),
      chart => new NamespaceBaseline(chart, 'Baseline', baselineProps(p, props) as never));
    // THEN
    expectKept(outcome, describeInput(props), PLACE);
  });

  test.each(Array.from({ length: CASES / 3 }, (_, i) => i))('TaskHubTenants of one app, case %i', i => {
    // GIVEN an app of tenants from the generator
    const p = picker(generator(13000 + i));
    const chosen: unknown[] = [];
    // WHEN
    const outcome = attempt(() => {
      const app = Testing.app();
      tenantsApp(p, app, chosen);
      return synthAll(app);
    });
    // THEN
    expectKept(outcome, describeInput(chosen), PLACE);
  });

  test('the generator reaches both outcomes', () => {
    // GIVEN / WHEN every worker case
    const outcomes = Array.from({ length: CASES }, (_, i) => attemptChart(chart =>
      new DurableWorker(chart, 'worker', workloadProps(picker(generator(1000 + i)), {}) as never)));
    // THEN some inputs are accepted and some refused (a generator that only makes one kind tests little)
    const refused = outcomes.filter(o => o.error).length;
    expect(refused).toBeGreaterThan(CASES / 10);
    expect(CASES - refused).toBeGreaterThan(CASES / 10);
  });
});
