// extracted from docs/delivery-as-code.md by scripts/snippets.mjs: edit the Markdown, not this file
import { AppDiagram, IdentityPlan } from 'cdk8s-durable-task';
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
// docs/delivery-as-code.md:228
{

  const plan = IdentityPlan.of(app, {
    schedulers: [{
      endpoint: 'https://orders.westus2.durabletask.io',
      subscriptionId: '00000000-0000-0000-0000-00000000000a',
      resourceGroup: 'orders-rg',
      schedulerName: 'orders',
    }],
  });
  console.log(plan.toMarkdown());              // or JSON.stringify(plan.toJson())
  console.log(AppDiagram.of(app).toMermaid()); // namespaces, workloads (+ scaling), task hubs, identities, exposure
}

