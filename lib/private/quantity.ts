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

/** The least memory a container may request or be limited to: 4Mi. */
export const MIN_CONTAINER_MEMORY = 4 * 2 ** 20;

/**
 * A container's memory request or limit, in bytes: a memory quantity of at least 4Mi. A plain number is bytes, so
 * `"512"` (meant as Mi) would be a 512-byte container: no container starts in less than a few MiB (runc's init is
 * OOM-killed, "container init was OOM-killed (memory limit too low?)"; Docker's daemon refuses limits below 6MB,
 * `linuxMinMemory`, 4MB before), and a request below 4Mi is the same typo.
 */
export function checkContainerMemory(scope: IConstruct, prop: string, value: string): number {
  const bytes = checkMemoryQuantity(scope, prop, value);
  if (bytes < MIN_CONTAINER_MEMORY) {
    fail(scope, `'${prop}' (${show(value)}) is ${bytes} bytes: a container needs at least 4Mi (no container starts `
      + `in less); memory takes bytes with a binary suffix, e.g. "${/^[0-9]+$/.test(value) ? value : '256'}Mi" or "1Gi"`);
  }
  return bytes;
}
