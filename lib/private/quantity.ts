import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';
import { parseQuantity } from './k8s-facts';

/** Parses a quantity prop, failing with the construct path when it is malformed or not positive. */
export function checkQuantity(scope: IConstruct, prop: string, value: string): number {
  const parsed = parseQuantity(value);
  if (parsed === undefined || parsed <= 0) {
    fail(scope, `'${prop}' (${show(value)}) must be a positive Kubernetes quantity, e.g. "250m" or "1" for CPU, `
      + '"512Mi" or "1Gi" for memory');
  }
  return parsed;
}
