import { App, Chart } from 'cdk8s';
import {
  AzureIdentities, DurableApi, DurableTaskScheduler, DurableWorker, GitOpsDelivery, KedaTrigger, NamespaceBaseline,
  Scaling, TaskHubTenant, TenantsFile, WorkItemType, WorkloadIdentity,
} from '../lib';
import { DeliverySettings, ReferenceSettings, TenantSettings } from './settings';

/** The charts of the reference app, for tests and for infrastructure code that needs the subjects. */
export interface ReferenceApp {
  readonly system: Chart;
  /** The scheduler of the durable-system workloads (the tenants have theirs: `TaskHubTenant.scheduler`). */
  readonly scheduler: DurableTaskScheduler;
  readonly api: DurableApi;
  readonly worker: DurableWorker;
  readonly tenants: TaskHubTenant[];
  /** With `delivery` settings: the tenants file, the ASO charts and the GitOps charts (one per tenant + system). */
  readonly tenantsFile?: TenantsFile;
  readonly identities: AzureIdentities[];
  readonly gitOps: GitOpsDelivery[];
}

/**
 * Construct ids of the reference app. Chart ids name the output files; no other id reaches the output
 * (names and selectors are explicit), which the determinism tests check by building with other ids.
 */
export interface ReferenceIds {
  readonly systemChart: string;
  readonly baseline: string;
  readonly api: string;
  readonly worker: string;
  readonly tenantChart: (tenant: TenantSettings, index: number) => string;
  readonly kedaWorker: string;
  readonly orchestrationWorker: string;
  readonly activityWorker: string;
}

export const REFERENCE_IDS: ReferenceIds = {
  systemChart: 'durable-system',
  baseline: 'Baseline',
  api: 'Api',
  worker: 'Worker',
  tenantChart: tenant => tenant.namespace,
  kedaWorker: 'Worker',
  orchestrationWorker: 'Orchestrations',
  activityWorker: 'Activities',
};

/**
 * The standard AKS layout: namespace `durable-system` with the API (2 replicas, Ingress with TLS) and the
 * workers (HPA 3-20), plus one namespace per tenant task hub. The first tenant's worker scales with KEDA;
 * the others split orchestration and activity work into two HPA-scaled workers.
 */
export function buildReferenceApp(app: App, settings: ReferenceSettings,
  ids: ReferenceIds = REFERENCE_IDS): ReferenceApp {
  const scheduler = DurableTaskScheduler.fromEndpoint(settings.schedulerEndpoint);

  const system = new Chart(app, ids.systemChart, { namespace: 'durable-system' });
  new NamespaceBaseline(system, ids.baseline, { namespaceName: 'durable-system' });
  const api = new DurableApi(system, ids.api, {
    image: settings.apiImage,
    scheduler,
    taskHub: settings.systemTaskHub,
    identity: WorkloadIdentity.fromClientId(settings.apiClientId),
    ingress: {
      host: settings.apiHost,
      className: settings.ingressClassName,
      tlsSecretName: settings.tlsSecretName,
      clusterIssuer: settings.clusterIssuer,
    },
  });
  const worker = new DurableWorker(system, ids.worker, {
    image: settings.workerImage,
    scheduler,
    taskHub: settings.systemTaskHub,
    identity: WorkloadIdentity.fromClientId(settings.workerClientId),
    scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 20 }),
    preStopDelaySeconds: 5,
  });

  if (settings.delivery) {
    return { system, scheduler, api, worker, ...buildDelivery(app, settings.delivery,
      { system, api, worker, schedulerEndpoint: settings.schedulerEndpoint }) };
  }
  const tenants = settings.tenants.map((t, i) => {
    const tenant = new TaskHubTenant(app, ids.tenantChart(t, i), {
      namespaceName: t.namespace,
      taskHub: t.taskHub,
      scheduler,
      identity: WorkloadIdentity.fromClientId(t.clientId),
    });
    if (i === 0) {
      tenant.addWorker(ids.kedaWorker, {
        image: settings.workerImage,
        scaling: Scaling.keda({
          minReplicas: 1,
          maxReplicas: 10,
          triggers: [KedaTrigger.cpu(70, { name: 'cpu' }), KedaTrigger.memory(80, { name: 'memory' })],
        }),
      });
    } else {
      tenant.addWorker(ids.orchestrationWorker, {
        image: settings.workerImage,
        workItemType: WorkItemType.ORCHESTRATION,
        scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 5 }),
      });
      tenant.addWorker(ids.activityWorker, {
        image: settings.workerImage,
        workItemType: WorkItemType.ACTIVITY,
        scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 20 }),
      });
    }
    return tenant;
  });

  return { system, scheduler, api, worker, tenants, identities: [], gitOps: [] };
}

/**
 * Each tenant (and durable-system) adds charts `<name>-azure` and `<name>-gitops`: no tenant may be named so. A
 * tenant's chart id also names its output folder and its GitOps objects (Argo CD Application, Flux GitRepository and
 * Kustomization), which GitOpsDelivery takes as a DNS-1123 label: checked here, naming the file and the entry.
 */
function checkChartNames(file: string, names: string[], tenantNames: string[]): void {
  names.slice(1).forEach((id, i) => {
    const name = JSON.stringify(tenantNames[i]);
    if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(id)) {
      throw new Error(`${file}: tenants[${i}] ${name}: 'name' (${name}) names the `
        + "tenant's output folder and GitOps objects, which must be a DNS-1123 label: 1-63 lowercase letters, digits "
        + "or '-', starting and ending with a letter or digit ('namespace' and 'taskHub' can differ from it)");
    }
  });
  for (const name of names) {
    for (const chart of ['azure', 'gitops']) {
      if (names.includes(`${name}-${chart}`)) {
        throw new Error(`${file}: tenant "${name}-${chart}" has the name of the ${chart} chart of "${name}" `
          + `(every tenant gets "<name>-azure" and "<name>-gitops"): choose another name`);
      }
    }
  }
}

/**
 * The durable-system workloads connect to DURABLE_SCHEDULER_ENDPOINT, and their Azure identities are scoped to its
 * task hub: the tenants file must give that scheduler's Azure resource (a scheduler with an `azure` section).
 */
function checkSystemScheduler(fileName: string, file: TenantsFile, endpoint: string): void {
  const origin = new URL(endpoint).origin;
  if (!file.schedulerResources.some(s => new URL(s.endpoint).origin === origin)) {
    throw new Error(`${fileName}: schedulers: none with an azure section has the endpoint of the durable-system `
      + `workloads (${JSON.stringify(endpoint)}, DURABLE_SCHEDULER_ENDPOINT), whose Azure identities get roles on its `
      + 'task hub: add that scheduler with its azure section (subscriptionId, resourceGroup, schedulerName)');
  }
}

/**
 * Tenants from the tenants file; per tenant (and for durable-system) a chart of Azure identities (ASO) and a chart
 * of GitOps objects that applies the two, the three in a folder named after the tenant. Adding a tenant adds its
 * folder and changes no other file.
 */
function buildDelivery(app: App, delivery: DeliverySettings,
  sys: { system: Chart; api: DurableApi; worker: DurableWorker; schedulerEndpoint: string }):
Omit<ReferenceApp, 'system' | 'scheduler' | 'api' | 'worker'> {
  const file = TenantsFile.fromFile(delivery.tenantsFile);
  const tenants = file.addTenants(app);
  checkChartNames(delivery.tenantsFile, [Chart.of(sys.api).node.id, ...tenants.map(t => t.node.id)], file.tenantNames);
  checkSystemScheduler(delivery.tenantsFile, file, sys.schedulerEndpoint);
  const identities: AzureIdentities[] = [];
  const gitOps: GitOpsDelivery[] = [];
  const deliver = (name: string, chart: Chart, addIdentities: (azure: AzureIdentities) => number) => {
    // The ASO objects of a tenant's identities live in the tenant's namespace: ASO writes the client id of an
    // identity it creates there, where the tenant's pods can read it (one pull request), and they never move when a
    // client id is later copied into tenants.yaml (moving an ASO object recreates its Azure resource).
    const azure = new AzureIdentities(app, `${name}-azure`, {
      namespaceName: chart.namespace!,
      oidcIssuerUrl: delivery.oidcIssuerUrl,
      schedulers: file.schedulerResources,
    });
    const added = addIdentities(azure);
    const charts = added > 0 ? [chart, azure] : [chart];
    if (added > 0) identities.push(azure);
    // A tenant without `azure` sections gets no Azure file: drop the empty chart before synth.
    else app.node.tryRemoveChild(azure.node.id);
    // One folder per tenant (and one for durable-system) holds its files: workloads, Azure identities (if any), GitOps.
    const gitops = new GitOpsDelivery(app, `${name}-gitops`, { repoUrl: delivery.gitRepoUrl,
      revision: delivery.gitRevision, folder: name });
    gitops.deliver(name, charts);
    gitOps.push(gitops);
  };
  deliver(Chart.of(sys.api).node.id, sys.system, azure => {
    azure.addIdentity({ name: 'durable-worker', workloads: [sys.worker], existing: delivery.systemWorkerIdentity });
    azure.addIdentity({ name: 'durable-api', workloads: [sys.api], existing: delivery.systemApiIdentity });
    return 2;
  });
  for (const tenant of tenants) {
    deliver(tenant.node.id, tenant, azure => file.addAzureIdentities(azure, tenant));
  }
  return { tenants, tenantsFile: file, identities, gitOps };
}
