/** Pod templates, containers, label selectors and lookups shared by the PSS and cross-object rules. */
import { Manifest } from './context';
import { FieldPath, JsonObject, arr, dig, isObject, num, own, str, stringMap } from './types';

/** Where each pod-template owner keeps its template (the Pod itself for `Pod`), and its API groups. */
const TEMPLATE_PATHS: Readonly<Record<string,
  { readonly groups: readonly string[]; readonly path: readonly string[] }>> = {
  Pod: { groups: [''], path: [] },
  PodTemplate: { groups: [''], path: ['template'] },
  ReplicationController: { groups: [''], path: ['spec', 'template'] },
  Deployment: { groups: ['apps', 'extensions'], path: ['spec', 'template'] },
  StatefulSet: { groups: ['apps'], path: ['spec', 'template'] },
  DaemonSet: { groups: ['apps', 'extensions'], path: ['spec', 'template'] },
  ReplicaSet: { groups: ['apps', 'extensions'], path: ['spec', 'template'] },
  Job: { groups: ['batch'], path: ['spec', 'template'] },
  CronJob: { groups: ['batch'], path: ['spec', 'jobTemplate', 'spec', 'template'] },
};

/** A pod (template) and where it sits in its owner. */
export interface PodTemplate {
  readonly owner: Manifest;
  /** Path of the pod spec, e.g. `spec.template.spec`. */
  readonly specPath: FieldPath;
  /** Path of the pod metadata, e.g. `spec.template.metadata`. */
  readonly metadataPath: FieldPath;
  readonly spec: JsonObject;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export type ContainerType = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerRef {
  readonly container: JsonObject;
  readonly type: ContainerType;
  readonly path: FieldPath;
  readonly name: string;
}

/** The pod template of a workload (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, ...). */
export function podTemplate(m: Manifest): PodTemplate | undefined {
  const where = own(TEMPLATE_PATHS, m.kind);
  if (!where || !where.groups.includes(m.group)) return undefined;
  const template = where.path.length === 0 ? m.raw : dig(m.raw, ...where.path);
  if (!isObject(template)) return undefined;
  const spec = isObject(template.spec) ? template.spec : {};
  return {
    owner: m,
    specPath: [...where.path, 'spec'],
    metadataPath: [...where.path, 'metadata'],
    spec,
    labels: stringMap(dig(template, 'metadata', 'labels')),
    annotations: stringMap(dig(template, 'metadata', 'annotations')),
  };
}

/** Containers of the given types, with their paths. */
export function containersOf(
  t: PodTemplate, types: readonly ContainerType[] = ['containers', 'initContainers', 'ephemeralContainers'],
): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const type of types) {
    arr(t.spec[type]).forEach((c, i) => {
      if (isObject(c)) out.push({ container: c, type, path: [...t.specPath, type, i], name: str(c.name) ?? `#${i}` });
    });
  }
  return out;
}

/** Containers that run for the pod's lifetime: regular containers and sidecars (init with restartPolicy Always). */
export function runningContainers(t: PodTemplate): ContainerRef[] {
  return containersOf(t, ['containers', 'initContainers']).filter(c => c.type === 'containers'
    || c.container.restartPolicy === 'Always');
}

/**
 * Evaluates a metav1.LabelSelector against labels. An empty selector matches everything; a missing one
 * (undefined/null) matches nothing.
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isObject(selector)) return false;
  for (const [k, v] of Object.entries(stringMap(selector.matchLabels))) if (labels[k] !== v) return false;
  for (const e of arr(selector.matchExpressions)) {
    const key = str(dig(e, 'key')) ?? '';
    const values = arr(dig(e, 'values')).filter((x): x is string => typeof x === 'string');
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (dig(e, 'operator')) {
      case 'In': if (!has || !values.includes(labels[key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** Service-style selector (plain map): every pair must be present. */
export function mapSelectorMatches(selector: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** Kinds whose replica count comes from `spec.replicas` (default 1) and that an autoscaler can scale. */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

/**
 * Replicas a workload runs when not autoscaled: spec.replicas (default 1), 1 for a Pod, undefined when unknown
 * (DaemonSet, Job).
 */
export function staticReplicas(m: Manifest): number | undefined {
  if (m.kind === 'Pod') return 1;
  if (!REPLICATED.has(m.kind)) return undefined;
  return num(dig(m.raw, 'spec', 'replicas')) ?? 1;
}

/** Lookup tables over one manifest set. */
export class ManifestIndex {
  private readonly byKey = new Map<string, Manifest>();
  private readonly byKind = new Map<string, Manifest[]>();
  private readonly templatesByNamespace = new Map<string, PodTemplate[]>();
  readonly templates: readonly PodTemplate[];

  constructor(readonly manifests: readonly Manifest[]) {
    const templates: PodTemplate[] = [];
    for (const m of manifests) {
      const key = ManifestIndex.key(m.kind, m.namespace, m.name);
      if (!this.byKey.has(key)) this.byKey.set(key, m);
      let list = this.byKind.get(m.kind);
      if (!list) this.byKind.set(m.kind, (list = []));
      list.push(m);
      const t = podTemplate(m);
      if (t) {
        templates.push(t);
        const ns = m.namespace ?? '';
        let inNs = this.templatesByNamespace.get(ns);
        if (!inNs) this.templatesByNamespace.set(ns, (inNs = []));
        inNs.push(t);
      }
    }
    this.templates = templates;
  }

  private static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
  }

  get(kind: string, namespace: string | undefined, name: string): Manifest | undefined {
    return this.byKey.get(ManifestIndex.key(kind, namespace, name));
  }

  ofKind(kind: string): readonly Manifest[] {
    return this.byKind.get(kind) ?? [];
  }

  templatesIn(namespace: string | undefined): readonly PodTemplate[] {
    return this.templatesByNamespace.get(namespace ?? '') ?? [];
  }
}
