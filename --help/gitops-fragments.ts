// extracted from docs/gitops.md by scripts/snippets.mjs: edit the Markdown, not this file
import { App, Chart } from 'cdk8s';
import { DurableApi, DurableApp, DurableServiceAccount, DurableTaskScheduler, DurableWorker, HealthProbe, KedaTrigger, NamespaceBaseline, Scaling, SchedulerAuthentication, TaskHubTenant, WorkItemType, WorkloadIdentity } from 'cdk8s-durable-task';

export { DurableApi, DurableApp, DurableServiceAccount, DurableTaskScheduler, DurableWorker, HealthProbe, KedaTrigger, NamespaceBaseline, Scaling, SchedulerAuthentication, TaskHubTenant, WorkItemType, WorkloadIdentity };
export const app = new App();
export const chart = new Chart(app, 'orders', { namespace: 'orders' });
new NamespaceBaseline(chart, 'Baseline', {
  namespaceName: 'orders',
  quota: { requestsCpu: '64', requestsMemory: '128Gi', limitsCpu: '256', limitsMemory: '256Gi', pods: 500 },
});
export declare const worker: DurableWorker;
export declare const api: DurableApi;
export declare const tenant: TaskHubTenant;

export const scheduler = DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io');
export const image = 'myregistry.azurecr.io/orders-worker:1.4.2';
// docs/gitops.md:180
{
  // A tenant made with its baseline (the default) has its Namespace object here.
  tenant.baseline?.namespaceObject?.metadata.addAnnotation('argocd.argoproj.io/sync-options', 'Prune=false');
  // Flux: 'kustomize.toolkit.fluxcd.io/prune': 'disabled'
}

