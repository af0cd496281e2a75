/**
 * Issue 10: `kubectl apply -f <file>` on an empty cluster must succeed in one pass, so every object of a file
 * comes after the objects of that file it needs (rule apply-order).
 */
import { basename, join } from 'node:path';
import { DocumentSource, formatFinding, validateManifests } from '../../validation/index';
import { loadFiles } from '../../validation/load';
import { FIXTURES, Obj } from './fixtures';

const NS = 'tenant-a';

/** The fixture read like the CLI reads it; findings as `file:line: <formatted finding>`. */
function checkFixture(file: string): { lines: string[]; objects: Obj[] } {
  const loaded = loadFiles([join(FIXTURES, 'apply-order', file)]);
  expect(loaded.errors).toEqual([]);
  const objects = loaded.documents.map(d => d.object as Obj);
  const findings = validateManifests(objects, { defaultNamespace: NS, sources: loaded.documents });
  const lines = findings.map(f => {
    const doc = loaded.documents[f.index ?? -1];
    return `${basename(doc.file)}:${doc.lineOf(f.field)}: ${formatFinding(f)}`;
  });
  return { lines, objects };
}

/** apply-order findings of `objects`, formatted. */
function order(objects: readonly Obj[], sources?: readonly DocumentSource[]): string[] {
  return validateManifests(objects, { defaultNamespace: NS, sources }).filter(f => f.rule === 'apply-order').map(formatFinding);
}

const namespace = (name = NS): Obj => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const core = (kind: string, name: string, extra: Obj = {}): Obj => ({ apiVersion: 'v1', kind, metadata: { name, namespace: NS }, ...extra });
const podSpec = (spec: Obj = {}): Obj => ({ containers: [{ name: 'main', image: 'busybox:1.36' }], ...spec });
const deployment = (name: string, spec: Obj = {}, labels: Obj = { app: name }): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: NS },
  spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(spec) } },
});
const scaledObject = (target: Obj, triggers: Obj[]): Obj => ({
  apiVersion: 'keda.sh/v1alpha1',
  kind: 'ScaledObject',
  metadata: { name: 'worker', namespace: NS },
  spec: { scaleTargetRef: target, minReplicaCount: 1, triggers },
});
const rbac = (kind: string, name: string, extra: Obj = {}, ns: string | undefined = NS): Obj => ({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind, metadata: ns === undefined ? { name } : { name, namespace: ns }, ...extra,
});
const crd = (scope: 'Namespaced' | 'Cluster'): Obj => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope,
    names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
});

describe('apply-order: fixtures', () => {
  test('the clean fixture (Namespace, policy, ServiceAccounts, config, workloads, Services, autoscalers, routes) has no finding at all', () => {
    // GIVEN / WHEN the clean fixture is validated with its file positions
    const { lines } = checkFixture('clean.yaml');
    // THEN nothing is reported, by any rule
    expect(lines).toEqual([]);
  });

  test('fails when objects come before what they need: each finding names both documents and points at the later one', () => {
    // GIVEN the same objects in the order the issue describes (ScaledObject and HPA before their Deployments, ...)
    const { lines } = checkFixture('failing.yaml');
    // THEN one apply-order finding per needed object that comes later, at that object's line, and nothing else
    expect(lines).toEqual([
      'failing.yaml:39: TriggerAuthentication tenant-a/worker: ScaledObject tenant-a/worker (document 4) comes before its TriggerAuthentication tenant-a/worker (document 6): KEDA accepts it but cannot build its triggers until the authentication exists (apply-order)',
      "failing.yaml:45: Deployment tenant-a/worker: ScaledObject tenant-a/worker (document 4) comes before its target Deployment tenant-a/worker (document 7): KEDA's admission webhook rejects a ScaledObject with cpu or memory triggers whose Deployment or StatefulSet target does not exist yet (apply-order)",
      'failing.yaml:45: Deployment tenant-a/worker: PodDisruptionBudget tenant-a/worker (document 5) comes before its selected workload Deployment tenant-a/worker (document 7): the budget is accepted but protects no pod until the workload exists (apply-order)',
      'failing.yaml:64: ServiceAccount tenant-a/worker: Deployment tenant-a/worker (document 7) comes before its ServiceAccount tenant-a/worker (document 8): the Deployment is accepted but its pods are rejected until the ServiceAccount exists (apply-order)',
      'failing.yaml:69: Secret tenant-a/worker-secret: Deployment tenant-a/worker (document 7) comes before its Secret tenant-a/worker-secret (document 9): the Deployment is accepted but its pods cannot start until the Secret exists (apply-order)',
      "failing.yaml:93: Deployment tenant-a/api: HorizontalPodAutoscaler tenant-a/api (document 11) comes before its target Deployment tenant-a/api (document 12): the HPA is accepted but cannot read its target's scale (FailedGetScale) until the target exists (apply-order)",
      'failing.yaml:111: ConfigMap tenant-a/api-config: Deployment tenant-a/api (document 12) comes before its ConfigMap tenant-a/api-config (document 13): the Deployment is accepted but its pods cannot start until the ConfigMap exists (apply-order)',
      'failing.yaml:116: Service tenant-a/api: Ingress tenant-a/api (document 10) comes before its backend Service tenant-a/api (document 14): the Ingress is accepted but has no backend until the Service exists (apply-order)',
    ]);
  });

  test('the failing fixture differs from the clean one only in order', () => {
    // GIVEN both fixtures / WHEN their objects are compared as sets
    const key = (o: Obj): string => `${o.kind}/${o.metadata.name}`;
    const sorted = (objects: Obj[]): Obj[] => [...objects].sort((a, b) => key(a).localeCompare(key(b)));
    // THEN they hold the same objects
    expect(sorted(checkFixture('failing.yaml').objects)).toEqual(sorted(checkFixture('clean.yaml').objects));
  });
});

describe('apply-order: what each object needs', () => {
  test('fails when a namespaced object comes before its Namespace; cluster-scoped objects need none', () => {
    // GIVEN a ConfigMap and a ClusterRole before the Namespace
    const findings = order([core('ConfigMap', 'settings'), rbac('ClusterRole', 'reader', {}, undefined), namespace()]);
    // THEN only the ConfigMap needs it
    expect(findings).toEqual([
      'Namespace tenant-a: ConfigMap tenant-a/settings (input #0) comes before its Namespace tenant-a (input #2): the API server rejects an object whose namespace does not exist yet (apply-order)',
    ]);
  });

  test('an object without metadata.namespace needs the Namespace of the default namespace', () => {
    // GIVEN a ConfigMap without namespace (defaultNamespace tenant-a) before the tenant-a Namespace
    const findings = order([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' } }, namespace()]);
    // THEN
    expect(findings).toEqual([
      'Namespace tenant-a: ConfigMap tenant-a/settings (input #0) comes before its Namespace tenant-a (input #1): the API server rejects an object whose namespace does not exist yet (apply-order)',
    ]);
  });

  test('fails when a custom resource comes before its CustomResourceDefinition', () => {
    // GIVEN a Widget in tenant-a before the CRD that defines it (Namespace first)
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: NS } };
    const findings = order([namespace(), widget, crd('Namespaced')]);
    // THEN
    expect(findings).toEqual([
      'CustomResourceDefinition widgets.example.com: Widget tenant-a/w (input #1) comes before its CustomResourceDefinition widgets.example.com (input #2): the API server serves the kind only once its definition exists ("no matches for kind") (apply-order)',
    ]);
  });

  test('a custom resource of a cluster-scoped CRD needs no Namespace', () => {
    // GIVEN a Widget without namespace, defined Cluster-scoped, before the default namespace's Namespace
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };
    const findings = order([crd('Cluster'), widget, namespace()]);
    // THEN nothing: the Widget lives in no namespace
    expect(findings).toEqual([]);
  });

  test('fails when a ScaledObject without cpu/memory triggers comes before its target: accepted, not ready', () => {
    // GIVEN a ScaledObject with a queue trigger only, before its Deployment
    const so = scaledObject({ name: 'worker' }, [{ type: 'azure-queue', metadata: { queueName: 'q', queueLength: '5', accountName: 'a' } }]);
    const findings = order([namespace(), so, deployment('worker')]);
    // THEN the Deployment is reported with the consequence KEDA's operator has
    expect(findings).toEqual([
      'Deployment tenant-a/worker: ScaledObject tenant-a/worker (input #1) comes before its target Deployment tenant-a/worker (input #2): KEDA accepts it but reports it not ready until the target exists (apply-order)',
    ]);
  });

  test('fails when a ScaledObject with a memory trigger comes before its StatefulSet target: rejected by KEDA', () => {
    // GIVEN a memory-scaled StatefulSet written after its ScaledObject
    const sts = { ...deployment('worker'), kind: 'StatefulSet' };
    const so = scaledObject({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'worker' }, [{ type: 'memory', metricType: 'Utilization', metadata: { value: '80' } }]);
    const findings = order([namespace(), so, sts]);
    // THEN
    expect(findings).toEqual([
      "StatefulSet tenant-a/worker: ScaledObject tenant-a/worker (input #1) comes before its target StatefulSet tenant-a/worker (input #2): KEDA's admission webhook rejects a ScaledObject with cpu or memory triggers whose Deployment or StatefulSet target does not exist yet (apply-order)",
    ]);
  });

  test('fails when a ScaledObject comes before its ClusterTriggerAuthentication', () => {
    // GIVEN a trigger authenticated by a ClusterTriggerAuthentication written after the ScaledObject
    const cta = { apiVersion: 'keda.sh/v1alpha1', kind: 'ClusterTriggerAuthentication', metadata: { name: 'shared' }, spec: { podIdentity: { provider: 'azure-workload' } } };
    const so = scaledObject({ name: 'worker' }, [{ type: 'azure-queue', metadata: { queueName: 'q' }, authenticationRef: { kind: 'ClusterTriggerAuthentication', name: 'shared' } }]);
    const findings = order([namespace(), deployment('worker'), so, cta]);
    // THEN
    expect(findings).toEqual([
      'ClusterTriggerAuthentication shared: ScaledObject tenant-a/worker (input #2) comes before its ClusterTriggerAuthentication shared (input #3): KEDA accepts it but cannot build its triggers until the authentication exists (apply-order)',
    ]);
  });

  test('a PodDisruptionBudget needs every workload it selects', () => {
    // GIVEN a PDB selecting two Deployments (shared label), both written after it
    const pdb = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'orders', namespace: NS }, spec: { maxUnavailable: 1, selector: { matchLabels: { tier: 'orders' } } } };
    const findings = order([namespace(), pdb, deployment('a', {}, { tier: 'orders', app: 'a' }), deployment('b', {}, { tier: 'orders', app: 'b' })]);
    // THEN both are reported
    expect(findings).toEqual([
      'Deployment tenant-a/a: PodDisruptionBudget tenant-a/orders (input #1) comes before its selected workload Deployment tenant-a/a (input #2): the budget is accepted but protects no pod until the workload exists (apply-order)',
      'Deployment tenant-a/b: PodDisruptionBudget tenant-a/orders (input #1) comes before its selected workload Deployment tenant-a/b (input #3): the budget is accepted but protects no pod until the workload exists (apply-order)',
    ]);
  });

  test('fails when a Pod comes before its ServiceAccount: the API server rejects it', () => {
    // GIVEN a bare Pod running as a ServiceAccount written after it
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: NS }, spec: podSpec({ serviceAccountName: 'probe' }) };
    const findings = order([namespace(), pod, core('ServiceAccount', 'probe')]);
    // THEN
    expect(findings).toEqual([
      'ServiceAccount tenant-a/probe: Pod tenant-a/probe (input #1) comes before its ServiceAccount tenant-a/probe (input #2): the API server rejects a Pod whose ServiceAccount does not exist yet (apply-order)',
    ]);
  });

  test('fails when a Pod comes before an optional ConfigMap volume, a projected Secret and its image pull Secret', () => {
    // GIVEN a Pod whose volumes and pull secret are written after it
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: NS },
      spec: podSpec({
        volumes: [
          { name: 'settings', configMap: { name: 'settings', optional: true } },
          { name: 'creds', projected: { sources: [{ secret: { name: 'creds' } }] } },
        ],
        imagePullSecrets: [{ name: 'registry' }],
      }),
    };
    const findings = order([namespace(), pod, core('ConfigMap', 'settings'), core('Secret', 'creds'), core('Secret', 'registry')]);
    // THEN one finding per needed object, each with its consequence
    expect(findings).toEqual([
      'ConfigMap tenant-a/settings: Pod tenant-a/probe (input #1) comes before its ConfigMap tenant-a/settings (input #2): the Pod is accepted but starts without the optional ConfigMap until it exists (apply-order)',
      'Secret tenant-a/creds: Pod tenant-a/probe (input #1) comes before its Secret tenant-a/creds (input #3): the Pod is accepted but cannot start until the Secret exists (apply-order)',
      'Secret tenant-a/registry: Pod tenant-a/probe (input #1) comes before its Secret tenant-a/registry (input #4): the Pod is accepted but pulls images without this Secret until it exists (apply-order)',
    ]);
  });

  test('fails when a CronJob reads env from a Secret written after it; a Secret used twice is reported once', () => {
    // GIVEN a CronJob with envFrom secretRef and a secretKeyRef of the same Secret, in an init container too
    const container = {
      name: 'main', image: 'busybox:1.36',
      envFrom: [{ secretRef: { name: 'creds' } }],
      env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }],
    };
    const cronJob = {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'purge', namespace: NS },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container], initContainers: [{ ...container, name: 'init' }] } } } } },
    };
    const findings = order([namespace(), cronJob, core('Secret', 'creds')]);
    // THEN
    expect(findings).toEqual([
      'Secret tenant-a/creds: CronJob tenant-a/purge (input #1) comes before its Secret tenant-a/creds (input #2): the CronJob is accepted but its pods cannot start until the Secret exists (apply-order)',
    ]);
  });

  test('a workload without serviceAccountName needs no ServiceAccount, not even one named default', () => {
    // GIVEN a Deployment running as the implicit `default` account and a ServiceAccount default after it
    const findings = order([namespace(), deployment('api'), core('ServiceAccount', 'default')]);
    // THEN nothing: the cluster creates `default` in every namespace
    expect(findings).toEqual([]);
  });

  test('fails when an HTTPRoute comes before its backend Service, also in another namespace', () => {
    // GIVEN a route in tenant-a to a Service of tenant-b written after it (tenant-b's Namespace first)
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'api', namespace: NS },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', namespace: 'tenant-b', port: 80 }] }] },
    };
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: 'tenant-b' }, spec: { ports: [{ port: 80 }] } };
    const findings = order([namespace(), namespace('tenant-b'), route, svc]);
    // THEN
    expect(findings).toEqual([
      'Service tenant-b/api: HTTPRoute tenant-a/api (input #2) comes before its backend Service tenant-b/api (input #3): the HTTPRoute is accepted but its backend is not found (ResolvedRefs false) until the Service exists (apply-order)',
    ]);
  });

  test('fails when RoleBindings come before their Role and ClusterRole, and a ClusterRoleBinding before its ClusterRole', () => {
    // GIVEN bindings first, roles last
    const findings = order([
      namespace(),
      rbac('RoleBinding', 'read', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [] }),
      rbac('RoleBinding', 'view', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'viewer' }, subjects: [] }),
      rbac('ClusterRoleBinding', 'view-all', { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'viewer' }, subjects: [] }, undefined),
      rbac('Role', 'reader', { rules: [] }),
      rbac('ClusterRole', 'viewer', { rules: [] }, undefined),
    ]);
    // THEN
    expect(findings).toEqual([
      'Role tenant-a/reader: RoleBinding tenant-a/read (input #1) comes before its Role tenant-a/reader (input #4): the binding is accepted but grants nothing until the Role exists (apply-order)',
      'ClusterRole viewer: RoleBinding tenant-a/view (input #2) comes before its ClusterRole viewer (input #5): the binding is accepted but grants nothing until the ClusterRole exists (apply-order)',
      'ClusterRole viewer: ClusterRoleBinding view-all (input #3) comes before its ClusterRole viewer (input #5): the binding is accepted but grants nothing until the ClusterRole exists (apply-order)',
    ]);
  });

  test('references to objects outside the set, or of another API group, need nothing of the set', () => {
    // GIVEN an HPA whose target is in another group, a Deployment whose ServiceAccount is not given, and a
    // Deployment of that name after the HPA
    const hpa = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: NS },
      spec: { scaleTargetRef: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Deployment', name: 'api' }, minReplicas: 1, maxReplicas: 3 },
    };
    const findings = order([namespace(), hpa, deployment('api', { serviceAccountName: 'elsewhere' })]);
    // THEN no apply-order finding (hpa-target-missing reports the reference)
    expect(findings).toEqual([]);
  });
});

describe('apply-order: files and positions', () => {
  test('objects are compared within their file only', () => {
    // GIVEN the ScaledObject as document 2 of a.yaml and its Deployment as document 3 of b.yaml
    const so = scaledObject({ name: 'worker' }, [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }]);
    const set = [namespace(), so, deployment('worker')];
    const sources = (second: string): DocumentSource[] => [{ file: 'a.yaml', position: 0 }, { file: 'a.yaml', position: 1 }, { file: second, position: 2 }];
    // WHEN / THEN nothing: each file applies on its own (applying b.yaml first is the user's choice)
    expect(order(set, sources('b.yaml'))).toEqual([]);
    // while the same positions in one file are reported
    expect(order(set, sources('a.yaml'))).toEqual([
      "Deployment tenant-a/worker: ScaledObject tenant-a/worker (document 2) comes before its target Deployment tenant-a/worker (document 3): KEDA's admission webhook rejects a ScaledObject with cpu or memory triggers whose Deployment or StatefulSet target does not exist yet (apply-order)",
    ]);
  });

  test('fails when items of a List come in the wrong order; positions count empty documents', () => {
    // GIVEN document 3 of a file (after two empty ones) is a List with the Deployment after its ScaledObject
    const so = scaledObject({ name: 'worker' }, [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }]);
    const list = { apiVersion: 'v1', kind: 'List', items: [namespace(), so, deployment('worker')] };
    // WHEN
    const findings = order([list], [{ file: 'tenant-a.yaml', position: 2 }]);
    // THEN the positions name the document and the items
    expect(findings).toEqual([
      "Deployment tenant-a/worker: items[2]: ScaledObject tenant-a/worker (document 3, items[1]) comes before its target Deployment tenant-a/worker (document 3, items[2]): KEDA's admission webhook rejects a ScaledObject with cpu or memory triggers whose Deployment or StatefulSet target does not exist yet (apply-order)",
    ]);
  });

  test('fails when sources does not give one entry per manifest', () => {
    // GIVEN / WHEN two manifests and one source / THEN
    expect(() => validateManifests([namespace(), core('ConfigMap', 'c')], { sources: [{ file: 'a.yaml', position: 0 }] }))
      .toThrow('ValidateOptions.sources has 1 entries for 2 manifests: give one per manifest, in the same order');
  });

  test('disable: apply-order skips the rule', () => {
    // GIVEN a ConfigMap before its Namespace, reported while the rule is enabled
    const set = [core('ConfigMap', 'settings'), namespace()];
    expect(validateManifests(set).filter(f => f.rule === 'apply-order')).toHaveLength(1);
    // WHEN the rule is disabled / THEN nothing is reported
    expect(validateManifests(set, { disable: ['apply-order'] }).filter(f => f.rule === 'apply-order')).toEqual([]);
  });
});
