// extracted from docs/deploy-to-aks.md by scripts/snippets.mjs: edit the Markdown, not this file
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
// docs/deploy-to-aks.md:211
{
  new DurableWorker(chart, 'Worker', {
    image: 'myregistry.azurecr.io/orders-worker:1.4.2',
    scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'), // step 2
    taskHub: 'orders',
    identity: WorkloadIdentity.fromClientId('<WORKER_CLIENT_ID>'),                          // step 3
  });
}

