// Benchmark app on this library: N TaskHubTenants, each with a KEDA-scaled and an HPA-scaled worker.
import { App } from 'cdk8s';
import { DurableApp, DurableTaskScheduler, KedaTrigger, Scaling, TaskHubTenant, WorkloadIdentity } from '../../lib';
import { ENDPOINT, HPA_WORKER, IMAGE, KEDA_WORKER, clientId, report, tenantCount, tenantName } from './common';

const started = performance.now();
const count = tenantCount();
// DurableApp, as the library's users synthesize; BENCH_PLAIN_APP=1 measures the plain cdk8s App (diagnostic).
const app = process.env.BENCH_PLAIN_APP === '1' ? new App() : new DurableApp();
const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT);
for (let i = 1; i <= count; i++) {
  const name = tenantName(i);
  const tenant = new TaskHubTenant(app, name, {
    namespaceName: name,
    taskHub: name,
    scheduler,
    identity: WorkloadIdentity.fromClientId(clientId(i)),
  });
  tenant.addWorker('KedaWorker', {
    name: KEDA_WORKER,
    image: IMAGE,
    scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }),
  });
  tenant.addWorker('HpaWorker', {
    name: HPA_WORKER,
    image: IMAGE,
    scaling: Scaling.hpa(),
  });
}
const constructed = performance.now();
app.synth();
report(started, constructed, performance.now());
