// extracted from README.md:357 by scripts/snippets.mjs: edit the Markdown, not this file
import {
  DurableApp, DurableTaskScheduler, KedaTrigger, Scaling, TaskHubTenant, WorkloadIdentity,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const scheduler = DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io');
const tenants = [
  { name: 'tenant-a', workerClientId: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa', apiClientId: 'aaaaaaaa-0000-0000-0000-aaaaaaaaaaaa' },
  { name: 'tenant-b', workerClientId: 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb', apiClientId: 'bbbbbbbb-0000-0000-0000-bbbbbbbbbbbb' },
];
for (const t of tenants) {
  const tenant = new TaskHubTenant(app, t.name, {
    namespaceName: t.name,
    taskHub: t.name,
    scheduler,
    identity: WorkloadIdentity.fromClientId(t.workerClientId),   // workers
    apiIdentity: WorkloadIdentity.fromClientId(t.apiClientId),   // APIs (default: identity)
    baseline: { quota: { requestsCpu: '8' } },
  });
  tenant.addWorker('Worker', {
    image: 'myregistry.azurecr.io/orders-worker:1.4.2',
    scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }),
  });
  tenant.addApi('Api', { image: 'myregistry.azurecr.io/orders-api:1.4.2' });
}
app.synth();
