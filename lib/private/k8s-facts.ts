/**
 * Facts of the Kubernetes API and its add-ons that the library relies on. The manifest validator has its own copy
 * (validation/k8s-facts.ts, a separate package); test/private/k8s-facts.test.ts fails when the two disagree.
 */

/** Longest DNS-1123 label (most object names, namespaces, label name parts). */
export const DNS1123_LABEL_MAX = 63;
/** Longest DNS-1123 subdomain (Secret names, Ingress hosts, label key prefixes). */
export const DNS1123_SUBDOMAIN_MAX = 253;

/**
 * Longest KEDA ScaledObject name: KEDA names the HPA it creates `keda-hpa-<name>`, and HPA names are DNS-1123
 * labels (63 characters), so 63 - 'keda-hpa-'.length = 54.
 */
export const MAX_SCALED_OBJECT_NAME = 54;
/** Prefix of the HPA KEDA creates for a ScaledObject. */
export const KEDA_HPA_PREFIX = 'keda-hpa-';

/** ServiceAccount annotation the workload identity webhook reads the client id from. */
export const WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION = 'azure.workload.identity/client-id';
/** ServiceAccount annotation the workload identity webhook reads the tenant id from. */
export const WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION = 'azure.workload.identity/tenant-id';
/** Pod label that makes the workload identity webhook inject the token volume and AZURE_* variables. */
export const WORKLOAD_IDENTITY_USE_LABEL = 'azure.workload.identity/use';

/** Multipliers of the quantity suffixes (k8s.io/apimachinery/pkg/api/resource/suffix.go). */
const SUFFIXES: Readonly<Record<string, number>> = Object.freeze({
  'n': 1e-9, 'u': 1e-6, 'm': 1e-3, '': 1,
  'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15, 'E': 1e18,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50, 'Ei': 2 ** 60,
});

/**
 * The API server's quantity grammar (k8s.io/apimachinery/pkg/api/resource/quantity.go, `parseQuantityString`):
 * `<sign><digits>[.<digits>]<suffix>`, where the number may also be `<digits>.` or `.<digits>`, and the suffix is
 * a binary SI suffix, a decimal SI suffix (n u m k M G T P E) or a decimal exponent (`e3`, `E-2`).
 */
const QUANTITY = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|[numkMGTPE])?$/;

/**
 * Parses a Kubernetes resource quantity ("250m", "512Mi", "100u", "1e3") into a number of base units, or returns
 * undefined when the API server would reject it.
 */
export function parseQuantity(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (!match) {
    return undefined;
  }
  const [, amount, suffix = ''] = match;
  // The regex admits only known suffixes, so the lookup cannot hit an inherited property.
  const factor = /^[eE][+-]?[0-9]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIXES[suffix];
  return Number(amount) * factor;
}
