/**
 * Offline validation of Kubernetes manifests: strict schema (Kubernetes 1.33, KEDA, Gateway API HTTPRoute),
 * Pod Security Standards (restricted) and cross-object consistency. See validation/README.md.
 */
import { Findings, Manifest, describe, toManifest } from './context';
import { checkApplyOrder } from './apply-order';
import { checkContainers } from './containers';
import { checkCrossObject } from './cross-object';
import { checkObjectMeta, checkTemplateMeta } from './metadata';
import { checkPodSpec } from './pod-spec';
import { checkPodSecurity } from './pss';
import { RULES, RuleInfo } from './rules';
import { dropNulls, nestedDeeperThan } from './nulls';
import { checkSchema, show } from './schema';
import { FieldPath, Finding, JsonObject, ValidateOptions, isObject, str, dig } from './types';
import { ManifestIndex } from './workloads';

export { RULES } from './rules';
export type { RuleId, RuleInfo } from './rules';
export type { DocumentSource, Finding, ValidateOptions } from './types';

/** Lists inside lists are expanded down to this depth; deeper ones are validated as plain objects. */
const MAX_LIST_DEPTH = 10;

/**
 * Objects nested deeper are reported, not walked (the recursive checks would exhaust the stack). Real
 * manifests nest a few dozen levels; the YAML reader already stops at about 800 (see README).
 */
export const MAX_NESTING = 1000;

/**
 * Validates a manifest set (objects as parsed from YAML). Cross-object rules see the whole set, so pass
 * everything that is deployed together. `null`/`undefined` entries (empty YAML documents) are skipped.
 *
 * @returns the findings, ordered by the position of the offending object (namespace-wide findings last).
 */
export function validateManifests(manifests: readonly unknown[], options: ValidateOptions = {}): Finding[] {
  if (options.sources !== undefined && options.sources.length !== manifests.length) {
    throw new Error(`ValidateOptions.sources has ${options.sources.length} entries for ${manifests.length} manifests: `
      + `give one per manifest, in the same order`);
  }
  const out = new Findings(options.disable);
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const valid: Manifest[] = [];

  const add = (raw: unknown, index: number, base: FieldPath, depth: number): void => {
    const value = dropNulls(raw);
    if (isObject(value) && value.items !== undefined && depth < MAX_LIST_DEPTH) {
      expandList(value, index, base, depth);
      return;
    }
    const m = toManifest(value, index, defaultNamespace, base);
    if (m) {
      valid.push(m);
      checkSchema(m, out);
      checkObjectMeta(m, out);
      return;
    }
    if (!isObject(value)) {
      out.report('schema', { index, base }, `a manifest must be an object (got ${show(value)})`);
      return;
    }
    const target = { index, base, kind: str(value.kind), name: str(dig(value, 'metadata', 'name')) };
    for (const field of ['apiVersion', 'kind'] as const) {
      const v = value[field];
      if (v === undefined) out.report('schema', target, 'required field missing', [field]);
      else if (typeof v !== 'string') out.report('schema', target, `must be string (got ${show(v)})`, [field]);
      else if (v === '') out.report('schema', target, 'must not be empty', [field]);
    }
  };

  /**
   * kubectl reads any object with an `items` field as a list (UnstructuredJSONScheme.decode in
   * k8s.io/apimachinery unstructured/helpers.go) and applies each item (`kind: List` from `kubectl get -o
   * yaml`, typed lists like `DeploymentList`). Items without kind and apiVersion take the list's apiVersion
   * and its kind without the `List` suffix (decodeToList).
   */
  const expandList = (list: JsonObject, index: number, base: FieldPath, depth: number): void => {
    if (!Array.isArray(list.items)) {
      out.report('schema', { index, base, kind: str(list.kind) }, `must be a list of objects (got ${show(list.items)})`,
        ['items']);
      return;
    }
    const listKind = str(list.kind) ?? '';
    list.items.forEach((item: unknown, i: number) => {
      const itemBase = [...base, 'items', i];
      if (isObject(item) && item.kind === undefined && item.apiVersion === undefined && listKind.endsWith('List')
          && list.apiVersion !== undefined) {
        add({ apiVersion: list.apiVersion, kind: listKind.slice(0, -'List'.length), ...item },
          index, itemBase, depth + 1);
      } else {
        add(item, index, itemBase, depth + 1);
      }
    });
  };

  manifests.forEach((raw, index) => {
    // null/undefined: an empty YAML document.
    if (raw === null || raw === undefined) return;
    if (nestedDeeperThan(raw, MAX_NESTING)) {
      const target = { index, kind: str(dig(raw, 'kind')), name: str(dig(raw, 'metadata', 'name')) };
      out.report('schema', target, `nests objects or lists deeper than ${MAX_NESTING} levels; not validated`);
      return;
    }
    add(raw, index, [], 0);
  });

  const seen = new Map<string, Manifest>();
  for (const m of valid) {
    const key = [m.group, m.kind, m.namespace ?? '', m.name].join('\u0000');
    const first = seen.get(key);
    if (first && m.name !== '') {
      out.report('duplicate-object', m, `same ${m.group || 'core'} group, kind, namespace and name as input `
        + `#${first.index} (${describe(first)})`);
    } else seen.set(key, m);
  }

  const index = new ManifestIndex(valid);
  for (const t of index.templates) {
    checkTemplateMeta(t, out);
    checkContainers(t, out);
    checkPodSpec(t, out);
    checkPodSecurity(t, out);
  }
  checkCrossObject(index, out, { requireDeclaredTargetPorts: options.requireDeclaredTargetPorts });
  checkApplyOrder(index, out, options.sources);

  // Stable sort: object order first, rule order within an object as the checks ran.
  return out.list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => (a.f.index ?? Infinity) - (b.f.index ?? Infinity) || a.i - b.i)
    .map(({ f }) => f);
}

/**
 * One readable line:
 * `Deployment durable-system/durable-worker: spec.template.spec.containers[0].resources.request: unknown field
 * (schema-unknown-field)`.
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
    ...rules.map(r => `| \`${r.id}\` | ${r.category} | ${esc(r.description)} | ${esc(r.fix)} |`),
  ].join('\n') + '\n';
}
