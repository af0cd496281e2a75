import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { buildReferenceApp } from '../app/reference-app';
import { loadAppSettings } from '../app/settings';
import { AzureIdentities, DurableApp, IdentityPlan, TenantsFile } from '../lib';
import { tenantsJsonSchema } from '../lib/private/tenants-schema';
import { one, synthApp } from './util';

const ROOT = join(__dirname, '..');
const REFERENCE = readFileSync(join(ROOT, 'tenants.yaml'), 'utf8');
const ENDPOINT = 'https://orders.westus2.durabletask.io';
const IMAGE = 'myregistry.azurecr.io/orders-worker:1.4.2';

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenants-file-'));
  dirs.push(dir);
  return dir;
};

/** A valid file with `count` tenants; `patch` edits the data before it is loaded. */
function data(count = 4, patch: (d: any) => void = () => {}): any {
  const d: any = {
    schedulers: [{ name: 'orders', endpoint: ENDPOINT }],
    defaults: { workerImage: IMAGE },
    tenants: Array.from({ length: count }, (_, i) => ({ name: ['alpha', 'beta', 'gamma', 'acme', 'delta'][i] })),
  };
  patch(d);
  return d;
}

const load = (d: any) => TenantsFile.fromData('tenants.yaml', d);
const build = (d: any) => load(d).addTenants(Testing.app());
const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(tenantsJsonSchema());

/** A tenant with a worker whose identity ASO creates (no client id), its tenants file and an AzureIdentities chart. */
function tenantWithCreatedIdentity() {
  const app = Testing.app();
  const file = load(data(1, d => {
    d.schedulers[0].azure = { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', schedulerName: 'orders' };
    d.tenants[0].identity = { azure: { create: { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'westus2' } } };
    d.tenants[0].workers = [{}];
  }));
  const [tenant] = file.addTenants(app);
  const azure = new AzureIdentities(app, 'alpha-azure', {
    namespaceName: 'alpha', oidcIssuerUrl: 'https://issuer.example.com/', schedulers: file.schedulerResources,
  });
  return { app, file, tenant, azure };
}

describe('TenantsFile', () => {
  test('builds one TaskHubTenant per entry, named after the tenant', () => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    const tenants = load(data(2, d => {
      d.tenants[1] = { name: 'beta', namespace: 'beta-ns', taskHub: 'beta-hub', workers: [{ workItemType: 'Activity',
        scaling: { type: 'fixed', replicas: 2 } }], apis: [{ image: IMAGE, ingress: { host: 'beta.example.com' } }] };
    })).addTenants(app);
    // THEN
    expect(tenants.map(t => [t.node.id, t.namespaceName, t.taskHub])).toEqual([['alpha', 'alpha', 'alpha'], ['beta', 'beta-ns', 'beta-hub']]);
    const manifests = synthApp(app);
    expect(one(manifests, 'Deployment', 'durable-worker-activity').spec.replicas).toBe(2);
    expect(one(manifests, 'Ingress').spec.rules[0].host).toBe('beta.example.com');
  });

  test('reads a YAML file with cdk8s and names it by its base name in errors', () => {
    // GIVEN
    const file = join(tmp(), 'my-tenants.yaml');
    writeFileSync(file, 'schedulers: [{ name: s, endpoint: "https://x.westus2.durabletask.io" }]\ntenants:\n  - name: a\n    bogus: 1\n');
    // WHEN / THEN
    expect(() => TenantsFile.fromFile(file)).toThrow("my-tenants.yaml: tenants[0] \"a\": 'bogus' is an unknown field; allowed: "
      + 'name, namespace, createBaseline, baseline, taskHub, scheduler, identity, apiIdentity, workers, apis');
  });

  test('fails when the file is not valid YAML, naming the file and the parser\'s first error', () => {
    // GIVEN an unclosed flow sequence
    const file = join(tmp(), 'broken.yaml');
    writeFileSync(file, 'schedulers: [{ name: s\ntenants: []\n');
    // WHEN / THEN
    expect(() => TenantsFile.fromFile(file)).toThrow(/^broken\.yaml: not valid YAML: /);
  });

  test('fails when YAML 1.1 reads an unquoted yes as the boolean true, naming the text and saying to quote it', () => {
    // GIVEN
    const file = join(tmp(), 'yes.yaml');
    writeFileSync(file, 'schedulers: [{ name: s, endpoint: "https://x.westus2.durabletask.io" }]\ntenants:\n  - name: yes\n');
    // WHEN / THEN (YAML 1.2 would read the string "yes"; cdk8s reads YAML 1.1)
    expect(() => TenantsFile.fromFile(file)).toThrow('yes.yaml: tenants[0]: \'name\' (yes) must be a string, but YAML '
      + 'reads yes unquoted as the boolean true: quote it, "yes"');
  });

  /** A file with one tenant "acme" whose worker has `line` (indented under the worker). */
  const workerFile = (line: string) => 'schedulers: [{ name: s, endpoint: "https://x.westus2.durabletask.io" }]\n'
    + `defaults: { workerImage: "${IMAGE}" }\ntenants:\n  - name: acme\n    workers:\n      - ${line}\n`;

  test.each([
    ['on', 'env: [{ name: FEATURE, value: on }]', "'workers[0].env[0].value' (on) must be a string, but YAML reads on "
      + 'unquoted as the boolean true: quote it, "on"'],
    ['no', 'env: [{ name: FEATURE, value: no }]', "'workers[0].env[0].value' (no) must be a string, but YAML reads no "
      + 'unquoted as the boolean false: quote it, "no"'],
    ['N (a boolean in YAML 1.1)', 'env: [{ name: N, value: "1" }]', "'workers[0].env[0].name' (N) must be a string, "
      + 'but YAML reads N unquoted as the boolean false: quote it, "N"'],
    ['a version 1.10', 'env: [{ name: VERSION, value: 1.10 }]', "'workers[0].env[0].value' (1.10) must be a string, "
      + 'but YAML reads 1.10 unquoted as the number 1.1: quote it, "1.10"'],
    ['a leading zero (octal in YAML 1.1)', 'env: [{ name: ZIP, value: 0123 }]', "'workers[0].env[0].value' (0123) must "
      + 'be a string, but YAML reads 0123 unquoted as the number 83: quote it, "0123"'],
    ['an exponent', 'name: 1e3', "'workers[0].name' (1e3) must be a string, but YAML reads 1e3 unquoted as the number "
      + '1000: quote it, "1e3"'],
    ['a date', 'env: [{ name: SINCE, value: 2026-01-01 }]', "'workers[0].env[0].value' (2026-01-01) must be a string, "
      + 'but YAML reads 2026-01-01 unquoted as the date 2026-01-01T00:00:00.000Z: quote it, "2026-01-01"'],
    ['a date for a number', 'preStopDelaySeconds: 2026-01-01', "'workers[0].preStopDelaySeconds' (2026-01-01) must be "
      + 'an integer'],
    ['no value for a required string', 'env: [{ name: EMPTY, value: }]', "'workers[0].env[0].value' is required (YAML "
      + 'reads no value as null): write "" for an empty string'],
    ['~ for a required string', 'env: [{ name: EMPTY, value: ~ }]', "'workers[0].env[0].value' is required (YAML reads ~ "
      + 'as null): write "" for an empty string, or quote the text, "~"'],
    ['a quoted number', 'preStopDelaySeconds: "5"', "'workers[0].preStopDelaySeconds' (\"5\") must be an integer: write 5 "
      + 'without quotes'],
  ])('fails when a value is %s, naming the text as written', (_, line, message) => {
    // GIVEN
    const file = join(tmp(), 'typed.yaml');
    writeFileSync(file, workerFile(line));
    // WHEN / THEN
    expect(() => TenantsFile.fromFile(file)).toThrow(new Error(`typed.yaml: tenants[0] "acme": ${message}`));
  });

  test('fails on a date that reaches a string through an alias, which YAML would otherwise turn into an ISO string', () => {
    // GIVEN the date's text is at the anchor, not at the field
    const file = join(tmp(), 'alias.yaml');
    writeFileSync(file, workerFile('env: [{ name: A, value: "x" }, { name: SINCE, value: &d 2026-01-01 }, { name: B, value: *d }]'));
    // WHEN / THEN
    expect(() => TenantsFile.fromFile(file)).toThrow(/^alias\.yaml: tenants\[0\] "acme": 'workers\[0\]\.env\[1\]\.value' \(2026-01-01\) must be a string/);
  });

  test('reads quoted values, anchors, merge keys, a BOM and CRLF line ends as the same data', () => {
    // GIVEN
    const file = join(tmp(), 'quoted.yaml');
    const text = 'schedulers: [{ name: s, endpoint: "https://x.westus2.durabletask.io" }]\n'
      + `defaults: { workerImage: "${IMAGE}" }\ntenants:\n  - &base\n    name: "yes"\n    workers:\n`
      + '      - env: [{ name: "N", value: "2026-01-01" }, { name: V, value: \'1.10\' }, { name: E, value: "" }]\n'
      + '  - <<: *base\n    name: "0123"\n';
    writeFileSync(file, `\ufeff${text.replace(/\n/g, '\r\n')}`);
    // WHEN
    const app = Testing.app();
    TenantsFile.fromFile(file).addTenants(app);
    const manifests = synthApp(app);
    // THEN
    const env = manifests.filter(m => m.kind === 'Deployment').map(d => d.spec.template.spec.containers[0].env
      .filter((e: any) => ['N', 'V', 'E'].includes(e.name)));
    expect(env).toEqual([0, 1].map(() => [{ name: 'N', value: '2026-01-01' }, { name: 'V', value: '1.10' }, { name: 'E', value: '' }]));
  });

  test.each([
    ['a number is out of range', (d: any) => { d.tenants[3].workers = [{ scaling: { type: 'hpa', maxReplicas: 0 } }]; },
      "tenants.yaml: tenants[3] \"acme\": 'workers[0].scaling.maxReplicas' (0) must be >= 1"],
    ['a field has the wrong type', (d: any) => { d.tenants[1].workers = [{ preStopDelaySeconds: '5' }]; },
      "tenants.yaml: tenants[1] \"beta\": 'workers[0].preStopDelaySeconds' (\"5\") must be an integer"],
    ['an enum value is unknown', (d: any) => { d.tenants[0].workers = [{ workItemType: 'activity' }]; },
      "tenants.yaml: tenants[0] \"alpha\": 'workers[0].workItemType' (\"activity\") must be one of \"Orchestration\", \"Activity\", \"Entity\""],
    ['a required field is missing', (d: any) => { d.tenants[2].apis = [{ ingress: { className: 'nginx' } }]; },
      "tenants.yaml: tenants[2] \"gamma\": 'apis[0].ingress.host' is required"],
    ['a tenant has no name', (d: any) => { delete d.tenants[2].name; }, 'tenants.yaml: tenants[2]: \'name\' is required'],
    ['there is no scheduler', (d: any) => { d.schedulers = []; }, 'tenants.yaml: \'schedulers\' ([]) must have at least 1 entry'],
    ['the top level has an unknown field', (d: any) => { d.tenant = []; },
      'tenants.yaml: \'tenant\' is an unknown field; allowed: schedulers, defaults, tenants'],
    ['a value is null', (d: any) => { d.tenants[0].taskHub = null; }, "tenants.yaml: tenants[0] \"alpha\": 'taskHub' (null) must be a string"],
    ['the tenants list is null (`tenants:` with nothing after it)', (d: any) => { d.tenants = null; },
      'tenants.yaml: \'tenants\' (null) must be a list; for none, write "tenants: []"'],
    ['an existing identity has a resource id but no principal id', (d: any) => {
      d.tenants[0].identity = { clientId: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa', azure: { resourceId: '/subscriptions/x' } };
    }, "tenants.yaml: tenants[0] \"alpha\": 'identity.azure.principalId' is required with 'identity.azure.resourceId'"],
    ['an existing API identity has a principal id but no resource id', (d: any) => {
      d.tenants[0].apiIdentity = { azure: { principalId: 'aaaaaaaa-0000-0000-0000-00000000000a' } };
    }, "tenants.yaml: tenants[0] \"alpha\": 'apiIdentity.azure.resourceId' is required with 'apiIdentity.azure.principalId'"],
    ['fixed scaling has HPA bounds', (d: any) => { d.tenants[0].workers = [{ scaling: { type: 'fixed', minReplicas: 3, maxReplicas: 9 } }]; },
      "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.minReplicas' (3) does not apply to type \"fixed\"; type "
      + '"fixed" allows: type, replicas'],
    ['HPA scaling has replicas', (d: any) => { d.tenants[0].workers = [{ scaling: { type: 'hpa', replicas: 4 } }]; },
      "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.replicas' (4) does not apply to type \"hpa\"; type \"hpa\" "
      + 'allows: type, name, minReplicas, maxReplicas, cpuUtilization, memoryUtilization'],
    ['HPA scaling has KEDA triggers', (d: any) => { d.tenants[0].apis = [{ scaling: { type: 'hpa', triggers: [{ type: 'cpu' }] } }]; },
      "tenants.yaml: tenants[0] \"alpha\": 'apis[0].scaling.triggers' ([{\"type\":\"cpu\"}]) does not apply to type \"hpa\"; "
      + 'type "hpa" allows: type, name, minReplicas, maxReplicas, cpuUtilization, memoryUtilization'],
    ['KEDA scaling has an HPA target', (d: any) => { d.tenants[0].workers = [{ scaling: { type: 'keda', cpuUtilization: 50 } }]; },
      "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.cpuUtilization' (50) does not apply to type \"keda\"; type "
      + '"keda" allows: type, minReplicas, maxReplicas, triggers'],
    ['a cpu trigger has a work item count', (d: any) => {
      d.tenants[0].workers = [{ scaling: { type: 'keda', triggers: [{ type: 'cpu', maxConcurrentWorkItemsCount: 5 }] } }];
    }, "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.triggers[0].maxConcurrentWorkItemsCount' (5) does not apply "
      + 'to type "cpu"; type "cpu" allows: type, value, name'],
    ['a durableTaskScheduler trigger has a value', (d: any) => {
      d.tenants[0].workers = [{ scaling: { type: 'keda', triggers: [{ type: 'durableTaskScheduler', value: 5 }] } }];
    }, "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.triggers[0].value' (5) does not apply to type "
      + '"durableTaskScheduler"; type "durableTaskScheduler" allows: type, name, maxConcurrentWorkItemsCount, identity'],
    ['a cpu trigger has an identity', (d: any) => {
      d.tenants[0].workers = [{ scaling: { type: 'keda', triggers: [{ type: 'cpu', identity: { clientId: '00000000-0000-0000-0000-000000000001' } }] } }];
    }, "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.triggers[0].identity' ({\"clientId\":\"00000000-0000-0000-0000-000000000001\"}) "
      + 'does not apply to type "cpu"; type "cpu" allows: type, value, name'],
  ])('fails when %s (the JSON Schema rejects it too)', (_, patch, message) => {
    // GIVEN
    const d = data(4, patch);
    // WHEN / THEN
    expect(() => load(d)).toThrow(message);
    expect(validateSchema(d)).toBe(false);
  });

  test.each([
    ['__proto__', '{"x": 1}'], ['constructor', '{}'], ['hasOwnProperty', '{}'], ['toString', '1'],
  ])('fails when a tenant entry has a field named after an Object.prototype member (%s), read from JSON', (key, value) => {
    // GIVEN JSON with that key (JSON.parse makes even __proto__ an own field)
    const d = JSON.parse(`{"schedulers": [{"name": "s", "endpoint": "${ENDPOINT}"}], "tenants": [{"name": "acme", "${key}": ${value}}]}`);
    // WHEN / THEN it is an unknown field, like any other, and nothing is polluted
    expect(() => load(d)).toThrow(`tenants.yaml: tenants[0] "acme": '${key}' is an unknown field; allowed: `
      + 'name, namespace, createBaseline, baseline, taskHub, scheduler, identity, apiIdentity, workers, apis');
    expect(validateSchema(d)).toBe(false);
    expect(({} as any).x).toBeUndefined();
  });

  test('fails when a YAML tenants file has a __proto__ field, without polluting Object.prototype', () => {
    // GIVEN
    const file = join(tmp(), 'proto.yaml');
    writeFileSync(file, `schedulers: [{ name: s, endpoint: "${ENDPOINT}" }]\ntenants:\n  - name: acme\n    workers:\n`
      + '      - __proto__: { polluted: 1 }\n');
    // WHEN / THEN
    expect(() => TenantsFile.fromFile(file)).toThrow("proto.yaml: tenants[0] \"acme\": 'workers[0].__proto__' is an unknown field; "
      + 'allowed: name, image, scaling, resources, env, preStopDelaySeconds, terminationGracePeriodSeconds, imagePullSecrets, readinessProbe, livenessProbe, startupProbe, workItemType, port');
    expect(({} as any).polluted).toBeUndefined();
  });

  test.each([
    ['two tenants have the same name', (d: any) => { d.tenants[3].name = 'beta'; },
      "tenants.yaml: tenants[3] \"beta\": 'name' (\"beta\") is already the name of tenants[1]"],
    ['a tenant names an unknown scheduler', (d: any) => { d.tenants[0].scheduler = 'billing'; },
      "tenants.yaml: tenants[0] \"alpha\": 'scheduler' (\"billing\") must name one of the schedulers: \"orders\""],
    ['two schedulers have the same name', (d: any) => {
      d.schedulers = [{ name: 's', endpoint: ENDPOINT }, { name: 's', endpoint: 'https://billing.westus2.durabletask.io' }];
    }, 'tenants.yaml: \'schedulers[1].name\' ("s") is already the name of schedulers[0]'],
    ['two schedulers with an azure section have the same endpoint', (d: any) => {
      const azure = { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', schedulerName: 'orders' };
      d.schedulers = [{ name: 'a', endpoint: ENDPOINT, azure }, { name: 'b', endpoint: `${ENDPOINT}/`, azure }];
    }, `tenants.yaml: 'schedulers[1].endpoint' ("${ENDPOINT}/") is already the endpoint of schedulers[0], which has an `
      + "azure section too: role assignments find a scheduler's Azure resource by its endpoint, so list the scheduler "
      + 'once, or give only one of them the azure section'],
    ['a scheduler endpoint has no scheme', (d: any) => { d.schedulers[0].endpoint = 'orders.westus2.durabletask.io'; },
      'tenants.yaml: \'schedulers[0].endpoint\' ("orders.westus2.durabletask.io") must be an https:// URL with a host and '
      + 'no path, query or credentials, e.g. "https://myscheduler.westus2.durabletask.io"'],
    ['a scheduler endpoint has a path, even with no tenant using it', (d: any) => {
      d.schedulers[0].endpoint = `${ENDPOINT}/v1`; d.tenants = [];
    }, `tenants.yaml: 'schedulers[0].endpoint' ("${ENDPOINT}/v1") must be an https:// URL with a host and no path, query `
      + 'or credentials, e.g. "https://myscheduler.westus2.durabletask.io"'],
    ['a scheduler connection string variable is not an environment variable name', (d: any) => {
      d.schedulers[0].connectionStringEnvName = 'DTS CONNECTION';
    }, 'tenants.yaml: \'schedulers[0].connectionStringEnvName\' ("DTS CONNECTION") must be a valid environment variable '
      + "name: letters, digits, '_', '-' or '.', not starting with a digit"],
  ])('fails when %s', (_, patch, message) => {
    expect(() => load(data(4, patch))).toThrow(message);
  });

  test.each([
    ['subscriptionId', 'x', 'tenants.yaml: \'schedulers[1].azure.subscriptionId\' ("x") must be a GUID like '
      + '00000000-0000-0000-0000-000000000000'],
    ['resourceGroup', 'rg.', 'tenants.yaml: \'schedulers[1].azure.resourceGroup\' ("rg.") must be an Azure resource '
      + "name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'"],
    ['schedulerName', 'a_b', 'tenants.yaml: \'schedulers[1].azure.schedulerName\' ("a_b") must be a Durable Task '
      + "Scheduler name: 3-64 letters, digits or '-'"],
  ])('fails when a scheduler\'s azure.%s is no Azure name (%s), when the file is read, naming the file\'s field',
    (field, value, message) => {
      // GIVEN a second scheduler, the first with an azure section (AzureIdentities would see it at index 0)
      const d = data(1, x => {
        const azure = { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', schedulerName: 'b' };
        x.schedulers.push({ name: 'billing', endpoint: 'https://billing.westus2.durabletask.io',
          azure: { ...azure, schedulerName: 'billing', [field]: value } });
      });
      // WHEN / THEN
      expect(() => load(d)).toThrow(new Error(message));
    });

  test('fails when a scheduler endpoint is not a string (the JSON Schema rejects it too)', () => {
    // GIVEN
    const d = data(1, x => { x.schedulers[0].endpoint = 42; });
    // WHEN / THEN
    expect(() => load(d)).toThrow('tenants.yaml: \'schedulers[0].endpoint\' (42) must be a string');
    expect(validateSchema(d)).toBe(false);
  });

  test.each([
    ['the construct rejects a tenant prop', (d: any) => { d.tenants[3].namespace = 'Acme'; },
      "tenants.yaml: tenants[3] \"acme\": 'namespace' (\"Acme\") must be a DNS-1123 label: 1-63 lowercase letters, "
      + "digits or '-', starting and ending with a letter or digit"],
    ['the construct rejects a client id', (d: any) => { d.tenants[3].apiIdentity = { clientId: 'not-a-guid' }; },
      "tenants.yaml: tenants[3] \"acme\": 'apiIdentity.clientId' (\"not-a-guid\") must be a GUID like 00000000-0000-0000-0000-000000000000"],
    ['the construct rejects the task hub the name gives', (d: any) => { d.tenants[3].name = 'ab'; },
      "tenants.yaml: tenants[3] \"ab\": 'name' (\"ab\") is also the tenant's task hub (the entry gives no 'taskHub'), and must be a "
      + "task hub name: 3-64 letters, digits or '-'"],
    ['two tenants have the same namespace', (d: any) => { d.tenants[3].namespace = 'alpha'; },
      "tenants.yaml: tenants[3] \"acme\": 'namespace' (\"alpha\") is already created by alpha/Baseline: every tenant needs a "
      + 'namespace of its own; for several clusters that reuse namespace names, build one app per cluster (e.g. new '
      + "DurableApp({ outdir: 'dist/<cluster>' }) for each): each app checks its own names"],
    ['the construct rejects a worker prop', (d: any) => { d.tenants[3].workers = [{ workItemType: 'Activity' }, { scaling: { type: 'hpa', minReplicas: 5, maxReplicas: 3 } }]; },
      "tenants.yaml: tenants[3] \"acme\": workers[1]: acme/worker-1: 'scaling.minReplicas' (5) must be <= 'scaling.maxReplicas' (3)"],
    ['a worker has no image and there is no default', (d: any) => { delete d.defaults; d.tenants[0].workers = [{}]; },
      "tenants.yaml: tenants[0] \"alpha\": workers[0]: alpha/worker-0: 'image' is required (received undefined): give a "
      + 'container image with a tag, e.g. "myregistry.azurecr.io/worker:1.4.2"'],
  ])('fails with the construct\'s own message when %s', (_, patch, message) => {
    expect(() => build(data(4, patch))).toThrow(message);
  });

  test.each([
    ['a named worker takes the id an unnamed one would get', { workers: [{ name: 'worker-1' }, {}] },
      ['worker-1', 'durable-worker']],
    ['an unnamed worker comes before a worker named like its id', { workers: [{}, { name: 'worker-0' }] },
      ['durable-worker', 'worker-0']],
    ['a named API takes the id an unnamed one would get', { apis: [{ name: 'api-1' }, {}] }, ['api-1', 'durable-api']],
    ['a worker is named constructor (a member of Object.prototype)', { workers: [{ name: 'constructor' }] },
      ['constructor']],
  ])('builds valid workloads whose names could clash as construct ids: %s', (_, entry, names) => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    const file = load(data(1, d => { Object.assign(d.tenants[0], entry); d.defaults.apiImage = IMAGE; }));
    const [tenant] = file.addTenants(app);
    // THEN every workload is built with its Deployment name
    expect([...tenant.workers, ...tenant.apis].map(w => w.name)).toEqual(names);
    expect(synthApp(app).filter(o => o.kind === 'Deployment').map(o => o.metadata.name).sort()).toEqual([...names].sort());
  });

  test.each([
    ['a worker and an API have the same name', { workers: [{ name: 'x' }], apis: [{ name: 'x' }] },
      'tenants.yaml: tenants[0] "alpha": \'apis[0].name\' ("x") is already the Deployment name of workers[0]: give each '
      + 'workload of the tenant a name of its own'],
    ['two unnamed workers would get the same default name', { workers: [{ workItemType: 'Activity' }, { workItemType: 'Activity' }] },
      'tenants.yaml: tenants[0] "alpha": \'workers[1].name\' (not given, so "durable-worker-activity") is already the '
      + 'Deployment name of workers[0]: give each workload of the tenant a name of its own'],
    ['a worker is named like the default name of an unnamed one', { workers: [{}, { name: 'durable-worker' }] },
      'tenants.yaml: tenants[0] "alpha": \'workers[1].name\' ("durable-worker") is already the Deployment name of '
      + 'workers[0]: give each workload of the tenant a name of its own'],
    ['a tenant name is empty', { name: '' },
      'tenants.yaml: tenants[0]: \'name\' ("") must not be empty: it names the tenant\'s chart and its output file'],
    ['a tenant is named constructor (a member of Object.prototype)', { name: 'constructor' },
      "tenants.yaml: tenants[0] \"constructor\": 'name' (\"constructor\") cannot name a tenant: it names the tenant's chart, "
      + "and the constructs library keeps the ids of a construct's children in a plain JavaScript object, where "
      + '"constructor" is a built-in member (Object.prototype), so no construct can have this id; choose another name'],
  ])('fails when %s', (_, entry, message) => {
    expect(() => load(data(1, d => Object.assign(d.tenants[0], entry)))).toThrow(message);
  });

  test('fails with the workload\'s own message when a worker name is empty', () => {
    expect(() => build(data(1, d => { d.tenants[0].workers = [{ name: '' }]; }))).toThrow(
      "tenants.yaml: tenants[0] \"alpha\": workers[0]: alpha/worker-0: 'name' (\"\") must be a DNS-1123 label: 1-63 "
      + "lowercase letters, digits or '-', starting and ending with a letter or digit");
  });

  test('fails when addTenants builds the same file twice into one app', () => {
    // GIVEN
    const app = Testing.app();
    const file = load(data(2));
    file.addTenants(app);
    // WHEN / THEN
    expect(() => file.addTenants(app)).toThrow("tenants.yaml: addTenants() has already built this file's tenants in "
      + 'this app: build them once per app (every tenant needs a namespace and a task hub of its own)');
  });

  test('fails when addAzureIdentities gets a tenant another file built', () => {
    // GIVEN a tenant built from another file
    const app = Testing.app();
    const [tenant] = TenantsFile.fromData('other.yaml', data(1)).addTenants(app);
    const azure = new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities',
      oidcIssuerUrl: 'https://issuer.example.com/', schedulers: [] });
    // WHEN / THEN
    expect(() => load(data(1)).addAzureIdentities(azure, tenant)).toThrow(
      "tenants.yaml: 'tenant' (alpha) was not built from this file by addTenants()");
  });

  test('fails when the app already has a construct with a tenant\'s name', () => {
    // GIVEN
    const app = Testing.app();
    new Chart(app, 'beta');
    // WHEN / THEN
    expect(() => load(data(2)).addTenants(app)).toThrow("tenants.yaml: tenants[1] \"beta\": 'name' (\"beta\") is the id of "
      + "a construct the app already has (beta), and the tenant's chart is named after the tenant: choose another name");
  });

  test('an identity ASO creates, in one pull request: the pods read the client id from the ConfigMap ASO writes', () => {
    // GIVEN a tenant whose identity ASO creates, without a client id
    const { file, tenant, azure } = tenantWithCreatedIdentity();
    // WHEN
    const added = file.addAzureIdentities(azure, tenant);
    // THEN the pods use workload identity with AZURE_CLIENT_ID from the ConfigMap; the ServiceAccount names none
    expect(added).toBe(1);
    const objects = Testing.synth(tenant);
    const pod = one(objects, 'Deployment').spec.template;
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(pod.spec.containers[0].env[0]).toEqual({
      name: 'AZURE_CLIENT_ID', valueFrom: { configMapKeyRef: { name: 'alpha-workers-identity', key: 'clientId' } },
    });
    expect(one(objects, 'ServiceAccount').metadata.annotations ?? {}).not.toHaveProperty(['azure.workload.identity/client-id']);
    // AND the identity's ASO objects are in the tenant's namespace (the chart's), where ASO writes that ConfigMap
    const aso = Testing.synth(azure);
    expect(aso.map(o => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'UserAssignedIdentity/alpha/alpha-workers', 'FederatedIdentityCredential/alpha/alpha-workers-alpha-durable-worker',
      'RoleAssignment/alpha/alpha-workers-alpha-worker',
    ]);
    expect(aso[0].spec.operatorSpec.configMaps.clientId).toEqual({ name: 'alpha-workers-identity', key: 'clientId' });
  });

  test.each([
    ['identity', 'create.resourceGroup', 'rg.', "'identity.azure.create.resourceGroup' (\"rg.\") must be an Azure resource name: "
      + "1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'"],
    ['identity', 'create.location', 'west-us-2', "'identity.azure.create.location' (\"west-us-2\") must be an Azure region: "
      + 'its name, e.g. "westus2", or its display name, e.g. "West US 2"'],
    ['apiIdentity', 'principalId', 'x', "'apiIdentity.azure.principalId' (\"x\") must be a GUID like 00000000-0000-0000-0000-000000000000"],
  ])('fails at the file\'s field when %s.azure.%s (%s) is no Azure value', (field, key, value, message) => {
    // GIVEN
    const app = Testing.app();
    const create = { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'westus2' };
    const existing = { resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/'
      + 'Microsoft.ManagedIdentity/userAssignedIdentities/apis', principalId: '00000000-0000-0000-0000-0000000000bb' };
    const file = load(data(1, d => {
      d.schedulers[0].azure = { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', schedulerName: 'orders' };
      d.tenants[0].identity = { clientId: '00000000-0000-0000-0000-000000000001', azure: { create } };
      d.tenants[0].apiIdentity = { clientId: '00000000-0000-0000-0000-000000000002', azure: existing };
      const [section, sub] = key.split('.');
      if (sub) d.tenants[0][field].azure[section][sub] = value; else d.tenants[0][field].azure[section] = value;
      d.tenants[0].workers = [{}];
      d.tenants[0].apis = [{ image: IMAGE }];
    }));
    const [tenant] = file.addTenants(app);
    const azure = new AzureIdentities(app, 'alpha-azure', {
      namespaceName: 'alpha', oidcIssuerUrl: 'https://issuer.example.com/', schedulers: file.schedulerResources,
    });
    // WHEN / THEN
    expect(() => file.addAzureIdentities(azure, tenant)).toThrow(new Error(`tenants.yaml: tenants[0] "alpha": ${message}`));
  });

  test.each([
    ['identity', { tenantId: '00000000-0000-0000-0000-0000000000cc' }],
    ['apiIdentity', {}],
  ])('fails when %s has neither a clientId nor azure.create, so the pods would log in as no identity', (field, spec) => {
    // GIVEN / WHEN / THEN (its tenantId was ignored, and the workloads ran without a workload identity)
    expect(() => load(data(1, d => { d.tenants[0][field] = spec; }))).toThrow(new Error(`tenants.yaml: tenants[0] "alpha": `
      + `'${field}.clientId' is required: the pods log in as the identity by its client id; or give '${field}.azure.create' `
      + 'for an identity ASO creates, whose client id the pods read from the ConfigMap ASO writes'));
  });

  const CREATED = { azure: { create: { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'westus2' } } };
  const DTS_SCALING = { type: 'keda', maxReplicas: 5, triggers: [{ type: 'durableTaskScheduler' }] };
  test.each([
    ['a worker', (t: any) => { t.identity = CREATED; t.workers = [{ name: 'a' }, { scaling: DTS_SCALING }]; },
      "'workers[1].scaling.triggers[0].type' (\"durableTaskScheduler\") authenticates as 'identity', whose client id ASO writes to "
      + 'ConfigMap alpha-workers-identity'],
    ["an API with the workers' identity", (t: any) => { t.identity = CREATED; t.apis = [{ scaling: DTS_SCALING }]; },
      "'apis[0].scaling.triggers[0].type' (\"durableTaskScheduler\") authenticates as 'identity', whose client id ASO writes to "
      + 'ConfigMap alpha-workers-identity'],
    ['an API with an apiIdentity of its own', (t: any) => {
      t.identity = { clientId: '00000000-0000-0000-0000-000000000001' }; t.apiIdentity = CREATED; t.apis = [{ scaling: DTS_SCALING }];
    }, "'apis[0].scaling.triggers[0].type' (\"durableTaskScheduler\") authenticates as 'apiIdentity', whose client id ASO writes "
      + 'to ConfigMap alpha-apis-identity'],
  ])('fails when %s scales on the scheduler as an identity ASO creates and the file has no client id for it', (_, patch, message) => {
    // GIVEN / WHEN / THEN (KEDA's TriggerAuthentication takes the client id as a value, not from the ConfigMap)
    expect(() => load(data(1, d => patch(d.tenants[0])))).toThrow(`tenants.yaml: tenants[0] "alpha": ${message} once it has `
      + "created the identity, but KEDA's TriggerAuthentication takes a client id only as a value: add that client id as '"
      + `${message.includes('apiIdentity') ? 'apiIdentity' : 'identity'}.clientId' (a second pull request), or scale on cpu or memory until then`);
  });

  test('an identity ASO creates with its client id in the file: a durableTaskScheduler trigger authenticates as it', () => {
    // GIVEN the client id copied in from the ConfigMap (the second pull request)
    const d = data(1, x => {
      x.tenants[0].identity = { ...CREATED, clientId: '00000000-0000-0000-0000-000000000001' };
      x.tenants[0].workers = [{ scaling: DTS_SCALING }];
    });
    // WHEN
    const [tenant] = build(d);
    // THEN
    expect(one(Testing.synth(tenant), 'TriggerAuthentication').spec.podIdentity.identityId).toBe('00000000-0000-0000-0000-000000000001');
  });

  test.each([
    ['an apiIdentity of their own (no azure section): only the workers', { clientId: '00000000-0000-0000-0000-000000000002' },
      ['alpha-workers-alpha-durable-worker']],
    ["the workers' client id: workers and APIs", { clientId: '00000000-0000-0000-0000-000000000001' },
      ['alpha-workers-alpha-durable-api', 'alpha-workers-alpha-durable-worker']],
    ['no apiIdentity: workers and APIs', undefined, ['alpha-workers-alpha-durable-api', 'alpha-workers-alpha-durable-worker']],
  ])("APIs with %s share the workers' Azure identity", (_, apiIdentity, credentials) => {
    // GIVEN a tenant whose workers' identity exists in Azure, with a worker and an API
    const app = Testing.app();
    const file = load(data(1, d => {
      d.schedulers[0].azure = { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', schedulerName: 'orders' };
      d.tenants[0].identity = { clientId: '00000000-0000-0000-0000-000000000001', azure: {
        resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/'
          + 'Microsoft.ManagedIdentity/userAssignedIdentities/alpha',
        principalId: '00000000-0000-0000-0000-0000000000bb' } };
      if (apiIdentity) d.tenants[0].apiIdentity = apiIdentity;
      d.tenants[0].workers = [{}];
      d.tenants[0].apis = [{ image: 'myregistry.azurecr.io/orders-api:1.4.2' }];
    }));
    const [tenant] = file.addTenants(app);
    const azure = new AzureIdentities(app, 'alpha-azure', {
      namespaceName: 'alpha', oidcIssuerUrl: 'https://issuer.example.com/', schedulers: file.schedulerResources,
    });
    // WHEN
    file.addAzureIdentities(azure, tenant);
    // THEN
    expect(Testing.synth(azure).filter(o => o.kind === 'FederatedIdentityCredential').map(o => o.metadata.name))
      .toEqual(credentials);
  });

  test('fails when a worker is added to a tenant after addAzureIdentities()', () => {
    // GIVEN a tenant whose workers' identity ASO creates, and its identities added
    const { file, tenant, azure } = tenantWithCreatedIdentity();
    file.addAzureIdentities(azure, tenant);
    // WHEN / THEN a worker added afterwards would have no federated credential and no role
    expect(() => tenant.addWorker('late', { name: 'late', image: 'myregistry.azurecr.io/late:1.0.0' })).toThrow(new Error(
      'alpha-azure: alpha/late was added to tenant "alpha" of tenants.yaml after addAzureIdentities(), which made the '
      + "tenant's federated credentials and roles from the workloads it had then: add every worker and API first"));
  });

  test('the JSON Schema accepts each scaling type with the fields it uses', () => {
    // GIVEN
    const d = data(1, x => {
      x.tenants[0].workers = [
        { name: 'a', scaling: { type: 'fixed', replicas: 2 } },
        { name: 'b', scaling: { type: 'hpa', minReplicas: 1, maxReplicas: 3, cpuUtilization: 60, memoryUtilization: 70 } },
        { name: 'c', scaling: { type: 'keda', minReplicas: 0, maxReplicas: 3, triggers: [{ type: 'cpu', value: 60, name: 'c' },
          { type: 'memory', value: 70 }, { type: 'durableTaskScheduler', name: 'd', maxConcurrentWorkItemsCount: 5 }] } },
      ];
    });
    // WHEN / THEN
    expect(validateSchema(d)).toBe(true);
    expect(() => load(d).addTenants(Testing.app())).not.toThrow();
  });

  test('the reference tenants.yaml passes the JSON Schema', () => {
    expect(validateSchema(parse(REFERENCE))).toBe(true);
    expect(REFERENCE.startsWith('# yaml-language-server: $schema=./schemas/tenants.schema.json\n')).toBe(true);
  });

  test('schemas/tenants.schema.json is what the loader checks (run `node scripts/tenants-schema.mjs` after a change)', () => {
    const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'tenants.schema.json'), 'utf8'));
    expect(committed).toEqual(tenantsJsonSchema());
  });
});

describe("a durableTaskScheduler trigger's own identity in the tenants file", () => {
  const SUB = '00000000-0000-0000-0000-00000000000a';
  const WORKERS_ID = '00000000-0000-0000-0000-000000000001';
  const SCALER_ID = '00000000-0000-0000-0000-000000000003';
  const SCALER_RESOURCE = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/alpha-scaler`;
  const SCALER_PRINCIPAL = '00000000-0000-0000-0000-0000000000cc';
  const READER = 'd6a5505f-6ebb-45a4-896e-ac8274cfc0ac';
  const HUB = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/orders/taskHubs/alpha`;
  const dts = (identity?: any) => ({ type: 'keda', maxReplicas: 5,
    triggers: [{ type: 'durableTaskScheduler', ...(identity ? { identity } : {}) }] });
  const SCALER = { clientId: SCALER_ID, azure: { resourceId: SCALER_RESOURCE, principalId: SCALER_PRINCIPAL } };

  /** A one-tenant file (scheduler with an azure section) after `patch`; its tenant and AzureIdentities chart. */
  function withAzure(patch: (t: any) => void) {
    const app = Testing.app();
    const file = load(data(1, d => {
      d.schedulers[0].azure = { subscriptionId: SUB, resourceGroup: 'rg', schedulerName: 'orders' };
      patch(d.tenants[0]);
    }));
    const [tenant] = file.addTenants(app);
    const azure = new AzureIdentities(app, 'alpha-azure', {
      namespaceName: 'alpha', oidcIssuerUrl: 'https://issuer.example.com/', schedulers: file.schedulerResources,
    });
    return { app, file, tenant, azure };
  }

  test('the trigger authenticates as it, not as the workers\' identity; its tenantId goes along', () => {
    // GIVEN
    const d = data(1, x => {
      x.tenants[0].identity = { clientId: WORKERS_ID };
      x.tenants[0].workers = [{ scaling: dts({ clientId: SCALER_ID, tenantId: 'contoso.onmicrosoft.com' }) }];
    });
    // WHEN
    const [tenant] = build(d);
    const objects = Testing.synth(tenant);
    // THEN
    expect(one(objects, 'TriggerAuthentication').spec.podIdentity).toEqual({
      provider: 'azure-workload', identityId: SCALER_ID, identityTenantId: 'contoso.onmicrosoft.com' });
    expect(one(objects, 'ServiceAccount').metadata.annotations['azure.workload.identity/client-id']).toBe(WORKERS_ID);
  });

  test('a worker whose identity ASO creates can scale on the scheduler in one pull request: the trigger has its own', () => {
    // GIVEN the workers' identity without a client id (ASO creates it), the trigger's an existing one
    const { tenant, file, azure } = withAzure(t => {
      t.identity = { azure: { create: { subscriptionId: SUB, resourceGroup: 'rg', location: 'westus2' } } };
      t.workers = [{ scaling: dts(SCALER) }];
    });
    // WHEN
    file.addAzureIdentities(azure, tenant);
    // THEN
    expect(one(Testing.synth(tenant), 'TriggerAuthentication').spec.podIdentity.identityId).toBe(SCALER_ID);
    expect(Testing.synth(azure).filter(o => o.kind === 'UserAssignedIdentity').map(o => o.metadata.name))
      .toEqual(['alpha-workers']);
  });

  test('its azure section gives it the KEDA operator\'s credential and Durable Task Data Reader; the workers\' gets neither', () => {
    // GIVEN workers whose identity exists, and a read-only identity for their scaler
    const { tenant, file, azure } = withAzure(t => {
      t.identity = { clientId: WORKERS_ID, azure: {
        resourceId: SCALER_RESOURCE.replace('alpha-scaler', 'alpha'), principalId: '00000000-0000-0000-0000-0000000000bb' } };
      t.workers = [{ workItemType: 'Orchestration', scaling: dts(SCALER) }, { workItemType: 'Activity', scaling: dts(SCALER) }];
    });
    // WHEN
    const added = file.addAzureIdentities(azure, tenant);
    const objects = Testing.synth(azure);
    // THEN one identity for both triggers, named after the tenant
    expect(added).toBe(2);
    const credentials = objects.filter(o => o.kind === 'FederatedIdentityCredential');
    expect(credentials.filter(c => c.spec.subject === 'system:serviceaccount:keda:keda-operator').map(c => c.spec.owner))
      .toEqual([{ armId: SCALER_RESOURCE }]);
    const roles = objects.filter(o => o.kind === 'RoleAssignment');
    const reader = roles.filter(r => r.spec.roleDefinitionReference.armId.endsWith(READER));
    expect(reader.map(r => [r.spec.principalId, r.spec.owner.armId])).toEqual([[SCALER_PRINCIPAL, HUB]]);
    expect(roles.filter(r => r.spec.principalId === SCALER_PRINCIPAL)).toHaveLength(1);
  });

  test('the identity plan lists it with the KEDA operator subject and Data Reader on the hub', () => {
    // GIVEN
    const { app } = withAzure(t => {
      t.identity = { clientId: WORKERS_ID };
      t.workers = [{ scaling: dts({ clientId: SCALER_ID }) }];
    });
    // WHEN
    const plan = IdentityPlan.of(app, { schedulers: [{ endpoint: ENDPOINT, subscriptionId: SUB, resourceGroup: 'rg',
      schedulerName: 'orders' }] });
    // THEN
    const scaler = plan.identities.find(i => i.clientId === SCALER_ID)!;
    expect(scaler.subjects).toEqual(['system:serviceaccount:keda:keda-operator']);
    expect(scaler.roles.map(r => [r.roleName, r.scope])).toEqual([['Durable Task Data Reader', HUB]]);
    expect(plan.identities.find(i => i.clientId === WORKERS_ID)!.roles.map(r => r.roleName)).toEqual(['Durable Task Worker']);
  });

  test('the JSON Schema accepts it on a durableTaskScheduler trigger', () => {
    // GIVEN / WHEN / THEN
    const d = data(1, x => {
      x.tenants[0].identity = { clientId: WORKERS_ID };
      x.tenants[0].workers = [{ scaling: dts({ ...SCALER, tenantId: 'contoso.onmicrosoft.com' }) }];
    });
    expect(validateSchema(d)).toBe(true);
    expect(() => build(d)).not.toThrow();
  });

  const at = "tenants.yaml: tenants[0] \"alpha\": 'workers[0].scaling.triggers[0].identity";
  test.each([
    ['it has no client id', { azure: { resourceId: SCALER_RESOURCE, principalId: SCALER_PRINCIPAL } },
      `${at}.clientId' is required: KEDA's TriggerAuthentication takes the client id of the trigger's identity as a value `
      + `(az identity show --ids ${SCALER_RESOURCE} --query clientId)`],
    ['ASO would create it', { clientId: SCALER_ID, azure: { create: { subscriptionId: SUB, resourceGroup: 'rg', location: 'westus2' } } },
      `${at}.azure.create' cannot create a trigger's identity: KEDA's TriggerAuthentication takes its client id as a value, `
      + 'which an identity ASO creates has only once it exists; create it first (az identity create, Bicep or Terraform), '
      + "then give its 'clientId', and 'azure.resourceId' and 'azure.principalId' for its federated credential and role"],
    ["it is the workers' identity with an azure section of its own", { ...SCALER, clientId: WORKERS_ID.toUpperCase() },
      `${at}.clientId' ("${WORKERS_ID.toUpperCase()}") is the client id of 'identity', whose Azure side is 'identity.azure': `
      + "leave the trigger's 'identity' out (the trigger authenticates as 'identity' without it), or give the trigger "
      + 'another identity'],
    ['its client id is not a GUID', { clientId: 'scaler' },
      `${at}.clientId' ("scaler") must be a GUID like 00000000-0000-0000-0000-000000000000`],
  ])('fails when %s', (_, identity, message) => {
    // GIVEN / WHEN / THEN
    expect(() => build(data(1, d => {
      d.tenants[0].identity = { clientId: WORKERS_ID };
      d.tenants[0].workers = [{ scaling: dts(identity) }];
    }))).toThrow(new Error(message));
  });

  test('fails when two triggers give one client id different azure sections', () => {
    // GIVEN
    const { tenant, file, azure } = withAzure(t => {
      t.identity = { clientId: WORKERS_ID };
      t.workers = [{ name: 'a', scaling: dts(SCALER) },
        { name: 'b', scaling: dts({ ...SCALER, azure: { ...SCALER.azure, principalId: '00000000-0000-0000-0000-0000000000dd' } }) }];
    });
    // WHEN / THEN
    expect(() => file.addAzureIdentities(azure, tenant)).toThrow(new Error(
      `tenants.yaml: tenants[0] "alpha": 'workers[1].scaling.triggers[0].identity.azure' (${JSON.stringify(SCALER.azure).slice(0, 77)}...) `
      + 'differs from the azure section of workers[0].scaling.triggers[0].identity, which has the same client id: one '
      + 'identity has one Azure side; give it once, or the same in both'));
  });
});

describe('adding a tenant to tenants.yaml', () => {
  /** Synthesizes the reference app (as main.ts does) with this tenants file; returns the files by path. */
  function synthWith(tenantsYaml: string): Record<string, string> {
    const dir = tmp();
    writeFileSync(join(dir, 'tenants.yaml'), tenantsYaml);
    const outdir = join(dir, 'dist');
    const app = new DurableApp({ outdir });
    buildReferenceApp(app, loadAppSettings({ DURABLE_TENANTS_FILE: join(dir, 'tenants.yaml') }));
    app.synth();
    return Object.fromEntries(readdirSync(outdir, { recursive: true, encoding: 'utf8' }).sort()
      .map(f => [f, statSync(join(outdir, f)).isDirectory() ? 'folder' : readFileSync(join(outdir, f), 'utf8')]));
  }

  test("adds one folder with the new tenant's own files (workloads, Azure identities, GitOps) and changes no other file", () => {
    // GIVEN
    const before = synthWith(REFERENCE);
    // WHEN
    const after = synthWith(REFERENCE + [
      '  - name: tenant-c',
      '    identity:',
      '      clientId: cccccccc-cccc-cccc-cccc-cccccccccccc',
      '      azure: { create: { subscriptionId: 00000000-0000-0000-0000-00000000000a, resourceGroup: rg-c, location: westus2 } }',
      '    workers: [{ scaling: { type: hpa, minReplicas: 1, maxReplicas: 4 } }]',
      '',
    ].join('\n'));
    // THEN
    const added = Object.keys(after).filter(f => !(f in before));
    expect(added).toEqual(['tenant-c', 'tenant-c/tenant-c-azure.k8s.yaml', 'tenant-c/tenant-c-gitops.k8s.yaml',
      'tenant-c/tenant-c.k8s.yaml']);
    // Nothing outside the new folder: every entry of the outdir is a tenant's folder (or construct metadata).
    expect(Object.keys(after).filter(f => !f.includes('/'))).toEqual(['durable-system', 'tenant-a', 'tenant-b', 'tenant-c']);
    for (const [file, content] of Object.entries(before)) {
      expect([file, after[file]]).toEqual([file, content]);
    }
  });
});
