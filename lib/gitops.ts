import { ApiObject, App, Chart, Lazy, Names, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { Application } from '../imports/argoproj.io';
import { Kustomization, KustomizationSpecSourceRefKind } from '../imports/kustomize.toolkit.fluxcd.io';
import { GitRepository } from '../imports/source.toolkit.fluxcd.io';
import { DurableApp } from './app';
import { ClusterAddOn, GitOpsDeliveryProps } from './gitops-options';
import { ArgoCdDestination, checkArgoCdDestination } from './private/argo-destination';
import { checkAddOnKustomizations, checkRepoUrl, checkRevision, GitRepoUrl, GitRevision, KustomizationRef }
  from './private/git-source';
import {
  checkArray, checkDnsLabel, checkDnsSubdomain, checkInstance, checkRequired, fail, show,
} from './private/input-checks';
import { numbersChartFiles } from './private/output-folders';
import { DurableRegistry } from './private/registry';

/**
 * GitOps objects that apply other charts of the app, one output file each, as Argo CD `Application`s and/or Flux
 * `GitRepository` + `Kustomization`s. A chart of its own: it is not applied by what it delivers (apply it once, or
 * from a parent Application / Kustomization).
 *
 * Each delivered chart is addressed by its own output file: Argo CD selects the files with `directory.include`;
 * Flux has no file filter on a Kustomization, so each delivery gets a GitRepository whose `ignore` rules leave only
 * its files (one small artifact each, which changes only when they do). With `folder`, this chart's file and the
 * delivered charts' files go into one folder of the output (e.g. one per tenant). See docs/gitops.md.
 *
 * Add-ons: a chart whose objects use KEDA, Gateway API, cert-manager or ASO gets Flux `dependsOn` on the add-on's
 * Kustomization and the Argo CD sync option `SkipDryRunOnMissingResource=true` (the dry run fails while a CRD is
 * missing: https://argo-cd.readthedocs.io/en/stable/user-guide/sync-options/).
 */
export class GitOpsDelivery extends Chart {
  /** The output folder of this chart and the charts it delivers (`props.folder`), if any. */
  public readonly folder?: string;

  private readonly settings: {
    readonly repoUrl: GitRepoUrl; readonly revision: GitRevision; readonly path: string; readonly argoCd: boolean;
    readonly flux: boolean; readonly argoCdNamespace: string; readonly argoCdProject: string;
    readonly argoCdDestination: ArgoCdDestination;
    readonly fluxNamespace: string; readonly fluxSecretName?: string; readonly interval: string;
    readonly addOnKustomizations: { [addOn: string]: KustomizationRef };
    /** `addOnKustomizations` as given, if it is (else every add-on has its default name). */
    readonly addOnsGiven?: { readonly [addOn: string]: string };
  };

  private readonly delivered = new Map<Chart, string>();
  /** While toJson() renders: the add-ons each delivered chart uses, worked out once for the checks and dependsOn. */
  private addOnsByChart?: Map<Chart, ClusterAddOn[]>;

  public constructor(scope: Construct, id: string, props: GitOpsDeliveryProps) {
    super(scope, id);
    checkRequired(this, 'repoUrl', props?.repoUrl, 'the Git repository URL, e.g. "https://github.com/org/platform.git"');
    const repoUrl = checkRepoUrl(this, props.repoUrl);
    const revision = checkRevision(this, props.revision ?? 'main');
    // Written as Flux's docs write it (`./deploy/dist`) or with a trailing '/', it is the same folder to both engines
    // (argo-cd util/app/path `Path`: filepath.Join(repoRoot, path); kustomize-controller: securejoin of the path).
    const path = typeof props.path === 'string' ? props.path.replace(/^\.\//, '').replace(/\/+$/, '')
      : props.path ?? 'dist';
    if (!isRelativeFolder(path)) {
      fail(this, `'path' (${show(props.path)}) must be a relative folder of the repository: '/'-separated names of `
        + "letters, digits, '_', '-' or '.' (a leading './' and a trailing '/' are allowed), without a leading '/' or "
        + "'.' and '..' names, e.g. \"dist\" or \"deploy/dist\"");
    }
    this.checkOneFilePerChart();
    this.folder = this.checkFolder(props.folder);
    const argoCdNamespace = props.argoCdNamespace ?? 'argocd';
    const fluxNamespace = props.fluxNamespace ?? 'flux-system';
    checkDnsLabel(this, 'argoCdNamespace', argoCdNamespace);
    checkDnsLabel(this, 'fluxNamespace', fluxNamespace);
    const interval = props.interval ?? '10m';
    if (typeof interval !== 'string' || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(interval)) {
      fail(this, `'interval' (${show(interval)}) must be a Go duration, e.g. "10m" or "1h30m"`);
    }
    const argoCdProject = props.argoCdProject ?? 'default';
    checkDnsSubdomain(this, 'argoCdProject', argoCdProject);
    if (props.fluxSecretName !== undefined) {
      checkDnsSubdomain(this, 'fluxSecretName', props.fluxSecretName);
    }
    const argoCdDestination = checkArgoCdDestination(this, props.argoCdDestinationServer,
      props.argoCdDestinationName, props.flux ?? true);
    const addOnKustomizations = checkAddOnKustomizations(this, props.addOnKustomizations, Object.values(ClusterAddOn));
    this.settings = {
      repoUrl, revision, path, argoCd: props.argoCd ?? true, flux: props.flux ?? true, argoCdNamespace,
      argoCdProject, argoCdDestination, fluxNamespace, fluxSecretName: props.fluxSecretName, interval,
      addOnKustomizations,
      addOnsGiven: props.addOnKustomizations === undefined ? undefined : { ...props.addOnKustomizations },
    };
    if (!this.settings.argoCd && !this.settings.flux) {
      fail(this, "'argoCd' and 'flux' are both false: enable at least one");
    }
    if (this.settings.flux && repoUrl.ssh && props.fluxSecretName === undefined) {
      fail(this, `'fluxSecretName' is required with an SSH 'repoUrl' (${show(repoUrl.argoCd)}): Flux fetches over SSH `
        + `only with the key and known_hosts of a Secret in 'fluxNamespace' (${show(fluxNamespace)}); or set 'flux' `
        + 'to false');
    }
    if (this.folder !== undefined) {
      DurableRegistry.of(this).placeInFolder(this, this, this.folder);
    }
  }

  /** `folder`, checked: a relative folder, in an app that moves files into folders. */
  private checkFolder(folder: string | undefined): string | undefined {
    if (folder === undefined) {
      return undefined;
    }
    if (!isRelativeFolder(folder)) {
      fail(this, `'folder' (${show(folder)}) must be a relative folder of the output${FOLDER_RULE}, e.g. "tenant-a"`);
    }
    const root = this.node.root;
    if (!(root instanceof DurableApp)) {
      fail(this, `'folder' (${show(folder)}) needs a DurableApp: it moves the files into their folders after cdk8s `
        + 'writes them, while a plain App writes every file directly into its outdir');
    }
    return folder;
  }

  /** The GitOps objects name the charts' files: the app must write one file per chart. */
  private checkOneFilePerChart(): void {
    const root = this.node.root;
    if (root instanceof App && root.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
      fail(this, `needs an app whose 'yamlOutputType' (YamlOutputType.${YamlOutputType[root.yamlOutputType]}) is `
        + 'YamlOutputType.FILE_PER_CHART (the default), which writes one file per chart: the GitOps objects apply the '
        + "charts' files by name");
    }
  }

  /**
   * Renders the chart, and fails when the delivered files are not where its objects look for them: a delivered chart
   * in another output folder than this chart's `folder` (placed there by another GitOpsDelivery), or, outside a
   * folder, files that cdk8s numbers (`0000-<chart>.k8s.yaml`, when charts depend on each other) while the objects
   * name them without the number. In a folder the files keep their plain names.
   */
  public override toJson(): any[] {
    this.addOnsByChart = new Map([...this.delivered.keys()].map(chart => [chart, addOnsOf([chart])]));
    let objects: any[];
    try {
      objects = super.toJson();
      this.checkAddOnsNamed();
    } finally {
      this.addOnsByChart = undefined;
    }
    const registry = DurableRegistry.of(this);
    for (const [chart, name] of this.delivered) {
      const folder = registry.outputFolders().get(chart);
      if (folder !== this.folder) {
        fail(this, `chart ${chart.node.path} (delivered as ${show(name)}) is written into output folder `
          + `${show(folder ?? '.')}, but this GitOpsDelivery applies files from ${show(this.folder ?? '.')}: deliver `
          + "it from a GitOpsDelivery with that 'folder'");
      }
    }
    const root = this.node.root;
    if (this.folder === undefined && this.delivered.size > 0 && root instanceof App
      && registry.chartFilesNumbered(() => numbersChartFiles(root.charts))) {
      fail(this, 'cdk8s numbers the output files (e.g. "0000-<chart>.k8s.yaml") because charts of the app depend on '
        + "each other, and the GitOps objects name the files without the number: set 'folder' (DurableApp keeps "
        + 'plain names there) or remove the dependencies between charts');
    }
    return objects;
  }

  /**
   * With `addOnKustomizations` given and Flux on, every add-on a delivered chart uses must be in it. A Flux
   * Kustomization waits for each `dependsOn` Kustomization to exist and be ready, retrying forever: for a name that
   * does not exist it reports "dependency '<ns>/<name>' not found" and applies nothing (fluxcd/kustomize-controller
   * internal/controller/kustomization_controller.go: `checkDependencies`, and `Reconcile`, which marks the
   * Kustomization DependencyNotReady and requeues after `--requeue-dependency`). A map that renames some add-ons
   * says the platform names its Kustomizations otherwise, so a default name for a left-out add-on is a guess.
   */
  private checkAddOnsNamed(): void {
    const given = this.settings.addOnsGiven;
    if (given === undefined || !this.settings.flux) return;
    for (const [chart, name] of this.delivered) {
      const missing = this.addOnsByChart!.get(chart)!.find(addOn => !Object.hasOwn(given, addOn));
      if (missing !== undefined) {
        fail(this, `'addOnKustomizations' (${show(given)}) has no ${show(missing)}, which chart ${chart.node.path} `
          + `(delivered as ${show(name)}) uses: add ${show(missing)} to 'addOnKustomizations' with the name of the `
          + `Flux Kustomization that installs it (${show(missing)} if the platform runs it under its default name); `
          + `left out, the Kustomization ${show(name)} would depend on one named ${show(missing)}, and Flux waits `
          + 'forever for a dependency that does not exist, applying nothing');
      }
    }
  }

  /** The add-ons `charts` use, in ClusterAddOn order: from what toJson() worked out, when it is rendering. */
  private addOnsOf(charts: readonly Chart[]): ClusterAddOn[] {
    const cached = this.addOnsByChart;
    if (cached === undefined || !charts.every(chart => cached.has(chart))) return addOnsOf(charts);
    const used = new Set(charts.flatMap(chart => cached.get(chart)!));
    return ADD_ON_ORDER.filter(a => used.has(a));
  }

  /**
   * Adds the objects (named `name`) that apply the output files of `charts`, e.g. a tenant's chart and the chart of
   * its Azure identities. Each chart is applied by one GitOpsDelivery entry only.
   */
  public deliver(name: string, charts: Chart[]): void {
    checkDnsLabel(this, 'name', name);
    if (!Array.isArray(charts) || charts.length === 0) {
      fail(this, `'charts' of ${show(name)} (${show(charts)}) must be a non-empty list of charts of the same app`);
    }
    checkArray(this, 'charts', charts);
    charts.forEach((chart, i) => {
      checkInstance(this, `charts[${i}]`, chart, Chart, 'a Chart of the same app');
      if (chart === this || chart.node.root !== this.node.root) {
        fail(this, `'charts[${i}]' (${chart.node.path}) must be another chart of the same app, not `
          + (chart === this ? 'this GitOpsDelivery chart itself' : 'a chart of another app'));
      }
      const earlier = this.delivered.get(chart);
      if (earlier !== undefined) {
        fail(this, `'charts[${i}]' (${chart.node.path}) is already delivered by ${show(earlier)}: apply `
          + `each chart from one place only`);
      }
      this.delivered.set(chart, name);
      DurableRegistry.of(this).claim(this, { kind: 'DeliveredChart', key: chart.node.path }, first =>
        `'charts[${i}]' (${chart.node.path}) is already delivered by ${first}: apply each chart from one place only`);
    });
    DurableRegistry.of(this).claim(this, { kind: 'GitOpsName', key: name }, first =>
      `GitOps name ${show(name)} is already used by ${first}: give each delivery its own name`);
    if (this.folder !== undefined) {
      charts.forEach(chart => DurableRegistry.of(this).placeInFolder(this, chart, this.folder!));
    }
    const root = this.node.root;
    const extension = root instanceof App ? root.outputFileExtension : '.k8s.yaml';
    // The names cdk8s gives the charts' files (SimpleChartNamer); charts with dependencies get an index prefix.
    const files = charts.map(chart => `${Names.toDnsLabel(chart)}${extension}`);
    const s = this.settings;
    // Where the files are in the repository: in the folder, which DurableApp writes without index prefixes.
    const sourcePath = this.folder === undefined ? s.path : `${s.path}/${this.folder}`;
    // With an add-on, the Argo CD sync skips the dry run of missing CRDs and the Flux Kustomization depends on the
    // add-on's Kustomization. Both are worked out at synth (cdk8s resolves Lazy values when it renders), so workloads
    // added to a chart after deliver() count; undefined leaves the field out.
    const addOns = () => this.addOnsOf(charts);
    const syncOptions = Lazy.any({ produce: () => (addOns().length > 0 ? ['SkipDryRunOnMissingResource=true']
      : undefined) }) as unknown as string[];
    const dependsOn = Lazy.any({ produce: () => {
      const used = addOns();
      return used.length > 0 ? used.map(a => s.addOnKustomizations[a]) : undefined;
    } }) as unknown as KustomizationRef[];
    if (s.argoCd) {
      new Application(this, `${name}-application`, {
        // Deleting the Application (e.g. when the parent prunes a removed tenant's GitOps file) deletes what it
        // applied, as Flux does when a Kustomization with `prune: true` is deleted (`deletionPolicy` MirrorPrune).
        // Without this finalizer Argo CD deletes the Application only and leaves its objects running
        // (argo-cd docs/user-guide/app_deletion.md, "About The Deletion Finalizer").
        metadata: { name, namespace: s.argoCdNamespace, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
        spec: {
          project: s.argoCdProject,
          source: { repoUrl: s.repoUrl.argoCd, targetRevision: s.revision.argoCd, path: sourcePath,
            directory: { include: files.length === 1 ? files[0] : `{${files.join(',')}}` } },
          // The objects name their namespaces; the destination only names the cluster. No CreateNamespace=true: it
          // creates only `spec.destination.namespace` (argo-cd docs/user-guide/sync-options.md, "Create Namespace"),
          // so a namespace the platform owns (TaskHubTenant `baseline.createNamespace: false`) is neither created nor,
          // never applied by the Application, pruned; Flux creates no namespace either and prunes only its inventory
          // (flux kustomize-controller docs/spec/v1/kustomizations.md, "Target namespace", "Prune").
          destination: { ...s.argoCdDestination },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions },
        },
      });
    }
    if (s.flux) {
      new GitRepository(this, `${name}-source`, {
        metadata: { name, namespace: s.fluxNamespace },
        spec: {
          url: s.repoUrl.flux, interval: s.interval, ref: s.revision.flux, ignore: onlyFiles(sourcePath, files),
          ...(s.fluxSecretName !== undefined ? { secretRef: { name: s.fluxSecretName } } : {}),
        },
      });
      new Kustomization(this, `${name}-kustomization`, {
        metadata: { name, namespace: s.fluxNamespace },
        spec: {
          interval: s.interval,
          sourceRef: { kind: KustomizationSpecSourceRefKind.GIT_REPOSITORY, name },
          path: `./${sourcePath}`,
          prune: true,
          dependsOn,
        },
      });
    }
  }
}

/** How `isRelativeFolder` wants a folder written (Flux gets "./" + path; Argo CD and the output take it as is). */
const FOLDER_RULE = ": '/'-separated names of letters, digits, '_', '-' or '.', without a leading './' or '/', a "
  + "trailing '/', or '.' and '..' names";

function isRelativeFolder(folder: unknown): folder is string {
  return typeof folder === 'string' && /^[\w.-]+(\/[\w.-]+)*$/.test(folder)
    && folder.split('/').every(segment => segment !== '.' && segment !== '..');
}

/** The order of the add-ons in `dependsOn`. */
const ADD_ON_ORDER: readonly ClusterAddOn[] = Object.freeze([ClusterAddOn.KEDA, ClusterAddOn.CERT_MANAGER,
  ClusterAddOn.GATEWAY_API, ClusterAddOn.AZURE_SERVICE_OPERATOR]);

/** The add-ons whose APIs the charts' objects use, in ClusterAddOn order (worked out at synth). */
function addOnsOf(charts: readonly Chart[]): ClusterAddOn[] {
  const found = new Set<ClusterAddOn>();
  for (const o of charts.flatMap(c => c.node.findAll()).filter((c): c is ApiObject => c instanceof ApiObject)) {
    if (o.apiGroup === 'keda.sh') found.add(ClusterAddOn.KEDA);
    if (o.apiGroup === 'gateway.networking.k8s.io') found.add(ClusterAddOn.GATEWAY_API);
    if (o.apiGroup.endsWith('.azure.com')) found.add(ClusterAddOn.AZURE_SERVICE_OPERATOR);
    const annotations: Record<string, string> = o.kind === 'Ingress' ? o.toJson().metadata?.annotations ?? {} : {};
    if (annotations['cert-manager.io/cluster-issuer'] || annotations['cert-manager.io/issuer']) {
      found.add(ClusterAddOn.CERT_MANAGER);
    }
  }
  return ADD_ON_ORDER.filter(a => found.has(a));
}

/**
 * .gitignore rules that keep only `path/file`: a file is re-included only when its folders are (git cannot
 * re-include a file under an excluded folder), so each folder level is excluded and its one entry re-included.
 */
function onlyFiles(path: string, files: string[]): string {
  const rules = ['/*'];
  let prefix = '';
  for (const segment of path.split('/')) {
    rules.push(`!${prefix}/${segment}/`, `${prefix}/${segment}/*`);
    prefix = `${prefix}/${segment}`;
  }
  rules.push(...files.map(file => `!${prefix}/${file}`));
  return rules.join('\n') + '\n';
}
