// A consumer's app, compiled against the packed tarball: it sees only the package's public entry point.
import { App, Chart } from 'cdk8s';
import {
  DurableApi, DurableTaskScheduler, DurableWorker, KedaTrigger, NamespaceBaseline, Scaling, TaskHubTenant,
  WorkItemType, WorkloadIdentity,
} from 'cdk8s-durable-task';

const app = new App();
const scheduler = DurableTaskScheduler.fromEndpoint('https://consumer.westus2.durabletask.io');

const system = new Chart(app, 'durable-system', { namespace: 'durable-system' });
new NamespaceBaseline(system, 'Baseline', { namespaceName: 'durable-system' });
new DurableApi(system, 'Api', {
  image: 'example.azurecr.io/api:1.0.0',
  scheduler,
  taskHub: 'default',
  identity: WorkloadIdentity.fromClientId('22222222-2222-2222-2222-222222222222'),
  ingress: { host: 'api.example.com', tlsSecretName: 'api-tls' },
});
const worker = new DurableWorker(system, 'Worker', {
  image: 'example.azurecr.io/worker:1.0.0',
  scheduler,
  taskHub: 'default',
  identity: WorkloadIdentity.fromClientId('11111111-1111-1111-1111-111111111111'),
});

const tenant = new TaskHubTenant(app, 'tenant-a', {
  namespaceName: 'tenant-a',
  taskHub: 'tenant-a',
  scheduler,
  identity: WorkloadIdentity.fromClientId('aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'),
});
tenant.addWorker('Activities', {
  image: 'example.azurecr.io/worker:1.0.0',
  workItemType: WorkItemType.ACTIVITY,
  scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.memory(80)] }),
});

console.log(`federated subject: ${worker.federatedSubject}`);
app.synth();
