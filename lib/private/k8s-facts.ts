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
