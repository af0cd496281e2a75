// extracted from docs/observability.md by scripts/snippets.mjs: edit the Markdown, not this file
import { MetricsScraper } from 'cdk8s-durable-task';
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
// docs/observability.md:86
{

  const scheduler = DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io');
  // Azure managed Prometheus (default)
  new DurableWorker(chart, 'Worker', { image: 'myregistry.azurecr.io/orders-worker:1.4.2', scheduler, taskHub: 'orders',
    metrics: { port: 9090 } });
  // prometheus-operator
  new DurableApi(chart, 'Api', { image: 'myregistry.azurecr.io/orders-api:1.4.2', scheduler, taskHub: 'orders',
    metrics: { port: 9090, scraper: MetricsScraper.PROMETHEUS_OPERATOR, scraperNamespace: 'monitoring',
      podMonitorLabels: [{ key: 'release', value: 'kube-prometheus-stack' }] } });
}

