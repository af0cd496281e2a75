import { IConstruct } from 'constructs';
import { WorkloadIdentity } from '../identity';
import { fail, show } from './input-checks';
import {
  ANNOTATIONS_MAX_BYTES, annotationsBytes, podAnnotationProblem, WORKLOAD_IDENTITY_USE_LABEL,
} from './k8s-facts';

/**
 * Pod (or ServiceAccount) annotation with the lifetime of the token the workload identity webhook projects, in
 * seconds. The webhook parses it with `strconv.ParseInt(v, 10, 64)` and rejects the pod unless it is within
 * 3600-86400 (azure-workload-identity pkg/webhook/consts.go `ServiceAccountTokenExpiryAnnotation`,
 * `MinServiceAccountTokenExpiration`, `MaxServiceAccountTokenExpiration`; webhook.go
 * `getServiceAccountTokenExpiration`: "token expiration %d not valid. Expected value to be between 3600 and 86400").
 * The webhook's failure policy is Fail, so such a pod is never created.
 */
const TOKEN_EXPIRATION_ANNOTATION = 'azure.workload.identity/service-account-token-expiration';

/**
 * Pod annotation that makes the webhook inject its IMDS proxy: whatever its value (the webhook tests only that the key
 * is there: webhook.go `shouldInjectProxySidecar`), it adds the init container `azwi-proxy-init`, privileged, as user
 * 0, with NET_ADMIN (webhook.go `injectProxyInitContainer`). Mutating admission runs before Pod Security admission,
 * so in a namespace that enforces `restricted` (the NamespaceBaseline's) every pod is refused.
 */
const INJECT_PROXY_ANNOTATION = 'azure.workload.identity/inject-proxy-sidecar';

/**
 * Pod annotation with the containers the webhook leaves alone, `;`-separated and trimmed (webhook.go
 * `getSkipContainers`): a skipped container gets neither the token nor the AZURE_* variables.
 */
const SKIP_CONTAINERS_ANNOTATION = 'azure.workload.identity/skip-containers';

/**
 * Annotations of one object within the API server's total (k8s.io/apimachinery pkg/api/validation
 * `ValidateAnnotationsSize`: the sum of the keys' and values' lengths, at most 262144 bytes).
 */
export function checkAnnotationsSize(scope: IConstruct, prop: string, annotations: Record<string, string>): void {
  const bytes = annotationsBytes(annotations);
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    fail(scope, `${prop} have ${bytes} bytes of keys and values, more than the ${ANNOTATIONS_MAX_BYTES} (256 KiB) `
      + 'the API server allows on one object: keep large data in a ConfigMap and mount it');
  }
}

/**
 * Annotations of the pod template that the API server validates as a pod's (`ValidatePodSpecificAnnotations`:
 * pod deletion cost, seccomp and AppArmor profiles, mirror pods, tolerations), against the construct's pod: one
 * container, `container`, and the seccomp profile RuntimeDefault. AppArmor `unconfined` passes the API server but not
 * the Pod Security Standards `restricted` profile the workloads are built for, so it is refused too.
 */
export function checkPodAnnotations(scope: IConstruct, annotations: Record<string, string>,
  podAnnotations: Record<string, string>, container: string): void {
  for (const [key, value] of Object.entries(annotations)) {
    const prop = Object.hasOwn(podAnnotations, key) ? 'podAnnotations' : 'annotations';
    const problem = podAnnotationProblem(key, value, { containers: [container], podSeccompType: 'RuntimeDefault' })
      ?? (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value === 'unconfined'
        ? 'turns AppArmor off, which Pod Security Standards restricted refuses' : undefined);
    if (problem !== undefined) {
      fail(scope, `'${prop}' sets ${show(key)} to ${show(value)} on the pods: the annotation ${problem}`);
    }
  }
}

/**
 * The pod template's labels: the workload's, the identity label, then the user's (which may not replace them). The
 * identity label is the construct's even without an identity: the workload identity webhook would mutate the pods
 * of a ServiceAccount without client id.
 */
export function renderPodLabels(scope: IConstruct, labels: Record<string, string>,
  identity: WorkloadIdentity | undefined, extra: Record<string, string>): Record<string, string> {
  const own = identity ? { ...labels, [WORKLOAD_IDENTITY_USE_LABEL]: 'true' } : labels;
  for (const key of Object.keys(extra)) {
    if (Object.hasOwn(own, key)) {
      fail(scope, `'labels'/'podLabels' set ${show(key)}, which the construct sets on the pods (${show(own[key])}): `
        + 'leave that key to the construct (selectors and the workload identity webhook rely on it)');
    }
    if (key === WORKLOAD_IDENTITY_USE_LABEL) {
      fail(scope, `'labels'/'podLabels' set ${show(key)}, which the construct sets when the workload has an identity: `
        + "set 'identity' (or a 'serviceAccount' with one) instead");
    }
  }
  return { ...own, ...extra };
}

/**
 * The workload identity annotations among the user's (`annotations`, on every object, or `podAnnotations`) of a
 * workload whose pods the webhook mutates: a token expiration the webhook would reject, the IMDS proxy (its
 * privileged init container fails Pod Security `restricted`) and skipping the workload's own container fail here.
 */
export function checkWorkloadIdentityAnnotations(scope: IConstruct, prop: string, annotations: Record<string, string>,
  identity: WorkloadIdentity | undefined, container: string): void {
  if (identity === undefined) {
    return;
  }
  const value = annotations[TOKEN_EXPIRATION_ANNOTATION];
  const seconds = value !== undefined && /^[+]?[0-9]{1,18}$/.test(value) ? Number(value) : NaN;
  if (value !== undefined && !(seconds >= 3600 && seconds <= 86400)) {
    fail(scope, `'${prop}' sets ${show(TOKEN_EXPIRATION_ANNOTATION)} to ${show(value)}, which the Azure Workload `
      + 'Identity webhook rejects (the pods would never be created): give whole seconds from 3600 to 86400');
  }
  if (Object.hasOwn(annotations, INJECT_PROXY_ANNOTATION)) {
    fail(scope, `'${prop}' sets ${show(INJECT_PROXY_ANNOTATION)} (to ${show(annotations[INJECT_PROXY_ANNOTATION])}; `
      + 'the webhook reads any value as yes), so the Azure Workload Identity webhook adds its IMDS proxy, whose init '
      + 'container runs privileged as root with NET_ADMIN: Pod Security "restricted" refuses such pods, so none '
      + 'would be created; remove it (the Durable Task SDKs and Azure Identity use the workload identity token)');
  }
  const skipped = annotations[SKIP_CONTAINERS_ANNOTATION];
  if (skipped !== undefined && skipped.split(';').some(name => name.trim() === container)) {
    fail(scope, `'${prop}' sets ${show(SKIP_CONTAINERS_ANNOTATION)} to ${show(skipped)}, which names the `
      + `workload's container ${show(container)}: the Azure Workload Identity webhook would give it neither the `
      + "token nor the AZURE_* variables, so it could not log in as 'identity'; remove it, or remove 'identity'");
  }
}
