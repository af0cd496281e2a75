// extracted from docs/observability.md:24 by scripts/snippets.mjs: edit the Markdown, not this file
import { Chart } from 'cdk8s';
import { DurableApp, DurableTaskScheduler, DurableWorker, NamespaceBaseline } from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'payments', { namespace: 'payments' });
new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'payments' });
new DurableWorker(chart, 'Worker', {
  image: 'myregistry.azurecr.io/payments-worker:3.2.1',
  scheduler: DurableTaskScheduler.fromEndpoint('https://payments.westeurope.durabletask.io'),
  taskHub: 'payments',
  telemetry: {
    otlp: { endpoint: 'http://otel-collector.observability.svc:4317' },            // OTLP over gRPC (default)
    azureMonitor: { connectionStringSecret: 'payments-appinsights' },                // key 'connection-string'
    resourceAttributes: [{ key: 'deployment.environment.name', value: 'production' }],
  },
});
app.synth();
