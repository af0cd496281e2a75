// extracted from docs/emulator.md:7 by scripts/snippets.mjs: edit the Markdown, not this file
import { Chart } from 'cdk8s';
import {
  DurableApp, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, NamespaceBaseline,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'orders', { namespace: 'orders' });
new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });
const emulator = new DurableTaskSchedulerEmulator(chart, 'Emulator');
const scheduler = DurableTaskScheduler.fromEmulator(emulator, {
  connectionStringEnvName: 'DTS_CONNECTION_STRING',                             // optional, as with fromEndpoint
});
new DurableWorker(chart, 'Worker', { image: 'orders-worker:dev-1', scheduler, taskHub: 'orders' });
app.synth();
