// A worker scaled by KEDA on three triggers: a Prometheus query against Azure Monitor managed Prometheus (workload
// identity), office hours (cron), and an Azure Service Bus queue (a custom scaler); scale to zero between bursts.
import { Chart } from 'cdk8s';
import {
  DurableApp, DurableTaskScheduler, DurableWorker, KedaTrigger, NamespaceBaseline, Scaling, WorkloadIdentity,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'shipping', { namespace: 'shipping' });
const identity = WorkloadIdentity.fromClientId('66666666-6666-6666-6666-666666666666');

new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'shipping' });
new DurableWorker(chart, 'Worker', {
  name: 'shipping-worker',
  image: 'myregistry.azurecr.io/shipping-worker:1.2.0',
  scheduler: DurableTaskScheduler.fromEndpoint('https://shipping.northeurope.durabletask.io'),
  taskHub: 'shipping',
  identity,
  scaling: Scaling.keda({
    minReplicas: 0,
    maxReplicas: 30,
    fallback: { failureThreshold: 3, replicas: 5 },
    triggers: [
      KedaTrigger.prometheus({
        name: 'backlog',
        serverAddress: 'https://shipping-amw.northeurope.prometheus.monitor.azure.com',
        query: 'sum(shipping_pending_orders)',
        threshold: 50,
        identity,
      }),
      KedaTrigger.cron({
        name: 'office-hours', timezone: 'Europe/Dublin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 3,
      }),
      KedaTrigger.custom('azure-servicebus', {
        name: 'orders-queue',
        metadata: [
          { key: 'namespace', value: 'shipping-sb' },
          { key: 'queueName', value: 'orders' },
          { key: 'messageCount', value: '20' },
        ],
        identity,
      }),
    ],
  }),
});
app.synth();
