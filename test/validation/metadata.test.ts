import { Finding, validateManifests } from '../../validation/index';
import { NS, Obj, cleanSet, compliantPod, get } from './fixtures';

/** Findings for `set` without `index` (positions depend on the fixture order, not on the rule). */
function check(set: readonly unknown[]): Omit<Finding, 'index'>[] {
  return validateManifests(set).map(({ index: _index, ...rest }) => rest);
}

const SUBDOMAIN = "must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', starting and ending with "
  + 'a letter or digit';
const LABEL_VALUE = "must be empty or 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const KEY = "must be an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and "
  + 'ending with a letter or digit';

const configMap = (annotations: Record<string, string>): Obj =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: NS, annotations } });

describe('object metadata as the API server validates it (ValidateObjectMeta)', () => {
  test('the clean set and names of every rule pass: a dotted ConfigMap, a Service, an RBAC name with colons', () => {
    // GIVEN the clean set plus objects whose names follow their kind's own rule
    const set: Obj[] = [...cleanSet(),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app.settings-v1', namespace: NS } },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:durable:Reader' } },
      { ...compliantPod(), metadata: { name: 'probe', namespace: NS, labels: { 'example.com/Tier': '' },
        annotations: { 'Example.com/Owner': 'platform' } } },
    ];
    // WHEN / THEN
    expect(check(set)).toEqual([]);
  });

  test.each<[string, (set: Obj[]) => void, Omit<Finding, 'index'>]>([
    ['an upper-case Deployment name', set => {
      get(set, 'Deployment', 'durable-worker').metadata.name = 'Durable-Worker';
      get(set, 'ScaledObject', 'durable-worker').spec.scaleTargetRef.name = 'Durable-Worker';
    }, { rule: 'schema', message: `name "Durable-Worker" ${SUBDOMAIN}`, kind: 'Deployment', name: 'Durable-Worker',
      namespace: NS, field: 'metadata.name' }],
    ['a Service name that starts with a digit', set => {
      set.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1api', namespace: NS },
        spec: { ports: [{ port: 80 }] } });
    }, { rule: 'schema', message: "name \"1api\" must be a DNS-1035 label: 1-63 lowercase letters, digits or '-', "
      + 'starting with a letter and ending with a letter or digit', kind: 'Service', name: '1api', namespace: NS,
    field: 'metadata.name' }],
    ['a label value over 63 characters (e.g. from a chart label)', set => {
      get(set, 'ServiceAccount', 'durable-worker').metadata.labels.team = 'x'.repeat(70);
    }, { rule: 'schema', message: `label value "${'x'.repeat(70)}" ${LABEL_VALUE}`, kind: 'ServiceAccount',
      name: 'durable-worker', namespace: NS, field: 'metadata.labels.team' }],
    ['a label key with two slashes', set => {
      get(set, 'ServiceAccount', 'durable-worker').metadata.labels['a/b/c'] = 'x';
    }, { rule: 'schema', message: `label key "a/b/c" ${KEY}`, kind: 'ServiceAccount', name: 'durable-worker',
      namespace: NS, field: 'metadata.labels["a/b/c"]' }],
    ['a pod template label value with a space', set => {
      get(set, 'Deployment', 'durable-worker').spec.template.metadata.labels.team = 'a b';
    }, { rule: 'schema', message: `label value "a b" ${LABEL_VALUE}`, kind: 'Deployment', name: 'durable-worker',
      namespace: NS, field: 'spec.template.metadata.labels.team' }],
    ['an annotation key with a space', set => {
      set.push(configMap({ 'owner team': 'x' }));
    }, { rule: 'schema', message: `annotation key "owner team" ${KEY}`, kind: 'ConfigMap',
      name: 'settings', namespace: NS, field: 'metadata.annotations["owner team"]' }],
    ['annotations over 256 KiB', set => {
      set.push(configMap({ notes: 'x'.repeat(262140) }));
    }, { rule: 'schema', message: "annotations have 262145 bytes of keys and values, more than the API server's "
      + '262144 (256 KiB)', kind: 'ConfigMap', name: 'settings', namespace: NS, field: 'metadata.annotations' }],
  ])('reports %s', (_, breakIt, finding) => {
    // GIVEN the clean set with one metadata problem
    const set = cleanSet();
    breakIt(set);
    // WHEN
    const findings = check(set);
    // THEN
    expect(findings).toEqual([finding]);
  });
});
