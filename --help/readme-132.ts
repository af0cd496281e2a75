// extracted from README.md:132 by scripts/snippets.mjs: edit the Markdown, not this file
import { DurableApp, DurableTaskScheduler, TaskHubTenant, WorkloadIdentity } from 'cdk8s-durable-task';

const app = new DurableApp();   // a cdk8s App: linear synth, output folders (see below)
const tenant = new TaskHubTenant(app, 'tenant-a', {   // one chart, one file: dist/tenant-a.k8s.yaml
  namespaceName: 'tenant-a',
  taskHub: 'tenant-a',
  scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
  identity: WorkloadIdentity.fromClientId('aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa'),
});
tenant.addWorker('Worker', { image: 'myregistry.azurecr.io/orders-worker:1.4.2' });
app.synth();
