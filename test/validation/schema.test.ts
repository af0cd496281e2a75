import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Finding, validateManifests } from '../../validation/index';
import { NS, Obj, cleanSet, get, workerPod } from './fixtures';

/** Findings for `set`, as plain objects for exact comparison. */
function check(set: readonly unknown[]): Finding[] {
  return validateManifests(set);
}

/** Finding without `index` (positions depend on the fixture order, not on the rule). */
function strip(findings: Finding[]): Omit<Finding, 'index'>[] {
  return findings.map(({ index: _index, ...rest }) => rest);
}

describe('schema-unknown-field', () => {
  test('a typo in a container field (resources.request) is reported with a suggestion', () => {
    // GIVEN the compliant set with `resources.request` next to `resources.requests`
    const set = cleanSet();
    workerPod(set).containers[0].resources.request = { cpu: '1' };
    // WHEN validating
    const findings = check(set);
    // THEN exactly that field is reported
    expect(strip(findings)).toEqual([{
      rule: 'schema-unknown-field',
      message: 'unknown field; did you mean requests?',
      kind: 'Deployment',
      name: 'durable-worker',
      namespace: NS,
      field: 'spec.template.spec.containers[0].resources.request',
    }]);
  });

  test('serviceName on a networking.k8s.io/v1 Ingress backend (extensions/v1beta1 shape) is reported', () => {
    // GIVEN an Ingress backend that also carries the removed v1beta1 serviceName field
    const set = cleanSet();
    get(set, 'Ingress', 'durable-api').spec.rules[0].http.paths[0].backend.serviceName = 'durable-api';
    // WHEN validating
    const findings = check(set);
    // THEN the field is unknown and the message says where the value went
    expect(strip(findings)).toEqual([{
      rule: 'schema-unknown-field',
      message: 'unknown field (networking.k8s.io/v1 Ingress backends use service.name)',
      kind: 'Ingress',
      name: 'durable-api',
      namespace: NS,
      field: 'spec.rules[0].http.paths[0].backend.serviceName',
    }]);
  });

  test('autoscaling/v1-only targetCPUUtilizationPercentage in an autoscaling/v2 HPA is reported', () => {
    // GIVEN the v2 HPA with the v1 field
    const set = cleanSet();
    get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.targetCPUUtilizationPercentage = 70;
    // WHEN validating
    const findings = check(set);
    // THEN it is reported as unknown with the v2 replacement
    expect(strip(findings)).toEqual([{
      rule: 'schema-unknown-field',
      message: 'unknown field (autoscaling/v1 only; autoscaling/v2 uses spec.metrics[].resource.target.averageUtilization)',
      kind: 'HorizontalPodAutoscaler',
      name: 'durable-api',
      namespace: NS,
      field: 'spec.targetCPUUtilizationPercentage',
    }]);
  });

  test('unknown metadata fields are reported on Kubernetes kinds and CRDs alike', () => {
    // GIVEN `metadata.label` on a Service and `metadata.annotation` on a ScaledObject
    const set = cleanSet();
    get(set, 'Service', 'durable-api').metadata.label = { a: 'b' };
    get(set, 'ScaledObject', 'durable-worker').metadata.annotation = { a: 'b' };
    // WHEN validating
    const findings = check(set);
    // THEN both are reported (CRD metadata is checked as ObjectMeta, not as the CRD's bare `type: object`)
    expect(strip(findings)).toEqual([
      { rule: 'schema-unknown-field', message: 'unknown field; did you mean annotations?', kind: 'ScaledObject', name: 'durable-worker', namespace: NS, field: 'metadata.annotation' },
      { rule: 'schema-unknown-field', message: 'unknown field; did you mean labels?', kind: 'Service', name: 'durable-api', namespace: NS, field: 'metadata.label' },
    ]);
  });

  test('unknown fields in KEDA and Gateway API objects are reported', () => {
    // GIVEN a ScaledObject with minReplicas (KEDA: minReplicaCount), a TriggerAuthentication with identityID
    // and an HTTPRoute backendRef with `service`
    const set = cleanSet();
    get(set, 'ScaledObject', 'durable-worker').spec.minReplicas = 1;
    get(set, 'TriggerAuthentication', 'durable-worker').spec.podIdentity.identityID = 'x';
    get(set, 'HTTPRoute', 'durable-api').spec.rules[0].backendRefs[0].service = 'durable-api';
    // WHEN validating
    const findings = check(set);
    // THEN all three are reported
    expect(strip(findings)).toEqual([
      { rule: 'schema-unknown-field', message: 'unknown field; did you mean identityId?', kind: 'TriggerAuthentication', name: 'durable-worker', namespace: NS, field: 'spec.podIdentity.identityID' },
      { rule: 'schema-unknown-field', message: 'unknown field', kind: 'ScaledObject', name: 'durable-worker', namespace: NS, field: 'spec.minReplicas' },
      { rule: 'schema-unknown-field', message: 'unknown field', kind: 'HTTPRoute', name: 'durable-api', namespace: NS, field: 'spec.rules[0].backendRefs[0].service' },
    ]);
  });

  test('maps, opaque fields and preserve-unknown-fields accept any key', () => {
    // GIVEN free-form keys in labels/annotations, ScaledObject trigger metadata, managedFields.fieldsV1 and status
    const set = cleanSet();
    get(set, 'Deployment', 'durable-api').metadata.annotations = { 'example.com/anything': 'x' };
    get(set, 'ScaledObject', 'durable-worker').spec.triggers[0].metadata.anyKey = 'x';
    get(set, 'Service', 'durable-api').metadata.managedFields = [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:ports': {} } } }];
    get(set, 'ScaledObject', 'durable-worker').status = { whatever: { nested: true } };
    get(set, 'Deployment', 'durable-worker').status = { replicas: 3 };
    // WHEN validating
    const findings = check(set);
    // THEN nothing is reported
    expect(findings).toEqual([]);
  });
});

describe('schema', () => {
  test('type errors name the field, the expected and the actual type', () => {
    // GIVEN an HPA whose scale-down stabilization window is a string
    const set = cleanSet();
    get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.behavior.scaleDown.stabilizationWindowSeconds = '300';
    // WHEN validating
    const findings = check(set);
    // THEN
    expect(strip(findings)).toEqual([{
      rule: 'schema', message: 'must be integer (got "300")', kind: 'HorizontalPodAutoscaler', name: 'durable-api', namespace: NS, field: 'spec.behavior.scaleDown.stabilizationWindowSeconds',
    }]);
  });

  test('int-or-string and quantity fields accept both forms and reject anything else as one finding', () => {
    // GIVEN a numeric targetPort (valid), a percentage PDB (valid), an object targetPort and a malformed quantity
    const set = cleanSet();
    const svc = get(set, 'Service', 'durable-api');
    svc.spec.ports.push({ name: 'metrics', port: 9090, targetPort: 8080 });
    const pdb = get(set, 'PodDisruptionBudget', 'durable-api');
    pdb.spec = { selector: pdb.spec.selector, maxUnavailable: '50%' };
    svc.spec.ports[0].targetPort = { name: 'http' };
    workerPod(set).containers[0].resources.limits.memory = 'lots';
    // WHEN validating
    const findings = check(set);
    // THEN the two invalid values are reported once each
    expect(strip(findings)).toEqual([
      { rule: 'schema', message: 'must be number or string of format quantity (got "lots")', kind: 'Deployment', name: 'durable-worker', namespace: NS, field: 'spec.template.spec.containers[0].resources.limits.memory' },
      { rule: 'schema', message: 'must be string or integer (got an object)', kind: 'Service', name: 'durable-api', namespace: NS, field: 'spec.ports[0].targetPort' },
    ]);
  });

  test('missing required fields are reported at the missing field', () => {
    // GIVEN a Deployment without spec.selector and a ConfigMap without a name
    const set = cleanSet();
    delete get(set, 'Deployment', 'durable-api').spec.selector;
    set.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: NS }, data: { a: 'b' } });
    // WHEN validating
    const findings = check(set);
    // THEN
    expect(strip(findings)).toEqual([
      { rule: 'schema', message: 'required field missing', kind: 'Deployment', name: 'durable-api', namespace: NS, field: 'spec.selector' },
      { rule: 'schema', message: 'required field missing', kind: 'ConfigMap', namespace: NS, field: 'metadata.name' },
    ]);
  });

  test('enum violations list the allowed values (Kubernetes and CRD schemas)', () => {
    // GIVEN a misspelt Service type and an unknown KEDA pod identity provider
    const set = cleanSet();
    get(set, 'Service', 'durable-api').spec.type = 'Loadbalancer';
    get(set, 'TriggerAuthentication', 'durable-worker').spec.podIdentity.provider = 'azure';
    // WHEN validating
    const findings = check(set);
    // THEN
    expect(strip(findings)).toEqual([
      { rule: 'schema', message: 'must be one of "azure-workload", "gcp", "aws", "aws-eks", "none" (got "azure")', kind: 'TriggerAuthentication', name: 'durable-worker', namespace: NS, field: 'spec.podIdentity.provider' },
      { rule: 'schema', message: 'must be one of "ClusterIP", "ExternalName", "LoadBalancer", "NodePort" (got "Loadbalancer")', kind: 'Service', name: 'durable-api', namespace: NS, field: 'spec.type' },
    ]);
  });

  test('CRD type errors are reported from the KEDA schema', () => {
    // GIVEN a ScaledObject whose minReplicaCount is a string
    const set = cleanSet();
    get(set, 'ScaledObject', 'durable-worker').spec.minReplicaCount = '1';
    // WHEN validating
    const findings = check(set);
    // THEN
    expect(strip(findings)).toEqual([{
      rule: 'schema', message: 'must be integer (got "1")', kind: 'ScaledObject', name: 'durable-worker', namespace: NS, field: 'spec.minReplicaCount',
    }]);
  });

  test('container resources use known names and requests do not exceed limits', () => {
    // GIVEN a misspelt resource name and a memory request above its limit
    const set = cleanSet();
    const resources = workerPod(set).containers[0].resources;
    resources.limits.cpuu = '1';
    resources.requests.memory = '1Gi';
    // WHEN validating
    const findings = check(set);
    // THEN both are reported
    expect(strip(findings)).toEqual([
      { rule: 'schema', message: 'unknown resource cpuu; use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource', kind: 'Deployment', name: 'durable-worker', namespace: NS, field: 'spec.template.spec.containers[0].resources.limits.cpuu' },
      { rule: 'schema', message: 'request 1Gi exceeds limit 512Mi', kind: 'Deployment', name: 'durable-worker', namespace: NS, field: 'spec.template.spec.containers[0].resources.requests.memory' },
    ]);
  });

  test('non-objects and objects without apiVersion/kind are reported by position', () => {
    // GIVEN a list, a kind-less object and an empty YAML document (null)
    // WHEN validating
    const findings = check([[1, 2], { apiVersion: 'v1', metadata: { name: 'x' } }, null]);
    // THEN the empty document is skipped and the others are reported with their index
    expect(findings).toEqual([
      { rule: 'schema', message: 'a manifest must be an object (got a list)', index: 0 },
      { rule: 'schema', message: 'required field missing', name: 'x', field: 'kind', index: 1 },
    ]);
  });
});

describe('schema-removed-api', () => {
  const cases: [string, string, string][] = [
    ['extensions/v1beta1', 'Deployment', 'extensions/v1beta1 Deployment is no longer served since Kubernetes 1.16; use apps/v1'],
    ['extensions/v1beta1', 'Ingress', 'extensions/v1beta1 Ingress is no longer served since Kubernetes 1.22; use networking.k8s.io/v1'],
    ['apps/v1beta1', 'StatefulSet', 'apps/v1beta1 StatefulSet is no longer served since Kubernetes 1.16; use apps/v1'],
    ['apps/v1beta2', 'DaemonSet', 'apps/v1beta2 DaemonSet is no longer served since Kubernetes 1.16; use apps/v1'],
    ['networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1beta1 Ingress is no longer served since Kubernetes 1.22; use networking.k8s.io/v1'],
    ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1beta1 PodDisruptionBudget is no longer served since Kubernetes 1.25; use policy/v1'],
    ['policy/v1beta1', 'PodSecurityPolicy', 'policy/v1beta1 PodSecurityPolicy is no longer served since Kubernetes 1.25; use nothing: PodSecurityPolicy was removed; use Pod Security Admission (namespace labels)'],
    ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2beta1 HorizontalPodAutoscaler is no longer served since Kubernetes 1.25; use autoscaling/v2'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2beta2 HorizontalPodAutoscaler is no longer served since Kubernetes 1.26; use autoscaling/v2'],
    ['batch/v1beta1', 'CronJob', 'batch/v1beta1 CronJob is no longer served since Kubernetes 1.25; use batch/v1'],
    ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is no longer served since Kubernetes 1.32; use flowcontrol.apiserver.k8s.io/v1'],
  ];
  test.each(cases)('%s %s is reported', (apiVersion, kind, message) => {
    // GIVEN an object of a removed API version (cluster-scoped fields are irrelevant here)
    const obj: Obj = { apiVersion, kind, metadata: { name: 'legacy', namespace: NS } };
    // WHEN validating it alone
    const findings = check([obj]).filter(f => f.rule.startsWith('schema'));
    // THEN it is reported at apiVersion with the replacement
    const namespace = kind === 'PodSecurityPolicy' || kind === 'FlowSchema' ? undefined : NS;
    expect(findings).toEqual([{ rule: 'schema-removed-api', message, kind, name: 'legacy', namespace, field: 'apiVersion', index: 0 }]);
  });
});

describe('schema-unknown-kind', () => {
  const cases: [string, string, string][] = [
    ['apps/v1', 'Deploymnet', 'apps/v1 has no kind Deploymnet; did you mean Deployment?'],
    ['autoscaling/v3', 'HorizontalPodAutoscaler', 'apiVersion autoscaling/v3 is not served; HorizontalPodAutoscaler is served by autoscaling/v1, autoscaling/v2'],
    ['apps/v1', 'Ingress', 'apps/v1 has no kind Ingress; Ingress is served by networking.k8s.io/v1'],
    ['keda.sh/v1alpha1', 'ScaledJob', 'keda.sh/v1alpha1 ScaledJob has no schema here; validated keda.sh/v1alpha1 kinds: ScaledObject, TriggerAuthentication, ClusterTriggerAuthentication'],
    ['example.com/v1', 'Widget', 'unknown type example.com/v1 Widget: not a Kubernetes 1.33, KEDA keda.sh/v1alpha1, Gateway API HTTPRoute, Argo CD Application, Flux GitRepository/Kustomization, Azure Service Operator identity/role or Prometheus PodMonitor/ServiceMonitor (monitoring.coreos.com/v1, azmonitoring.coreos.com/v1) kind'],
  ];
  test.each(cases)('%s %s is reported', (apiVersion, kind, message) => {
    // GIVEN an object of an unknown apiVersion/kind
    const obj: Obj = { apiVersion, kind, metadata: { name: 'x', namespace: NS } };
    // WHEN validating it alone
    const findings = check([obj]).filter(f => f.rule.startsWith('schema'));
    // THEN it is reported at kind
    expect(findings).toEqual([{ rule: 'schema-unknown-kind', message, kind, name: 'x', namespace: NS, field: 'kind', index: 0 }]);
  });

  test('HTTPRoute is known in both served versions (v1 and v1beta1)', () => {
    // GIVEN the compliant set with the HTTPRoute moved to v1beta1
    const set = cleanSet();
    get(set, 'HTTPRoute', 'durable-api').apiVersion = 'gateway.networking.k8s.io/v1beta1';
    // WHEN validating
    // THEN nothing is reported
    expect(check(set)).toEqual([]);
  });
});

describe('duplicate-object', () => {
  test('the second object with the same group, kind, namespace and name is reported', () => {
    // GIVEN the compliant set with its Service twice
    const set = cleanSet();
    set.push(structuredClone(get(set, 'Service', 'durable-api')));
    // WHEN validating
    const findings = check(set);
    // THEN the copy is reported, pointing at the first
    const first = set.indexOf(get(set, 'Service', 'durable-api'));
    expect(findings).toEqual([{
      rule: 'duplicate-object',
      message: `same core group, kind, namespace and name as input #${first} (Service durable-system/durable-api)`,
      kind: 'Service',
      name: 'durable-api',
      namespace: NS,
      index: set.length - 1,
    }]);
  });

  test('objects without metadata.namespace land in the default namespace (or options.defaultNamespace)', () => {
    // GIVEN two ConfigMaps named alike, one without namespace, one in `default`
    const a: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const b: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } };
    // WHEN validating with and without a different default namespace
    // THEN they collide only when the default is `default`
    expect(validateManifests([a, b]).map(f => f.rule)).toEqual(['duplicate-object']);
    expect(validateManifests([a, b], { defaultNamespace: 'other' })).toEqual([]);
  });
});

describe('CRD validators (schemas/crd-validators/)', () => {
  const schemas = join(__dirname, '..', '..', 'validation', 'schemas');

  test('every validator key of crds.json has its module, and there is no other module', () => {
    // GIVEN the keys crds.json names (schema.ts loads `<key with '/' as '_'>.js`)
    const { kinds } = JSON.parse(readFileSync(join(schemas, 'crds.json'), 'utf8')) as {
      kinds: Record<string, Record<string, { validator: string; schema?: object }>>;
    };
    const keys = Object.values(kinds).flatMap(k => Object.values(k)).filter(e => e.schema).map(e => e.validator);
    // THEN (run `node validation/scripts/crd-validators.mjs` after crds.json changes)
    expect(readdirSync(join(schemas, 'crd-validators')).sort())
      .toEqual(keys.map(key => `${key.split('/').join('_')}.js`).sort());
  });

  test('validating a kind loads its validator only', () => {
    // GIVEN a process that validates one ScaledObject (jest keeps its own module registry, so a child process)
    const script = `
      const { bundle } = require(${JSON.stringify(join(__dirname, '..', '..', 'scripts', 'bundle.cjs'))});
      const { validateManifests } = require(bundle('validation/index.ts', 'validation-index'));
      validateManifests([{ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 'w', namespace: 'n' },
        spec: { scaleTargetRef: { name: 'w' }, triggers: [{ type: 'cpu', metricType: 'Utilization',
          metadata: { value: '70' } }] } }]);
      console.log(JSON.stringify(Object.keys(require.cache).filter(f => f.includes('crd-validators'))
        .map(f => require('path').basename(f))));`;
    // WHEN
    const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    // THEN
    expect(JSON.parse(out)).toEqual(['keda.sh_v1alpha1_ScaledObject.js']);
  });
});
