/**
 * Rule apply-order: in each file, every object comes after the objects of that file it needs, so that
 * `kubectl apply -f <file>` on an empty cluster succeeds in one pass. kubectl applies a file's objects in
 * document order (List items in item order) and does not sort them by kind. See validation/README.md
 * ("Apply order") for what happens when an object comes first, per case.
 */
import { Findings, Manifest, describe } from './context';
import { httpRouteServiceRefs, ingressServiceBackends, resolveTarget } from './cross-object';
import { formatPath } from './path';
import { DocumentSource, arr, dig, str } from './types';
import { ManifestIndex, containersOf, labelSelectorMatches, podTemplate } from './workloads';

/** One object another one needs, and what goes wrong when it is applied later. */
interface Need {
  readonly needed: Manifest;
  /** Words between "comes before its" and the needed object, e.g. `target ` (may be empty). */
  readonly role: string;
  /** Consequence in a cluster, after the colon of the message. */
  readonly why: string;
}

/** Where an object is applied: its file, position in the file, and item path inside a List document. */
interface Place {
  readonly file: string | undefined;
  readonly position: number;
  readonly items: readonly number[];
  /** `document 5` (or `input #4` without sources), plus `items[2]` for a List item. */
  readonly label: string;
}

// Consequences. Rejected: the API server (or KEDA's webhook) refuses the object, kubectl apply exits 1 and the
// object is missing until a second apply. Accepted: it is stored but does not work until the needed object
// exists (controllers retry). Both are findings; the README explains why.
const WHY = {
  namespace: 'the API server rejects an object whose namespace does not exist yet',
  crd: 'the API server serves the kind only once its definition exists ("no matches for kind")',
  // kedacore/keda apis/keda/v1alpha1/scaledobject_webhook.go, verifyCPUMemoryScalers: for cpu/memory triggers
  // it reads the apps/v1 Deployment or StatefulSet target and returns the NotFound error as the admission error.
  scaledObjectRejected: "KEDA's admission webhook rejects a ScaledObject with cpu or memory triggers "
    + 'whose Deployment or StatefulSet target does not exist yet',
  scaledObjectAccepted: 'KEDA accepts it but reports it not ready until the target exists',
  triggerAuthentication: 'KEDA accepts it but cannot build its triggers until the authentication exists',
  hpa: 'the HPA is accepted but cannot read its target\'s scale (FailedGetScale) until the target exists',
  pdb: 'the budget is accepted but protects no pod until the workload exists',
  // kubernetes plugin/pkg/admission/serviceaccount/admission.go: "error looking up service account".
  podServiceAccount: 'the API server rejects a Pod whose ServiceAccount does not exist yet',
  ingress: 'the Ingress is accepted but has no backend until the Service exists',
  httpRoute: 'the HTTPRoute is accepted but its backend is not found (ResolvedRefs false) until the Service exists',
} as const;

/** `ValidateOptions.sources`. */
type Sources = readonly (DocumentSource | undefined)[] | undefined;

type AddNeed = (needed: Manifest | undefined, role: string, why: string) => void;

const RBAC = 'rbac.authorization.k8s.io';

export function checkApplyOrder(index: ManifestIndex, out: Findings, sources: Sources): void {
  if (!out.enabled('apply-order')) return;
  const crds = definitions(index);
  const places = new Map<Manifest, Place>();
  const placeOf = (m: Manifest): Place => {
    let p = places.get(m);
    if (!p) places.set(m, (p = place(m, sources?.[m.index])));
    return p;
  };
  for (const m of index.manifests) {
    const seen = new Set<Manifest>();
    for (const need of needsOf(m, index, crds)) {
      if (need.needed === m || seen.has(need.needed)) continue;
      seen.add(need.needed);
      const a = placeOf(m);
      const b = placeOf(need.needed);
      if (a.file !== b.file || compare(b, a) < 0) continue;
      out.report('apply-order', need.needed,
        `${describe(m)} (${a.label}) comes before its ${need.role}${describe(need.needed)} (${b.label}): ${need.why}`);
    }
  }
}

function place(m: Manifest, source: DocumentSource | undefined): Place {
  const items = m.base.filter((s): s is number => typeof s === 'number');
  const at = source ? `document ${source.position + 1}` : `input #${m.index}`;
  return {
    file: source?.file,
    position: source ? source.position : m.index,
    items,
    label: m.base.length > 0 ? `${at}, ${formatPath(m.base)}` : at,
  };
}

/** Negative when `a` is applied before `b`. */
function compare(a: Place, b: Place): number {
  if (a.position !== b.position) return a.position - b.position;
  for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
    if (a.items[i] !== b.items[i]) return a.items[i] - b.items[i];
  }
  return a.items.length - b.items.length;
}

/** CustomResourceDefinitions of the set by `group/kind` of the kind they define. */
function definitions(index: ManifestIndex): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const crd of index.ofKind('CustomResourceDefinition')) {
    if (crd.group !== 'apiextensions.k8s.io') continue;
    const group = str(dig(crd.raw, 'spec', 'group'));
    const kind = str(dig(crd.raw, 'spec', 'names', 'kind'));
    if (group !== undefined && kind !== undefined && !out.has(`${group}/${kind}`)) out.set(`${group}/${kind}`, crd);
  }
  return out;
}

/** The object of `group`, `kind`, namespace and name in the set, if any. */
function lookup(
  index: ManifestIndex, group: string, kind: string, namespace: string | undefined, name: string | undefined,
): Manifest | undefined {
  if (name === undefined) return undefined;
  const m = index.get(kind, namespace, name);
  return m && m.group === group ? m : undefined;
}

function needsOf(m: Manifest, index: ManifestIndex, crds: ReadonlyMap<string, Manifest>): Need[] {
  const needs: Need[] = [];
  const add: AddNeed = (needed, role, why) => {
    if (needed) needs.push({ needed, role, why });
  };

  const crd = crds.get(`${m.group}/${m.kind}`);
  add(crd, '', WHY.crd);
  // A custom resource of a cluster-scoped CRD has no namespace, whatever the default namespace is.
  const clusterScoped = crd !== undefined && dig(crd.raw, 'spec', 'scope') === 'Cluster';
  if (m.namespace !== undefined && !clusterScoped) {
    add(lookup(index, '', 'Namespace', undefined, m.namespace), '', WHY.namespace);
  }

  if (m.kind === 'ScaledObject' && m.group === 'keda.sh') {
    const spec = dig(m.raw, 'spec');
    const defaults = { kind: 'Deployment', apiVersion: 'apps/v1' };
    const target = resolveTarget(index, m.namespace, dig(spec, 'scaleTargetRef'), defaults);
    const triggers = arr(dig(spec, 'triggers'));
    const read = target !== undefined && target.group === 'apps' && ['Deployment', 'StatefulSet'].includes(target.kind);
    const rejected = read && triggers.some(t => dig(t, 'type') === 'cpu' || dig(t, 'type') === 'memory');
    add(target, 'target ', rejected ? WHY.scaledObjectRejected : WHY.scaledObjectAccepted);
    for (const t of triggers) {
      const name = str(dig(t, 'authenticationRef', 'name'));
      const cluster = dig(t, 'authenticationRef', 'kind') === 'ClusterTriggerAuthentication';
      add(cluster
        ? lookup(index, 'keda.sh', 'ClusterTriggerAuthentication', undefined, name)
        : lookup(index, 'keda.sh', 'TriggerAuthentication', m.namespace, name), '', WHY.triggerAuthentication);
    }
  } else if (m.kind === 'HorizontalPodAutoscaler' && m.group === 'autoscaling') {
    add(resolveTarget(index, m.namespace, dig(m.raw, 'spec', 'scaleTargetRef'), {}), 'target ', WHY.hpa);
  } else if (m.kind === 'PodDisruptionBudget' && m.group === 'policy') {
    const selector = dig(m.raw, 'spec', 'selector');
    for (const t of index.templatesIn(m.namespace)) {
      if (t.owner.kind === 'PodTemplate' || !labelSelectorMatches(selector, t.labels)) continue;
      add(t.owner, 'selected workload ', WHY.pdb);
    }
  } else if (m.kind === 'Ingress' && m.group === 'networking.k8s.io') {
    for (const b of ingressServiceBackends(m)) {
      add(lookup(index, '', 'Service', b.namespace, b.name), 'backend ', WHY.ingress);
    }
  } else if (m.kind === 'HTTPRoute' && m.group === 'gateway.networking.k8s.io') {
    for (const b of httpRouteServiceRefs(m)) {
      add(lookup(index, '', 'Service', b.namespace, b.name), 'backend ', WHY.httpRoute);
    }
  } else if ((m.kind === 'RoleBinding' || m.kind === 'ClusterRoleBinding') && m.group === RBAC) {
    const kind = str(dig(m.raw, 'roleRef', 'kind'));
    const name = str(dig(m.raw, 'roleRef', 'name'));
    // A RoleBinding may reference a Role of its namespace or a ClusterRole; a ClusterRoleBinding only a ClusterRole.
    const role = kind === 'ClusterRole' ? lookup(index, RBAC, 'ClusterRole', undefined, name)
      : kind === 'Role' && m.kind === 'RoleBinding' ? lookup(index, RBAC, 'Role', m.namespace, name) : undefined;
    add(role, '', `the binding is accepted but grants nothing until the ${kind ?? 'role'} exists`);
  } else {
    workloadNeeds(m, index, add);
  }
  return needs;
}

/** ServiceAccount, ConfigMaps and Secrets of a workload's pods. */
function workloadNeeds(m: Manifest, index: ManifestIndex, add: AddNeed): void {
  const t = podTemplate(m);
  if (!t || m.kind === 'PodTemplate') return; // a PodTemplate runs nothing
  const pod = m.kind === 'Pod';
  const pods = pod ? 'the Pod is accepted but' : `the ${m.kind} is accepted but its pods`;
  const ns = m.namespace;

  // Without serviceAccountName pods run as `default`, which the cluster creates in every namespace.
  const account = str(t.spec.serviceAccountName) ?? str(t.spec.serviceAccount);
  add(lookup(index, '', 'ServiceAccount', ns, account), '',
    pod ? WHY.podServiceAccount : `${pods} are rejected until the ServiceAccount exists`);

  /** A ConfigMap or Secret reference: `ref[nameKey]` names it, `ref.optional` lets pods start without it. */
  const config = (kind: 'ConfigMap' | 'Secret', ref: unknown, nameKey = 'name'): void => {
    add(lookup(index, '', kind, ns, str(dig(ref, nameKey))), '', dig(ref, 'optional') === true
      ? `${pods} ${pod ? 'starts' : 'start'} without the optional ${kind} until it exists`
      : `${pods} cannot start until the ${kind} exists`);
  };
  for (const v of arr(t.spec.volumes)) {
    config('ConfigMap', dig(v, 'configMap'));
    config('Secret', dig(v, 'secret'), 'secretName');
    for (const source of arr(dig(v, 'projected', 'sources'))) {
      config('ConfigMap', dig(source, 'configMap'));
      config('Secret', dig(source, 'secret'));
    }
  }
  for (const { container } of containersOf(t)) {
    for (const e of arr(container.envFrom)) {
      config('ConfigMap', dig(e, 'configMapRef'));
      config('Secret', dig(e, 'secretRef'));
    }
    for (const e of arr(container.env)) {
      config('ConfigMap', dig(e, 'valueFrom', 'configMapKeyRef'));
      config('Secret', dig(e, 'valueFrom', 'secretKeyRef'));
    }
  }
  for (const secret of arr(t.spec.imagePullSecrets)) {
    add(lookup(index, '', 'Secret', ns, str(dig(secret, 'name'))), '',
      `${pods} ${pod ? 'pulls' : 'pull'} images without this Secret until it exists`);
  }
}
