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

/** Labels on every object this library creates. */
export function commonLabels(name: string): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.partOf]: 'durable-task', [LABELS.managedBy]: 'cdk8s' };
}

/**
 * The labels of an object whose name may be longer than a label value (63 characters), e.g. a ServiceAccount (a DNS
 * subdomain, up to 253): without the name label then.
 */
export function commonLabelsOfName(name: string): Record<string, string> {
  const labels = commonLabels(name);
  if (typeof name === 'string' && name.length > 63) {
    delete labels[LABELS.name];
  }
  return labels;
}

/** Labels on every object of a workload. */
export function workloadLabels(name: string, component: string): Record<string, string> {
  return { ...commonLabels(name), [LABELS.component]: component };
}
