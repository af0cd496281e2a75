// Generated from validation/k8s-facts.ts by `node scripts/sync-k8s-facts.mjs`: edit that file, not this one.
/**
 * Kubernetes facts the validator and the construct library rely on, in one place. The library (which keeps zero
 * runtime dependencies) uses a generated copy, lib/private/k8s-facts.ts: `node scripts/sync-k8s-facts.mjs`.
 */

/** Longest DNS-1123 label (RFC 1123): most object names, label values, port names' parent objects. */
export const DNS1123_LABEL_MAX = 63;

/** Longest DNS-1123 subdomain: names of most namespaced objects (ConfigMap, Secret, Deployment, ...). */
export const DNS1123_SUBDOMAIN_MAX = 253;

/**
 * Longest KEDA ScaledObject name: KEDA names the HPA it creates `keda-hpa-<name>`, and that name must be a
 * DNS-1123 label (63 - "keda-hpa-".length = 54).
 */
export const MAX_SCALED_OBJECT_NAME = DNS1123_LABEL_MAX - 'keda-hpa-'.length;

/** Prefix of the HPA KEDA creates for a ScaledObject. */
export const KEDA_HPA_PREFIX = 'keda-hpa-';

/** ServiceAccount annotation with the client id of the user-assigned managed identity (Azure workload identity). */
export const WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';

/** ServiceAccount annotation overriding the tenant of the identity (Azure workload identity). */
export const WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION = 'azure.workload.identity/tenant-id';

/** Pod label (value "true") that makes the workload identity webhook inject the token volume and env vars. */
export const WORKLOAD_IDENTITY_USE_LABEL = 'azure.workload.identity/use';

/** Most bytes of one object's annotations, keys and values together (apimachinery `ValidateAnnotationsSize`). */
export const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Bytes of annotations as `ValidateAnnotationsSize` counts them: every key and (string) value. */
export function annotationsBytes(annotations: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const [key, value] of Object.entries(annotations)) {
    bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
  }
  return bytes;
}

// The name rules of k8s.io/apimachinery/pkg/util/validation (validation.go).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** `IsDNS1123Label`: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit. */
export function isDns1123Label(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= DNS1123_LABEL_MAX
    && DNS1123_LABEL.test(value);
}

/** `IsDNS1123Subdomain`: 1-253 characters, dot-separated DNS-1123 labels. */
export function isDns1123Subdomain(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= DNS1123_SUBDOMAIN_MAX
    && DNS1123_SUBDOMAIN.test(value);
}

/** `IsDNS1035Label`: a DNS-1123 label that starts with a letter (Service names). */
export function isDns1035Label(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= DNS1123_LABEL_MAX
    && DNS1035_LABEL.test(value);
}

/**
 * `IsQualifiedName` (label and annotation keys): an optional DNS-1123 subdomain prefix and '/', then 1-63 letters,
 * digits, '-', '_' or '.', starting and ending with a letter or digit.
 */
export function isQualifiedName(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const slash = value.lastIndexOf('/');
  const name = value.slice(slash + 1);
  return (slash === -1 || isDns1123Subdomain(value.slice(0, slash)))
    && name.length >= 1 && name.length <= DNS1123_LABEL_MAX && QUALIFIED_NAME.test(name);
}

/** `IsValidLabelValue`: empty, or 1-63 letters, digits, '-', '_' or '.', first and last a letter or digit. */
export function isLabelValue(value: unknown): boolean {
  return typeof value === 'string' && (value === ''
    || (value.length <= DNS1123_LABEL_MAX && QUALIFIED_NAME.test(value)));
}

/** `hasChDirPrefix`: '.', '..' and names starting with '..' read as directories, so env names and keys refuse them. */
function hasChDirPrefix(value: string): boolean {
  return value === '.' || value.startsWith('..');
}

/**
 * `IsEnvVarName`: letters, digits, '-', '.' or '_', not starting with a digit, and not '.', '..' or '..'-prefixed.
 * Clusters with RelaxedEnvironmentVariableValidation (GA in 1.34) take any printable ASCII but '='; this is the rule
 * every supported cluster accepts (also for an `envFrom` prefix).
 */
export function isEnvVarName(value: unknown): boolean {
  return typeof value === 'string' && /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value) && !hasChDirPrefix(value);
}

/** `IsConfigMapKey` (Secret and ConfigMap keys): 1-253 letters, digits, '-', '_' or '.', not '.', '..' or '..'-led. */
export function isConfigMapKey(value: unknown): boolean {
  return typeof value === 'string' && value.length <= DNS1123_SUBDOMAIN_MAX && /^[-._a-zA-Z0-9]+$/.test(value)
    && !hasChDirPrefix(value);
}

/** Whether a name that passes the character rules of an env name or key is refused for reading as a directory. */
export function isChDirName(value: unknown): boolean {
  return typeof value === 'string' && hasChDirPrefix(value);
}

/**
 * `IsValidPortName` (IANA_SVC_NAME): 1-15 lowercase letters, digits or '-', at least one letter, no '-' at either end
 * or twice in a row. Container and Service port names.
 */
export function isPortName(value: unknown): boolean {
  return typeof value === 'string' && value.length >= 1 && value.length <= 15 && /^[-a-z0-9]+$/.test(value)
    && /[a-z]/.test(value) && !value.includes('--') && !value.startsWith('-') && !value.endsWith('-');
}

/** Pod annotation of the seccomp profile (deprecated; must match the pod's `securityContext.seccompProfile`). */
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
/** Prefix of a container's seccomp annotation (deprecated; must match the container's field when both are set). */
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** Prefix of a container's AppArmor annotation (deprecated since 1.30 for `securityContext.appArmorProfile`). */
const APPARMOR_CONTAINER_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** `ValidateSeccompProfile`: runtime/default, docker/default, unconfined, or localhost/<relative path without '..'>. */
function isSeccompProfile(value: string): boolean {
  if (value === 'runtime/default' || value === 'docker/default' || value === 'unconfined') return true;
  const local = value.startsWith('localhost/') ? value.slice('localhost/'.length) : undefined;
  return local !== undefined && !local.startsWith('/') && !local.split('/').includes('..');
}

/** The annotation value a seccomp profile type (of `securityContext.seccompProfile`) must have next to it. */
function seccompMatches(value: string, type: unknown): boolean {
  switch (type) {
    case 'RuntimeDefault': return value === 'runtime/default' || value === 'docker/default';
    case 'Unconfined': return value === 'unconfined';
    case 'Localhost': return value.startsWith('localhost/');
    default: return true;
  }
}

/** The pod template an annotation is checked against: its container names and seccomp profile types. */
export interface PodAnnotationContext {
  /** Names of the pod's containers (init containers included). */
  readonly containers: readonly string[];
  /** `spec.securityContext.seccompProfile.type`, if set. */
  readonly podSeccompType?: unknown;
  /** `securityContext.seccompProfile.type` of each container that sets one, by container name. */
  readonly containerSeccompTypes?: Readonly<Record<string, unknown>>;
  /** `spec.nodeName`, if set. */
  readonly nodeName?: unknown;
}

function isJsonList(value: string): boolean {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every(t => t !== null && typeof t === 'object' && !Array.isArray(t));
  } catch {
    return false;
  }
}

/**
 * What the API server refuses in a pod's (and pod template's) annotations beyond the generic key and size rules
 * (k8s.io/kubernetes pkg/apis/core/validation `ValidatePodSpecificAnnotations`, `ValidateSeccompPodAnnotations`,
 * `ValidateAppArmorPodAnnotations`, `validateSeccompAnnotationsAndFields`): undefined when the annotation is fine.
 */
export function podAnnotationProblem(key: string, value: string, pod: PodAnnotationContext): string | undefined {
  if (key === 'kubernetes.io/config.mirror') {
    return pod.nodeName ? undefined
      : 'marks a static (mirror) pod, which needs spec.nodeName: the API server rejects it on a pod template';
  }
  if (key === 'scheduler.alpha.kubernetes.io/tolerations') {
    return isJsonList(value) ? undefined
      : 'must be a JSON list of tolerations (the API server parses it): set tolerations in the pod spec instead';
  }
  if (key === 'controller.kubernetes.io/pod-deletion-cost') {
    return /^[-+]?[0-9]+$/.test(value) && BigInt(value) >= -(2n ** 31n) && BigInt(value) < 2n ** 31n ? undefined
      : 'must be a 32-bit integer (the API server rejects anything else)';
  }
  if (key === SECCOMP_POD_ANNOTATION || key.startsWith(SECCOMP_CONTAINER_PREFIX)) {
    if (!isSeccompProfile(value)) {
      return 'must be a seccomp profile: runtime/default, unconfined or localhost/<relative path>';
    }
    const type = key === SECCOMP_POD_ANNOTATION ? pod.podSeccompType
      : pod.containerSeccompTypes?.[key.slice(SECCOMP_CONTAINER_PREFIX.length)];
    return seccompMatches(value, type) ? undefined
      : `must match the seccompProfile the pod sets (${String(type)}): the API server rejects a mismatch; set the `
        + 'profile in securityContext, not in an annotation';
  }
  if (key.startsWith(APPARMOR_CONTAINER_PREFIX)) {
    const container = key.slice(APPARMOR_CONTAINER_PREFIX.length);
    if (!pod.containers.includes(container)) {
      return `names container ${JSON.stringify(container)}, which the pod does not have `
        + `(${pod.containers.join(', ')}): the API server rejects it`;
    }
    return value === '' || value === 'runtime/default' || value === 'unconfined' || value.startsWith('localhost/')
      ? undefined : 'must be an AppArmor profile: runtime/default, unconfined or localhost/<profile>';
  }
  return undefined;
}

/** Powers of ten of the decimal SI suffixes and powers of two of the binary ones (suffix.go). */
const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = Object.freeze({
  'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18,
});
const BINARY_SUFFIXES: Readonly<Record<string, number>> = Object.freeze({
  Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60,
});
const SUFFIX_CHARS = 'eEinumkKMGTP';
const DIGIT = /[0-9]/;
const INT64_MAX = 2n ** 63n - 1n;
/** Exponents beyond this make the value Infinity / the smallest quantity (1n) anyway; avoids huge BigInts. */
const EXPONENT_LIMIT = 400;

/**
 * Value of a resource.Quantity string in base units (cores, bytes), or undefined when the API server would
 * reject it. Follows `ParseQuantity` and `parseQuantityString` of k8s.io/apimachinery/pkg/api/resource
 * (quantity.go) and the suffix table of suffix.go:
 *
 * ```
 * <quantity>        ::= <signedNumber><suffix>
 * <signedNumber>    ::= <number> | <sign><number>
 * <number>          ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
 * <suffix>          ::= <binarySI> | <decimalExponent> | <decimalSI>
 * <binarySI>        ::= Ki | Mi | Gi | Ti | Pi | Ei
 * <decimalSI>       ::= n | u | m | "" | k | M | G | T | P | E
 * <decimalExponent> ::= "e" <signedInteger> | "E" <signedInteger>
 * ```
 *
 * Like the scanner, it accepts what the grammar leaves open ("1.", ".5", "1.G", a lone sign or "." read as
 * 0), rounds non-zero values up to a multiple of 1n and caps binary values at 2^63-1, and truncates the
 * exponent to int32 as `suffixHandler.interpret` does. No whitespace is allowed.
 */
export function parseQuantity(text: string): number | undefined {
  if (text.length === 0) return undefined;
  const scanned = scanQuantity(text);
  if (!scanned) return undefined;
  const { negative, num, denom, suffix } = scanned;

  let base: 2 | 10;
  let exponent: number;
  // Own properties only: a suffix such as "constructor" must not find Object.prototype's.
  const dec = Object.hasOwn(DECIMAL_SUFFIXES, suffix) ? DECIMAL_SUFFIXES[suffix] : undefined;
  const bin = Object.hasOwn(BINARY_SUFFIXES, suffix) ? BINARY_SUFFIXES[suffix] : undefined;
  if (dec !== undefined) {
    base = 10;
    exponent = dec;
  } else if (bin !== undefined) {
    base = 2;
    exponent = bin;
  } else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    // strconv.ParseInt(suffix[1:], 10, 64), then int32(parsed).
    const digits = suffix.slice(1);
    if (!/^[-+]?[0-9]+$/.test(digits)) return undefined;
    const parsed = BigInt(digits);
    if (parsed > INT64_MAX || parsed < -INT64_MAX - 1n) return undefined;
    base = 10;
    exponent = Number(BigInt.asIntN(32, parsed));
  } else {
    return undefined;
  }

  // Exact arithmetic in nano units (the API server's smallest scale), rounding up away from zero.
  const mantissa = BigInt((num || '0') + denom);
  if (mantissa === 0n) return 0;
  let nanos: bigint;
  if (base === 10) {
    const scale = exponent - denom.length + 9;
    if (scale > EXPONENT_LIMIT) return negative ? -Infinity : Infinity;
    nanos = scale >= 0 ? mantissa * 10n ** BigInt(scale)
      : ceilDiv(mantissa, 10n ** BigInt(Math.min(-scale, EXPONENT_LIMIT)));
  } else {
    const scaled = mantissa * 2n ** BigInt(exponent) * 1_000_000_000n;
    nanos = ceilDiv(scaled, 10n ** BigInt(denom.length));
    // BinarySI amounts are capped at 2^63-1 (maxAllowed) after rounding.
    if (nanos > INT64_MAX * 1_000_000_000n) nanos = INT64_MAX * 1_000_000_000n;
  }
  // Whole units and nanos separately, so whole values stay exact as far as a double allows.
  const value = Number(nanos / 1_000_000_000n) + Number(nanos % 1_000_000_000n) / 1e9;
  return negative ? -value : value;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** `parseQuantityString`: sign, digits, optional fraction, then suffix characters, optional sign, digits. */
function scanQuantity(str: string): { negative: boolean; num: string; denom: string; suffix: string } | undefined {
  const end = str.length;
  let pos = 0;
  let negative = false;
  if (str[0] === '-' || str[0] === '+') {
    negative = str[0] === '-';
    pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative, num: '0', denom: '', suffix: '' };
  const numStart = pos;
  while (pos < end && DIGIT.test(str[pos])) pos++;
  const num = str.slice(numStart, pos);
  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    const denomStart = pos;
    while (pos < end && DIGIT.test(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && DIGIT.test(str[pos])) pos++;
  if (pos < end) return undefined;
  return { negative, num, denom, suffix: str.slice(suffixStart) };
}

/**
 * Container image references as the container runtime reads them before it pulls: containerd and CRI-O parse the
 * image with distribution/reference `ParseDockerRef` (normalize.go `ParseNormalizedNamed`, `splitDockerDomain`;
 * regexp.go `domainAndPort`, `pathComponent`, `tag`, `digestPat`; reference.go `Parse`,
 * `RepositoryNameTotalLengthMax`). The API server stores any image without leading or trailing whitespace; one the
 * runtime cannot parse leaves the pod in InvalidImageName.
 */
const IMAGE_DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const IMAGE_DOMAIN_AND_PORT = `(?:${IMAGE_DOMAIN_COMPONENT}(?:\\.${IMAGE_DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`
  + '(?::[0-9]+)?';
const IMAGE_PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_NAME = new RegExp(
  `^(?:(${IMAGE_DOMAIN_AND_PORT})/)?(${IMAGE_PATH_COMPONENT}(?:/${IMAGE_PATH_COMPONENT})*)$`);
/** The repository path after the registry: at most this many characters. */
export const IMAGE_REPOSITORY_PATH_MAX = 255;
/** Digests the runtimes verify (go-digest: sha256, sha384, sha512), lowercase hex of the algorithm's length. */
export const IMAGE_DIGEST = /^(?:sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128})$/;
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;

/**
 * The repository path of an image's repository (the image without tag and digest) as `ParseNormalizedNamed` reads
 * it, or undefined if it cannot: the first part is the registry if it is `localhost` or has a '.', a ':' or an
 * uppercase letter (`splitDockerDomain`), else the image is on Docker Hub (a single name under `library/`); the rest
 * must be lowercase, and the whole must match `anchoredNamePat`.
 */
export function imageRepositoryPath(repository: string): string | undefined {
  const slash = repository.indexOf('/');
  const first = repository.slice(0, slash);
  const hasRegistry = slash !== -1
    && (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first);
  const remainder = hasRegistry ? repository.slice(slash + 1) : repository;
  const path = slash === -1 ? `library/${remainder}` : remainder;
  const match = IMAGE_NAME.exec(`${hasRegistry ? first : 'docker.io'}/${path}`);
  return remainder.toLowerCase() === remainder && match ? match[2] : undefined;
}

/** Why the container runtime cannot parse an image reference (`name[:tag][@digest]`), or undefined if it can. */
export function imageReferenceProblem(image: string): string | undefined {
  if (image.trim() === '' || /\s/.test(image)) return 'has whitespace or is empty';
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  if (digest !== undefined && !IMAGE_DIGEST.test(digest)) {
    return 'has an invalid digest: "sha256:" and 64 lowercase hex digits (or sha384, sha512)';
  }
  const named = at === -1 ? image : image.slice(0, at);
  // A ':' after the last '/' starts the tag; one before it is a registry port.
  const colon = named.lastIndexOf(':');
  const tag = colon > named.lastIndexOf('/') ? named.slice(colon + 1) : undefined;
  if (tag !== undefined && !IMAGE_TAG.test(tag)) {
    return `has an invalid tag ${JSON.stringify(tag)}: 1-128 letters, digits, '_', '.' or '-', not starting with '.' `
      + "or '-'";
  }
  const path = imageRepositoryPath(tag === undefined ? named : named.slice(0, colon));
  if (path === undefined) {
    return 'has an invalid repository: an optional registry and \'/\', then lowercase letters and digits in '
      + "'/'-separated parts, joined inside a part by one '.', one or two '_' or any number of '-'";
  }
  if (path.length > IMAGE_REPOSITORY_PATH_MAX) {
    return `has a repository path of ${path.length} characters after the registry (at most `
      + `${IMAGE_REPOSITORY_PATH_MAX})`;
  }
  return undefined;
}

/**
 * The query path KEDA's prometheus scaler appends to its `serverAddress` (kedacore/keda
 * pkg/scalers/prometheus_scaler.go: `%s/api/v1/query?query=...`), or a prefix of it, at the end of a URL path: an
 * address that ends in it would ask for the path twice.
 */
export const PROMETHEUS_QUERY_PATH = /\/api\/v1(?:\/query(?:_range)?)?\/?$/;

/**
 * A URL with its user information (`user:password@`, or a token given as the user) replaced by `***`, for messages
 * and findings, which end up in CI logs. The authority runs to the first '/', '?', '#' or backslash, and its user
 * information to the last '@' before that, as the WHATWG and Go URL parsers read them (a password with '@' or ';'
 * in it, which they percent-encode, is hidden whole).
 */
export function hideUserInfo(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:[/\\]*)[^/?#\\]*@/, '$1***@');
}
