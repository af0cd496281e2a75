/**
 * Issue 14: the validator on manifests written by hand, rendered by Helm or dumped by `kubectl get -o yaml`.
 * One fixture per defect under fixtures/real-world/, read through the CLI's loader.
 */
import { join } from 'node:path';
import { Finding, validateManifests } from '../../validation/index';
import { LoadError, LoadResult, loadFiles } from '../../validation/load';
import { FIXTURES, Obj } from './fixtures';

const NS = 'tenant-a';

function load(file: string): LoadResult {
  return loadFiles([join(FIXTURES, 'real-world', file)]);
}

/** Loads a fixture and validates it; findings without `index`, errors without `file`. */
function check(file: string, options: { rules?: RegExp; requireDeclaredTargetPorts?: boolean } = {}): {
  errors: Omit<LoadError, 'file'>[];
  findings: Omit<Finding, 'index'>[];
  objects: Obj[];
} {
  const loaded = load(file);
  const objects = loaded.documents.map(d => d.object as Obj);
  const findings = validateManifests(objects,
    { defaultNamespace: NS, requireDeclaredTargetPorts: options.requireDeclaredTargetPorts })
    .filter(f => (options.rules ?? /./).test(f.rule))
    .map(({ index: _index, ...rest }) => rest);
  return { errors: loaded.errors.map(({ file: _file, ...rest }) => rest), findings, objects };
}

const SCHEMA = /^schema/;

describe('item 1: YAML that kubectl rejects is one yaml-syntax error, not a crash', () => {
  test('fails when an alias refers to an anchor of another document; the next documents are still checked', () => {
    // GIVEN the reproducer followed by a document with a typo / WHEN loaded and validated
    const { errors, findings } = check('alias-cross-document.yaml', { rules: SCHEMA });
    // THEN the second document is an error at the alias, the first and third are validated
    expect(errors).toEqual([{ line: 8, column: 29, message: 'document 2: Unresolved alias (the anchor must be set before the alias): l' }]);
    expect(findings).toEqual([{ rule: 'schema-unknown-field', message: 'unknown field', kind: 'ConfigMap', name: 'c', namespace: NS, field: 'dat' }]);
  });

  test('fails when a merge key merges a scalar', () => {
    const { errors, findings } = check('merge-not-map.yaml', { rules: SCHEMA });
    expect(errors).toEqual([{ line: 2, column: 1, message: 'document 1: Merge sources must be maps or map aliases' }]);
    expect(findings).toEqual([{ rule: 'schema-unknown-field', message: 'unknown field', kind: 'ConfigMap', name: 'after-merge', namespace: NS, field: 'dat' }]);
  });

  test('fails when aliases expand exponentially (alias bomb)', () => {
    const { errors, objects } = check('alias-bomb.yaml');
    expect(errors).toEqual([{ line: 2, column: 1, message: 'document 1: Excessive alias count indicates a resource exhaustion attack' }]);
    expect(objects).toEqual([]);
  });
});

describe('item 2: List objects are expanded', () => {
  test('fails when an item of a kind: List has a typo; items of a typed list take its kind', () => {
    // GIVEN `kubectl get -o yaml` output and a ServiceAccountList whose item has no kind
    const { findings } = check('list.yaml', { rules: SCHEMA });
    // THEN each item is validated as its own object, with its path in the List
    expect(findings).toEqual([
      { rule: 'schema-unknown-field', message: 'unknown field', kind: 'ConfigMap', name: 'typo', namespace: NS, field: 'items[1].dta' },
      { rule: 'schema', message: 'must be boolean (got "no")', kind: 'ServiceAccount', name: 'typed', namespace: NS, field: 'items[0].automountServiceAccountToken' },
    ]);
  });

  test('the CLI locates an item finding on the item line', () => {
    const loaded = load('list.yaml');
    expect(loaded.documents[0].lineOf('items[1].dta')).toBe(14);
  });

  test('fails when items is not a list', () => {
    const findings = validateManifests([{ apiVersion: 'v1', kind: 'List', items: 'none' }]);
    expect(findings).toEqual([{ rule: 'schema', message: 'must be a list of objects (got "none")', kind: 'List', field: 'items', index: 0 }]);
  });

  test('fails when an item is null', () => {
    const findings = validateManifests([{ apiVersion: 'v1', kind: 'List', items: [null] }]);
    expect(findings).toEqual([{ rule: 'schema', message: 'a manifest must be an object (got null)', field: 'items[0]', index: 0 }]);
  });
});

describe('item 3: field names of Object.prototype are ordinary names', () => {
  test('fails when fields, kinds or apiVersions are named like JavaScript built-ins', () => {
    const { findings } = check('builtin-names.yaml', { rules: SCHEMA });
    const svc = { kind: 'Service', name: 'builtins', namespace: NS };
    expect(findings).toEqual([
      ...['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__', '__defineGetter__']
        .map(f => ({ rule: 'schema-unknown-field', message: 'unknown field', ...svc, field: `spec.${f}` })),
      { rule: 'schema-unknown-kind', message: 'v1 has no kind constructor', kind: 'constructor', name: 'kind-named-constructor', namespace: NS, field: 'kind' },
      {
        rule: 'schema-unknown-kind',
        message: 'unknown type toString name: not a Kubernetes 1.33, KEDA keda.sh/v1alpha1, Gateway API HTTPRoute, Argo CD Application, Flux GitRepository/Kustomization, Azure Service Operator identity/role or Prometheus PodMonitor/ServiceMonitor (monitoring.coreos.com/v1, azmonitoring.coreos.com/v1) kind',
        kind: 'name', name: 'api-version-named-tostring', namespace: NS, field: 'kind',
      },
    ]);
  });

  test('fails when a Service selects on a __proto__ label that no pod carries', () => {
    // GIVEN a Service whose selector is a label named __proto__ (an own key, as the YAML reader creates it)
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: JSON.parse('{"__proto__": "x"}'), ports: [{ port: 80 }] } };
    // WHEN validated THEN the selector is not mistaken for an empty one (which would select nothing to check)
    expect(validateManifests([pod, svc]).filter(f => f.rule === 'service-no-match')).toEqual([
      { rule: 'service-no-match', message: 'matches no pod template in namespace default', kind: 'Service', name: 's', namespace: 'default', field: 'spec.selector', index: 1 },
    ]);
  });
});

describe('item 4: null values are absent', () => {
  test('Helm-rendered empty fields pass the schema', () => {
    // GIVEN imagePullPolicy:, restartPolicy:, protocol:, Service type:, KEDA scaleTargetRef.kind:, pollingInterval:
    const { findings } = check('helm-nulls.yaml', { rules: SCHEMA });
    // THEN no schema finding
    expect(findings).toEqual([]);
  });

  test('a null scaleTargetRef.kind defaults to Deployment like an absent one', () => {
    const { findings } = check('helm-nulls.yaml', { rules: /scaledobject-target-missing/ });
    expect(findings).toEqual([]);
  });
});

describe('item 5: numbers as kubectl reads them', () => {
  test('0o644, 0644 and 0x1A4 are 420; 12:30 and 2001-12-14 stay strings; 1_0 is 10', () => {
    const { findings, objects } = check('yaml-numbers.yaml', { rules: SCHEMA });
    expect(findings).toEqual([]);
    const spec = objects[0].spec;
    expect(spec.volumes.map((v: Obj) => (v.configMap ?? v.secret).defaultMode)).toEqual([420, 420, 420]);
    expect(spec.containers[0].env.map((e: Obj) => e.value)).toEqual(['12:30', '2001-12-14']);
    expect(spec.terminationGracePeriodSeconds).toBe(10);
  });
});

describe('item 6: image volumes', () => {
  test('are allowed by the restricted profile (Pod Security admission since 1.33)', () => {
    const { findings } = check('image-volume.yaml', { rules: /^(schema|pss-)/ });
    expect(findings).toEqual([]);
  });
});

describe('item 7: messages name what was found', () => {
  test('fails when metadata.name is a number, kind a number, a backendRef null', () => {
    const { findings } = check('messages.yaml', { rules: /./ });
    expect(findings).toEqual([
      { rule: 'schema', message: 'must be string (got 42)', kind: 'ConfigMap', namespace: NS, field: 'metadata.name' },
      { rule: 'schema', message: 'must be string (got 42)', name: 'numeric-kind', field: 'kind' },
      { rule: 'schema', message: 'must be object (got null)', kind: 'HTTPRoute', name: 'route', namespace: NS, field: 'spec.rules[0].backendRefs[0]' },
    ]);
  });
});

describe('item 8: noise on real manifests', () => {
  test('a numeric targetPort the container does not declare passes by default', () => {
    const { findings } = check('numeric-target-port.yaml', { rules: /service-target-port-missing/ });
    expect(findings).toEqual([]);
  });

  test('fails when requireDeclaredTargetPorts is set and the numeric targetPort is undeclared', () => {
    const { findings } = check('numeric-target-port.yaml', { rules: /service-target-port-missing/, requireDeclaredTargetPorts: true });
    expect(findings).toEqual([{
      rule: 'service-target-port-missing', message: 'port 8080 is not declared by any container of Deployment tenant-a/web',
      kind: 'Service', name: 'web', namespace: NS, field: 'spec.ports[0].targetPort',
    }]);
  });

  test('"deny all except DNS" counts as a default deny', () => {
    const { findings } = check('dns-only-egress.yaml', { rules: /namespace-default-deny/ });
    expect(findings).toEqual([]);
  });

  test('fails when the egress rule opens more than DNS', () => {
    // GIVEN the same policy with port 443 added to the DNS rule
    const { objects } = check('dns-only-egress.yaml');
    objects[1].spec.egress[0].ports.push({ port: 443 });
    // THEN egress is not denied by default
    expect(validateManifests(objects).filter(f => f.rule === 'namespace-default-deny')).toEqual([{
      rule: 'namespace-default-deny',
      message: 'no NetworkPolicy denies egress by default (podSelector {}, policyTypes [Egress], no rules other than egress to DNS on port 53)',
      kind: 'Namespace', name: NS,
    }]);
  });
});
