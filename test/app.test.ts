import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Testing, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { buildReferenceApp } from '../app/reference-app';
import { DEFAULT_SETTINGS } from '../app/settings';
import { AppDiagram, DurableApp, DurableWorker, NamespaceBaseline, Scaling, TaskHubTenant } from '../lib';
import { IMAGE, scheduler } from './util';

/** Every file under `dir`, by relative path. */
function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files[path.relative(dir, full)] = fs.readFileSync(full, 'utf8');
    }
  }
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** cdk8s's own synth, as an App without this library's linear synth runs it. */
const cdk8sSynth = (app: App): void => App.prototype.synth.call(app);

/**
 * Synthesizes a fresh app of the given class into a temporary outdir (with `synth`, by default the app's own
 * `synth()`); returns its files by relative path.
 */
function synthFiles(AppClass: new (props: AppProps) => App, build: (app: App) => void, props: AppProps = {},
  synth: (app: App) => void = app => app.synth()): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-app.'));
  try {
    const app = new AppClass({ ...props, outdir });
    build(app);
    synth(app);
    return readTree(outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function tenants(count: number) {
  return (app: App) => {
    for (let i = 1; i <= count; i++) {
      const t = new TaskHubTenant(app, `tenant-${i}`, {
        namespaceName: `tenant-${i}`, taskHub: `tenant-${i}`, scheduler: scheduler(),
      });
      t.addWorker('Worker', { image: IMAGE, scaling: Scaling.hpa({ maxReplicas: 5 }) });
    }
  };
}

/** A construct whose validation counts how often cdk8s validates the app. */
class PassCounter extends Construct {
  public passes = 0;
  public constructor(scope: Construct) {
    super(scope, 'PassCounter');
    this.node.addValidation({ validate: () => (this.passes++, []) });
  }
}

/**
 * Builds `count` tenants plus a pass counter; synthesizes (by default with the app's own `synth()`); returns how many
 * whole-app validation passes ran.
 */
function validationPasses(app: App, count: number, synth: (app: App) => void = a => a.synth()): number {
  tenants(count)(app);
  const counter = new PassCounter(app);
  synth(app);
  return counter.passes;
}

/** A temporary outdir. */
function tmpOutdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'durable-app.'));
}

type AppStatics = { _synthChart: (chart: Chart) => any[] };

const OUTPUT_TYPES: Array<[string, YamlOutputType]> = [
  ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
  ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
  ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
  ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
];

/** The two apps that synthesize linearly: DurableApp, and the plain App once it holds a construct of the library. */
const LINEAR_APPS: Array<[string, new (props: AppProps) => App]> = [['DurableApp', DurableApp], ['the plain App', App]];

describe.each(LINEAR_APPS)('%s synthesizes as cdk8s\'s own synth does', (_name, AppClass) => {
  test('writes the same files, byte for byte, for the reference app', () => {
    // GIVEN / WHEN
    const build = (app: App) => buildReferenceApp(app, DEFAULT_SETTINGS);
    const ours = synthFiles(AppClass, build);
    // THEN
    expect(Object.keys(ours)).toEqual(['durable-system.k8s.yaml', 'tenant-a.k8s.yaml', 'tenant-b.k8s.yaml']);
    expect(ours).toEqual(synthFiles(App, build, {}, cdk8sSynth));
  });

  test.each(OUTPUT_TYPES)('writes the same files with output type %s and construct metadata', (_type, type) => {
    // GIVEN / WHEN
    const props = { yamlOutputType: type, recordConstructMetadata: true };
    const ours = synthFiles(AppClass, tenants(12), props);
    // THEN
    expect(ours['construct-metadata.json']).toBeDefined();
    expect(Object.keys(ours).length).toBeGreaterThan(1);
    expect(ours).toEqual(synthFiles(App, tenants(12), props, cdk8sSynth));
  });

  test('synthYaml() returns the same YAML', () => {
    // GIVEN
    const ours = new AppClass({ outdir: tmpOutdir() });
    const plain = new App({ outdir: ours.outdir });
    tenants(3)(ours);
    tenants(3)(plain);
    // WHEN / THEN
    expect(ours.synthYaml()).toEqual(App.prototype.synthYaml.call(plain));
    fs.rmSync(ours.outdir, { recursive: true, force: true });
  });

  test.each([
    ['construct dependencies', (app: App) => {
      const a = new Chart(app, 'a', { namespace: 'a' });
      const b = new Chart(app, 'b', { namespace: 'b' });
      const config = new ApiObject(b, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
      new DurableWorker(a, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' }).node.addDependency(config);
    }],
    ['nested charts', (app: App) => {
      const parent = new Chart(app, 'parent', { namespace: 'parent' });
      new ApiObject(new Chart(parent, 'child'), 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'config' } });
      new NamespaceBaseline(parent, 'Baseline', { namespaceName: 'parent' });
    }],
    ['cdk8s-plus L2 constructs in charts of their own, one depending on a tenant', (app: App) => {
      const tenant = new TaskHubTenant(app, 'orders', { namespaceName: 'orders', taskHub: 'orders', scheduler: scheduler() });
      tenant.addWorker('Worker', { image: IMAGE });
      const tools = new Chart(app, 'tools', { namespace: 'orders' });
      const config = new kplus.ConfigMap(tools, 'Config', { data: { 'settings.json': '{}' } });
      const deployment = new kplus.Deployment(tools, 'Dashboard', {
        containers: [{ image: 'nginx:1.27', portNumber: 8080, securityContext: { user: 1000 } }],
      });
      deployment.addVolume(kplus.Volume.fromConfigMap(tools, 'Settings', config));
      deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8080 }] });
      tools.addDependency(tenant);
    }],
  ] as Array<[string, (app: App) => void]>)('writes the same files with %s', (_case, build) => {
    // GIVEN / WHEN
    const ours = synthFiles(AppClass, build);
    // THEN
    expect(Object.keys(ours).length).toBeGreaterThan(1);
    expect(ours).toEqual(synthFiles(App, build, {}, cdk8sSynth));
  });

  test('validates the app once, where cdk8s validates it once per chart and once more', () => {
    // GIVEN / WHEN / THEN
    expect(validationPasses(new AppClass({ outdir: tmpOutdir() }), 5)).toBe(1);
    expect(validationPasses(new AppClass({ outdir: tmpOutdir() }), 5, app => app.synthYaml())).toBe(1);
    expect(validationPasses(new App({ outdir: tmpOutdir() }), 5, cdk8sSynth)).toBe(6);
  });

  test('fails with the same validation errors', () => {
    // GIVEN a chart with a worker and a construct of the user's whose validation fails
    const build = (app: App) => {
      const chart = new Chart(app, 'orders', { namespace: 'orders' });
      new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
      new Construct(chart, 'Policy').node.addValidation({ validate: () => ['every workload needs an owner label'] });
    };
    const message = 'Validation failed with the following errors:\n  [orders/Policy] every workload needs an owner label';
    // WHEN / THEN
    expect(() => synthFiles(AppClass, build)).toThrow(message);
    expect(() => synthFiles(App, build, {}, cdk8sSynth)).toThrow(message);
  });

  test('puts back cdk8s\'s chart renderer after synth, also when synth fails', () => {
    // GIVEN
    const statics = App as unknown as AppStatics;
    const original = statics._synthChart;
    const app = new AppClass({ outdir: tmpOutdir() });
    const chart = new Chart(app, 'orders', { namespace: 'orders' });
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    chart.node.addValidation({ validate: () => ['not ready'] });
    // WHEN
    expect(() => app.synth()).toThrow('[orders] not ready');
    // THEN
    expect(statics._synthChart).toBe(original);
  });

  test('validates the app once in each synth when synthesized again', () => {
    // GIVEN an app synthesized once
    const app = new AppClass({ outdir: tmpOutdir() });
    tenants(3)(app);
    const counter = new PassCounter(app);
    app.synth();
    // WHEN
    app.synth();
    // THEN
    expect(counter.passes).toBe(2);
  });
});

describe('DurableApp', () => {
  test('reports an autoscaler made by hand in another chart of the namespace, as cdk8s\'s own synth does', () => {
    // GIVEN a worker with fixed replicas, and an HPA for it in a chart of the same namespace
    const build = (app: App) => {
      new DurableWorker(new Chart(app, 'orders', { namespace: 'orders' }), 'Worker', {
        image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling: Scaling.fixedReplicas(2),
      });
      new ApiObject(new Chart(app, 'autoscaling', { namespace: 'orders' }), 'Hpa', {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'manual' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-worker' }, maxReplicas: 3 },
      });
    };
    const message = 'orders/Worker: Deployment "durable-worker" has fixed replicas but HorizontalPodAutoscaler '
      + "autoscaling/Hpa targets it: use 'scaling' (Scaling.hpa(...) or Scaling.keda(...)) instead of adding an "
      + 'autoscaler';
    // WHEN / THEN (a linear synth reads its per-synth index of autoscalers; cdk8s's own searches the namespace)
    expect(() => synthFiles(DurableApp, build)).toThrow(message);
    expect(() => synthFiles(App, build)).toThrow(message);
    expect(() => synthFiles(App, build, {}, cdk8sSynth)).toThrow(message);
  });

  describe('fails safe: when cdk8s is not what it expects, it is App.synth()', () => {
    const statics = App as unknown as AppStatics;
    const original = statics._synthChart;
    afterEach(() => {
      statics._synthChart = original;
    });

    test('a chart renderer with other source text is used as it is, with every pass', () => {
      // GIVEN a cdk8s whose renderer does something else (here: the same, wrapped)
      const wrapped = function wrapped(this: unknown, chart: Chart): any[] {
        return original.call(this, chart);
      };
      statics._synthChart = wrapped;
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-app.'));
      // WHEN
      const passes = validationPasses(new DurableApp({ outdir }), 3);
      // THEN
      expect(passes).toBe(4);
      expect(statics._synthChart).toBe(wrapped);
    });

    test('a missing chart renderer changes nothing', () => {
      // GIVEN a cdk8s without App._synthChart (Chart.toJson renders some other way)
      const chartToJson = Chart.prototype.toJson;
      statics._synthChart = undefined as unknown as AppStatics['_synthChart'];
      Chart.prototype.toJson = function toJson(this: Chart) {
        return original.call(App, this);
      };
      try {
        // WHEN
        const ours = synthFiles(DurableApp, tenants(3));
        // THEN
        expect(Object.keys(ours)).toHaveLength(3);
        expect(statics._synthChart).toBeUndefined();
      } finally {
        Chart.prototype.toJson = chartToJson;
      }
    });
  });

  test('the reference app uses it', () => {
    // GIVEN the entry point
    const main = fs.readFileSync(path.join(__dirname, '..', 'main.ts'), 'utf8');
    // THEN
    expect(main).toContain('new DurableApp()');
  });
});

describe('a plain cdk8s App with constructs of this library', () => {
  test('a chart rendered on its own (Testing.synth, chart.toJson) still runs every validation', () => {
    // GIVEN an app that was synthesized, then got a construct whose validation fails
    const app = new App({ outdir: tmpOutdir() });
    const chart = new Chart(app, 'orders', { namespace: 'orders' });
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    app.synth();
    new Construct(chart, 'Policy').node.addValidation({ validate: () => ['not ready'] });
    // WHEN / THEN
    expect(() => Testing.synth(chart)).toThrow('[orders/Policy] not ready');
  });

  test('a subclass of App that does not override synth() synthesizes linearly, and stays an instance of it', () => {
    // GIVEN
    class TeamApp extends App {
      public readonly team = 'payments';
    }
    const app = new TeamApp({ outdir: tmpOutdir() });
    // WHEN
    const passes = validationPasses(app, 3);
    // THEN
    expect(passes).toBe(1);
    expect(app).toBeInstanceOf(TeamApp);
    expect(app.team).toBe('payments');
  });

  test('an App whose class overrides synth() keeps it, and cdk8s synthesizes it with every pass', () => {
    // GIVEN a user's App subclass with a synth() of its own
    class AuditedApp extends App {
      public synthesized = 0;
      public override synth(): void {
        this.synthesized++;
        super.synth();
      }
    }
    const app = new AuditedApp({ outdir: tmpOutdir() });
    // WHEN
    const passes = validationPasses(app, 3);
    // THEN
    expect(app.synthesized).toBe(1);
    expect(passes).toBe(4);
    expect(Object.getPrototypeOf(app)).toBe(AuditedApp.prototype);
  });

  test('an App with a synth() on the instance (how the jsii kernel installs a Python override) keeps it', () => {
    // GIVEN
    const app = new App({ outdir: tmpOutdir() });
    let synthesized = 0;
    Object.defineProperty(app, 'synth', {
      value: function synth(this: App) {
        synthesized++;
        App.prototype.synth.call(this);
      },
    });
    // WHEN
    const passes = validationPasses(app, 3);
    // THEN
    expect(synthesized).toBe(1);
    expect(passes).toBe(4);
    expect(Object.getPrototypeOf(app)).toBe(App.prototype);
  });

  test('stays an App, and synthesizes linearly also when called as the jsii kernel calls methods', () => {
    // GIVEN
    const app = new App({ outdir: tmpOutdir() });
    // WHEN the kernel's call: the method of the object's class (@jsii/kernel #findInvokeTarget)
    const passes = validationPasses(app, 3, a => (a.constructor as typeof App).prototype.synth.call(a));
    // THEN
    expect(passes).toBe(1);
    expect(app).toBeInstanceOf(App);
    expect(App.isConstruct(app)).toBe(true);
  });

  test('fails safe: with a chart renderer of other source text, cdk8s synthesizes it with every pass', () => {
    // GIVEN a cdk8s whose renderer does something else (here: the same, wrapped)
    const statics = App as unknown as AppStatics;
    const original = statics._synthChart;
    statics._synthChart = function wrapped(this: unknown, chart: Chart): any[] {
      return original.call(this, chart);
    };
    try {
      // WHEN
      const passes = validationPasses(new App({ outdir: tmpOutdir() }), 3);
      // THEN
      expect(passes).toBe(4);
    } finally {
      statics._synthChart = original;
    }
  });

  test('another app made with the class the library gave an app is cdk8s\'s own until it holds a construct', () => {
    // GIVEN an app of the class a linearized app has
    const first = new App({ outdir: tmpOutdir() });
    tenants(1)(first);
    const AppClass = first.constructor as new (props: AppProps) => App;
    const app = new AppClass({ outdir: tmpOutdir() });
    // WHEN a chart without the library's constructs is synthesized
    new ApiObject(new Chart(app, 'plain'), 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    const counter = new PassCounter(app);
    app.synth();
    // THEN cdk8s's own synth ran (one pass, and one for the chart)
    expect(counter.passes).toBe(2);
  });

  test('an app without a construct of this library is cdk8s\'s own', () => {
    // GIVEN
    const app = new App({ outdir: tmpOutdir() });
    new ApiObject(new Chart(app, 'plain'), 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    // THEN
    expect(Object.getPrototypeOf(app)).toBe(App.prototype);
  });
});

describe('DurableApp on another cdk8s', () => {
  // CI runs this file once more against the newest cdk8s 2.x from the registry (scripts/test-newest-cdk8s.sh):
  // CDK8S_EQUIVALENCE_VERSION names the version it expects to be testing.
  const expected = process.env.CDK8S_EQUIVALENCE_VERSION;
  (expected ? test : test.skip)('runs on the cdk8s version CI installed', () => {
    const version = execFileSync(process.execPath, ['-p', 'require("cdk8s/package.json").version']).toString().trim();
    expect(version).toBe(expected);
  });
});

describe('DurableApp props and outdir', () => {
  const withTenant = (app: App): App => {
    new TaskHubTenant(app, 'tenant-a', { namespaceName: 'tenant-a', taskHub: 'tenant-a', scheduler: scheduler() });
    return app;
  };

  test.each([
    ['props', 'dist', 'DurableApp: \'props\' ("dist") must be an object of options, e.g. { outdir: "dist" }'],
    ['outdir', { outdir: '' }, 'DurableApp: \'outdir\' ("") must be a folder path, e.g. "dist"'],
    ['outdir', { outdir: 42 }, 'DurableApp: \'outdir\' (42) must be a folder path, e.g. "dist"'],
    ['outputFileExtension', { outputFileExtension: '/../../x.yaml' },
      'DurableApp: \'outputFileExtension\' ("/../../x.yaml") must end in ".yaml" or ".yml" and have only letters, digits, \'.\', \'_\' or \'-\' (no path separator), e.g. ".k8s.yaml": Argo CD and Flux apply only the .yaml and .yml files of a folder'],
    ['outputFileExtension', { outputFileExtension: '' },
      'DurableApp: \'outputFileExtension\' ("") must end in ".yaml" or ".yml" and have only letters, digits, \'.\', \'_\' or \'-\' (no path separator), e.g. ".k8s.yaml": Argo CD and Flux apply only the .yaml and .yml files of a folder'],
  ])('fails when %s is %j', (_prop, props, message) => {
    // GIVEN props from a JavaScript caller, which cdk8s would fail on later (mkdir '') or write outside the outdir
    // WHEN
    const create = () => new DurableApp(props as any);
    // THEN
    expect(create).toThrow(new Error(message));
  });

  test('fails when the outdir is a file', () => {
    // GIVEN
    const file = path.join(tmpOutdir(), 'dist');
    fs.writeFileSync(file, '');
    const app = withTenant(new DurableApp({ outdir: file }));
    // WHEN
    const synth = () => app.synth();
    // THEN
    expect(synth).toThrow(new Error(`DurableApp: 'outdir' (${JSON.stringify(file)}) is a file, not a folder: cdk8s `
      + 'writes the charts\' files into it; give a folder path, e.g. "dist"'));
  });

  test('null props are no props', () => {
    // GIVEN / WHEN
    const app = new DurableApp(null as any);
    // THEN
    expect(app.outdir).toBe(process.env.CDK8S_OUTDIR ?? 'dist');
  });

  test('an outdir with spaces and nested folders, and a .yml extension', () => {
    // GIVEN
    const outdir = path.join(tmpOutdir(), 'with space', 'ünï', 'out');
    const app = withTenant(new DurableApp({ outdir, outputFileExtension: '.yml' }));
    // WHEN
    app.synth();
    // THEN
    expect(Object.keys(readTree(outdir))).toEqual(['tenant-a.yml']);
  });
});

describe('AppDiagram input', () => {
  test('fails when the scope is not a construct', () => {
    // GIVEN a JavaScript caller passing null (or the app's props) instead of the app
    // WHEN
    const draw = () => AppDiagram.of(null as any);
    // THEN
    expect(draw).toThrow(new Error("AppDiagram.of: 'scope' (null) must be a construct, usually the app"));
  });
});
