/**
 * Determinism of the synthesized manifests: the same input gives byte-identical YAML, construct ids never
 * leak into objects, and tenants are independent of each other (reordering or adding one changes no other).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Testing } from 'cdk8s';
import { buildReferenceApp, ReferenceIds } from '../app/reference-app';
import { DEFAULT_SETTINGS, loadSettings, ReferenceSettings } from '../app/settings';
import { DurableTaskScheduler, KedaTrigger, Scaling, TaskHubTenant, WorkloadIdentity } from '../lib';
import { synthApp } from './util';

const TENANT_A = 'tenant-a:tenant-a:aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
const TENANT_B = 'tenant-b:tenant-b:bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
const TENANT_C = 'tenant-c:tenant-c:cccccccc-cccc-cccc-cccc-cccccccccccc';
const TENANT_D = 'tenant-d:orders:dddddddd-dddd-dddd-dddd-dddddddddddd';

/** Settings of the reference app with these tenants (`namespace:taskHub:clientId` entries). */
const withTenants = (...tenants: string[]): ReferenceSettings => loadSettings({ DURABLE_TENANTS: tenants.join(',') });

const outdirs: string[] = [];
afterAll(() => outdirs.forEach(dir => rmSync(dir, { recursive: true, force: true })));

/** The files `app.synth()` writes, by file name. */
function readOutdir(outdir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(outdir).sort().map(file => [file, readFileSync(join(outdir, file), 'utf8')]));
}

/** Builds an app into its own temporary outdir, runs `app.synth()` and returns the files it wrote. */
function synthFiles(build: (app: App) => unknown): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'durable-determinism-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  build(app);
  app.synth();
  return readOutdir(outdir);
}

/** `kind/namespace/name` of an object (`-` for cluster-scoped objects). */
const keyOf = (o: any): string => `${o.kind}/${o.metadata.namespace ?? '-'}/${o.metadata.name}`;

/** Every synthesized object of the app, by `kind/namespace/name`; fails on a duplicate key. */
function objectsByKey(app: App): Record<string, any> {
  const objects: Record<string, any> = {};
  for (const o of synthApp(app)) {
    expect(objects[keyOf(o)]).toBeUndefined();
    objects[keyOf(o)] = o;
  }
  return objects;
}

/** The objects of each namespace (a Namespace object counts in the namespace it creates), by key. */
function objectsByNamespace(app: App): Record<string, Record<string, any>> {
  const result: Record<string, Record<string, any>> = {};
  for (const [key, o] of Object.entries(objectsByKey(app))) {
    const namespace = o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace;
    (result[namespace] ??= {})[key] = o;
  }
  return result;
}

/** Other construct ids everywhere: other chart ids (so other file names), other ids for every child. */
const RENAMED_IDS: ReferenceIds = {
  systemChart: 'platform',
  baseline: 'SystemNamespace',
  api: 'OrchestrationApi',
  worker: 'BackgroundWorker',
  tenantChart: (_tenant, i) => `customer-${i + 1}`,
  kedaWorker: 'KedaScaledWorker',
  orchestrationWorker: 'OrchestratorPool',
  activityWorker: 'ActivityPool',
};

/** The reference layout of app/reference-app.ts, built with RENAMED_IDS. */
function buildRenamedReferenceApp(app: App, settings: ReferenceSettings): void {
  buildReferenceApp(app, settings, RENAMED_IDS);
}

/**
 * A multi-tenant app in which every tenant has the same layout (an API and a KEDA-scaled worker), so that
 * a tenant's output cannot depend on its position.
 */
function buildUniformTenants(app: App, settings: ReferenceSettings): void {
  const scheduler = DurableTaskScheduler.fromEndpoint(settings.schedulerEndpoint);
  for (const t of settings.tenants) {
    const tenant = new TaskHubTenant(app, t.namespace, {
      namespaceName: t.namespace,
      taskHub: t.taskHub,
      scheduler,
      identity: WorkloadIdentity.fromClientId(t.clientId),
    });
    tenant.addApi('Api', { image: settings.apiImage, httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateways', hostnames: [`${t.namespace}.example.com`] } });
    tenant.addWorker('Worker', {
      image: settings.workerImage,
      scaling: Scaling.keda({ minReplicas: 0, maxReplicas: 10, triggers: [KedaTrigger.durableTaskScheduler({ name: 'backlog' }), KedaTrigger.cpu(70, { name: 'cpu' })] }),
    });
  }
}

describe('repeated synths', () => {
  test('two synths of the reference app, each in a fresh Testing.app(), write byte-identical files', () => {
    // GIVEN
    const first = Testing.app();
    const second = Testing.app();
    outdirs.push(first.outdir, second.outdir);
    buildReferenceApp(first, DEFAULT_SETTINGS);
    buildReferenceApp(second, DEFAULT_SETTINGS);
    // WHEN
    first.synth();
    second.synth();
    // THEN
    const files = readOutdir(first.outdir);
    expect(Object.keys(files)).toEqual(['durable-system.k8s.yaml', 'tenant-a.k8s.yaml', 'tenant-b.k8s.yaml']);
    expect(readOutdir(second.outdir)).toEqual(files);
  });

  test('two app.synth() runs into two temporary outdirs write byte-identical files', () => {
    // GIVEN / WHEN
    const first = synthFiles(app => buildReferenceApp(app, loadSettings({})));
    const second = synthFiles(app => buildReferenceApp(app, loadSettings({})));
    // THEN
    expect(Object.keys(first)).toEqual(['durable-system.k8s.yaml', 'tenant-a.k8s.yaml', 'tenant-b.k8s.yaml']);
    expect(second).toEqual(first);
    for (const content of Object.values(first)) {
      expect(content.length).toBeGreaterThan(0);
    }
  });

  test('synthesizing one app twice writes the same files both times', () => {
    // GIVEN
    const app = Testing.app();
    outdirs.push(app.outdir);
    buildReferenceApp(app, DEFAULT_SETTINGS);
    app.synth();
    const first = readOutdir(app.outdir);
    // WHEN
    app.synth();
    // THEN
    expect(readOutdir(app.outdir)).toEqual(first);
  });
});

describe('renaming construct ids', () => {
  test('changes no object, name, selector or label: only the file names, which follow the chart ids', () => {
    // GIVEN
    const reference = Testing.app();
    buildReferenceApp(reference, DEFAULT_SETTINGS);
    const renamed = Testing.app();
    buildRenamedReferenceApp(renamed, DEFAULT_SETTINGS);
    // WHEN
    const before = objectsByKey(reference);
    const after = objectsByKey(renamed);
    // THEN: the same objects (same keys, deeply equal: names, selectors, labels, everything)
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after).toEqual(before);
    // THEN: no construct id of the variant leaks into an object
    const json = JSON.stringify(after);
    for (const id of ['platform', 'SystemNamespace', 'OrchestrationApi', 'BackgroundWorker', 'customer-', 'KedaScaledWorker', 'OrchestratorPool', 'ActivityPool']) {
      expect(json).not.toContain(id);
    }
  });

  test('the YAML of each chart is byte-identical; only the file names follow the chart ids', () => {
    // GIVEN / WHEN
    const reference = synthFiles(app => buildReferenceApp(app, DEFAULT_SETTINGS));
    const renamed = synthFiles(app => buildRenamedReferenceApp(app, DEFAULT_SETTINGS));
    // THEN
    expect(Object.keys(renamed)).toEqual(['customer-1.k8s.yaml', 'customer-2.k8s.yaml', 'platform.k8s.yaml']);
    expect(renamed['platform.k8s.yaml']).toBe(reference['durable-system.k8s.yaml']);
    expect(renamed['customer-1.k8s.yaml']).toBe(reference['tenant-a.k8s.yaml']);
    expect(renamed['customer-2.k8s.yaml']).toBe(reference['tenant-b.k8s.yaml']);
  });

  test('selectors and pod labels are the workload names only', () => {
    // GIVEN
    const renamed = Testing.app();
    buildRenamedReferenceApp(renamed, DEFAULT_SETTINGS);
    // WHEN
    const deployments = Object.values(objectsByKey(renamed)).filter(o => o.kind === 'Deployment');
    // THEN
    expect(deployments.map(d => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual([
      'durable-system/durable-api',
      'durable-system/durable-worker',
      'tenant-a/durable-worker',
      'tenant-b/durable-worker-orchestration',
      'tenant-b/durable-worker-activity',
    ]);
    for (const d of deployments) {
      expect(d.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': d.metadata.name } });
      expect(d.spec.template.metadata.labels['app.kubernetes.io/name']).toBe(d.metadata.name);
    }
  });
});

describe('reordering tenants', () => {
  test('in the reference app, reordering the tenants after the first changes no file', () => {
    // GIVEN: the reference app gives its first tenant a KEDA-scaled worker, the others split workers
    const ordered = synthFiles(app => buildReferenceApp(app, withTenants(TENANT_A, TENANT_B, TENANT_C, TENANT_D)));
    // WHEN
    const reordered = synthFiles(app => buildReferenceApp(app, withTenants(TENANT_A, TENANT_D, TENANT_C, TENANT_B)));
    // THEN
    expect(Object.keys(ordered)).toEqual(['durable-system.k8s.yaml', 'tenant-a.k8s.yaml', 'tenant-b.k8s.yaml', 'tenant-c.k8s.yaml', 'tenant-d.k8s.yaml']);
    expect(reordered).toEqual(ordered);
  });

  test('in the reference app, moving a tenant to the front changes only the two tenants whose layout follows the position', () => {
    // GIVEN
    const ordered = synthFiles(app => buildReferenceApp(app, withTenants(TENANT_A, TENANT_B, TENANT_C)));
    // WHEN
    const reordered = synthFiles(app => buildReferenceApp(app, withTenants(TENANT_C, TENANT_A, TENANT_B)));
    // THEN: durable-system and tenant-b are unchanged; tenant-c now has the KEDA worker, tenant-a the split ones
    expect(Object.keys(reordered)).toEqual(Object.keys(ordered));
    expect(reordered['durable-system.k8s.yaml']).toBe(ordered['durable-system.k8s.yaml']);
    expect(reordered['tenant-b.k8s.yaml']).toBe(ordered['tenant-b.k8s.yaml']);
    expect(reordered['tenant-a.k8s.yaml']).not.toBe(ordered['tenant-a.k8s.yaml']);
    expect(reordered['tenant-c.k8s.yaml']).not.toBe(ordered['tenant-c.k8s.yaml']);
  });

  test.each([
    ['reversed', [TENANT_D, TENANT_C, TENANT_B, TENANT_A]],
    ['rotated', [TENANT_B, TENANT_C, TENANT_D, TENANT_A]],
    ['swapped', [TENANT_B, TENANT_A, TENANT_D, TENANT_C]],
  ])('with a uniform layout, %s tenants have the same objects per tenant', (_, order) => {
    // GIVEN
    const ordered = Testing.app();
    buildUniformTenants(ordered, withTenants(TENANT_A, TENANT_B, TENANT_C, TENANT_D));
    const reordered = Testing.app();
    buildUniformTenants(reordered, withTenants(...order));
    // WHEN
    const before = objectsByNamespace(ordered);
    const after = objectsByNamespace(reordered);
    // THEN
    expect(Object.keys(before).sort()).toEqual(['tenant-a', 'tenant-b', 'tenant-c', 'tenant-d']);
    for (const namespace of Object.keys(before)) {
      expect(after[namespace]).toEqual(before[namespace]);
    }
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
  });

  test('with a uniform layout, reversed tenants write byte-identical files', () => {
    // GIVEN / WHEN
    const ordered = synthFiles(app => buildUniformTenants(app, withTenants(TENANT_A, TENANT_B, TENANT_C)));
    const reversed = synthFiles(app => buildUniformTenants(app, withTenants(TENANT_C, TENANT_B, TENANT_A)));
    // THEN
    expect(reversed).toEqual(ordered);
  });
});

describe('adding a tenant', () => {
  test('adds exactly one file and leaves every other file byte-identical', () => {
    // GIVEN
    const before = synthFiles(app => buildReferenceApp(app, withTenants(TENANT_A, TENANT_B)));
    // WHEN
    const after = synthFiles(app => buildReferenceApp(app, withTenants(TENANT_A, TENANT_B, TENANT_C)));
    // THEN
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'tenant-c.k8s.yaml'].sort());
    for (const [file, content] of Object.entries(before)) {
      expect(after[file]).toBe(content);
    }
  });

  test("adds only the new tenant's objects, all in its namespace", () => {
    // GIVEN
    const beforeApp = Testing.app();
    buildReferenceApp(beforeApp, withTenants(TENANT_A, TENANT_B));
    const afterApp = Testing.app();
    buildReferenceApp(afterApp, withTenants(TENANT_A, TENANT_B, TENANT_C));
    // WHEN
    const before = objectsByKey(beforeApp);
    const after = objectsByKey(afterApp);
    // THEN: every previous object is unchanged
    for (const [key, o] of Object.entries(before)) {
      expect(after[key]).toEqual(o);
    }
    // THEN: the added objects are tenant-c's: its Namespace and objects in namespace tenant-c
    const added = Object.keys(after).filter(key => !(key in before));
    expect(added.length).toBeGreaterThan(0);
    for (const key of added) {
      const o = after[key];
      expect(o.kind === 'Namespace' ? o.metadata.name : o.metadata.namespace).toBe('tenant-c');
    }
    expect(added).toContain('Namespace/-/tenant-c');
    expect(added).toContain('Deployment/tenant-c/durable-worker-orchestration');
    expect(added).toContain('Deployment/tenant-c/durable-worker-activity');
  });

  test('adding a tenant whose task hub differs from its namespace changes no other file', () => {
    // GIVEN: tenant-d's task hub is "orders", not its namespace
    const before = synthFiles(app => buildUniformTenants(app, withTenants(TENANT_A, TENANT_B)));
    // WHEN
    const after = synthFiles(app => buildUniformTenants(app, withTenants(TENANT_A, TENANT_B, TENANT_D)));
    // THEN
    expect(Object.keys(after)).toEqual(['tenant-a.k8s.yaml', 'tenant-b.k8s.yaml', 'tenant-d.k8s.yaml']);
    expect(after['tenant-a.k8s.yaml']).toBe(before['tenant-a.k8s.yaml']);
    expect(after['tenant-b.k8s.yaml']).toBe(before['tenant-b.k8s.yaml']);
    expect(after['tenant-d.k8s.yaml']).toContain('taskhubName: orders');
  });
});
