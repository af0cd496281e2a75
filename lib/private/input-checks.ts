import * as net from 'net';
import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import {
  hideUserInfo, isChDirName, isConfigMapKey, isDns1035Label, isDns1123Label, isDns1123Subdomain, isEnvVarName,
  isLabelValue, isQualifiedName,
} from './k8s-facts';

/**
 * Input checks shared by every construct. Each check throws an error that names the construct path, the prop, the
 * value received and what is allowed, e.g.
 * `durable-system/worker: 'scaling.minReplicas' (5) must be <= 'scaling.maxReplicas' (3)`.
 *
 * Every check also takes a value of the wrong type (plain JavaScript callers and other jsii languages are not
 * type-checked): it reports what it received instead of failing on a property of `undefined`.
 */

/** Throws an input error prefixed with the construct path. */
export function fail(scope: IConstruct, message: string): never {
  throw new Error(`${scope.node.path}: ${message}`);
}

/**
 * A prop as error messages quote it: `'scaling.minReplicas'`. The props of one item of a construct that takes many
 * (an identity of AzureIdentities) come after the item and ': ', e.g. `identity "x": create.location`; only the prop
 * is quoted: `identity "x": 'create.location'`.
 */
export function quote(prop: string): string {
  const at = prop.lastIndexOf(': ');
  return at === -1 ? `'${prop}'` : `${prop.slice(0, at + 2)}'${prop.slice(at + 2)}'`;
}

/** A URL for a message, its user information hidden (`https://***@host`): see hideUserInfo in k8s-facts.ts. */
export function showUrl(value: unknown): string {
  return show(typeof value === 'string' ? hideUserInfo(value) : value);
}

/** Renders a received value the way error messages quote it: strings in quotes, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  // String(-0) is "0": a message would say it received 0.
  if (Object.is(value, -0)) {
    return '-0';
  }
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  const text = json ?? Object.prototype.toString.call(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The largest value of an `int32` field of the Kubernetes API (replicas, ports, probe timings, ...). */
export const INT32_MAX = 2147483647;

/** A required prop: fails when it is missing (`undefined` or `null`). */
export function checkRequired(scope: IConstruct, prop: string, value: unknown, expected: string): void {
  if (value === undefined || value === null) {
    fail(scope, `${quote(prop)} is required (received ${show(value)}): give ${expected}`);
  }
}

/**
 * An optional list prop: undefined, or an array without empty slots. A JavaScript array with a hole (`[, "x"]`,
 * `new Array(2)`) skips the hole in `forEach` and `some`, so an element check would never see it, and renders it as
 * `null`: the API server's JSON decoding reads that as an empty value (an empty argument, an env var without a name),
 * never what was meant.
 */
export function checkArray(scope: IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && !Array.isArray(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a list`);
  }
  const hole = value === undefined ? -1 : firstHole(value as unknown[]);
  if (hole !== -1) {
    fail(scope, `${quote(`${prop}[${hole}]`)} is an empty slot of the list (${show(value)}): give every element`);
  }
}

/** The index of the first empty slot of `list`, or -1. */
function firstHole(list: readonly unknown[]): number {
  for (let i = 0; i < list.length; i++) {
    if (!(i in list)) return i;
  }
  return -1;
}

/**
 * An optional boolean flag: undefined, true or false. A string such as "false" (from YAML, an environment variable or
 * a form) would be truthy.
 */
export function checkBoolean(scope: IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    fail(scope, `${quote(prop)} (${show(value)}) must be true or false`);
  }
}

/** An optional value of a string enum: undefined, or one of the enum's values. */
export function checkEnum(scope: IConstruct, prop: string, value: unknown, values: Record<string, string>,
  enumName: string): void {
  if (value !== undefined && !Object.values(values).includes(value as string)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a ${enumName} (${Object.values(values).join(', ')})`);
  }
}

/** An element of a list that must be an object (e.g. a toleration): fails on null, a string, a number. */
export function checkElement(scope: IConstruct, prop: string, value: unknown, expected: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be ${expected}`);
  }
}

/** An optional group of options: undefined, or an object. */
export function checkOptions(scope: IConstruct, prop: string, value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    fail(scope, `${quote(prop)} (${show(value)}) must be an object of options`);
  }
}

/**
 * A value made by one of this library's factories (e.g. `Scaling.hpa()`), not a look-alike object: the factories
 * validate and render it.
 */
export function checkInstance(scope: IConstruct, prop: string, value: unknown, type: Function, factory: string): void {
  if (!(value instanceof type)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be made with ${factory}`);
  }
}

/** A DNS-1123 label: what Kubernetes requires of namespaces and most object names. */
export function checkDnsLabel(scope: IConstruct, prop: string, value: string): void {
  if (!isDns1123Label(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', `
      + 'starting and ending with a letter or digit');
  }
}

/** A DNS-1123 subdomain: what Kubernetes requires of Secret names and Ingress hosts. */
export function checkDnsSubdomain(scope: IConstruct, prop: string, value: string): void {
  if (!isDns1123Subdomain(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' `
      + "or '.', starting and ending with a letter or digit");
  }
}

/**
 * An integer within [min, max]. Every integer the library renders is an `int32` in the API (replicas, ports, probe
 * timings, user ids), so `max` defaults to 2147483647: the API server rejects larger values.
 */
export function checkInteger(scope: IConstruct, prop: string, value: number, min: number, max = INT32_MAX): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === INT32_MAX && (!Number.isInteger(value) || value <= max)
      ? `an integer >= ${min}`
      : `an integer from ${min} to ${max}${max === INT32_MAX ? ' (an int32 in the Kubernetes API)' : ''}`;
    fail(scope, `${quote(prop)} (${show(value)}) must be ${range}`);
  }
}

/** A TCP port: 1-65535. */
export function checkPort(scope: IConstruct, prop: string, value: number): void {
  checkInteger(scope, prop, value, 1, 65535);
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Whether `value` is a GUID (client, tenant, principal and subscription ids). */
export function isGuid(value: unknown): boolean {
  return typeof value === 'string' && GUID.test(value);
}

/** A Microsoft Entra ID client id, or another id that is a GUID (principal, subscription). */
export function checkGuid(scope: IConstruct, prop: string, value: string): void {
  if (!isGuid(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a GUID like 00000000-0000-0000-0000-000000000000`);
  }
}

/** A domain name: dot-separated labels of letters, digits and '-', not starting or ending with '-'. */

/**
 * A Microsoft Entra tenant: its id (a GUID) or one of its domain names (e.g. `contoso.onmicrosoft.com`), which Entra
 * ID resolves in the authority URL. Where the tenant goes (the ServiceAccount annotation the workload identity
 * webhook copies into AZURE_TENANT_ID, the connection string's TenantId, KEDA's podIdentity.identityTenantId), the
 * Azure Identity SDKs take both: their tenant check allows letters, digits, '.' and '-' (azure-sdk-for-go
 * sdk/azidentity/azidentity.go `validTenantID`, azure-sdk-for-net Azure.Identity Validations.cs `ValidateTenantId`).
 * `common`, `organizations` and `consumers` pass that check but name no tenant: Entra ID refuses them for the
 * client-credential (workload identity) token exchange.
 */
export function checkTenantId(scope: IConstruct, prop: string, value: string): void {
  if (typeof value === 'string' && /^(common|organizations|consumers)$/i.test(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) names no tenant: Microsoft Entra ID accepts "${value}" for user `
      + 'sign-in, not for the token exchange of a workload identity; give the tenant id (a GUID like '
      + '00000000-0000-0000-0000-000000000000) or one of its domain names, e.g. "contoso.onmicrosoft.com"');
  }
  if (!isGuid(value) && !isDomainName(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a Microsoft Entra tenant id (a GUID like `
      + '00000000-0000-0000-0000-000000000000) or one of its domain names, e.g. "contoso.onmicrosoft.com"');
  }
}

/** `value` parsed as an https:// URL with a host and without user information or whitespace, or undefined. */
export function parseHttpsUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' || /\s/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url
    : undefined;
}

/** A DNS domain name of two labels or more (any case), not an IP address: e.g. a tenant's `contoso.onmicrosoft.com`. */
function isDomainName(value: unknown): boolean {
  return typeof value === 'string' && value.includes('.') && net.isIP(value) === 0
    && isDns1123Subdomain(value.toLowerCase());
}

/**
 * An environment variable name as Kubernetes accepts it (C identifiers, plus '-' and '.'; `IsEnvVarName`, which also
 * refuses '.', '..' and a name starting with '..').
 */
export function checkEnvName(scope: IConstruct, prop: string, value: string): void {
  if (isChDirName(value) && /^[-._a-zA-Z0-9]+$/.test(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) is '.', '..' or starts with '..', which the API server refuses in an `
      + "environment variable name (without relaxed names, before Kubernetes 1.32): start it with a letter or '_'");
  }
  if (!isEnvVarName(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a valid environment variable name: letters, digits, '_', '-' `
      + "or '.', not starting with a digit");
  }
}

/**
 * A Secret or ConfigMap key (`IsConfigMapKey`): 1-253 letters, digits, '-', '_' or '.', and not '.', '..' or a key
 * starting with '..' (the API server refuses those: Kubernetes keeps its own files under '..' in a mounted volume).
 * `what` names the kind of key ("Secret", "ConfigMap", "Secret or ConfigMap"); `also` ends the generic message.
 */
export function checkConfigMapKey(scope: IConstruct, prop: string, value: string, what: string, also = ''): void {
  if (typeof value === 'string' && value.length > 2 && isChDirName(value) && value.length <= 253
    && /^[-._a-zA-Z0-9]+$/.test(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) starts with '..', which the API server refuses in a ${what} key `
      + "(Kubernetes keeps its own files under '..' in a mounted volume)");
  }
  if (!isConfigMapKey(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a ${what} key: 1-253 letters, digits, '-', '_' or '.'${also}`);
  }
}

/** A string prop (e.g. an environment variable's value). */
export function checkString(scope: IConstruct, prop: string, value: unknown): void {
  if (typeof value !== 'string') {
    fail(scope, `${quote(prop)} (${show(value)}) must be a string`);
  }
}

/** A DNS-1035 label: what Kubernetes requires of Service names (starts with a letter). */
export function checkDns1035Label(scope: IConstruct, prop: string, value: string): void {
  if (!isDns1035Label(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a DNS-1035 label (it names a Service): 1-63 lowercase `
      + "letters, digits or '-', starting with a letter and ending with a letter or digit");
  }
}

/** Namespaces the cluster owns: a baseline there would deny traffic to system components. */
const RESERVED_NAMESPACES: readonly string[] = Object.freeze(['default', 'kube-system',
  'kube-public', 'kube-node-lease']);

/** Whether the cluster owns the namespace (its components run there, or every unqualified object lands there). */
export function isReservedNamespace(namespace: string): boolean {
  return RESERVED_NAMESPACES.includes(namespace);
}

/** A namespace this library may create and lock down. */
export function checkOwnNamespace(scope: IConstruct, prop: string, value: string): void {
  checkDnsLabel(scope, prop, value);
  if (isReservedNamespace(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) is a namespace the cluster owns (${RESERVED_NAMESPACES.join(', ')}): `
      + 'use a namespace of your own');
  }
}

/**
 * A host name, optionally with a leading wildcard label (`*.example.com`), as Ingress and HTTPRoute take it. The API
 * server rejects an IP address there (`spec.rules[].host`, `hostnames`: "must be a DNS name, not an IP address"), and
 * a port or scheme is not part of a host name.
 */
export function checkHostname(scope: IConstruct, prop: string, value: string): void {
  const allowed = "a host name: a DNS-1123 subdomain (lowercase letters, digits, '-' or '.'), optionally after a "
    + "'*.' wildcard label";
  if (typeof value !== 'string') {
    fail(scope, `${quote(prop)} (${show(value)}) must be ${allowed}`);
  }
  const host = value.startsWith('*.') ? value.slice(2) : value;
  if (net.isIP(host) !== 0 || /^\[.*\]$/.test(host)) {
    fail(scope, `${quote(prop)} (${show(value)}) is an IP address: Ingress and HTTPRoute match host names only; use `
      + `${allowed}, or leave the host out`);
  }
  if (value.length > 253 || !isDns1123Subdomain(host)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be ${allowed}`);
  }
}

/**
 * A path of an Ingress rule (pathType Prefix) or HTTPRoute match (PathPrefix). The API server rejects `//`, `/./`,
 * `/../`, `%2f` and a trailing `/..` or `/.` there (k8s.io/kubernetes pkg/apis/networking/validation:
 * `invalidPathSequences`, `invalidPathSuffixes`; Gateway API's HTTPPathMatch CEL rules), and ingress-nginx admits
 * only `A-Za-z0-9-._~/` in Prefix and Exact paths (`pathAlphaNumericRegex`, internal/ingress/controller): a regex
 * character there makes the controller reject the Ingress.
 */
export function checkRoutePath(scope: IConstruct, prop: string, value: string): void {
  const allowed = "a path that starts with '/' and has only letters, digits and '-', '.', '_', '~', '/', without "
    + "'//', '/./' or '/../' segments, e.g. \"/api\"";
  if (typeof value !== 'string' || !value.startsWith('/')) {
    fail(scope, `${quote(prop)} (${show(value)}) must start with '/'`);
  }
  if (/\/\/|\/\.\.?(\/|$)/.test(value) || /%2f/i.test(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) has an empty, '.' or '..' segment or an encoded '/': the API server `
      + `rejects it; use ${allowed}`);
  }
  if (!/^[A-Za-z0-9\-._~/]*$/.test(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) has characters a Prefix path cannot have (ingress-nginx rejects regex `
      + `and other special characters): use ${allowed}`);
  }
}

/** A label or taint key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
export function checkLabelKey(scope: IConstruct, prop: string, value: string): void {
  if (!isQualifiedName(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a label key: an optional DNS subdomain prefix and '/', then `
      + "1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
  }
}

/** A label or taint value: empty, or at most 63 letters, digits, '-', '_' or '.'. */
export function checkLabelValue(scope: IConstruct, prop: string, value: string): void {
  if (!isLabelValue(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a label value: at most 63 letters, digits, '-', '_' or '.', `
      + 'starting and ending with a letter or digit');
  }
}

const TASK_HUB = /^[a-zA-Z0-9-]{3,64}$/;

/**
 * A DTS task hub name, as Azure Resource Manager accepts it: the `name` pattern `^[a-zA-Z0-9-]{3,64}$` of
 * `Microsoft.DurableTask/schedulers/taskHubs` (Azure/bicep-types-az, generated/durabletask/microsoft.durabletask/
 * <api version>/types.md, 2024-10-01-preview to 2026-02-01).
 */
export function checkTaskHub(scope: IConstruct, prop: string, value: string): void {
  if (typeof value !== 'string' || !TASK_HUB.test(value)) {
    fail(scope, `${quote(prop)} (${show(value)}) must be a task hub name: 3-64 letters, digits or '-'`);
  }
}

/** The namespace of the construct's chart, which every namespaced object of this library needs. */
export function chartNamespace(scope: IConstruct): string {
  const namespace = Chart.of(scope).namespace;
  if (namespace === undefined) {
    fail(scope, "has no namespace: create it in a Chart with a 'namespace' (e.g. new Chart(app, 'durable-system', "
      + "{ namespace: 'durable-system' })) or in a TaskHubTenant");
  }
  checkDnsLabel(scope, 'namespace (of the chart)', namespace);
  return namespace;
}

/**
 * The namespace of a workload's chart, which must not be one the cluster owns: a workload there would take its
 * default ServiceAccount's place next to system components, outside any baseline.
 */
export function workloadNamespace(scope: IConstruct): string {
  const namespace = chartNamespace(scope);
  if (isReservedNamespace(namespace)) {
    fail(scope, `'namespace (of the chart)' (${show(namespace)}) is a namespace the cluster owns `
      + `(${RESERVED_NAMESPACES.join(', ')}): create it in a chart with a namespace of your own`);
  }
  return namespace;
}

/** An IPv4 or IPv6 CIDR, as NetworkPolicy ipBlocks take it (dual-stack clusters use both). */
export function checkCidr(scope: IConstruct, prop: string, value: string): void {
  const [address, bits, ...rest] = typeof value === 'string' ? value.split('/') : [];
  const family = address === undefined ? 0 : net.isIP(address);
  const maxBits = family === 6 ? 128 : 32;
  const valid = family !== 0 && rest.length === 0 && bits !== undefined && /^[0-9]{1,3}$/.test(bits)
    && Number(bits) <= maxBits && (family === 6 || /^[0-9.]+$/.test(address));
  if (!valid) {
    fail(scope, `${quote(prop)} (${show(value)}) must be an IPv4 or IPv6 CIDR like "10.0.0.0/16", "0.0.0.0/0" or `
      + '"fd00::/8"');
  }
}
