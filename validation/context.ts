import { formatPath } from './path';
import { RuleId } from './rules';
import { FieldPath, Finding, JsonObject, dig, isObject, str } from './types';

/** A manifest that is an object with apiVersion and kind, plus what every rule needs to know about it. */
export interface Manifest {
  /** Position in the input array. */
  readonly index: number;
  /** Path of the object within that input: `[]`, or `['items', 3]` for an item of a `List`. */
  readonly base: FieldPath;
  readonly raw: JsonObject;
  readonly apiVersion: string;
  /** API group ('' for core). */
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Effective namespace (metadata.namespace or the default), undefined for cluster-scoped kinds. */
  readonly namespace: string | undefined;
}

/**
 * Kinds without a namespace. Scopes are not part of the OpenAPI data kubernetes-models ships, so they are
 * listed here (crds.json records the CRD scopes these entries were checked against).
 */
const CLUSTER_SCOPED = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'CSIDriver', 'CSINode', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'IPAddress',
  'MutatingWebhookConfiguration', 'Namespace', 'Node', 'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass',
  'PriorityLevelConfiguration', 'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectReview',
  'SelfSubjectRulesReview', 'ServiceCIDR', 'StorageClass', 'SubjectAccessReview', 'TokenReview',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration',
  'VolumeAttachment',
  // KEDA
  'ClusterTriggerAuthentication', 'ClusterCloudEventSource',
  // Gateway API
  'GatewayClass',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Builds a `Manifest` when the value has string apiVersion and kind; otherwise undefined. */
export function toManifest(value: unknown, index: number, defaultNamespace: string,
  base: FieldPath = []): Manifest | undefined {
  if (!isObject(value)) return undefined;
  const apiVersion = str(value.apiVersion);
  const kind = str(value.kind);
  if (!apiVersion || !kind) return undefined;
  const name = str(dig(value, 'metadata', 'name')) ?? '';
  const namespace = isClusterScoped(kind) ? undefined : (str(dig(value, 'metadata', 'namespace')) || defaultNamespace);
  return { index, base, raw: value, apiVersion, group: groupOf(apiVersion), kind, name, namespace };
}

/** What a finding is about when it is not a valid manifest (or a namespace). */
export interface ReportTarget extends Omit<Finding, 'rule' | 'message' | 'field'> {
  readonly base?: FieldPath;
}

/** Collects findings; rules call `report(...)` with the object they found the problem on. */
export class Findings {
  readonly list: Finding[] = [];
  private readonly disabled: ReadonlySet<string>;

  constructor(disable: readonly string[] = []) {
    this.disabled = new Set(disable);
  }

  enabled(rule: RuleId): boolean {
    return !this.disabled.has(rule);
  }

  /**
   * Reports a finding on `m` (or on a bare kind/name when the object is not a valid manifest). `field` is
   * relative to the object; for an item of a `List` the finding's field starts with `items[i]`.
   */
  report(rule: RuleId, target: Manifest | ReportTarget, message: string, fieldIn?: FieldPath): void {
    if (this.disabled.has(rule)) return;
    const base = target.base ?? [];
    const field = base.length > 0 ? [...base, ...(fieldIn ?? [])] : fieldIn;
    const f: { -readonly [K in keyof Finding]: Finding[K] } = { rule, message };
    if (target.kind !== undefined && target.kind !== '') f.kind = target.kind;
    if (target.name !== undefined && target.name !== '') f.name = target.name;
    if (target.namespace !== undefined) f.namespace = target.namespace;
    if (field && field.length > 0) f.field = formatPath(field);
    if (target.index !== undefined) f.index = target.index;
    this.list.push(f);
  }
}

/** Describes an object for messages: `Deployment durable-system/worker`. */
export function describe(m: Pick<Manifest, 'kind' | 'name' | 'namespace'>): string {
  return `${m.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name || '<unnamed>'}`;
}
