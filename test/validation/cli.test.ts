import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../validation/cli';
import { FIXTURES } from './fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'validate-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in `dir`; returns exit code and output lines. */
function run(...argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(argv, { cwd: dir, out: l => out.push(l), err: l => err.push(l) });
  return { code, out, err };
}

describe('cdk8s-durable-task-validate CLI', () => {
  test('a clean dist/ exits 0 with a one-line summary', () => {
    // GIVEN the compliant fixture as dist/app.k8s.yaml
    mkdirSync(join(dir, 'dist'));
    copyFileSync(join(FIXTURES, 'clean.yaml'), join(dir, 'dist', 'app.k8s.yaml'));
    // WHEN running without arguments (default: dist/)
    const { code, out } = run();
    // THEN
    expect(out).toEqual(['validated 16 objects in 1 file: 0 findings']);
    expect(code).toBe(0);
  });

  test('--verbose also lists every file with its object count', () => {
    // GIVEN the compliant fixture and a ConfigMap in dist/
    mkdirSync(join(dir, 'dist'));
    copyFileSync(join(FIXTURES, 'clean.yaml'), join(dir, 'dist', 'app.k8s.yaml'));
    writeFileSync(join(dir, 'dist', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: ns}\n');
    // WHEN
    const { code, out } = run('--verbose');
    // THEN
    expect(out).toEqual([
      'dist/app.k8s.yaml: 16 objects',
      'dist/cm.yaml: 1 object',
      'validated 17 objects in 2 files: 0 findings',
    ]);
    expect(code).toBe(0);
  });

  test('findings are printed with file and line, and exit 1', () => {
    // GIVEN a multi-document file with a typo'd field in the second document
    writeFileSync(join(dir, 'a.yaml'), [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: a, namespace: ns}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: b',
      '  namespace: ns',
      'date:',
      '  key: value',
      '',
    ].join('\n'));
    // WHEN validating the file
    const { code, out } = run('a.yaml');
    // THEN
    expect(out).toEqual([
      'a.yaml:11: ConfigMap ns/b: date: unknown field; did you mean data? (schema-unknown-field)',
      'validated 2 objects in 1 file: 1 finding',
    ]);
    expect(code).toBe(1);
  });

  test('YAML syntax errors are findings', () => {
    // GIVEN a broken file in a directory
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'broken.yaml'), 'apiVersion: v1\nkind: [ConfigMap\n');
    // WHEN validating the directory
    const { code, out } = run('out');
    // THEN
    expect(out).toEqual([
      'out/broken.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ] (yaml-syntax)',
      'validated 0 objects in 1 file: 1 finding',
    ]);
    expect(code).toBe(1);
  });

  test('YAML is read as 1.1, like kubectl: unquoted yes/on are booleans', () => {
    // GIVEN an env value `on` (a boolean for kubectl) in an otherwise compliant namespace-less ConfigMap
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  feature: on\n');
    // WHEN
    const { code, out } = run('cm.yaml');
    // THEN the value is a boolean where a string is required
    expect(out[0]).toBe('cm.yaml:6: ConfigMap default/flags: data.feature: must be string (got true) (schema)');
    expect(code).toBe(1);
  });

  test('--default-namespace and --disable', () => {
    // GIVEN two namespace-less ConfigMaps with a typo each
    writeFileSync(join(dir, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndate: {}\n');
    // WHEN
    const namespaced = run('--default-namespace', 'tenant-a', 'cm.yaml');
    const disabled = run('--disable=schema-unknown-field', 'cm.yaml');
    // THEN
    expect(namespaced.out[0]).toBe('cm.yaml:4: ConfigMap tenant-a/a: date: unknown field; did you mean data? (schema-unknown-field)');
    expect(disabled.out).toEqual(['validated 1 object in 1 file: 0 findings']);
    expect(disabled.code).toBe(0);
  });

  test('--help names the command that package.json installs, and the exit codes', () => {
    // GIVEN the package's bin entry (what `npx <command>` runs)
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'validation', 'package.json'), 'utf8'));
    const bin = Object.keys(pkg.bin as Record<string, string>);
    // WHEN
    const { code, out } = run('--help');
    // THEN the usage line starts with that command, not another name
    expect(bin).toEqual(['cdk8s-durable-task-validate']);
    expect(out[0]).toMatch(/^usage: cdk8s-durable-task-validate \[/);
    expect(out.join('\n')).toContain('Exits 1 when anything is found, 2 on a usage error.');
    expect(code).toBe(0);
  });

  test('usage errors exit 2', () => {
    // GIVEN / WHEN / THEN
    expect(run('--bogus').code).toBe(2);
    expect(run('--disable', 'no-such-rule').err[0]).toBe('unknown rule id(s) in --disable: no-such-rule (see --rules)');
    expect(run('missing-dir').err).toEqual(['not found: missing-dir']);
  });
});
