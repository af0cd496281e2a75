// extracted from docs/troubleshooting.md by scripts/snippets.mjs: edit the Markdown, not this file
import { k8s } from 'cdk8s-plus-28';
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
// docs/troubleshooting.md:263
{

  // A worker that talks to a database on 10.20.0.0/24:1433
  new k8s.KubeNetworkPolicy(chart, 'WorkerToSql', {
    metadata: { name: 'durable-worker-allow-sql' },
    spec: {
      podSelector: { matchLabels: worker.selectorLabels },
      policyTypes: ['Egress'],
      egress: [{
        to: [{ ipBlock: { cidr: '10.20.0.0/24' } }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(1433) }],
      }],
    },
  });

  // An internal API called by pods of the namespace "frontend"
  new k8s.KubeNetworkPolicy(chart, 'FrontendToApi', {
    metadata: { name: 'durable-api-allow-frontend' },
    spec: {
      podSelector: { matchLabels: api.selectorLabels },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'frontend' } } }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(8080) }],
      }],
    },
  });
}

