// The shape of Microsoft's Durable Task Scheduler AKS sample: a client that schedules orchestrations and a worker
// that runs them, both reading `ENDPOINT` and `TASKHUB` and a full connection string, authenticated with Azure
// Workload Identity.
import { Chart } from 'cdk8s';
import {
  DurableApp, DurableClient, DurableTaskScheduler, DurableWorker, NamespaceBaseline, SchedulerAuthentication, Scaling,
  WorkloadIdentity,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'dts-sample', { namespace: 'dts-sample' });
const scheduler = DurableTaskScheduler.fromEndpoint('https://dts-sample.westus2.durabletask.io', {
  endpointEnvName: 'ENDPOINT',
  taskHubEnvName: 'TASKHUB',
  connectionStringEnvName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
  authentication: SchedulerAuthentication.WORKLOAD_IDENTITY,
});
// One user-assigned identity with a federated credential for each ServiceAccount (see each `federatedSubject`).
const identity = WorkloadIdentity.fromClientId('33333333-3333-3333-3333-333333333333');

new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'dts-sample' });
new DurableClient(chart, 'Client', {
  name: 'sample-client',
  image: 'myregistry.azurecr.io/dts-sample-client:1.0.0',
  scheduler,
  taskHub: 'sample',
  identity,
});
new DurableWorker(chart, 'Worker', {
  name: 'sample-worker',
  image: 'myregistry.azurecr.io/dts-sample-worker:1.0.0',
  scheduler,
  taskHub: 'sample',
  identity,
  scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 10 }),
});
app.synth();
