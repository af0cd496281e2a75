// The standard AKS layout of a Durable Task app: one namespace with its baseline, an HTTP API behind an nginx
// Ingress with TLS from cert-manager, and workers scaled by an HPA on CPU and memory.
import { App, Chart } from 'cdk8s';
import {
  DurableApi, DurableApp, DurableTaskScheduler, DurableWorker, NamespaceBaseline, Scaling, WorkloadIdentity,
} from 'cdk8s-durable-task';

const app: App = new DurableApp();
const chart = new Chart(app, 'orders', { namespace: 'orders' });
const scheduler = DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io');

new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });
new DurableApi(chart, 'Api', {
  name: 'orders-api',
  image: 'myregistry.azurecr.io/orders-api:1.4.2',
  scheduler,
  taskHub: 'orders',
  identity: WorkloadIdentity.fromClientId('11111111-1111-1111-1111-111111111111'),
  ingress: { host: 'orders.example.com', tlsSecretName: 'orders-tls', clusterIssuer: 'letsencrypt-prod' },
});
new DurableWorker(chart, 'Worker', {
  name: 'orders-worker',
  image: 'myregistry.azurecr.io/orders-worker:1.4.2',
  scheduler,
  taskHub: 'orders',
  identity: WorkloadIdentity.fromClientId('22222222-2222-2222-2222-222222222222'),
  scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 20 }),
});
app.synth();
