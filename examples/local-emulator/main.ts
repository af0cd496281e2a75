// The whole app on a laptop cluster (kind, minikube): the DTS emulator in the cluster, a worker and an API bound to it
// with DurableTaskScheduler.fromEmulator (http:// endpoint, Authentication=None), no Azure at all. The emulator creates
// every task hub its workloads use (DTS_TASK_HUB_NAMES); NetworkPolicies let only those workloads reach its gRPC port.
// Dashboard: kubectl -n orders-dev port-forward svc/dts-emulator 8082:8082, then http://localhost:8082.
import { Chart } from 'cdk8s';
import {
  DurableApi, DurableApp, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, NamespaceBaseline, Scaling,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'orders-dev', { namespace: 'orders-dev' });
new NamespaceBaseline(chart, 'Baseline', {
  namespaceName: 'orders-dev',
  quota: { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 20 },
});
const emulator = new DurableTaskSchedulerEmulator(chart, 'Emulator', {
  // A second hub for manual experiments from the dashboard, next to the workloads' own.
  taskHubs: ['scratch'],
});
// .NET needs TaskHub in the connection string; the construct writes it
// (Endpoint=...;TaskHub=orders;Authentication=None).
const scheduler = DurableTaskScheduler.fromEmulator(emulator, { connectionStringEnvName: 'DTS_CONNECTION_STRING' });
new DurableWorker(chart, 'Worker', {
  image: 'orders-worker:dev-1',
  scheduler,
  taskHub: 'orders',
  scaling: Scaling.fixedReplicas(1),
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '512Mi' },
});
new DurableApi(chart, 'Api', {
  image: 'orders-api:dev-1',
  scheduler,
  taskHub: 'orders',
  scaling: Scaling.fixedReplicas(1),
  resources: { cpuRequest: '100m', memoryRequest: '128Mi', cpuLimit: '500m', memoryLimit: '512Mi' },
});
app.synth();
