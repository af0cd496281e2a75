import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HttpRoute, HttpRouteSpecRulesMatchesPathType } from '../../imports/gateway.networking.k8s.io';
import { ApiHttpRouteOptions, ApiIngressOptions, HttpHeaderMatch, RoutePathType } from '../exposure-options';
import { MetadataEntry } from '../metadata';
import {
  chartNamespace, checkArray, checkBoolean, checkDnsLabel, checkDnsSubdomain, checkHostname, checkRoutePath,
  checkString, fail, show,
} from './input-checks';
import { checkEgressCidr } from './egress-cidrs';
import {
  checkHttpRouteLimits, checkIngressAnnotations, checkIngressSources, isOutOfClusterClass, NAMESPACED_ISSUER,
} from './exposure-checks';
import { checkedEntries } from './object-metadata';
import { DurableRegistry } from './registry';
import { NAMESPACE_NAME_LABEL } from './labels';

/** Port of cert-manager's ACME HTTP-01 solver pods. */
const ACME_HTTP01_SOLVER_PORT = 8089;

/**
 * The same host and path routed twice (on one ingress class, or one Gateway) sends a request to either backend,
 * depending on the controller: claimed app-wide, so the second route fails with the first one's path.
 */
function claimRoute(scope: Construct, kind: string, key: string, what: string, tag?: string): void {
  DurableRegistry.of(scope).claim(scope, { kind: `${kind} route`, key, tag }, first =>
    `${what} is already routed by ${first}: every host and path may have one backend`);
}

/**
 * With a cluster issuer, cert-manager's ingress-shim makes a Certificate named like the TLS Secret; a second Ingress
 * of the namespace with the same Secret would need the same Certificate, which ingress-shim refuses to update as it
 * does not own it: one certificate Secret per issuing Ingress.
 */
function claimCertificateSecret(scope: Construct, secretName: string): void {
  const namespace = chartNamespace(scope);
  DurableRegistry.of(scope).claim(scope, { kind: 'Certificate', key: `${namespace}/${secretName}` }, first =>
    `'ingress.tlsSecretName' (${show(secretName)}) with a 'clusterIssuer' is already the certificate Secret of `
    + `${first} in namespace ${show(namespace)}: cert-manager issues one Certificate per Secret; give each API its own `
    + "'tlsSecretName'");
}

/** Namespace of the controller pods of the ingress classes whose controllers install to a known place. */
function knownControllerNamespace(className: string): string | undefined {
  switch (className) {
    case 'nginx': return 'ingress-nginx';
    case 'webapprouting.kubernetes.azure.com': return 'app-routing-system';
    default: return undefined;
  }
}

/** The API's Service, as the routes reach it. */
export interface RouteBackend {
  /** Name of the API (and of its Service, Ingress, HTTPRoute). */
  readonly name: string;
  /** Port of the Service. */
  readonly servicePort: number;
  /** Port the app listens on, which the policies admit. */
  readonly port: number;
  /** Labels that select the API's pods. */
  readonly selector: Record<string, string>;
  /** Labels of every object. */
  readonly labels: Record<string, string>;
}

/** An Ingress to the API, plus the policies that admit the ingress controller (and cert-manager's solver). */
export function renderIngressExposure(scope: Construct, backend: RouteBackend,
  options: ApiIngressOptions): { ingress: k8s.KubeIngress; policies: k8s.KubeNetworkPolicy[] } {
  const ingress = renderIngress(scope, backend, options);
  const className = options.className ?? 'nginx';
  const controllerNamespace = options.controllerNamespace ?? knownControllerNamespace(className);
  // Application Gateway (AGIC, ALB controller) forwards from its subnet ('sourceCidrs'); its controller pods forward
  // nothing, so their namespace is admitted only when given.
  if (controllerNamespace === undefined && !isOutOfClusterClass(className)) {
    fail(scope, `'ingress.controllerNamespace' is required for ingress class ${show(className)}: the namespace of its `
      + 'controller pods, which the NetworkPolicy admits');
  }
  if (controllerNamespace !== undefined) {
    checkDnsLabel(scope, 'ingress.controllerNamespace', controllerNamespace);
  }
  checkIngressSources(scope, className, options.sourceCidrs);
  const policies = [renderIngressPolicy(scope, backend, {
    id: 'IngressControllerPolicy', name: `${backend.name}-allow-ingress-controller`, podLabels: backend.selector,
    fromNamespace: controllerNamespace, port: backend.port,
    cidrsProp: 'ingress.sourceCidrs', cidrs: options.sourceCidrs,
  })];
  // A namespaced cert-manager Issuer (the 'cert-manager.io/issuer' annotation) may solve HTTP-01 challenges too.
  if (options.clusterIssuer !== undefined || (options.annotations ?? []).some(a => a?.key === NAMESPACED_ISSUER)) {
    // cert-manager's HTTP-01 solver pods run in this namespace; the ingress controller must reach them,
    // or the default-deny baseline blocks the ACME challenge and the certificate is never issued.
    policies.push(renderIngressPolicy(scope, backend, {
      id: 'AcmeSolverPolicy', name: `${backend.name}-allow-acme-http01`,
      podLabels: { 'acme.cert-manager.io/http01-solver': 'true' }, fromNamespace: controllerNamespace,
      port: ACME_HTTP01_SOLVER_PORT, cidrsProp: 'ingress.sourceCidrs', cidrs: options.sourceCidrs,
    }));
  }
  return { ingress, policies };
}

/** An HTTPRoute to the API, plus the policy that admits the gateway's data plane. */
export function renderHttpRouteExposure(scope: Construct, backend: RouteBackend,
  options: ApiHttpRouteOptions): { route: ApiObject; policy: k8s.KubeNetworkPolicy } {
  const route = renderHttpRoute(scope, backend, options);
  const dataPlaneNamespace = options.dataPlaneNamespace ?? options.gatewayNamespace;
  checkDnsLabel(scope, 'httpRoute.dataPlaneNamespace', dataPlaneNamespace);
  const policy = renderIngressPolicy(scope, backend, {
    id: 'GatewayPolicy', name: `${backend.name}-allow-gateway`, podLabels: backend.selector,
    fromNamespace: dataPlaneNamespace, port: backend.port,
    cidrsProp: 'httpRoute.sourceCidrs', cidrs: options.sourceCidrs,
  });
  return { route, policy };
}

/**
 * The paths of a route: `paths`, or the one `path` (default `/`); each valid, none twice. A Prefix path matches the
 * same requests with or without a trailing '/' (Ingress `Prefix`, HTTPRoute `PathPrefix`), so `/a` and `/a/` are one.
 */
function routePaths(scope: Construct, prefix: string, options: { path?: string; paths?: string[] },
  pathType: RoutePathType): string[] {
  if (options.path !== undefined && options.paths !== undefined) {
    fail(scope, `'${prefix}.path' and '${prefix}.paths' are mutually exclusive: give one path or a list`);
  }
  checkArray(scope, `${prefix}.paths`, options.paths);
  const paths = options.paths ?? [options.path ?? '/'];
  if (paths.length === 0) {
    fail(scope, `'${prefix}.paths' is empty: give at least one path, e.g. "/"`);
  }
  paths.forEach((path, i) => {
    const prop = options.paths ? `${prefix}.paths[${i}]` : `${prefix}.path`;
    checkRoutePath(scope, prop, path);
    if (paths.indexOf(path) !== i) {
      fail(scope, `'${prop}' (${show(path)}) is a duplicate: each path can be routed once`);
    }
    const same = paths.findIndex(other => routeKey(other, pathType) === routeKey(path, pathType));
    if (same !== i) {
      fail(scope, `'${prop}' (${show(path)}) matches the same requests as ${show(paths[same])}: a Prefix path ignores `
        + 'a trailing \'/\'; give each path once');
    }
  });
  return paths;
}

/** A path as it matches requests: a Prefix path without its trailing '/'. */
function routeKey(path: string, pathType: RoutePathType): string {
  return pathType === RoutePathType.PREFIX && path.length > 1 ? path.replace(/\/+$/, '') : path;
}

function checkPathType(scope: Construct, prop: string, pathType: RoutePathType | undefined): RoutePathType {
  const type = pathType ?? RoutePathType.PREFIX;
  if (!Object.values(RoutePathType).includes(type)) {
    fail(scope, `'${prop}' (${show(pathType)}) must be RoutePathType.PREFIX or EXACT`);
  }
  return type;
}

function renderIngress(scope: Construct, backend: RouteBackend, options: ApiIngressOptions): k8s.KubeIngress {
  checkHostname(scope, 'ingress.host', options.host);
  const className = options.className ?? 'nginx';
  checkDnsSubdomain(scope, 'ingress.className', className);
  const pathType = checkPathType(scope, 'ingress.pathType', options.pathType);
  const paths = routePaths(scope, 'ingress', options, pathType);
  for (const path of paths) {
    const key = `${className} ${options.host}${routeKey(path, pathType)}`;
    claimRoute(scope, 'Ingress', key, `'ingress.host' and 'ingress.path' `
      + `(${options.host}${path}, class ${className})`);
  }
  if (options.tlsSecretName !== undefined) {
    checkDnsSubdomain(scope, 'ingress.tlsSecretName', options.tlsSecretName);
  }
  checkBoolean(scope, 'ingress.defaultBackend', options.defaultBackend);
  if (options.clusterIssuer !== undefined) {
    checkDnsSubdomain(scope, 'ingress.clusterIssuer', options.clusterIssuer);
    if (options.tlsSecretName === undefined) {
      fail(scope, `'ingress.clusterIssuer' (${show(options.clusterIssuer)}) needs 'ingress.tlsSecretName': the Secret `
        + 'cert-manager writes the certificate to');
    }
    claimCertificateSecret(scope, options.tlsSecretName);
  }
  const annotations = mergedAnnotations(scope, 'ingress.annotations', options.annotations,
    options.clusterIssuer ? { 'cert-manager.io/cluster-issuer': options.clusterIssuer } : {});
  checkIngressAnnotations(scope, annotations, options.clusterIssuer);
  const service = { service: { name: backend.name, port: { number: backend.servicePort } } };
  return new k8s.KubeIngress(scope, 'Ingress', {
    metadata: {
      name: backend.name,
      labels: backend.labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ingressClassName: className,
      ...(options.defaultBackend ? { defaultBackend: service } : {}),
      ...(options.tlsSecretName ? { tls: [{ hosts: [options.host], secretName: options.tlsSecretName }] } : {}),
      rules: [{
        host: options.host,
        http: { paths: paths.map(path => ({ path, pathType, backend: service })) },
      }],
    },
  });
}

/** The construct's annotations plus the user's; a key the construct sets keeps its value. */
export function mergedAnnotations(scope: Construct, prop: string, entries: MetadataEntry[] | undefined,
  own: Record<string, string>): Record<string, string> {
  const user = checkedEntries(scope, prop, entries, 'annotation');
  for (const [key, value] of Object.entries(user)) {
    if (Object.hasOwn(own, key) && own[key] !== value) {
      fail(scope, `'${prop}' sets ${show(key)} to ${show(value)}, but the construct sets it to ${show(own[key])}: `
        + 'leave that key to the construct');
    }
  }
  return { ...own, ...user };
}

function renderHttpRoute(scope: Construct, backend: RouteBackend, options: ApiHttpRouteOptions): ApiObject {
  checkDnsSubdomain(scope, 'httpRoute.gatewayName', options.gatewayName);
  checkDnsLabel(scope, 'httpRoute.gatewayNamespace', options.gatewayNamespace);
  checkArray(scope, 'httpRoute.hostnames', options.hostnames);
  const hostnames = options.hostnames ?? [];
  hostnames.forEach((host, i) => checkHostname(scope, `httpRoute.hostnames[${i}]`, host));
  if (options.sectionName !== undefined) {
    checkDnsSubdomain(scope, 'httpRoute.sectionName', options.sectionName);
  }
  const pathType = checkPathType(scope, 'httpRoute.pathType', options.pathType);
  const paths = routePaths(scope, 'httpRoute', options, pathType);
  const headers = checkHeaders(scope, options.headers);
  checkHttpRouteLimits(scope, options, paths, headers);
  // Header names match without regard to case, and a match requires all its headers in any order.
  const headerKey = JSON.stringify(headers.map(h => [h.name.toLowerCase(), h.value]).sort());
  for (const host of hostnames.length > 0 ? hostnames : ['*']) {
    for (const path of paths) {
      const gateway = `${options.gatewayNamespace}/${options.gatewayName}`;
      const key = `${gateway} ${host}${routeKey(path, pathType)} ${headerKey}`;
      const what = `'httpRoute.hostnames' and 'httpRoute.path' (${host}${path} on Gateway ${gateway}`
        + `${options.sectionName !== undefined ? `, listener ${options.sectionName}` : ''})`;
      // Routes on two listeners (sectionName) of a Gateway do not meet; a route without one attaches to every
      // listener: the same listener meets once (first claim), and a route without a listener meets any (the second:
      // untagged it conflicts with every claim, and the routes of a listener only with untagged ones).
      claimRoute(scope, 'HTTPRoute', `${key} listener ${options.sectionName ?? '*'}`, what);
      claimRoute(scope, 'HTTPRoute (any listener)', key, what,
        options.sectionName === undefined ? undefined : 'listener');
    }
  }
  const type = pathType === RoutePathType.EXACT
    ? HttpRouteSpecRulesMatchesPathType.EXACT : HttpRouteSpecRulesMatchesPathType.PATH_PREFIX;
  return new HttpRoute(scope, 'HttpRoute', {
    metadata: { name: backend.name, labels: backend.labels },
    spec: {
      parentRefs: [{
        name: options.gatewayName,
        namespace: options.gatewayNamespace,
        ...(options.sectionName ? { sectionName: options.sectionName } : {}),
      }],
      ...(hostnames.length > 0 ? { hostnames } : {}),
      rules: [{
        matches: paths.map(value => ({
          path: { type, value },
          ...(headers.length > 0 ? { headers } : {}),
        })),
        backendRefs: [{ name: backend.name, port: backend.servicePort }],
      }],
    },
  });
}

/** Header matches: an HTTP header name (RFC 7230 token) once each, a value. */
function checkHeaders(scope: Construct,
  headers: HttpHeaderMatch[] | undefined): Array<{ name: string; value: string }> {
  checkArray(scope, 'httpRoute.headers', headers);
  const seen = new Set<string>();
  return (headers ?? []).map((header, i) => {
    if (typeof header?.name !== 'string' || !/^[A-Za-z0-9!#$%&'*+\-.^_`|~]{1,256}$/.test(header.name)) {
      fail(scope, `'httpRoute.headers[${i}].name' (${show(header?.name)}) must be an HTTP header name`);
    }
    if (seen.has(header.name.toLowerCase())) {
      fail(scope, `'httpRoute.headers[${i}].name' (${show(header.name)}) is a duplicate: `
        + `header names are case-insensitive`);
    }
    seen.add(header.name.toLowerCase());
    checkString(scope, `httpRoute.headers[${i}].value`, header.value);
    return { name: header.name, value: header.value };
  });
}

interface IngressPolicy {
  readonly id: string;
  readonly name: string;
  readonly podLabels: Record<string, string>;
  /** The namespace admitted, if any (without one, only `cidrs`). */
  readonly fromNamespace?: string;
  readonly port: number;
  readonly cidrsProp: string;
  readonly cidrs?: string[];
}

/** Admits TCP traffic to `port` of the selected pods from one namespace and/or source CIDRs. */
function renderIngressPolicy(scope: Construct, backend: RouteBackend, policy: IngressPolicy): k8s.KubeNetworkPolicy {
  checkArray(scope, policy.cidrsProp, policy.cidrs);
  policy.cidrs?.forEach((cidr, i) => checkEgressCidr(scope, `${policy.cidrsProp}[${i}]`, cidr));
  return new k8s.KubeNetworkPolicy(scope, policy.id, {
    metadata: { name: policy.name, labels: backend.labels },
    spec: {
      podSelector: { matchLabels: policy.podLabels },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [
          ...(policy.fromNamespace === undefined ? []
          : [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: policy.fromNamespace } } }]),
          ...(policy.cidrs ?? []).map(cidr => ({ ipBlock: { cidr } })),
        ],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(policy.port) }],
      }],
    },
  });
}
