// One task hub, two workers: orchestrations (light, few replicas) and activities (heavy, many replicas), each told
// which work items to register through DTS_WORK_ITEM_TYPE, and each with its own scaling.
import { DurableApp, DurableTaskScheduler, Scaling, TaskHubTenant, WorkItemType,
  WorkloadIdentity } from 'cdk8s-durable-task';

const app = new DurableApp();
const tenant = new TaskHubTenant(app, 'reports', {
  namespaceName: 'reports',
  taskHub: 'reports',
  scheduler: DurableTaskScheduler.fromEndpoint('https://reports.westus3.durabletask.io'),
  identity: WorkloadIdentity.fromClientId('77777777-7777-7777-7777-777777777777'),
});
tenant.addWorker('Orchestrations', {
  image: 'myregistry.azurecr.io/reports-worker:5.0.0',
  workItemType: WorkItemType.ORCHESTRATION,
  resources: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '500m', memoryLimit: '512Mi' },
  scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 5 }),
});
tenant.addWorker('Activities', {
  image: 'myregistry.azurecr.io/reports-worker:5.0.0',
  workItemType: WorkItemType.ACTIVITY,
  resources: { cpuRequest: '500m', memoryRequest: '1Gi', cpuLimit: '2', memoryLimit: '2Gi' },
  scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 20 }),
});
app.synth();
