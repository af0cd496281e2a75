import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { Testing } from 'cdk8s';
import { AzureIdentities, GitOpsDelivery, TenantsFile } from '../lib';
import { tenantsJsonSchema } from '../lib/private/tenants-schema';
import { all, exactly, one, synthApp } from './util';

const ENDPOINT = 'https://orders.westus2.durabletask.io';
const IMAGE = 'myregistry.azurecr.io/orders-worker:1.4.2';
const SUBSCRIPTION = '00000000-0000-0000-0000-00000000000a';
const CLIENT_ID = '11111111-1111-1111-1111-111111111111';

const dirs: string[] = [];
afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })));

/** A file with one tenant "acme" (a worker, an API with an Ingress); `patch` edits the tenant. */
function data(patch: (tenant: any) => void = () => {}): any {
  const tenant: any = { name: 'acme', namespace: 'team-acme', identity: { clientId: CLIENT_ID },
    workers: [{ scaling: { type: 'hpa', minReplicas: 1, maxReplicas: 4 } }],
    apis: [{ image: IMAGE, ingress: { host: 'acme.example.com', className: 'nginx' } }] };
  patch(tenant);
  return { schedulers: [{ name: 'orders', endpoint: ENDPOINT }], defaults: { workerImage: IMAGE }, tenants: [tenant] };
}

const load = (d: any) => TenantsFile.fromData('tenants.yaml', d);

/** A YAML tenants file with one tenant "acme" whose entry has `lines` (indented under the entry). */
function yamlFile(lines: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenants-baseline-'));
  dirs.push(dir);
  const file = join(dir, 'tenants.yaml');
  writeFileSync(file, `schedulers: [{ name: s, endpoint: "${ENDPOINT}" }]\ndefaults: { workerImage: "${IMAGE}" }\n`
    + `tenants:\n  - name: acme\n${lines}\n`);
  return file;
}

const kinds = (manifests: any[]) => [...new Set(manifests.map(m => m.kind))].sort();

describe('tenants file: a namespace the platform owns', () => {
  test('without baseline fields, the tenant creates its Namespace and baseline (as before)', () => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    load(data()).addTenants(app);
    // THEN
    const manifests = synthApp(app);
    expect(one(manifests, 'Namespace', 'team-acme')).toBeDefined();
    expect(kinds(manifests)).toEqual(expect.arrayContaining(['LimitRange', 'Namespace', 'NetworkPolicy',
      'ResourceQuota']));
  });

  test('baseline.createNamespace false: no Namespace; quota, limits, policies and workloads go into the namespace', () => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    const [tenant] = load(data(t => {
      t.baseline = { createNamespace: false, quota: { requestsCpu: '8', pods: 40, secrets: 20 },
        limitRange: { defaultMemoryLimit: '1Gi' }, httpsEgressCidrs: ['10.20.0.0/16'] };
    })).addTenants(app);
    // THEN
    const manifests = synthApp(app);
    expect(all(manifests, 'Namespace')).toEqual([]);
    expect(tenant.baseline?.namespaceObject).toBeUndefined();
    expect(new Set(manifests.map(m => m.metadata.namespace))).toEqual(new Set(['team-acme']));
    const quota = one(manifests, 'ResourceQuota').spec.hard;
    expect([quota['requests.cpu'], quota.pods, quota.secrets]).toEqual(['8', 40, 20]);
    expect(one(manifests, 'LimitRange').spec.limits[0].default.memory).toBe('1Gi');
    expect(JSON.stringify(all(manifests, 'NetworkPolicy'))).toContain('10.20.0.0/16');
    expect(one(manifests, 'ServiceAccount', 'durable-worker').metadata.annotations['azure.workload.identity/client-id'])
      .toBe(CLIENT_ID);
    expect(one(manifests, 'Deployment', 'durable-api').metadata.namespace).toBe('team-acme');
  });

  test('createBaseline false: only the workloads (no Namespace, quota, limits or default-deny policies)', () => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    const [tenant] = load(data(t => { t.createBaseline = false; })).addTenants(app);
    // THEN (synthApp validates them next to a baseline, as the platform's namespace has one)
    const manifests = synthApp(app);
    expect(tenant.baseline).toBeUndefined();
    expect(kinds(manifests)).not.toEqual(expect.arrayContaining(['Namespace']));
    for (const kind of ['Namespace', 'ResourceQuota', 'LimitRange']) {
      expect(all(manifests, kind)).toEqual([]);
    }
    // The API's own allow rule (from the ingress controller) stays; the baseline's default deny is the platform's.
    expect(all(manifests, 'NetworkPolicy').map(p => p.metadata.name)).toEqual(['durable-api-allow-ingress-controller']);
    expect(one(manifests, 'Deployment', 'durable-worker').metadata.namespace).toBe('team-acme');
    expect(one(manifests, 'ServiceAccount', 'durable-worker').metadata.namespace).toBe('team-acme');
  });

  test('createBaseline true and createNamespace true, written out, are the defaults', () => {
    // GIVEN
    const plain = Testing.app();
    const explicit = Testing.app();
    // WHEN
    load(data()).addTenants(plain);
    load(data(t => { t.createBaseline = true; t.baseline = { createNamespace: true }; })).addTenants(explicit);
    // THEN
    expect(synthApp(explicit)).toEqual(synthApp(plain));
  });

  test('an adopted namespace keeps its Azure side: federated credentials name its ServiceAccounts', () => {
    // GIVEN
    const app = Testing.app();
    const d = data(t => {
      t.createBaseline = false;
      t.identity = { clientId: CLIENT_ID, azure: { resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/`
        + 'Microsoft.ManagedIdentity/userAssignedIdentities/acme', principalId: 'aaaaaaaa-0000-0000-0000-00000000000a' } };
    });
    d.schedulers[0].azure = { subscriptionId: SUBSCRIPTION, resourceGroup: 'rg', schedulerName: 'orders' };
    const file = load(d);
    const [tenant] = file.addTenants(app);
    const azure = new AzureIdentities(app, 'acme-azure', { namespaceName: 'team-acme',
      oidcIssuerUrl: 'https://issuer.example.com/', schedulers: file.schedulerResources });
    // WHEN
    file.addAzureIdentities(azure, tenant);
    // THEN
    const subjects = all(synthApp(app), 'FederatedIdentityCredential').map(c => c.spec.subject).sort();
    expect(subjects).toEqual(['system:serviceaccount:team-acme:durable-api', 'system:serviceaccount:team-acme:durable-worker']);
  });

  test('the GitOps objects of an adopted namespace neither create nor name it', () => {
    // GIVEN
    const app = Testing.app();
    const [tenant] = load(data(t => { t.baseline = { createNamespace: false }; })).addTenants(app);
    const gitOps = new GitOpsDelivery(app, 'acme-gitops', { repoUrl: 'https://github.com/org/platform.git' });
    // WHEN
    gitOps.deliver('acme', [tenant]);
    // THEN: Argo CD creates a namespace only with CreateNamespace=true for spec.destination.namespace; Flux never
    // (a Kustomization's targetNamespace must exist); both prune only what they applied.
    const manifests = synthApp(app);
    const application = one(manifests, 'Application', 'acme');
    expect(application.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
    expect(JSON.stringify(application.spec.syncPolicy)).not.toContain('CreateNamespace');
    expect(one(manifests, 'Kustomization', 'acme').spec.targetNamespace).toBeUndefined();
  });

  test('the JSON Schema accepts the baseline fields and rejects what the loader rejects', () => {
    // GIVEN
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(tenantsJsonSchema());
    // WHEN / THEN
    expect(validate(data(t => { t.baseline = { createNamespace: false, quota: { pods: 10 }, httpsEgressCidrs: [] }; })))
      .toBe(true);
    expect(validate(data(t => { t.createBaseline = false; }))).toBe(true);
    expect(validate(data(t => { t.createBaseline = 'false'; }))).toBe(false);
    expect(validate(data(t => { t.baseline = { createNamespce: false }; }))).toBe(false);
    expect(validate(data(t => { t.baseline = { quota: { pods: 0 } }; }))).toBe(false);
  });

  test.each([
    ['true', true], ['false', false], ['False', false], ['TRUE', true],
  ])('reads createBaseline: %s (a boolean in YAML 1.1 and 1.2 alike)', (text, value) => {
    // GIVEN
    const file = yamlFile(`    createBaseline: ${text}`);
    // WHEN
    const [tenant] = TenantsFile.fromFile(file).addTenants(Testing.app());
    // THEN
    expect(tenant.baseline === undefined).toBe(!value);
  });

  test.each([
    ['no', 'false'], ['off', 'false'], ['n', 'false'], ['yes', 'true'], ['on', 'true'], ['Y', 'true'],
  ])('fails when a boolean is written %s, which YAML 1.2 reads as a string (write %s)', (text, value) => {
    // GIVEN
    const file = yamlFile(`    baseline: { createNamespace: ${text} }`);
    // WHEN / THEN
    expect(() => TenantsFile.fromFile(file)).toThrow(exactly(`tenants.yaml: tenants[0] "acme": 'baseline.createNamespace' `
      + `(${text}) must be true or false: YAML 1.1 (cdk8s) reads ${text} unquoted as ${value}, YAML 1.2 (editors checking `
      + `the JSON Schema) as the string "${text}"; write ${value}`));
  });

  test.each([
    ['a quoted boolean', { createBaseline: 'False' }, "'createBaseline' (\"False\") must be true or false: write false without quotes"],
    ['a number', { createBaseline: 0 }, "'createBaseline' (0) must be true or false"],
    ['null', { baseline: { createNamespace: null } }, "'baseline.createNamespace' (null) must be true or false"],
    ['an unknown baseline field', { baseline: { createNamespce: false } }, "'baseline.createNamespce' is an unknown "
      + 'field; allowed: createNamespace, podSecurityVersion, quota, limitRange, httpsEgressCidrs'],
    ['an unknown quota field', { baseline: { quota: { cpu: '4' } } }, "'baseline.quota.cpu' is an unknown field; "
      + 'allowed: requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods, loadBalancers, nodePorts, services, '
      + 'secrets, configMaps, persistentVolumeClaims, requestsEphemeralStorage'],
    ['quota pods below 1', { baseline: { quota: { pods: 0 } } }, "'baseline.quota.pods' (0) must be >= 1"],
    ['a quoted quota count', { baseline: { quota: { secrets: '20' } } },
      "'baseline.quota.secrets' (\"20\") must be an integer: write 20 without quotes"],
    ['a baseline that is not a mapping', { baseline: false }, "'baseline' (false) must be a mapping"],
    ['baseline settings without a baseline', { createBaseline: false, baseline: { createNamespace: false } },
      "'baseline' needs 'createBaseline' true: with 'createBaseline: false' the platform owns the namespace and its "
      + 'quota, limits and policies, so the tenant creates none of them and there is nothing to configure; remove '
      + "'baseline', or remove 'createBaseline: false' for a baseline in the platform's namespace "
      + "('baseline.createNamespace: false')"],
    ['an empty baseline without a baseline', { createBaseline: false, baseline: {} },
      "'baseline' needs 'createBaseline' true"],
    ['a Pod Security version for an adopted namespace', { baseline: { createNamespace: false, podSecurityVersion: 'v1.30' } },
      "'baseline.podSecurityVersion' (\"v1.30\") needs 'baseline.createNamespace' true: an adopted namespace keeps the "
      + "platform's Pod Security labels"],
  ])('fails when an entry has %s, when the file is read', (_, fields, message) => {
    // GIVEN / WHEN / THEN
    expect(() => load(data(t => Object.assign(t, fields)))).toThrow(`tenants.yaml: tenants[0] "acme": ${message}`);
  });

  test.each([
    ['a quota quantity', { quota: { requestsCpu: 'lots' } }, "'baseline.quota.requestsCpu' (\"lots\") must be"],
    ['a Pod Security version', { createNamespace: true, podSecurityVersion: 'v1.01' }, "'baseline.podSecurityVersion' (\"v1.01\") must be "
      + '"latest" or a Kubernetes minor version like "v1.33"'],
    ['an egress CIDR', { httpsEgressCidrs: ['10.0.0.1/16'] }, "'baseline.httpsEgressCidrs[0]' (\"10.0.0.1/16\") is "
      + 'not a network address'],
    ['no egress CIDR', { httpsEgressCidrs: [] }, "'baseline.httpsEgressCidrs' is empty: pods need HTTPS egress"],
    ['a LimitRange storage default without its quota line', { limitRange: { defaultEphemeralStorage: '2Gi' } },
      "'baseline.limitRange.defaultEphemeralStorage' (\"2Gi\") needs 'baseline.quota.requestsEphemeralStorage': only "
      + 'with that quota line'],
  ])('fails at the field when NamespaceBaseline rejects %s', (_, baseline, message) => {
    // GIVEN
    const file = load(data(t => { t.baseline = { createNamespace: false, ...baseline }; }));
    // WHEN / THEN
    expect(() => file.addTenants(Testing.app())).toThrow(`tenants.yaml: tenants[0] "acme": ${message}`);
  });

  test('fails at the quota lines a workload does not fit, one line each, when the workload joins', () => {
    // GIVEN
    const file = load(data(t => {
      t.baseline = { createNamespace: false, quota: { pods: 3, requestsCpu: '1' } };
      t.apis = [];
    }));
    // WHEN / THEN
    expect(() => file.addTenants(Testing.app())).toThrow(exactly('tenants.yaml: tenants[0] "acme": '
      + "'baseline.quota.requestsCpu' (1 CPU) is below what the workloads need at maximum scale during a rollout "
      + "(1.25 CPU = acme/worker-0 5 pods × 0.25 CPU; a workload's pods are its maxReplicas plus the 25 % rollout "
      + "surge): raise the quota or lower 'maxReplicas'\n"
      + 'tenants.yaml: tenants[0] "acme": \'baseline.quota.pods\' (3 pods) is below what the workloads need at maximum '
      + "scale during a rollout (5 pods = acme/worker-0 5 pods; a workload's pods are its maxReplicas plus the 25 % "
      + "rollout surge): raise the quota or lower 'maxReplicas'"));
  });
});
