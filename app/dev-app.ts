import { ApiObject, App, Chart } from 'cdk8s';
import {
  DurableApi, DurableApp, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, NamespaceBaseline,
  Scaling, TaskHubTenant,
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

/** Variable that the dev profile's workloads get a connection string in (`Authentication=None`). */
export const DEV_CONNECTION_STRING_ENV = 'DTS_CONNECTION_STRING';

/**
 * The dev profile of the reference app (`npm run synth:dev` → dist-dev/), for a local kind or minikube cluster.
 * It mirrors production: it builds the production app (without synthesizing it) and takes every namespace, task
 * hub, workload name and work item type from it, so the two differ only by environment:
 *
 * - the DTS emulator runs in `durable-system` (Deployment, Service, NetworkPolicy) and every workload binds to it
 *   (`http://` endpoint, `Authentication=None`, plus a `DTS_CONNECTION_STRING` variable), with an egress policy to it;
 * - no workload identity (no client id annotations or labels), no Azure identities (ASO) or GitOps files;
 * - the API has no Ingress, TLS or cert-manager annotations (reach it with `kubectl port-forward`);
 * - every workload runs one fixed replica (no HPA, ScaledObject or PodDisruptionBudget).
 */
export function buildDevApp(app: App, settings: ReferenceSettings): DevApp {
  // Built, never synthesized; a DurableApp because the production app puts each tenant's files into a folder.
  const production = buildReferenceApp(new DurableApp(), settings);
  const fixed = Scaling.fixedReplicas(1);

  const system = new Chart(app, Chart.of(production.api).node.id, { namespace: production.api.namespaceName });
  new NamespaceBaseline(system, REFERENCE_IDS.baseline, { namespaceName: production.api.namespaceName });
  const emulator = new DurableTaskSchedulerEmulator(system, 'Emulator');
  const scheduler = DurableTaskScheduler.fromEmulator(emulator, { connectionStringEnvName: DEV_CONNECTION_STRING_ENV });
  const api = new DurableApi(system, REFERENCE_IDS.api, {
    name: production.api.name, image: imageOf(production.api), scheduler, taskHub: production.api.taskHub,
    scaling: fixed,
  });
  const worker = new DurableWorker(system, REFERENCE_IDS.worker, {
    name: production.worker.name, image: imageOf(production.worker), scheduler, taskHub: production.worker.taskHub,
    scaling: fixed, preStopDelaySeconds: 5,
  });

  const tenants = production.tenants.map(prod => {
    const tenant = new TaskHubTenant(app, prod.node.id, {
      namespaceName: prod.namespaceName, taskHub: prod.taskHub, scheduler,
    });
    for (const w of prod.workers) {
      tenant.addWorker(w.node.id, { name: w.name, image: imageOf(w), workItemType: w.workItemType, scaling: fixed });
    }
    for (const a of prod.apis) {
      tenant.addApi(a.node.id, { name: a.name, image: imageOf(a), scaling: fixed });
    }
    for (const c of prod.clients) {
      tenant.addClient(c.node.id, { name: c.name, image: imageOf(c), scaling: fixed });
    }
    return tenant;
  });
  return { system, emulator, api, worker, tenants };
}

/** The image a production workload runs (read from its Deployment, so the dev profile runs the same build). */
function imageOf(workload: { readonly deployment: ApiObject }): string {
  return workload.deployment.toJson().spec.template.spec.containers[0].image;
}
