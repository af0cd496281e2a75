import { App, Chart } from 'cdk8s';
import {
  DurableApi, DurableApiOptions, DurableApp, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker,
  DurableWorkloadOptions, MetricsScraper, NamespaceBaseline, Scaling, TaskHubTenant, TaskHubTenantProps,
} from '../lib';
import { buildReferenceApp, REFERENCE_IDS } from './reference-app';
import { ReferenceSettings } from './settings';

/** The charts of the dev profile. */
export interface DevApp {
  readonly system: Chart;
  readonly emulator: DurableTaskSchedulerEmulator;
  readonly api: DurableApi;
  readonly worker: DurableWorker;
  readonly tenants: TaskHubTenant[];
}

/**
 * Variable that the dev profile's workloads get a connection string in (`Authentication=None`), when their production
 * scheduler names none (with one, the dev profile's connection string keeps that name).
 */
export const DEV_CONNECTION_STRING_ENV = 'DTS_CONNECTION_STRING';

/**
 * Variables the Azure Workload Identity webhook sets on a pod with an identity, which a workload with one may repeat in
 * its `env` only with the identity's values: they describe the production identity, which the dev profile has not.
 */
const IDENTITY_ENV = ['AZURE_CLIENT_ID', 'AZURE_TENANT_ID', 'AZURE_AUTHORITY_HOST', 'AZURE_FEDERATED_TOKEN_FILE'];

/**
 * The dev profile of the reference app (`npm run synth:dev` → dist-dev/), for a local kind or minikube cluster.
 * It mirrors production: it builds the production app (without synthesizing it) and builds every workload again from
 * the options its production twin was built with (`options`), so each namespace, task hub, workload name and setting
 * is production's, except what needs Azure or the production cluster (docs/emulator.md, *The dev profile*):
 *
 * - the DTS emulator runs in `durable-system` (Deployment, Service, NetworkPolicy) and every workload binds to it
 *   (`http://` endpoint, `Authentication=None`, the scheduler variables under their production names, plus a
 *   connection string in `DTS_CONNECTION_STRING` where production names none), with an egress policy to it;
 * - no workload identity (no client id annotations or labels, no identity variables in `env`), no shared
 *   ServiceAccount, no Azure identities (ASO) or GitOps files;
 * - the API has no Ingress, HTTPRoute, TLS, cert-manager annotations or load balancer (reach it with
 *   `kubectl port-forward`);
 * - every workload runs one fixed replica (no HPA, ScaledObject or PodDisruptionBudget);
 * - each tenant keeps its baseline settings (`options`: quota, limits, egress CIDRs), but creates its namespace even
 *   where production adopts the platform's, and gets the default baseline where production has none;
 * - no node selector, tolerations, affinity or PriorityClass (production's nodes and classes), no Azure managed
 *   Prometheus PodMonitor.
 */
export function buildDevApp(app: App, settings: ReferenceSettings): DevApp {
  // Built, never synthesized; a DurableApp because the production app puts each tenant's files into a folder.
  const production = buildReferenceApp(new DurableApp(), settings);

  const system = new Chart(app, Chart.of(production.api).node.id, { namespace: production.api.namespaceName });
  new NamespaceBaseline(system, REFERENCE_IDS.baseline, { namespaceName: production.api.namespaceName });
  const emulator = new DurableTaskSchedulerEmulator(system, 'Emulator');
  const local = emulatorSchedulers(emulator);
  const api = new DurableApi(system, REFERENCE_IDS.api, {
    ...devApiOptions(production.api.options), scheduler: local(production.scheduler), taskHub: production.api.taskHub,
  });
  const worker = new DurableWorker(system, REFERENCE_IDS.worker, {
    ...devOptions(production.worker.options), scheduler: local(production.scheduler),
    taskHub: production.worker.taskHub,
  });

  const tenants = production.tenants.map(prod => {
    const tenant = new TaskHubTenant(app, prod.node.id, devTenantProps(prod.options, local(prod.scheduler)));
    for (const w of prod.workers) tenant.addWorker(w.node.id, devOptions(w.options));
    for (const a of prod.apis) tenant.addApi(a.node.id, devApiOptions(a.options));
    for (const c of prod.clients) tenant.addClient(c.node.id, devOptions(c.options));
    return tenant;
  });
  return { system, emulator, api, worker, tenants };
}

/**
 * A production tenant's props for the dev profile: the namespace, the task hub and the baseline settings carry over
 * (`quota` and `limitRange`, so the same workloads fit the same quota; `httpsEgressCidrs` and `podSecurityVersion`, so
 * the pods meet the same policies and Pod Security version), except what a local cluster lacks:
 *
 * - the scheduler: the emulator binding; `identity` and `apiIdentity`: no workload identity locally;
 * - `baseline.createNamespace: false` (production adopts a namespace the platform owns): no platform creates it
 *   locally, so the tenant creates it, with Pod Security `restricted` at the default version (production's is the
 *   platform's and cannot be given with an adopted namespace);
 * - `createBaseline: false` (the platform owns the namespace and its quota, limits and policies): the tenant gets the
 *   default baseline locally. The namespace must exist, and a namespace with workloads needs default-deny policies
 *   (the validator's `namespace-default-deny` rule), like the platform's in production. Its quota is the default one:
 *   workloads that need more at one replica fail the dev build.
 *
 * An egress CIDR list narrowed to Azure ranges blocks nothing the dev profile needs: the emulator is reached over
 * its own egress policy (port 8080 into `durable-system`), and HTTPS elsewhere is blocked as in production.
 */
export function devTenantProps(props: TaskHubTenantProps, scheduler: DurableTaskScheduler): TaskHubTenantProps {
  const { createNamespace: _adopted, ...baseline } = props.baseline ?? {};
  return {
    ...props,
    scheduler,
    identity: undefined,
    apiIdentity: undefined,
    createBaseline: undefined,
    baseline: props.baseline !== undefined ? baseline : undefined,
  };
}

/**
 * The emulator binding of each production scheduler: the same variable names (the app reads them), the emulator's
 * `http://` endpoint with `Authentication=None`, and always a connection string (an app that builds Azure credentials
 * from the endpoint in production needs `Authentication=None` locally).
 */
function emulatorSchedulers(emulator: DurableTaskSchedulerEmulator): (prod: DurableTaskScheduler) =>
  DurableTaskScheduler {
  const bindings = new Map<DurableTaskScheduler, DurableTaskScheduler>();
  return prod => {
    let binding = bindings.get(prod);
    if (!binding) {
      binding = DurableTaskScheduler.fromEmulator(emulator, {
        endpointEnvName: prod.endpointEnvName, taskHubEnvName: prod.taskHubEnvName,
        connectionStringEnvName: prod.connectionStringEnvName ?? DEV_CONNECTION_STRING_ENV,
      });
      bindings.set(prod, binding);
    }
    return binding;
  };
}

/**
 * A production workload's options for the dev profile: every setting carries over (image, command, args, env,
 * envFrom, volumes, resources, probes, shutdown, ports, labels, annotations, telemetry, ...) except what needs Azure
 * or the production cluster:
 *
 * - `identity` and `serviceAccount`: no workload identity locally (the workload gets a ServiceAccount of its own), and
 *   with them the identity variables the `env` of a workload with an identity repeats;
 * - `scaling`: one fixed replica (an HPA needs metrics-server, a ScaledObject KEDA and, for its DTS trigger, Azure);
 * - `nodeSelector`, `tolerations`, `nodeAffinity`, `podAffinity`: production's node pools and zones; a one-node
 *   cluster has none of their labels and would leave the pods Pending;
 * - `priorityClassName`: a cluster-scoped PriorityClass of the production cluster; the API server's Priority admission
 *   plugin rejects a pod naming one that does not exist (kubernetes plugin/pkg/admission/priority/admission.go,
 *   `resolvePriorityClass`: "no PriorityClass with name ... was found"), so no pod would start;
 * - `metrics` for Azure managed Prometheus: its PodMonitor group `azmonitoring.coreos.com` exists only on AKS with the
 *   metrics add-on, and the API server rejects an object of a kind it does not serve (prometheus-operator's
 *   `monitoring.coreos.com` is kept: it runs on a local cluster too).
 */
export function devOptions<T extends DurableWorkloadOptions>(options: T): T {
  const identity = options.identity ?? options.serviceAccount?.identity;
  return {
    ...options,
    identity: undefined,
    serviceAccount: undefined,
    env: identity ? options.env?.filter(v => !IDENTITY_ENV.includes(v.name)) : options.env,
    scaling: Scaling.fixedReplicas(1),
    nodeSelector: undefined,
    tolerations: undefined,
    nodeAffinity: undefined,
    podAffinity: undefined,
    priorityClassName: undefined,
    metrics: options.metrics?.scraper === MetricsScraper.PROMETHEUS_OPERATOR ? options.metrics : undefined,
  };
}

/**
 * An API's options for the dev profile: those of every workload, and no exposure beyond the cluster (no Ingress or
 * HTTPRoute, which need a controller, DNS and certificates; a ClusterIP Service instead of a load balancer, with the
 * same port name and ports). Reach it with `kubectl port-forward`.
 */
export function devApiOptions(options: DurableApiOptions): DurableApiOptions {
  return {
    ...devOptions(options),
    ingress: undefined,
    httpRoute: undefined,
    service: options.service?.portName !== undefined ? { portName: options.service.portName } : undefined,
  };
}
