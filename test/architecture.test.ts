/**
 * Rules of the library's shape (issue 9): no module-level mutable state, no import cycles, small files, one
 * registry per app shared by every copy of the library, and a public API without internals.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as lib from '../lib';
import { DurableRegistry, REGISTRY_ID } from '../lib/private/registry';
import { exactly } from './util';

const LIB = path.join(__dirname, '..', 'lib');

/** Every TypeScript source of lib/, relative to lib/. */
function sources(): string[] {
  return fs.readdirSync(LIB, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
}

function read(file: string): string {
  return fs.readFileSync(path.join(LIB, file), 'utf8');
}

/** The lib/ files a source imports (relative imports only), resolved to paths relative to lib/. */
function localImports(file: string): string[] {
  const imports = [...read(file).matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)';$/gm)].map(m => m[1]);
  return imports
    .map(spec => path.normalize(path.join(path.dirname(file), spec)))
    .filter(target => !target.startsWith('..'))
    .map(target => (fs.existsSync(path.join(LIB, `${target}.ts`)) ? `${target}.ts` : path.join(target, 'index.ts')));
}

/** Whether a construct has validations (constructs keeps them in a private field). */
function hasValidations(c: IConstruct): boolean {
  return ((c.node as unknown as { _validations?: unknown[] })._validations ?? []).length > 0;
}

describe('the shape of lib/', () => {
  test('no module holds mutable state at its top level', () => {
    // GIVEN top-level declarations (no indentation) of every source: tables must be Object.freeze()d
    const offenders = sources().flatMap(file => read(file).split('\n')
      .map((line, i) => ({ file, line: i + 1, text: line }))
      .filter(({ text }) => /^(export )?(let|var) /.test(text)
        || /^(export )?const \w+(: [^=]+)? = new (Map|Set|WeakMap|WeakSet|Array)\b/.test(text)
        || /^(export )?const \w+(: [^=]+)? = [[{]/.test(text)));
    // THEN
    expect(offenders).toEqual([]);
  });

  test('imports form no cycle (type-only imports included)', () => {
    // GIVEN the import graph
    const graph = new Map(sources().map(file => [file, localImports(file)]));
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') {
        return;
      }
      if (state.get(file) === 'visiting') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) {
        visit(next, [...trail, file]);
      }
      state.set(file, 'done');
    };
    // WHEN
    [...graph.keys()].forEach(file => visit(file, []));
    // THEN
    expect(cycles).toEqual([]);
  });

  test('no construct adds a validation (cdk8s runs each one again for every chart it renders)', () => {
    // GIVEN every addValidation call in lib/: rules over many constructs are checked as they join the registry
    const calls = sources().filter(file => read(file).includes('addValidation('));
    // THEN only the linear synth (DurableApp's, or the one a plain App gets) adds one, on the app, to count passes
    expect(calls).toEqual(['private/linear-synth.ts']);
  });

  test('a plain App with tenants runs one validation of the library: the pass counter of its linear synth', () => {
    // GIVEN a tenant with a baseline and a worker on the plain cdk8s App
    const app = Testing.app();
    const tenant = new lib.TaskHubTenant(app, 'tenant-a', {
      namespaceName: 'tenant-a', taskHub: 'tenant-a',
      scheduler: lib.DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
    });
    tenant.addWorker('Worker', { image: 'myregistry.azurecr.io/worker:1.0.0' });
    // WHEN
    const validated = app.node.findAll().filter(hasValidations);
    // THEN only the app counts cdk8s's validation passes (see lib/private/linear-synth.ts)
    expect(validated.map(c => c.node.path)).toEqual(['']);
    expect(app.node.validate()).toEqual([]);
  });

  test('no file is over 400 lines', () => {
    const long = sources().map(file => ({ file, lines: read(file).split('\n').length })).filter(f => f.lines > 400);
    expect(long).toEqual([]);
  });

  test('constructors read as orchestration: none is over 60 lines', () => {
    // GIVEN every class constructor in lib/ (two-space indented, as the formatter writes them)
    const constructors = sources().flatMap(file => {
      const lines = read(file).split('\n');
      const found: Array<{ file: string; line: number; lines: number }> = [];
      lines.forEach((text, i) => {
        if (/^ {2}(public |protected |private )?constructor\(/.test(text)) {
          const end = lines.findIndex((l, j) => j > i && l === '  }');
          found.push({ file, line: i + 1, lines: end - i + 1 });
        }
      });
      return found;
    });
    // THEN
    expect(constructors.length).toBeGreaterThan(10);
    expect(constructors.filter(c => c.lines > 60)).toEqual([]);
  });

  test('index.ts only re-exports, and never from lib/private', () => {
    const index = read('index.ts').trim().split('\n');
    expect(index.every(line => /^export \* from '\.\/[a-z-]+';$/.test(line))).toBe(true);
    expect(index.filter(line => line.includes('private'))).toEqual([]);
  });

  test('internals are not part of the public API', () => {
    for (const name of ['DurableWorkload', 'WorkloadComponent', 'DurableRegistry', 'LinearSynth', 'DurableDeployment']) {
      expect(Object.keys(lib)).not.toContain(name);
    }
  });
});

describe('the app registry', () => {
  test('is one construct under the app root, created on first use', () => {
    // GIVEN
    const app = Testing.app();
    const chart = new Chart(app, 'orders', { namespace: 'orders' });
    // WHEN
    const registry = DurableRegistry.of(chart);
    // THEN
    expect(registry.node.scope).toBe(app);
    expect(registry.node.id).toBe(REGISTRY_ID);
    expect(DurableRegistry.of(app)).toBe(registry);
  });

  test('is shared by a second copy of the library loaded into the same process', () => {
    // GIVEN a registry made by this copy
    const app = new App({ outdir: fs.mkdtempSync(path.join(require('os').tmpdir(), 'registry.')) });
    const registry = DurableRegistry.of(app);
    // WHEN another copy of the registry module (as a second installation of the library would load) looks it up
    let other: unknown;
    jest.isolateModules(() => {
      const copy = require('../lib/private/registry') as typeof import('../lib/private/registry');
      expect(copy.DurableRegistry).not.toBe(DurableRegistry);
      other = copy.DurableRegistry.of(app);
    });
    // THEN both copies use the same registry
    expect(other).toBe(registry);
  });

  test('apps do not share claims', () => {
    // GIVEN two apps with the same tenant
    const build = () => {
      const app = Testing.app();
      new lib.TaskHubTenant(app, 'tenant-a', {
        namespaceName: 'tenant-a', taskHub: 'orders',
        scheduler: lib.DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
      });
      return app;
    };
    // WHEN / THEN neither clashes with the other
    expect(() => [build(), build()]).not.toThrow();
  });

  test('fails when a construct of another library takes its id', () => {
    // GIVEN
    const app = Testing.app();
    new Chart(app, REGISTRY_ID);
    // WHEN / THEN
    expect(() => DurableRegistry.of(app)).toThrow(exactly(`${REGISTRY_ID}: this construct id under the app root is `
      + "reserved by cdk8s-durable-task (the app's registry of names): give the construct another id"));
  });
});
