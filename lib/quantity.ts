import { IConstruct } from 'constructs';
import { fail, show } from './rules';

const QUANTITY = /^([+]?[0-9]+(?:\.[0-9]*)?|[+]?\.[0-9]+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
};

/**
 * Parses a Kubernetes resource quantity ("250m", "512Mi", "1", "1e3") into a number of base units,
 * or returns undefined when the API server would reject it.
 */
export function parseQuantity(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (!match) {
    return undefined;
  }
  const [, amount, suffix = ''] = match;
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX[suffix];
  return Number(amount) * factor;
}

/** Parses a quantity prop, failing with the construct path when it is malformed or not positive. */
export function checkQuantity(scope: IConstruct, prop: string, value: string): number {
  const parsed = parseQuantity(value);
  if (parsed === undefined || parsed <= 0) {
    fail(scope, `'${prop}' (${show(value)}) must be a positive Kubernetes quantity, e.g. "250m" or "1" for CPU, "512Mi" or "1Gi" for memory`);
  }
  return parsed;
}
