import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { MetadataEntry } from '../metadata';
import { checkArray, checkElement, checkLabelKey, checkLabelValue, checkString, fail, show } from './input-checks';
import { checkAnnotationsSize } from './pod-metadata';

/**
 * Key/value entries as a map, each key once: labels and annotations (label-key syntax; label values for labels),
 * or free-form `metadata` such as a KEDA scaler's (any non-empty key, a string value).
 */
export function checkedEntries(scope: IConstruct, prop: string, entries: readonly MetadataEntry[] | undefined,
  kind: 'label' | 'annotation' | 'metadata'): Record<string, string> {
  checkArray(scope, prop, entries);
  const map: Record<string, string> = {};
  (entries ?? []).forEach((entry, i) => {
    checkElement(scope, `${prop}[${i}]`, entry, 'an entry: { key, value }');
    if (kind !== 'metadata') {
      checkLabelKey(scope, `${prop}[${i}].key`, entry?.key);
    } else if (typeof entry?.key !== 'string' || entry.key === '') {
      fail(scope, `'${prop}[${i}].key' (${show(entry?.key)}) must be a non-empty string`);
    }
    if (kind === 'label') {
      checkLabelValue(scope, `${prop}[${i}].value`, entry.value);
    } else {
      checkString(scope, `${prop}[${i}].value`, entry.value);
    }
    if (Object.hasOwn(map, entry.key)) {
      fail(scope, `'${prop}[${i}].key' (${show(entry.key)}) is a duplicate: each ${kind} key can be set once`);
    }
    map[entry.key] = entry.value;
  });
  if (kind === 'annotation') {
    checkAnnotationsSize(scope, `'${prop}'`, map);
  }
  return map;
}

/**
 * Adds the user's labels and annotations to every API object of `scope` (merged with the construct's own). A key
 * the construct sets already must keep its value: selectors, the workload identity label and cert-manager's
 * annotation are the construct's; a different value would break what it renders.
 */
export function applyObjectMetadata(scope: IConstruct, labels: Record<string, string>,
  annotations: Record<string, string>): void {
  for (const object of scope.node.findAll()) {
    if (!(object instanceof ApiObject)) {
      continue;
    }
    const own = object.metadata.toJson() as { labels?: Record<string, string>; annotations?: Record<string, string> };
    for (const [key, value] of Object.entries(labels)) {
      checkNotOverridden(scope, 'labels', key, value, own.labels, object);
      object.metadata.addLabel(key, value);
    }
    for (const [key, value] of Object.entries(annotations)) {
      checkNotOverridden(scope, 'annotations', key, value, own.annotations, object);
      object.metadata.addAnnotation(key, value);
    }
  }
}

function checkNotOverridden(scope: IConstruct, prop: string, key: string, value: string,
  own: Record<string, string> | undefined, object: ApiObject): void {
  if (own && Object.hasOwn(own, key) && own[key] !== value) {
    fail(scope, `'${prop}' sets ${show(key)} to ${show(value)}, but the construct sets it to ${show(own[key])} on `
      + `${object.kind} ${show(object.name)}: leave that key to the construct`);
  }
}
