import { JsonObject, isObject } from './types';

/**
 * The object as the API server stores it with respect to nulls: every `key: null` (`key:` or `key: ~` in
 * YAML, as Helm renders unset values) is dropped, at any depth. The API server decodes a null optional
 * field of a built-in type as absent (encoding/json leaves the pointer or zero value) and prunes nulls
 * of CRD fields that are not `nullable` (apiextensions structural pruning), so neither rejects them.
 * Nulls inside lists are kept (`containers: [null]` is still an error). Unchanged subtrees are shared,
 * not copied.
 */
export function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = dropNulls(value[i]);
      if (v !== value[i]) (copy ??= value.slice())[i] = v;
    }
    return copy ?? value;
  }
  if (!isObject(value)) return value;
  let changed = false;
  const entries: [string, unknown][] = [];
  for (const [k, v] of Object.entries(value)) {
    if (v === null) {
      changed = true;
      continue;
    }
    const w = dropNulls(v);
    if (w !== v) changed = true;
    entries.push([k, w]);
  }
  if (!changed) return value;
  // defineProperty keeps a `__proto__` key an own property instead of setting the prototype.
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out as JsonObject;
}

/** Whether `value` nests objects/lists deeper than `max` levels (iterative: safe on any depth). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
