/** One problem found in a manifest set. */
export interface Finding {
  /** Stable rule id, e.g. `schema-unknown-field` or `pss-run-as-non-root` (see `RULES`). */
  readonly rule: string;
  /** Human readable explanation, without the object or field (see `formatFinding`). */
  readonly message: string;
  /** Kind of the offending object (`Namespace` for namespace-wide findings). */
  readonly kind?: string;
  /** `metadata.name` of the offending object. */
  readonly name?: string;
  /** Effective namespace of the offending object; unset for cluster-scoped objects. */
  readonly namespace?: string;
  /** JSON path of the offending field, e.g. `spec.template.spec.containers[0].resources.request`. */
  readonly field?: string;
  /** Position of the offending object in the array given to `validateManifests`; unset for namespace-wide findings. */
  readonly index?: number;
}

/** Options of `validateManifests`. */
export interface ValidateOptions {
  /** Namespace of objects without `metadata.namespace` (what `kubectl apply` would use). Default: `default`. */
  readonly defaultNamespace?: string;
  /** Rule ids to skip. */
  readonly disable?: readonly string[];
  /**
   * Report numeric Service targetPorts that no selected container declares (rule
   * service-target-port-missing). Default false: Kubernetes routes to undeclared ports, only named
   * targetPorts must be declared.
   */
  readonly requireDeclaredTargetPorts?: boolean;
  /**
   * Where each input came from, index by index: its file and 0-based position there (the `LoadedDocument`s
   * of `loadFiles` fit). Rule apply-order then compares objects of the same file only and names them
   * `document <position + 1>`. Without it the whole input is one sequence, applied in array order, and
   * objects are named `input #<index>`.
   */
  readonly sources?: readonly (DocumentSource | undefined)[];
}

/** File and position of one input document (see `ValidateOptions.sources`). */
export interface DocumentSource {
  readonly file: string;
  /** 0-based position in the file, counting empty documents (like `LoadedDocument.position`). */
  readonly position: number;
}

/** A JSON object (what a YAML mapping parses to). */
export type JsonObject = { readonly [key: string]: unknown };

/** Segments of a field path: property names and array indexes. */
export type FieldPath = readonly (string | number)[];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `obj[key]` when it is the object's own property. Keys come from the input, so a plain `obj[key]` would
 * find `constructor`, `toString` or `__proto__` on Object.prototype.
 */
export function own<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** `value[key]` when `value` is an object with that own property, else undefined. */
export function prop(value: unknown, key: string): unknown {
  return isObject(value) ? own(value, key) : undefined;
}

/** Walks `keys` through nested objects; undefined as soon as a step is not an object. */
export function dig(value: unknown, ...keys: string[]): unknown {
  let cur = value;
  for (const k of keys) cur = prop(cur, k);
  return cur;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Object entries of a string map (labels, annotations, selectors); non-string values are skipped. */
export function stringMap(value: unknown): Readonly<Record<string, string>> {
  // No prototype: a label named `constructor` or `__proto__` is an ordinary key.
  const out = Object.create(null) as Record<string, string>;
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
