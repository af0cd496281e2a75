import { isLabelValue } from './k8s-facts';

/** Well-known label keys used on every object. Selectors use only `name` (see `selectorLabels`). */
const LABELS = Object.freeze({
  name: 'app.kubernetes.io/name',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  managedBy: 'app.kubernetes.io/managed-by',
});

/**
 * Label the API server sets on every namespace (`kubernetes.io/metadata.name`): NetworkPolicies select a namespace
 * by name with it.
 */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Selector labels of a workload: its name only. They never derive from construct paths, so renaming a
 * construct id cannot change an (immutable) Deployment selector.
 */
export function selectorLabels(name: string): Record<string, string> {
  return { [LABELS.name]: name };
}

/**
 * Labels on every object this library creates. The name label only where the name is a label value: a ServiceAccount
 * name is a DNS subdomain (up to 253 characters), longer than a label value may be.
 */
export function commonLabels(name: string): Record<string, string> {
  const named: Record<string, string> = isLabelValue(name) ? { [LABELS.name]: name } : {};
  return { ...named, [LABELS.partOf]: 'durable-task', [LABELS.managedBy]: 'cdk8s' };
}

/** Labels on every object of a workload. */
export function workloadLabels(name: string, component: string): Record<string, string> {
  return { ...commonLabels(name), [LABELS.component]: component };
}
