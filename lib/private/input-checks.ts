import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Input checks shared by every construct. Each check throws an error that names the construct
 * path, the prop, the value received and what is allowed, e.g.
 * `durable-system/worker: 'scaling.minReplicas' (5) must be <= 'scaling.maxReplicas' (3)`.
 */

/** Throws an input error prefixed with the construct path. */
export function fail(scope: IConstruct, message: string): never {
  throw new Error(`${scope.node.path}: ${message}`);
}

/** Renders a received value the way error messages quote it: strings in quotes, the rest as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1123 label: what Kubernetes requires of namespaces and most object names. */
export function checkDnsLabel(scope: IConstruct, prop: string, value: string): void {
  if (value.length === 0 || value.length > 63 || !DNS1123_LABEL.test(value)) {
    fail(scope, `'${prop}' (${show(value)}) must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit`);
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 subdomain: what Kubernetes requires of Secret names and Ingress hosts. */
export function checkDnsSubdomain(scope: IConstruct, prop: string, value: string): void {
  if (value.length === 0 || value.length > 253 || !DNS1123_SUBDOMAIN.test(value)) {
    fail(scope, `'${prop}' (${show(value)}) must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit`);
  }
}

/** An integer within [min, max]. */
export function checkInteger(scope: IConstruct, prop: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    fail(scope, `'${prop}' (${show(value)}) must be ${range}`);
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A Microsoft Entra ID client or tenant id. */
export function checkGuid(scope: IConstruct, prop: string, value: string): void {
  if (!GUID.test(value)) {
    fail(scope, `'${prop}' (${show(value)}) must be a GUID like 00000000-0000-0000-0000-000000000000`);
  }
}

const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** An environment variable name as Kubernetes accepts it (C identifiers, plus '-' and '.'). */
export function checkEnvName(scope: IConstruct, prop: string, value: string): void {
  if (!ENV_NAME.test(value)) {
    fail(scope, `'${prop}' (${show(value)}) must be a valid environment variable name: letters, digits, '_', '-' or '.', not starting with a digit`);
  }
}

/**
 * A container image that pins a version: a tag other than `latest`, or a digest.
 * `registry:5000/app` has no tag: the colon belongs to the registry host.
 */
export function checkImage(scope: IConstruct, prop: string, image: string): void {
  const allowed = 'an image with a tag (not \'latest\') or a digest, e.g. "myregistry.azurecr.io/worker:1.4.2"';
  if (image.length === 0 || /\s/.test(image)) {
    fail(scope, `'${prop}' (${show(image)}) must be ${allowed}`);
  }
  const at = image.indexOf('@');
  if (at !== -1) {
    if (!/^sha256:[0-9a-f]{64}$/.test(image.slice(at + 1))) {
      fail(scope, `'${prop}' (${show(image)}) has an invalid digest: a digest is "@sha256:" and 64 lowercase hex digits`);
    }
    checkRepository(scope, prop, image, image.slice(0, at).replace(/:[\w][\w.-]{0,127}$/, ''), allowed);
    return;
  }
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon === -1 ? undefined : lastSegment.slice(colon + 1);
  if (tag === undefined || tag === '') {
    fail(scope, `'${prop}' (${show(image)}) has no tag: use ${allowed}`);
  }
  if (tag === 'latest') {
    fail(scope, `'${prop}' (${show(image)}) uses the mutable tag 'latest': use ${allowed}`);
  }
  if (!/^[\w][\w.-]{0,127}$/.test(tag)) {
    fail(scope, `'${prop}' (${show(image)}) has an invalid tag ${show(tag)}: use ${allowed}`);
  }
  checkRepository(scope, prop, image, image.slice(0, image.length - tag.length - 1), allowed);
}

const REPOSITORY = /^([a-zA-Z0-9.-]+(:[0-9]+)?\/)?[a-z0-9]+([._-]+[a-z0-9]+|\/[a-z0-9]+)*$/;

function checkRepository(scope: IConstruct, prop: string, image: string, repository: string, allowed: string): void {
  if (!REPOSITORY.test(repository)) {
    fail(scope, `'${prop}' (${show(image)}) has an invalid repository ${show(repository)}: use ${allowed}`);
  }
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1035 label: what Kubernetes requires of Service names (starts with a letter). */
export function checkDns1035Label(scope: IConstruct, prop: string, value: string): void {
  if (value.length === 0 || value.length > 63 || !DNS1035_LABEL.test(value)) {
    fail(scope, `'${prop}' (${show(value)}) must be a DNS-1035 label (it names a Service): 1-63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit`);
  }
}

/** Namespaces the cluster owns: a baseline there would deny traffic to system components. */
const RESERVED_NAMESPACES = Object.freeze(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/** A namespace this library may create and lock down. */
export function checkOwnNamespace(scope: IConstruct, prop: string, value: string): void {
  checkDnsLabel(scope, prop, value);
  if (RESERVED_NAMESPACES.includes(value)) {
    fail(scope, `'${prop}' (${show(value)}) is a namespace the cluster owns (${RESERVED_NAMESPACES.join(', ')}): use a namespace of your own`);
  }
}

/** A host name, optionally with a leading wildcard label (`*.example.com`), as Ingress and HTTPRoute take it. */
export function checkHostname(scope: IConstruct, prop: string, value: string): void {
  const host = value.startsWith('*.') ? value.slice(2) : value;
  if (host.length === 0 || value.length > 253 || !DNS1123_SUBDOMAIN.test(host)) {
    fail(scope, `'${prop}' (${show(value)}) must be a host name: a DNS-1123 subdomain (lowercase letters, digits, '-' or '.'), optionally after a '*.' wildcard label`);
  }
}

const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A label or taint key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function checkLabelKey(scope: IConstruct, prop: string, value: string): void {
  const slash = value.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : value.slice(0, slash);
  const name = value.slice(slash + 1);
  const validPrefix = prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix));
  if (!validPrefix || name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    fail(scope, `'${prop}' (${show(value)}) must be a label key: an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`);
  }
}

/** A label or taint value: empty, or at most 63 letters, digits, '-', '_' or '.'. */
export function checkLabelValue(scope: IConstruct, prop: string, value: string): void {
  if (value.length > 63 || (value !== '' && !LABEL_NAME.test(value))) {
    fail(scope, `'${prop}' (${show(value)}) must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`);
  }
}

const TASK_HUB = /^[a-zA-Z0-9-]{3,64}$/;

/** A DTS task hub name, as Azure Resource Manager accepts it. */
export function checkTaskHub(scope: IConstruct, prop: string, value: string): void {
  if (!TASK_HUB.test(value)) {
    fail(scope, `'${prop}' (${show(value)}) must be a task hub name: 3-64 letters, digits or '-'`);
  }
}

/** The namespace of the construct's chart, which every namespaced object of this library needs. */
export function chartNamespace(scope: IConstruct): string {
  const namespace = Chart.of(scope).namespace;
  if (namespace === undefined) {
    fail(scope, `has no namespace: create it in a Chart with a 'namespace' (e.g. new Chart(app, 'durable-system', { namespace: 'durable-system' })) or in a TaskHubTenant`);
  }
  checkDnsLabel(scope, 'namespace (of the chart)', namespace);
  return namespace;
}


const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** An IPv4 CIDR, as NetworkPolicy ipBlocks take it. */
export function checkCidr(scope: IConstruct, prop: string, value: string): void {
  const match = CIDR.exec(value);
  const valid = match !== null && match.slice(1, 5).every(octet => Number(octet) <= 255) && Number(match[5]) <= 32;
  if (!valid) {
    fail(scope, `'${prop}' (${show(value)}) must be an IPv4 CIDR like "10.0.0.0/16" or "0.0.0.0/0"`);
  }
}
