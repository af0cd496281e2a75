// Benchmark app on this library: N TaskHubTenants, each with a KEDA-scaled and an HPA-scaled worker.
import { App } from 'cdk8s';
import { DurableApp, DurableTaskScheduler, KedaTrigger, Scaling, TaskHubTenant, WorkloadIdentity } from '../../lib';
import { ENDPOINT, HPA_WORKER, IMAGE, KEDA_WORKER, clientId, report, tenantCount, tenantName } from './common';

const started = performance.now();
const count = tenantCount();
// DurableApp; BENCH_PLAIN_APP=1 measures the plain cdk8s App, which the library gives the same linear synth, and
// BENCH_CDK8S_SYNTH=1 on top of it cdk8s's own App.synth() with its repeated whole-app passes (diagnostic: what the
// library's construct tree costs there).
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
if (process.env.BENCH_CDK8S_SYNTH === '1') {
  App.prototype.synth.call(app);
} else {
  app.synth();
}
report(started, constructed, performance.now());
