import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';
import { parseQuantity } from './k8s-facts';

const EXAMPLES = 'e.g. "250m" or "1" for CPU, "512Mi" or "1Gi" for memory';

/** Parses a quantity prop, failing with the construct path when it is malformed or not positive. */
export function checkQuantity(scope: IConstruct, prop: string, value: string): number {
  const parsed = typeof value === 'string' ? parseQuantity(value) : undefined;
  if (parsed === undefined || parsed <= 0) {
    fail(scope, `'${prop}' (${show(value)}) must be a positive Kubernetes quantity, ${EXAMPLES}`);
  }
  return parsed;
}

/**
 * A memory quantity, in bytes. The API server accepts `512m` for memory, but it means 0.512 bytes: a milli (or
 * micro, nano) suffix on memory is always a typo for `Mi`, and the pod could never start (or the quota never admit
 * one), so it is refused. The same holds for storage (`what`: ephemeral storage, an emptyDir's size).
 */
export function checkMemoryQuantity(scope: IConstruct, prop: string, value: string, what = 'memory'): number {
  const bytes = checkQuantity(scope, prop, value);
  const suffix = /[mun]$/.exec(value);
  if (suffix !== null || bytes < 1) {
    fail(scope, `'${prop}' (${show(value)}) is ${bytes} bytes`
      + `${suffix ? ` ('${suffix[0]}' is a fraction, not mega)` : ''}: `
      + `${what} takes bytes with a binary suffix, e.g. "${value.replace(/[mun]$/, '')}Mi" or "1Gi"`);
  }
  return bytes;
}
