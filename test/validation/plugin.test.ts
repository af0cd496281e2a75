import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DurableTaskValidation, PluginContext } from '../../validation/plugin';
import { FIXTURES } from './fixtures';

const ROOT = resolve(__dirname, '..', '..');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'validate-plugin-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Violation = Parameters<PluginContext['report']['addViolation']>[0];

/** A stand-in for cdk8s-cli's ValidationContext that records what the plugin reports. */
function fakeContext(
  manifests: string[],
): PluginContext & { violations: Violation[]; status?: string; logs: string[] } {
  const ctx = {
    manifests,
    violations: [] as Violation[],
    status: undefined as string | undefined,
    logs: [] as string[],
    report: {
      addViolation: (v: Violation) => { ctx.violations.push(v); },
      submit: (status: 'success' | 'failure') => { ctx.status = status; },
    },
    logger: { log: (m: string) => { ctx.logs.push(m); } },
  };
  return ctx;
}

describe('DurableTaskValidation (cdk8s plugin)', () => {
  test('a compliant app passes', async () => {
    // GIVEN the compliant fixture as a synthesized manifest
    const file = join(dir, 'app.k8s.yaml');
    copyFileSync(join(FIXTURES, 'clean.yaml'), file);
    const ctx = fakeContext([file]);
    // WHEN the plugin validates it
    await new DurableTaskValidation({}).validate(ctx);
    // THEN the report succeeds, and cdk8s prints it as one summary line instead of its table
    expect(ctx.violations).toEqual([]);
    expect(ctx.status).toBe('success');
    expect(ctx.logs).toEqual([]);
    expect(String(ctx.report)).toBe('cdk8s-durable-task: validated 16 objects in 1 file: 0 findings');
  });

  test('verbose: a clean report keeps cdk8s\'s table and logs the summary', async () => {
    // GIVEN the compliant fixture and properties.verbose
    const file = join(dir, 'app.k8s.yaml');
    copyFileSync(join(FIXTURES, 'clean.yaml'), file);
    const ctx = fakeContext([file]);
    // WHEN
    await new DurableTaskValidation({ verbose: true }).validate(ctx);
    // THEN the report is printed as cdk8s prints it (its own toString), and the summary is logged
    expect(ctx.status).toBe('success');
    expect(Object.prototype.hasOwnProperty.call(ctx.report, 'toString')).toBe(false);
    expect(ctx.logs).toEqual(['cdk8s-durable-task: validated 16 objects in 1 file: 0 findings']);
  });

  test('findings become one violation per rule with the object as resource', async () => {
    // GIVEN a manifest with an unknown field and a duplicated env var
    const file = join(dir, 'app.k8s.yaml');
    writeFileSync(file, [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: settings',
      '  namespace: ns',
      'date: {}',
    ].join('\n'));
    const ctx = fakeContext([file]);
    // WHEN
    await new DurableTaskValidation({}).validate(ctx);
    // THEN
    expect(ctx.status).toBe('failure');
    expect(ctx.violations).toEqual([{
      ruleName: 'schema-unknown-field',
      recommendation: expect.stringContaining('kubeconform -strict'),
      fix: 'Remove the field or rename it to the field the schema defines.',
      violatingResources: [{
        resourceName: 'settings',
        manifestPath: file,
        locations: ['app.k8s.yaml:6 ConfigMap ns/settings: date: unknown field; did you mean data? (schema-unknown-field)'],
      }],
    }]);
  });

  test('unknown rule ids in properties.disable are rejected', () => {
    // GIVEN / WHEN / THEN
    expect(() => new DurableTaskValidation({ disable: ['nope'] })).toThrow('unknown rule id(s) in properties.disable: nope');
  });

  test('`cdk8s synth` loads it from cdk8s.yaml and fails naming the construct path', () => {
    // GIVEN a cdk8s app with a ConfigMap typo in two charts, and cdk8s.yaml pointing at validation/cdk8s-plugin.js
    writeFileSync(join(dir, 'app.js'), `
      const { App, Chart, ApiObject } = require(${JSON.stringify(join(ROOT, 'node_modules', 'cdk8s'))});
      const app = new App();
      for (const tenant of ['tenant-a', 'tenant-b']) {
        const chart = new Chart(app, tenant, { namespace: tenant });
        new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, date: { a: 'b' } });
      }
      app.synth();
    `);
    writeFileSync(join(dir, 'cdk8s.yaml'), [
      'language: typescript',
      'app: node app.js',
      'validations:',
      `  - package: ${join(ROOT, 'validation', 'cdk8s-plugin.js')}`,
      '    version: 0.1.0',
      '    class: DurableTaskValidation',
      '',
    ].join('\n'));
    // WHEN synthesizing
    const res = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8' });
    // THEN synth fails with both findings; cdk8s records one construct path per name (the last one,
    // tenant-b's), so tenant-a's object is named in full instead of showing tenant-b's path
    const output = res.stdout + res.stderr;
    expect(res.status).toBe(2);
    expect(output).toContain('schema-unknown-field (2 occurrences)');
    expect(output).toContain('Construct Path: tenant-b/settings');
    expect(output).toContain('Resource Name: settings');
    expect(output).toContain('Construct Path: N/A');
    expect(output).toContain('Resource Name: ConfigMap tenant-a/settings');
    expect(output).toContain('tenant-a.k8s.yaml:7 ConfigMap tenant-a/settings: date: unknown field; did you mean data? (schema-unknown-field)');
    expect(output).toContain('tenant-b.k8s.yaml:7 ConfigMap tenant-b/settings: date: unknown field; did you mean data? (schema-unknown-field)');
  }, 60_000);

  test('`cdk8s synth` of a clean app prints one summary line instead of the report table', () => {
    // GIVEN the compliant fixture written by a cdk8s app, and cdk8s.yaml pointing at validation/cdk8s-plugin.js
    writeFileSync(join(dir, 'app.js'), `
      const { copyFileSync, mkdirSync } = require('node:fs');
      mkdirSync(process.env.CDK8S_OUTDIR, { recursive: true });
      copyFileSync(${JSON.stringify(join(FIXTURES, 'clean.yaml'))}, process.env.CDK8S_OUTDIR + '/app.k8s.yaml');
    `);
    writeFileSync(join(dir, 'cdk8s.yaml'), [
      'language: typescript',
      'app: node app.js',
      'validations:',
      `  - package: ${join(ROOT, 'validation', 'cdk8s-plugin.js')}`,
      '    version: 0.1.0',
      '    class: DurableTaskValidation',
      '',
    ].join('\n'));
    // WHEN synthesizing
    const res = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'cdk8s-cli', 'bin', 'cdk8s'), 'synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8' });
    // THEN it succeeds with the summary line and without cdk8s's table
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('cdk8s-durable-task: validated 16 objects in 1 file: 0 findings');
    expect(res.stdout).not.toContain('Validation Report');
    expect(res.stdout).not.toContain('╔');
  }, 60_000);
});
