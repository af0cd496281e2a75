import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import { buildReferenceApp } from '../app/reference-app';
import { DEFAULT_SETTINGS } from '../app/settings';
import { DurableApp, DurableWorker, Scaling, TaskHubTenant } from '../lib';
import { IMAGE, scheduler } from './util';

/** Synthesizes a fresh app of the given class into a temporary outdir; returns its files by name. */
function synthFiles(AppClass: new (props: AppProps) => App, build: (app: App) => void, props: AppProps = {}): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-app.'));
  try {
    const app = new AppClass({ ...props, outdir });
    build(app);
    app.synth();
    return Object.fromEntries(fs.readdirSync(outdir).sort().map(f => [f, fs.readFileSync(path.join(outdir, f), 'utf8')]));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function tenants(count: number) {
  return (app: App) => {
    for (let i = 1; i <= count; i++) {
      const t = new TaskHubTenant(app, `tenant-${i}`, { namespaceName: `tenant-${i}`, taskHub: `tenant-${i}`, scheduler: scheduler() });
      t.addWorker('Worker', { image: IMAGE, scaling: Scaling.hpa({ maxReplicas: 5 }) });
    }
  };
}

describe('DurableApp', () => {
  test('writes the same files, byte for byte, as App for the reference app', () => {
    // GIVEN / WHEN
    const build = (app: App) => buildReferenceApp(app, DEFAULT_SETTINGS);
    const ours = synthFiles(DurableApp, build);
    // THEN
    expect(Object.keys(ours)).toEqual(['durable-system.k8s.yaml', 'tenant-a.k8s.yaml', 'tenant-b.k8s.yaml']);
    expect(ours).toEqual(synthFiles(App, build));
  });

  test('writes the same files as App for many tenants, with construct metadata', () => {
    // GIVEN / WHEN
    const ours = synthFiles(DurableApp, tenants(25), { recordConstructMetadata: true });
    // THEN
    expect(Object.keys(ours)).toHaveLength(26);
    expect(ours['construct-metadata.json']).toBeDefined();
    expect(ours).toEqual(synthFiles(App, tenants(25), { recordConstructMetadata: true }));
  });

  test('fails with the same validation errors as App', () => {
    // GIVEN two tenants bound to one task hub
    const build = (app: App) => {
      for (const id of ['tenant-a', 'tenant-b']) {
        new TaskHubTenant(app, id, { namespaceName: id, taskHub: 'orders', scheduler: scheduler() });
      }
    };
    const message = 'Validation failed with the following errors:\n  [tenant-b] task hub "orders" on https://orders.westus2.durabletask.io is already bound to tenant-a: every tenant needs a task hub of its own';
    // WHEN / THEN
    expect(() => synthFiles(DurableApp, build)).toThrow(message);
    expect(() => synthFiles(App, build)).toThrow(message);
  });

  test.each([
    ['another output type', { yamlOutputType: YamlOutputType.FILE_PER_APP }, (app: App) => tenants(2)(app)],
    ['construct dependencies', {}, (app: App) => {
      const a = new Chart(app, 'a', { namespace: 'a' });
      const b = new Chart(app, 'b', { namespace: 'b' });
      const config = new ApiObject(b, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
      new DurableWorker(a, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' }).node.addDependency(config);
    }],
    ['nested charts', {}, (app: App) => {
      const parent = new Chart(app, 'parent', { namespace: 'parent' });
      new ApiObject(new Chart(parent, 'child'), 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
    }],
  ] as Array<[string, AppProps, (app: App) => void]>)('falls back to App.synth() for %s, with the same output', (_name, props, build) => {
    // GIVEN / WHEN
    const ours = synthFiles(DurableApp, build, props);
    // THEN
    expect(Object.keys(ours).length).toBeGreaterThan(0);
    expect(ours).toEqual(synthFiles(App, build, props));
  });

  test('the reference app uses it', () => {
    // GIVEN the entry point
    const main = fs.readFileSync(path.join(__dirname, '..', 'main.ts'), 'utf8');
    // THEN
    expect(main).toContain('new DurableApp()');
  });
});
