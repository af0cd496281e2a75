/**
 * Schema validation: types/required/enums/formats from the precompiled ajv validators (kubernetes-models
 * for Kubernetes kinds, schemas/crd-validators/ for the CRD kinds), plus a strict walk over the
 * field structure that reports unknown fields (neither validator rejects them).
 *
 * Everything is loaded lazily and cached: a kind's validator module is required the first time an object
 * of that kind is seen, so a Deployment+Service set never loads the other ~1700 kubernetes-models modules (nor
 * any CRD validator).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join as joinPath } from 'node:path';
import { Findings, Manifest } from './context';
import { pointerToPath } from './path';
import { removedApi } from './removed-apis';
import { JsonObject, isObject, own } from './types';

/** Field structure: the subset of a (CRD) JSON schema the strict walker needs. */
interface StructNode {
  readonly '$ref'?: string;
  readonly 'type'?: string;
  readonly 'properties'?: Readonly<Record<string, StructNode>>;
  readonly 'items'?: StructNode;
  readonly 'additionalProperties'?: StructNode | boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

interface KubernetesData {
  readonly source: string;
  /** apiVersion -> kind -> definition id (also the kubernetes-models `_schemas` module name). */
  readonly gvk: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly definitions: Readonly<Record<string, StructNode>>;
}

interface CrdEntry {
  readonly scope: 'Namespaced' | 'Cluster';
  /** Validator key: its module is schemas/crd-validators/<key with '/' as '_'>.js (scripts/crd-validators.mjs). */
  readonly validator: string;
  readonly schema?: StructNode;
  /** Key (`group/version/Kind`) of an identical schema stored once. */
  readonly schemaOf?: string;
}

interface CrdData {
  readonly sources: Readonly<Record<string, string>>;
  readonly kinds: Readonly<Record<string, Readonly<Record<string, CrdEntry>>>>;
}

interface AjvError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

type ValidateFn = ((data: unknown) => boolean) & { errors?: readonly AjvError[] | null };

const OBJECT_META = 'IoK8sApimachineryPkgApisMetaV1ObjectMeta';

// ------------------------------------------------------------------------------------------------------
// Lazy data
// ------------------------------------------------------------------------------------------------------

let kubernetesData: KubernetesData | undefined;
let crdData: CrdData | undefined;
const crdValidators = new Map<string, ValidateFn>();
let kmRequire: NodeJS.Require | undefined;
const kmValidators = new Map<string, ValidateFn>();
const crdRoots = new Map<string, StructNode>();

/**
 * A file of schemas/, loaded when first needed: next to this module, or else (in a bundle of these sources, e.g. the
 * cdk8s plugin in a checkout of the repository, `scripts/bundle.cjs`) from the package by its name. A path computed at
 * run time keeps bundlers from inlining 2.7 MB of schemas and validators that every start would then parse.
 */
function schemaFile<T>(file: string): T {
  const local = joinPath(__dirname, 'schemas', file);
  return require(existsSync(local) ? local : `cdk8s-durable-task-validator/schemas/${file}`) as T;
}

function kubernetes(): KubernetesData {
  return (kubernetesData ??= schemaFile<KubernetesData>('kubernetes.json'));
}

function crds(): CrdData {
  return (crdData ??= schemaFile<CrdData>('crds.json'));
}

/** The ajv validator kubernetes-models generated for definition `id` (e.g. IoK8sApiAppsV1Deployment). */
function kubernetesValidator(id: string): ValidateFn {
  let fn = kmValidators.get(id);
  if (!fn) {
    // Resolve from kubernetes-models itself: its `exports` map hides `_schemas/`, and
    // @kubernetes-models/apimachinery may be nested below it rather than hoisted.
    kmRequire ??= createRequire(require.resolve('kubernetes-models'));
    const mod = (id.startsWith('IoK8sApimachinery')
      ? kmRequire(`@kubernetes-models/apimachinery/_schemas/${id}`)
      : kmRequire(`./_schemas/${id}.js`)) as { validate: ValidateFn };
    fn = mod.validate;
    kmValidators.set(id, fn);
  }
  return fn;
}

function crdValidator(key: string): ValidateFn {
  let fn = crdValidators.get(key);
  if (!fn) {
    fn = schemaFile<ValidateFn>(`crd-validators/${key.split('/').join('_')}.js`);
    crdValidators.set(key, fn);
  }
  return fn;
}

/** Root structure of a CRD kind, with `metadata` checked as a real ObjectMeta (CRDs declare only `type: object`). */
function crdRoot(entry: CrdEntry): StructNode {
  const key = entry.schemaOf ?? entry.validator;
  let root = crdRoots.get(key);
  if (!root) {
    const schema = entry.schema ?? findCrdSchema(key);
    root = { ...schema, properties: { ...schema.properties, metadata: { $ref: OBJECT_META } } };
    crdRoots.set(key, root);
  }
  return root;
}

function findCrdSchema(key: string): StructNode {
  for (const kinds of Object.values(crds().kinds)) {
    for (const e of Object.values(kinds)) if (e.validator === key && e.schema) return e.schema;
  }
  throw new Error(`crds.json has no schema ${key}; regenerate validation/schemas`);
}

// ------------------------------------------------------------------------------------------------------
// Entry point
// ------------------------------------------------------------------------------------------------------

/** Reports schema findings (removed/unknown type, type errors, unknown fields) for one object. */
export function checkSchema(m: Manifest, out: Findings): void {
  const removed = removedApi(m.apiVersion, m.kind);
  if (removed) {
    out.report('schema-removed-api', m, `${m.apiVersion} ${m.kind} is no longer served since Kubernetes `
      + `${removed.removedIn}; use ${removed.use}`, ['apiVersion']);
    return;
  }

  const k8sId = own(own(kubernetes().gvk, m.apiVersion), m.kind);
  const crd = k8sId ? undefined : own(own(crds().kinds, m.apiVersion), m.kind);
  if (!k8sId && !crd) {
    out.report('schema-unknown-kind', m, unknownKindMessage(m.apiVersion, m.kind), ['kind']);
    return;
  }

  // A name of the wrong type is reported by the type check below ("must be string (got 42)").
  const metadata: JsonObject = isObject(m.raw.metadata) ? m.raw.metadata : {};
  if (metadata.name === undefined && metadata.generateName === undefined) {
    out.report('schema', m, 'required field missing', ['metadata', 'name']);
  }

  if (out.enabled('schema')) {
    if (k8sId) {
      typeErrors(kubernetesValidator(k8sId), m.raw, '', m, out);
    } else if (crd) {
      typeErrors(crdValidator(crd.validator), m.raw, '', m, out);
      // The CRD schema only says `metadata: {type: object}`; the API server checks it as ObjectMeta.
      if (m.raw.metadata !== undefined) {
        typeErrors(kubernetesValidator(OBJECT_META), m.raw.metadata, '/metadata', m, out);
      }
    }
  }

  if (out.enabled('schema-unknown-field')) {
    const root: StructNode = k8sId ? { $ref: k8sId } : crdRoot(crd as CrdEntry);
    walk(root, m.raw, [], m, out);
  }
}

function unknownKindMessage(apiVersion: string, kind: string): string {
  const servedBy: string[] = [];
  for (const [v, kinds] of Object.entries(kubernetes().gvk)) if (own(kinds, kind)) servedBy.push(v);
  for (const [v, kinds] of Object.entries(crds().kinds)) if (own(kinds, kind)) servedBy.push(v);
  const known = own(kubernetes().gvk, apiVersion) ?? own(crds().kinds, apiVersion);
  if (known) {
    if (servedBy.length > 0) return `${apiVersion} has no kind ${kind}; ${kind} is served by ${servedBy.join(', ')}`;
    if (own(crds().kinds, apiVersion)) {
      return `${apiVersion} ${kind} has no schema here; validated ${apiVersion} kinds: `
        + `${Object.keys(known).join(', ')}`;
    }
    const close = suggest(kind, Object.keys(known));
    return `${apiVersion} has no kind ${kind}${close ? `; did you mean ${close}?` : ''}`;
  }
  if (servedBy.length > 0) return `apiVersion ${apiVersion} is not served; ${kind} is served by ${servedBy.join(', ')}`;
  return `unknown type ${apiVersion} ${kind}: not a Kubernetes 1.33, KEDA keda.sh/v1alpha1, Gateway API HTTPRoute, `
    + 'Argo CD Application, Flux GitRepository/Kustomization, Azure Service Operator identity/role or Prometheus '
    + 'PodMonitor/ServiceMonitor (monitoring.coreos.com/v1, azmonitoring.coreos.com/v1) kind';
}

// ------------------------------------------------------------------------------------------------------
// Type errors (ajv) -> findings
// ------------------------------------------------------------------------------------------------------

function typeErrors(fn: ValidateFn, data: unknown, prefix: string, m: Manifest, out: Findings): void {
  if (fn(data) || !fn.errors) return;
  const errors = fn.errors;
  const seen = new Set<string>();
  const emit = (pointer: string, message: string, extra?: string): void => {
    const path: (string | number)[] = pointerToPath(prefix + pointer, m.raw);
    if (extra !== undefined) path.push(extra);
    const key = `${path.join('\u0000')}\u0001${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.report('schema', m, message, path);
  };

  // Union types (int-or-string, quantity) fail with one error per alternative plus a oneOf/anyOf error at
  // the same path: report them as one "must be A or B" finding.
  const unions = errors.filter(e => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const consumed = new Set<AjvError>();
  for (const u of unions) {
    const branchPrefix = u.schemaPath.length > 2 ? `${u.schemaPath}/` : undefined;
    const alternatives: string[] = [];
    for (const e of errors) {
      if (e === u) continue;
      const inBranch = branchPrefix !== undefined && e.schemaPath.startsWith(branchPrefix);
      const samePlace = e.instancePath === u.instancePath && (e.keyword === 'type' || e.keyword === 'format');
      if (!inBranch && !samePlace) continue;
      consumed.add(e);
      if (e.instancePath !== u.instancePath) continue;
      if (e.keyword === 'type') alternatives.push(String(e.params.type));
      else if (e.keyword === 'format') alternatives.push(`string of format ${String(e.params.format)}`);
    }
    consumed.add(u);
    const value = valueAt(data, u.instancePath);
    const alts = [...new Set(alternatives)]
      .filter(a => !(a === 'string' && alternatives.some(x => x.startsWith('string of'))));
    emit(u.instancePath, `${alts.length > 0 ? `must be ${alts.join(' or ')}` : 'matches none of the allowed forms'} `
      + `(got ${show(value)})`);
  }

  for (const e of errors) {
    if (consumed.has(e)) continue;
    const value = valueAt(data, e.instancePath);
    switch (e.keyword) {
      case 'required':
        emit(e.instancePath, 'required field missing', String(e.params.missingProperty));
        break;
      case 'type':
        emit(e.instancePath, `must be ${String(e.params.type)} (got ${show(value)})`);
        break;
      case 'enum': {
        const allowed = Array.isArray(e.params.allowedValues) ? e.params.allowedValues : [];
        emit(e.instancePath, `must be one of ${allowed.map(a => JSON.stringify(a)).join(', ')} (got ${show(value)})`);
        break;
      }
      case 'format':
        emit(e.instancePath, `must be of format ${String(e.params.format)} (got ${show(value)})`);
        break;
      default:
        emit(e.instancePath, `${e.message ?? `fails ${e.keyword} ${JSON.stringify(e.params)}`} (got ${show(value)})`);
    }
  }
}

function valueAt(data: unknown, pointer: string): unknown {
  let cur = data;
  if (pointer === '') return cur;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = Array.isArray(cur) ? cur[Number(key)] : isObject(cur) ? own(cur, key) : undefined;
  }
  return cur;
}

/** Short rendering of a value for messages. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return String(value);
}

// ------------------------------------------------------------------------------------------------------
// Strict walk: unknown fields
// ------------------------------------------------------------------------------------------------------

/** Fields that moved between API versions: say where they went rather than guessing a spelling. */
const MOVED_FIELDS: Readonly<Record<string, string>> = {
  serviceName: 'networking.k8s.io/v1 Ingress backends use service.name',
  servicePort: 'networking.k8s.io/v1 Ingress backends use service.port.number or service.port.name',
  targetCPUUtilizationPercentage: 'autoscaling/v1 only; autoscaling/v2 uses '
    + 'spec.metrics[].resource.target.averageUtilization',
};

function resolve(node: StructNode | undefined): StructNode | undefined {
  let cur = node;
  for (let i = 0; cur?.$ref !== undefined && i < 10; i++) cur = own(kubernetes().definitions, cur.$ref);
  return cur;
}

function walk(nodeIn: StructNode | undefined, value: unknown, path: (string | number)[],
  m: Manifest, out: Findings): void {
  const node = resolve(nodeIn);
  if (!node || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (node.items) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        walk(node.items, value[i], path, m, out);
        path.pop();
      }
    }
    return;
  }
  const props = node.properties;
  const extra = node.additionalProperties;
  const open = node['x-kubernetes-preserve-unknown-fields'] === true || extra === true;
  // Kubernetes structure nodes without properties are maps or opaque (RawExtension, FieldsV1). A CRD
  // `type: object` without properties, additionalProperties or preserve-unknown-fields is an empty object:
  // the API server prunes whatever is put there.
  if (!props && (open || isObject(extra) || node.type !== 'object')) {
    if (isObject(extra)) walkEntries(extra as StructNode, value as JsonObject, path, m, out);
    return;
  }
  for (const [key, child] of Object.entries(value as JsonObject)) {
    const known = own(props, key);
    path.push(key);
    if (known) walk(known, child, path, m, out);
    else if (isObject(extra)) walk(extra as StructNode, child, path, m, out);
    else if (!open) {
      out.report('schema-unknown-field', m, unknownFieldMessage(key, props ? Object.keys(props) : []), path);
    }
    path.pop();
  }
}

function walkEntries(node: StructNode, value: JsonObject, path: (string | number)[], m: Manifest, out: Findings): void {
  for (const [key, child] of Object.entries(value)) {
    path.push(key);
    walk(node, child, path, m, out);
    path.pop();
  }
}

function unknownFieldMessage(key: string, known: readonly string[]): string {
  const moved = own(MOVED_FIELDS, key);
  if (moved) return `unknown field (${moved})`;
  const close = suggest(key, known);
  return close ? `unknown field; did you mean ${close}?` : 'unknown field';
}

/** The closest name (case-insensitive match, or edit distance <= 2 for names of 4+ characters). */
function suggest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c.toLowerCase() === lower) return c;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return bestDistance <= (word.length >= 4 ? 2 : 0) ? best : undefined;
}

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
