import { IConstruct } from 'constructs';
import { ApiHttpRouteOptions } from '../exposure-options';
import { fail, show } from './input-checks';
import { warn } from './warnings';

/**
 * Ingress classes whose proxies run outside the cluster: Application Gateway (AGIC,
 * `azure-application-gateway`) and Application Gateway for Containers (ALB controller, `azure-alb-external`). Their
 * traffic comes from the gateway's subnet, not from the controller namespace the NetworkPolicy admits.
 */
const OUT_OF_CLUSTER_CLASSES: readonly string[] = Object.freeze(['azure-application-gateway', 'azure-alb-external']);

/** The annotation the API server refuses next to `spec.ingressClassName` (networking validation, on create). */
const LEGACY_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** cert-manager's ingress-shim annotations; the construct sets the cluster issuer and admits the HTTP-01 solver. */
const CERT_MANAGER_ANNOTATIONS: readonly string[] = Object.freeze([
  'cert-manager.io/cluster-issuer', 'cert-manager.io/issuer', 'kubernetes.io/tls-acme',
]);

/** cert-manager's annotation for a namespaced Issuer. */
export const NAMESPACED_ISSUER = 'cert-manager.io/issuer';

/** Whether the class's proxies run outside the cluster (their controller pods forward no requests). */
export function isOutOfClusterClass(className: string): boolean {
  return OUT_OF_CLUSTER_CLASSES.includes(className);
}

/** An Ingress of a class whose proxies run outside the cluster needs the CIDRs they come from. */
export function checkIngressSources(scope: IConstruct, className: string, cidrs: string[] | undefined): void {
  if (OUT_OF_CLUSTER_CLASSES.includes(className) && (cidrs === undefined || cidrs.length === 0)) {
    fail(scope, `'ingress.sourceCidrs' is required for ingress class ${show(className)}: its proxies run outside the `
      + "cluster, so requests come from the gateway's subnet, not from the controller namespace; give that subnet's "
      + 'CIDR, or the namespace\'s default deny blocks every request');
  }
}

/**
 * Annotations the Ingress must not carry next to what the construct renders: the legacy class annotation (the API
 * server rejects it with `spec.ingressClassName`: "can not be set when the class field is also set"), and
 * cert-manager's annotations other than the construct's own (they would issue a certificate without the policy that
 * admits cert-manager's HTTP-01 solver, or, next to 'clusterIssuer', make ingress-shim refuse the Ingress).
 */
export function checkIngressAnnotations(scope: IConstruct, annotations: Record<string, string>,
  clusterIssuer: string | undefined): void {
  if (Object.hasOwn(annotations, LEGACY_CLASS_ANNOTATION)) {
    fail(scope, `'ingress.annotations' sets ${show(LEGACY_CLASS_ANNOTATION)}, which the API server rejects next to `
      + "spec.ingressClassName: set the class with 'ingress.className'");
  }
  for (const key of CERT_MANAGER_ANNOTATIONS) {
    // The construct sets the cluster issuer itself; a namespaced Issuer (e.g. DNS-01 with Azure DNS) has no prop, so
    // its annotation is allowed unless 'clusterIssuer' is set too (ingress-shim refuses an Ingress with both).
    const own = key === 'cert-manager.io/cluster-issuer' ? clusterIssuer !== undefined
      : key === NAMESPACED_ISSUER && clusterIssuer === undefined;
    if (Object.hasOwn(annotations, key) && !own) {
      fail(scope, `'ingress.annotations' sets ${show(key)}: let the construct ask cert-manager for the certificate `
        + "with 'ingress.clusterIssuer' and 'ingress.tlsSecretName', so that it also admits cert-manager's HTTP-01 "
        + 'solver through the namespace\'s default deny');
    }
  }
  // ingress-nginx refuses snippet annotations unless its administrator allows them (`allow-snippet-annotations`,
  // false by default since controller v1.9): its admission webhook rejects the Ingress ("... annotation cannot be
  // used. Snippet directives are disabled by the Ingress administrator"). From v1.12 they are also "Critical" risk
  // annotations, refused unless `annotations-risk-level` is Critical (kubernetes/ingress-nginx
  // internal/ingress/controller/config/config.go `NewDefault`: AllowSnippetAnnotations false, AnnotationsRiskLevel
  // "High"). A warning: the settings are the cluster's.
  const snippets = Object.keys(annotations).filter(key => /^nginx\.ingress\.kubernetes\.io\/[\w-]*snippet$/.test(key));
  if (snippets.length > 0) {
    warn(scope, `'ingress.annotations' sets ${snippets.map(k => show(k)).join(', ')}: ingress-nginx rejects snippet `
      + "annotations unless its administrator allows them ('allow-snippet-annotations', false by default since "
      + "controller v1.9, and from v1.12 'annotations-risk-level' Critical, High by default); make sure yours does, "
      + 'or configure it without a snippet');
  }
}

/** Limits of an HTTPRoute rule (Gateway API v1.4 CRD: maxItems, minLength and maxLength). */
export function checkHttpRouteLimits(scope: IConstruct, options: ApiHttpRouteOptions, paths: string[],
  headers: Array<{ name: string; value: string }>): void {
  const most = (prop: string, count: number, max: number, what: string) => {
    if (count > max) {
      fail(scope, `'${prop}' has ${count} ${what}: an HTTPRoute takes at most ${max}`);
    }
  };
  most('httpRoute.hostnames', options.hostnames?.length ?? 0, 16, 'host names');
  most('httpRoute.paths', paths.length, 64, 'paths (one match each)');
  most('httpRoute.headers', headers.length, 16, 'headers');
  paths.forEach((path, i) => {
    if (path.length > 1024) {
      const prop = options.paths ? `httpRoute.paths[${i}]` : 'httpRoute.path';
      fail(scope, `'${prop}' (${show(`${path.slice(0, 40)}...`)}) is ${path.length} characters long: an HTTPRoute path `
        + 'has at most 1024');
    }
  });
  headers.forEach(({ value }, i) => {
    if (value.length === 0) {
      fail(scope, `'httpRoute.headers[${i}].value' ("") must not be empty: an HTTPRoute matches a header value of `
        + '1-4096 characters');
    }
    if (value.length > 4096) {
      fail(scope, `'httpRoute.headers[${i}].value' (${show(`${value.slice(0, 40)}...`)}) is ${value.length} characters `
        + 'long: an HTTPRoute matches a header value of 1-4096 characters');
    }
  });
}
