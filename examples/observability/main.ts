// Traces and metrics. The Durable Task SDKs emit traces (no metrics): the worker exports them over OTLP to an
// OpenTelemetry Collector in the `observability` namespace, the API to Application Insights (connection string from
// a Secret). Both get OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (namespace, pod, deployment, service.version from
// the image tag). The worker serves its own Prometheus metrics on :9090/metrics, scraped by Azure Monitor managed
// Prometheus (PodMonitor azmonitoring.coreos.com/v1); the API's by a prometheus-operator Prometheus
// (PodMonitor monitoring.coreos.com/v1). NetworkPolicies open exactly these paths in the default-deny namespace.
import { Chart } from 'cdk8s';
import {
  DurableApi, DurableApp, DurableTaskScheduler, DurableWorker, MetricsScraper, NamespaceBaseline, OtlpProtocol,
  WorkloadIdentity,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'payments', { namespace: 'payments' });
new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'payments' });
const scheduler = DurableTaskScheduler.fromEndpoint('https://payments.westeurope.durabletask.io');

new DurableWorker(chart, 'Worker', {
  image: 'myregistry.azurecr.io/payments-worker:3.2.1',
  scheduler,
  taskHub: 'payments',
  identity: WorkloadIdentity.fromClientId('55555555-5555-5555-5555-555555555555'),
  telemetry: {
    otlp: {
      endpoint: 'http://otel-collector.observability.svc:4317',
      protocol: OtlpProtocol.GRPC,
      collectorPodLabels: [{ key: 'app.kubernetes.io/name', value: 'opentelemetry-collector' }],
    },
    resourceAttributes: [{ key: 'deployment.environment.name', value: 'production' }],
  },
  metrics: { port: 9090 },
});

new DurableApi(chart, 'Api', {
  image: 'myregistry.azurecr.io/payments-api:3.2.1',
  scheduler,
  taskHub: 'payments',
  identity: WorkloadIdentity.fromClientId('66666666-6666-6666-6666-666666666666'),
  telemetry: {
    azureMonitor: { connectionStringSecret: 'payments-appinsights', connectionStringKey: 'connection-string' },
  },
  metrics: {
    port: 9091,
    path: '/metrics',
    interval: '30s',
    scraper: MetricsScraper.PROMETHEUS_OPERATOR,
    scraperNamespace: 'monitoring',
    scraperPodLabels: [{ key: 'app.kubernetes.io/name', value: 'prometheus' }],
    podMonitorLabels: [{ key: 'release', value: 'kube-prometheus-stack' }],
  },
});
app.synth();
