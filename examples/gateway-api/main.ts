// An API exposed through the Gateway API: an HTTPRoute attached to a shared Gateway in another namespace, with two
// path prefixes and a header match; the NetworkPolicy admits the gateway's data-plane pods.
import { Chart } from 'cdk8s';
import { DurableApi, DurableApp, DurableTaskScheduler, NamespaceBaseline, Scaling } from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'inventory', { namespace: 'inventory' });

new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'inventory' });
new DurableApi(chart, 'Api', {
  name: 'inventory-api',
  image: 'myregistry.azurecr.io/inventory-api:3.0.1',
  scheduler: DurableTaskScheduler.fromEndpoint('https://inventory.eastus.durabletask.io'),
  taskHub: 'inventory',
  scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 6 }),
  httpRoute: {
    gatewayName: 'public',
    gatewayNamespace: 'gateways',
    sectionName: 'https',
    hostnames: ['inventory.contoso.com'],
    paths: ['/inventory', '/stock'],
    headers: [{ name: 'x-api-version', value: '3' }],
  },
});
app.synth();
