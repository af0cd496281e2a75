import { IConstruct } from 'constructs';
import { fail, parseHttpsUrl, show, showUrl } from './input-checks';

/**
 * Argo CD's own cluster: server `KubernetesInternalAPIServerAddr` and name "in-cluster" (argo-cd util/db/cluster.go,
 * `localCluster`; a cluster Secret for that server may rename it).
 */
const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';
const IN_CLUSTER_NAME = 'in-cluster';

/** `spec.destination` of an Argo CD Application: the cluster's server URL or its name, never both. */
export interface ArgoCdDestination {
  readonly server?: string;
  readonly name?: string;
}

/**
 * The Argo CD destination of GitOpsDelivery, checked: `argoCdDestinationServer` or `argoCdDestinationName`, at most
 * one (default: the cluster Argo CD runs in, by server URL).
 *
 * Argo CD rejects an Application that gives both: "application destination can't have both name and server defined"
 * (argo-cd util/argo/argo.go `ValidateDestination`, an InvalidSpecError condition, and the CEL rule "destination
 * can't have both name and server defined" on the Application spec). A name is looked up among the cluster Secrets'
 * `name`, a server URL among their `server` (the same function, and `ValidatePermissions`: "cluster '<server>' has not
 * been configured"), so both are rendered as given. Flux has no destination: a Kustomization applies to the cluster
 * Flux runs in unless `spec.kubeConfig` names another (fluxcd/kustomize-controller docs/spec/v1/kustomizations.md,
 * "KubeConfig (Remote clusters)"), so a destination other than Argo CD's own cluster needs `flux: false`.
 */
export function checkArgoCdDestination(scope: IConstruct, server: unknown, name: unknown, flux: boolean):
ArgoCdDestination {
  if (server !== undefined && name !== undefined) {
    fail(scope, `'argoCdDestinationServer' (${showUrl(server)}) and 'argoCdDestinationName' (${show(name)}) are both `
      + "set: Argo CD takes the cluster's server URL or its name, not both (it rejects the Application: \"application "
      + 'destination can\'t have both name and server defined"): give one');
  }
  if (name !== undefined) {
    if (typeof name !== 'string' || name.length === 0 || name.trim() !== name) {
      fail(scope, `'argoCdDestinationName' (${show(name)}) must be the name of a cluster registered in Argo CD (the `
        + "'name' of its cluster Secret): a non-empty string without leading or trailing spaces, e.g. "
        + '"aks-westeurope"');
    }
    checkFluxOff(scope, 'argoCdDestinationName', name, name !== IN_CLUSTER_NAME, flux);
    return { name };
  }
  if (server === undefined) {
    return { server: IN_CLUSTER_SERVER };
  }
  if (!isClusterUrl(server)) {
    fail(scope, `'argoCdDestinationServer' (${showUrl(server)}) must be the https:// URL of the cluster's API server `
      + 'as registered in Argo CD, without credentials, spaces, query or fragment, e.g. '
      + '"https://aks-westeurope-1a2b3c4d.hcp.westeurope.azmk8s.io:443"');
  }
  checkFluxOff(scope, 'argoCdDestinationServer', server, server !== IN_CLUSTER_SERVER, flux);
  return { server };
}

function checkFluxOff(scope: IConstruct, prop: string, value: string, remote: boolean, flux: boolean): void {
  if (remote && flux) {
    fail(scope, `'${prop}' (${show(value)}) sends the Argo CD Applications to another cluster than Argo CD's own, `
      + "while the Flux Kustomizations apply to the cluster Flux runs in: set 'flux' to false (Flux runs in each "
      + 'cluster instead, applying that cluster\'s output)');
  }
}

/** An https:// URL with a host, and no credentials, whitespace, query or fragment. */
function isClusterUrl(value: unknown): value is string {
  return parseHttpsUrl(value) !== undefined && !(value as string).includes('?') && !(value as string).includes('#');
}
