/** Cluster add-ons whose APIs synthesized objects use, which must be installed before those objects apply. */
export enum ClusterAddOn {
  /** KEDA (ScaledObject, TriggerAuthentication). */
  KEDA = 'keda',
  /** cert-manager (the `cert-manager.io/cluster-issuer` Ingress annotation). */
  CERT_MANAGER = 'cert-manager',
  /** Gateway API (HTTPRoute). */
  GATEWAY_API = 'gateway-api',
  /** Azure Service Operator v2 (identities, federated credentials, role assignments). */
  AZURE_SERVICE_OPERATOR = 'azure-service-operator',
}

/** Props of `GitOpsDelivery`. */
export interface GitOpsDeliveryProps {
  /**
   * URL of the Git repository that holds the synthesized YAML: `https://host/path`, `http://host[:port]/path` (an
   * in-cluster Git server; Argo CD and Flux then send any credentials unencrypted), `ssh://[user@]host[:port]/path`
   * or the scp-like `git@host:path`, without credentials (they belong in Secrets: an Argo CD repository or credential
   * template, and `fluxSecretName` for Flux). Argo CD gets the URL as given; Flux, whose GitRepository takes no
   * scp-like URLs, gets `git@host:path` as `ssh://git@host/path` (the same repository on GitHub, GitLab, Azure DevOps
   * and Bitbucket; on a plain SSH server where the path is relative to the home directory, give the `ssh://` URL).
   */
  readonly repoUrl: string;
  /**
   * Git revision to deliver, the same for Argo CD (`targetRevision`) and Flux (`GitRepository.spec.ref`):
   * a branch name (Flux `ref.branch`), `refs/heads/<branch>`, `refs/tags/<tag>` (Flux `ref.tag`), another
   * `refs/...` name (Flux `ref.name`), or a full 40-hex commit id (any case, written in lower case; Flux
   * `ref.commit`). Names git rejects (git check-ref-format) fail, and so do names the two engines would read
   * differently: `HEAD`, abbreviated commit ids, and bare names that look like versions (`v1.2.3`, `1.x`): write
   * `refs/tags/v1.2.3` for a tag.
   *
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * Folder of the synthesized YAML in the repository: the app's `outdir`, relative to the repository root. Set it
   * when the app writes elsewhere than `dist` (e.g. `new DurableApp({ outdir: 'manifests' })` or
   * `cdk8s synth -o manifests`): Argo CD and Flux look for the files here. `./deploy/dist` and `deploy/dist/` are
   * `deploy/dist`.
   *
   * @default 'dist'
   */
  readonly path?: string;
  /**
   * Output folder of this chart's file and of the files of the charts it delivers, relative to the app's outdir
   * (and to `path` in the repository), e.g. the tenant's name: a tenant's workloads, Azure identities and GitOps
   * objects then share one folder, so adding a tenant adds one folder to the output. Needs a `DurableApp` writing
   * one file per chart (the default): it moves the files into their folders after cdk8s writes them.
   *
   * @default - the files stay directly in the outdir
   */
  readonly folder?: string;
  /**
   * Render an Argo CD `Application` per delivered chart.
   *
   * @default true
   */
  readonly argoCd?: boolean;
  /**
   * Render a Flux `GitRepository` and `Kustomization` per delivered chart.
   *
   * @default true
   */
  readonly flux?: boolean;
  /**
   * Namespace of Argo CD (where Applications live).
   *
   * @default 'argocd'
   */
  readonly argoCdNamespace?: string;
  /**
   * Argo CD project (AppProject name, a DNS-1123 subdomain) of the Applications.
   *
   * @default 'default'
   */
  readonly argoCdProject?: string;
  /**
   * The cluster the Argo CD Applications deploy to, by the URL of its API server (`spec.destination.server`): an
   * `https://` URL without credentials, query or fragment, as the cluster is registered in Argo CD (a central Argo CD
   * managing several clusters). Argo CD takes the server URL or the cluster's name, not both: give at most one of
   * this and `argoCdDestinationName`. A cluster other than Argo CD's own needs `flux: false`: a Flux Kustomization
   * applies to the cluster Flux runs in, so Flux runs in each cluster instead (see docs/gitops.md, "Several
   * clusters"). A restricted AppProject must allow the cluster as a destination.
   *
   * @default - 'https://kubernetes.default.svc' (the cluster Argo CD runs in), unless `argoCdDestinationName` is set
   */
  readonly argoCdDestinationServer?: string;
  /**
   * The cluster the Argo CD Applications deploy to, by its name in Argo CD (`spec.destination.name`: the `name` of
   * the cluster's Secret, e.g. `in-cluster` or `aks-westeurope`). Argo CD takes the server URL or the cluster's name,
   * not both: give at most one of this and `argoCdDestinationServer`. A cluster other than `in-cluster` needs
   * `flux: false`, as for `argoCdDestinationServer`.
   *
   * @default - the server 'https://kubernetes.default.svc' (see `argoCdDestinationServer`)
   */
  readonly argoCdDestinationName?: string;
  /**
   * Namespace of the Flux objects.
   *
   * @default 'flux-system'
   */
  readonly fluxNamespace?: string;
  /**
   * Name of the Secret in `fluxNamespace` with the Git credentials of the Flux GitRepositories (`spec.secretRef`):
   * `identity` and `known_hosts` for SSH, `username` and `password` (or `bearerToken`) for HTTP(S). Required with an
   * SSH `repoUrl` when `flux` is on: Flux fetches over SSH only with a key and known hosts.
   *
   * @default - no Secret: a public HTTPS repository
   */
  readonly fluxSecretName?: string;
  /**
   * Reconcile interval of the Flux objects.
   *
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * Names of the Flux Kustomizations that install each add-on, keyed by {@link ClusterAddOn} value (other keys
   * fail): `<name>` in `fluxNamespace`, or `<namespace>/<name>` (Flux must allow cross-namespace references).
   * A delivered chart that uses an add-on's API gets `dependsOn` on it. Given, it must name every add-on the
   * delivered charts use (with Flux on): one left out fails at synth, naming the chart, rather than falling back to
   * its default name, which Flux would wait for forever if the platform names that Kustomization otherwise.
   *
   * @default - each add-on's Kustomization is named like its ClusterAddOn value (e.g. 'keda')
   */
  readonly addOnKustomizations?: { [addOn: string]: string };
}
