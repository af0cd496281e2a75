import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, formatFinding, rulesMarkdown, validateManifests } from '../../validation/index';
import { NS, cleanSet, workerPod } from './fixtures';

describe('the compliant fixture', () => {
  test('produces no findings', () => {
    // GIVEN the realistic compliant set (Deployment+Service+HPA+PDB+ServiceAccount+NetworkPolicies+Ingress
    // +ScaledObject+TriggerAuthentication+HTTPRoute in one namespace)
    const set = cleanSet();
    // WHEN validating it
    const findings = validateManifests(set);
    // THEN nothing is reported
    expect(findings.map(formatFinding)).toEqual([]);
    expect(set.map(o => o.kind).sort()).toEqual([
      'Deployment', 'Deployment', 'HTTPRoute', 'HorizontalPodAutoscaler', 'Ingress', 'Namespace', 'NetworkPolicy',
      'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'PodDisruptionBudget', 'ScaledObject', 'Service',
      'ServiceAccount', 'ServiceAccount', 'TriggerAuthentication',
    ]);
  });

  test('copies of the set in six namespaces are independent: still no findings', () => {
    // GIVEN six copies of the set in six namespaces (96 objects); speed is measured by bench/validator.mjs (npm run
    // bench), not here: a timed assertion fails on a busy machine
    const set = Array.from({ length: 6 }, (_, i) => cleanSet().map(o => {
      if (o.kind === 'Namespace') o.metadata.name = `${NS}-${i}`;
      else o.metadata.namespace = `${NS}-${i}`;
      return o;
    })).flat();
    // WHEN validating them, twice (the second run uses the loaded schemas)
    const first = validateManifests(set);
    const second = validateManifests(set);
    // THEN
    expect(set).toHaveLength(96);
    expect(first).toEqual([]);
    expect(second).toEqual([]);
  });

  test('disabled rules are skipped', () => {
    // GIVEN a set with a privileged container
    const set = cleanSet();
    workerPod(set).containers[0].securityContext.privileged = true;
    // WHEN the rule is disabled
    // THEN nothing is reported
    expect(validateManifests(set).map(f => f.rule)).toEqual(['pss-privileged']);
    expect(validateManifests(set, { disable: ['pss-privileged'] })).toEqual([]);
  });
});

describe('formatFinding', () => {
  test('names the object, the field and the rule', () => {
    // GIVEN / WHEN / THEN
    expect(formatFinding({
      rule: 'schema-unknown-field',
      message: 'unknown field',
      kind: 'Deployment',
      name: 'durable-worker',
      namespace: 'durable-system',
      field: 'spec.template.spec.containers[0].resources.request',
    })).toBe('Deployment durable-system/durable-worker: spec.template.spec.containers[0].resources.request: unknown field (schema-unknown-field)');
    expect(formatFinding({ rule: 'schema', message: 'a manifest must be an object (got a list)', index: 3 }))
      .toBe('input #3: a manifest must be an object (got a list) (schema)');
    expect(formatFinding({ rule: 'namespace-default-deny', message: 'no NetworkPolicy', kind: 'Namespace', name: 'x' }))
      .toBe('Namespace x: no NetworkPolicy (namespace-default-deny)');
  });
});

describe('RULES', () => {
  test('ids are unique and documented', () => {
    // GIVEN / WHEN / THEN
    const ids = RULES.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.description.length).toBeGreaterThan(10);
      expect(r.fix.length).toBeGreaterThan(5);
    }
    expect(rulesMarkdown().split('\n')).toHaveLength(RULES.length + 3);
  });

  test('validation/README.md carries the current rule table', () => {
    // GIVEN the README
    const readme = readFileSync(join(__dirname, '..', '..', 'validation', 'README.md'), 'utf8');
    // WHEN / THEN it contains the table generated from RULES (regenerate: node validation/run.mjs --rules-markdown)
    expect(readme).toContain(rulesMarkdown());
  });

  test('every rule has a failing fixture asserting its id in test/validation', () => {
    // GIVEN the test sources of this folder
    const sources = readdirSync(__dirname).filter(f => f.endsWith('.test.ts') && f !== 'clean.test.ts')
      .map(f => readFileSync(join(__dirname, f), 'utf8')).join('\n');
    // WHEN looking for `rule: '<id>'` (or the CLI's `(<id>)` output)
    const untested = RULES.map(r => r.id).filter(id => !sources.includes(`rule: '${id}'`) && !sources.includes(`(${id})`));
    // THEN none is missing
    expect(untested).toEqual([]);
  });
});
