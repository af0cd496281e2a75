/**
 * Offline validation of Kubernetes manifests: strict schema (Kubernetes 1.33, KEDA, Gateway API HTTPRoute),
 * Pod Security Standards (restricted) and cross-object consistency. See validation/README.md.
 */
import { Findings, Manifest, describe, toManifest } from './context';
import { checkContainers } from './containers';
import { checkCrossObject } from './cross-object';
import { checkPodSecurity } from './pss';
import { RULES, RuleInfo } from './rules';
import { checkSchema } from './schema';
import { Finding, ValidateOptions, isObject, str, dig } from './types';
import { ManifestIndex } from './workloads';

export { RULES } from './rules';
export type { RuleId, RuleInfo } from './rules';
export type { Finding, ValidateOptions } from './types';

/**
 * Validates a manifest set (objects as parsed from YAML). Cross-object rules see the whole set, so pass
 * everything that is deployed together. `null`/`undefined` entries (empty YAML documents) are skipped.
 *
 * @returns the findings, ordered by the position of the offending object (namespace-wide findings last).
 */
export function validateManifests(manifests: readonly unknown[], options: ValidateOptions = {}): Finding[] {
  const out = new Findings(options.disable);
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const valid: Manifest[] = [];

  manifests.forEach((raw, index) => {
    if (raw === null || raw === undefined) return;
    const m = toManifest(raw, index, defaultNamespace);
    if (m) {
      valid.push(m);
      checkSchema(m, out);
      return;
    }
    if (!isObject(raw)) {
      out.report('schema', { index }, `a manifest must be an object (got ${Array.isArray(raw) ? 'a list' : typeof raw})`);
      return;
    }
    const target = { index, kind: str(raw.kind), name: str(dig(raw, 'metadata', 'name')) };
    for (const field of ['apiVersion', 'kind'] as const) {
      if (typeof raw[field] !== 'string' || raw[field] === '') out.report('schema', target, 'required field missing', [field]);
    }
  });

  const seen = new Map<string, Manifest>();
  for (const m of valid) {
    const key = [m.group, m.kind, m.namespace ?? '', m.name].join('\u0000');
    const first = seen.get(key);
    if (first && m.name !== '') out.report('duplicate-object', m, `same ${m.group || 'core'} group, kind, namespace and name as input #${first.index} (${describe(first)})`);
    else seen.set(key, m);
  }

  const index = new ManifestIndex(valid);
  for (const t of index.templates) {
    checkContainers(t, out);
    checkPodSecurity(t, out);
  }
  checkCrossObject(index, out);

  // Stable sort: object order first, rule order within an object as the checks ran.
  return out.list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.index ?? Infinity) - (b.f.index ?? Infinity) || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * One readable line:
 * `Deployment durable-system/durable-worker: spec.template.spec.containers[0].resources.request: unknown field (schema-unknown-field)`.
 */
export function formatFinding(f: Finding): string {
  const who = f.kind !== undefined
    ? `${f.kind} ${f.namespace !== undefined ? `${f.namespace}/` : ''}${f.name ?? '<unnamed>'}`
    : f.index !== undefined ? `input #${f.index}` : 'manifests';
  return `${who}: ${f.field !== undefined ? `${f.field}: ` : ''}${f.message} (${f.rule})`;
}

/** The rule table as Markdown (`| Rule | Category | Requires | Fix |`), for generated docs. */
export function rulesMarkdown(rules: readonly RuleInfo[] = RULES): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    '| Rule | Category | Requires | Fix |',
    '| --- | --- | --- | --- |',
    ...rules.map((r) => `| \`${r.id}\` | ${r.category} | ${esc(r.description)} | ${esc(r.fix)} |`),
  ].join('\n') + '\n';
}
