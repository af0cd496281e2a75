import { App, Chart, Testing } from 'cdk8s';
import {
  DurableApi, DurableClient, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, MetricsScraper,
  NamespaceBaseline, OtlpProtocol, SchedulerAuthentication, TaskHubTenant, WorkloadTelemetryOptions,
} from '../lib';
import { validateManifests } from '../validation/index';
import { all, container, expectValid, IMAGE, namespacedChart, one, scheduler, synthValid } from './util';

/** A chart `orders` with a NamespaceBaseline, as workloads are meant to run. */
function ordersChart(app: App = Testing.app(), namespace = 'orders'): Chart {
  const chart = new Chart(app, namespace, { namespace });
  new NamespaceBaseline(chart, 'Baseline', { namespaceName: namespace });
  return chart;
}

function workerWith(telemetry?: WorkloadTelemetryOptions,
  extra: Partial<ConstructorParameters<typeof DurableWorker>[2]> = {}) {
  const chart = ordersChart();
  new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', telemetry, ...extra });
  return chart;
}

const env = (manifests: any[], name = 'durable-worker') => container(one(manifests, 'Deployment', name)).env;

describe('telemetry', () => {
  test('sets the OTEL variables, the downward API pod fields before the attributes that use them', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith({ otlp: { endpoint: 'http://otel-collector.observability.svc:4317' } }));
    // THEN
    expect(env(manifests).slice(2)).toEqual([
      { name: 'OTEL_K8S_NAMESPACE_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'OTEL_K8S_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'OTEL_SERVICE_NAME', value: 'durable-worker' },
      {
        name: 'OTEL_RESOURCE_ATTRIBUTES',
        value: 'k8s.namespace.name=$(OTEL_K8S_NAMESPACE_NAME),k8s.pod.name=$(OTEL_K8S_POD_NAME),'
          + 'k8s.deployment.name=durable-worker,service.version=1.4.2',
      },
      { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.observability.svc:4317' },
      { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'grpc' },
    ]);
  });

  test('keeps the base path of an OTLP/HTTP endpoint, to which the exporter appends the signal paths', () => {
    // GIVEN: a backend whose OTLP/HTTP endpoint has a path (the OpenTelemetry spec: the exporter MUST honor the
    // path of OTEL_EXPORTER_OTLP_ENDPOINT and append v1/traces to it), e.g. Grafana Cloud's /otlp
    const endpoint = 'https://otlp-gateway-prod-eu-west-2.grafana.net/otlp';
    // WHEN
    const manifests = synthValid(workerWith({ otlp: { endpoint, protocol: OtlpProtocol.HTTP_PROTOBUF } }));
    // THEN
    expect(env(manifests).find((v: any) => v.name === 'OTEL_EXPORTER_OTLP_ENDPOINT'))
      .toEqual({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: endpoint });
    expect(env(manifests).find((v: any) => v.name === 'OTEL_EXPORTER_OTLP_PROTOCOL'))
      .toEqual({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' });
    // On 443 outside the cluster: the baseline's HTTPS egress covers it.
    expect(all(manifests, 'NetworkPolicy').map(p => p.metadata.name)).not.toContain('durable-worker-allow-otlp-egress');
  });

  test('reads the Application Insights connection string from a Secret key, never as a literal', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith({ azureMonitor: { connectionStringSecret: 'appi', connectionStringKey: 'cs' } }));
    // THEN
    expect(env(manifests).find((v: any) => v.name === 'APPLICATIONINSIGHTS_CONNECTION_STRING'))
      .toEqual({ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', valueFrom: { secretKeyRef: { name: 'appi', key: 'cs' } } });
    // Azure Monitor ingestion is HTTPS on 443: the baseline's HTTPS egress covers it, no policy of its own.
    expect(all(manifests, 'NetworkPolicy').map(p => p.metadata.name)).not.toContain('durable-worker-allow-otlp-egress');
  });

  test('takes the service name, version and extra attributes as given, percent-encoding values', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith({
      azureMonitor: { connectionStringSecret: 'appi' }, serviceName: 'orders', serviceVersion: '2.0.0+build,1',
      resourceAttributes: [{ key: 'deployment.environment.name', value: 'prod eu=1' }],
    }));
    // THEN
    const vars = Object.fromEntries(env(manifests).map((v: any) => [v.name, v.value]));
    expect(vars.OTEL_SERVICE_NAME).toBe('orders');
    expect(vars.OTEL_RESOURCE_ATTRIBUTES).toBe('k8s.namespace.name=$(OTEL_K8S_NAMESPACE_NAME),'
      + 'k8s.pod.name=$(OTEL_K8S_POD_NAME),k8s.deployment.name=durable-worker,service.version=2.0.0%2Bbuild%2C1,'
      + 'deployment.environment.name=prod%20eu%3D1');
  });

  test('has no service.version for an image given by digest only', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith({ azureMonitor: { connectionStringSecret: 'appi' } },
      { image: `myregistry.azurecr.io/w@sha256:${'a'.repeat(64)}` }));
    // THEN
    expect(env(manifests).find((v: any) => v.name === 'OTEL_RESOURCE_ATTRIBUTES').value).not.toContain('service.version');
  });

  test('opens egress to an in-cluster collector: its namespace and pods, on the collector port', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith({
      otlp: {
        endpoint: 'http://otel.observability.svc.cluster.local:4318', protocol: OtlpProtocol.HTTP_PROTOBUF,
        collectorPodLabels: [{ key: 'app', value: 'otel' }],
      },
    }));
    // THEN
    expect(one(manifests, 'NetworkPolicy', 'durable-worker-allow-otlp-egress').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'durable-worker' } },
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
          podSelector: { matchLabels: { app: 'otel' } },
        }],
        ports: [{ protocol: 'TCP', port: 4318 }],
      }],
    });
  });

  test('opens egress to an outside collector through its CIDRs; none for one on 443 without CIDRs', () => {
    // GIVEN / WHEN
    const outside = synthValid(workerWith({ otlp: { endpoint: 'https://otlp.example.com:4317', egressCidrs: ['20.1.0.0/16'] } }));
    const on443 = synthValid(workerWith({ otlp: { endpoint: 'https://otlp.example.com' } }));
    // THEN
    expect(one(outside, 'NetworkPolicy', 'durable-worker-allow-otlp-egress').spec.egress)
      .toEqual([{ to: [{ ipBlock: { cidr: '20.1.0.0/16' } }], ports: [{ protocol: 'TCP', port: 4317 }] }]);
    expect(all(on443, 'NetworkPolicy').map(p => p.metadata.name)).not.toContain('durable-worker-allow-otlp-egress');
  });

  test.each([
    ['exports nowhere', {},
      "orders/Worker: 'telemetry' exports nowhere: set 'telemetry.otlp' (an OTLP collector or backend), 'telemetry.azureMonitor' (Application Insights), or both"],
    ['the OTLP endpoint has credentials in it (hidden in the message)', { otlp: { endpoint: 'https://user:s3cret@otlp.example.com' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"https://***@otlp.example.com\") must be an http:// or https:// URL with a host and no path, query or credentials, e.g. \"http://otel-collector.observability.svc:4317\""],
    ['the OTLP/gRPC endpoint has a path', { otlp: { endpoint: 'http://otel.observability.svc:4317/otlp' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"http://otel.observability.svc:4317/otlp\") must be an http:// or https:// URL with a host and no path, query or credentials, e.g. \"http://otel-collector.observability.svc:4317\" (a base path is for OtlpProtocol.HTTP_PROTOBUF only)"],
    ['the OTLP/HTTP endpoint ends in the signal path the exporter appends', {
      otlp: { endpoint: 'http://otel.observability.svc:4318/v1/traces', protocol: OtlpProtocol.HTTP_PROTOBUF },
    }, "orders/Worker: 'telemetry.otlp.endpoint' (\"http://otel.observability.svc:4318/v1/traces\") ends in the signal path \"/v1/traces\", which the OTLP/HTTP exporter appends to OTEL_EXPORTER_OTLP_ENDPOINT itself: give the base URL, e.g. \"http://otel.observability.svc:4318\""],
    ['the OTLP/HTTP endpoint with a base path ends in a signal path', {
      otlp: { endpoint: 'https://otlp.example.com/otlp/v1/metrics/', protocol: OtlpProtocol.HTTP_PROTOBUF },
    }, "orders/Worker: 'telemetry.otlp.endpoint' (\"https://otlp.example.com/otlp/v1/metrics/\") ends in the signal path \"/v1/metrics/\", which the OTLP/HTTP exporter appends to OTEL_EXPORTER_OTLP_ENDPOINT itself: give the base URL, e.g. \"https://otlp.example.com/otlp\""],
    ['a two-label endpoint (a Service written without .svc) has no CIDRs', { otlp: { endpoint: 'http://otel-collector.observability:4317' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"http://otel-collector.observability:4317\") is outside the cluster on port 4317, which the namespace's default deny blocks: set 'telemetry.otlp.egressCidrs' to the collector's addresses; if it is the Service \"otel-collector\" of namespace \"observability\", write \"http://otel-collector.observability.svc:4317\", which opens egress to that namespace"],
    ['an outside endpoint on another port has no CIDRs', { otlp: { endpoint: 'http://collector.example.com:4317' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"http://collector.example.com:4317\") is outside the cluster on port 4317, which the namespace's default deny blocks: set 'telemetry.otlp.egressCidrs' to the collector's addresses"],
    ['an in-cluster endpoint has CIDRs', { otlp: { endpoint: 'http://otel.observability.svc:4317', egressCidrs: ['10.0.0.0/8'] } },
      "orders/Worker: 'telemetry.otlp.egressCidrs' is set, but \"http://otel.observability.svc:4317\" is an in-cluster Service: egress is opened to its namespace (narrow it with 'collectorPodLabels'), not to CIDRs"],
    ['an attribute repeats one the construct sets', {
      azureMonitor: { connectionStringSecret: 'appi' }, resourceAttributes: [{ key: 'service.version', value: '1' }],
    }, "orders/Worker: 'telemetry.resourceAttributes[0].key' (\"service.version\") is set by the construct (k8s.namespace.name, k8s.pod.name, k8s.deployment.name, service.version): use 'telemetry.serviceVersion' for the version, or another key"],
    ['the connection string Secret name is invalid', { azureMonitor: { connectionStringSecret: 'App Insights' } },
      "orders/Worker: 'telemetry.azureMonitor.connectionStringSecret' (\"App Insights\") must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit"],
  ] as Array<[string, WorkloadTelemetryOptions, string]>)('fails when %s', (_name, telemetry, message) => {
    // GIVEN / WHEN / THEN
    expect(() => workerWith(telemetry)).toThrow(message);
    expect(() => workerWith(telemetry)).toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  test('fails when a user variable would override a telemetry variable', () => {
    // GIVEN / WHEN / THEN
    expect(() => workerWith({ azureMonitor: { connectionStringSecret: 'appi' } },
      { env: [{ name: 'OTEL_SERVICE_NAME', value: 'x' }] }))
      .toThrow("orders/Worker: 'env[0].name' (\"OTEL_SERVICE_NAME\") would override a variable the construct sets "
        + '(DTS_ENDPOINT, TASKHUB_NAME, OTEL_K8S_NAMESPACE_NAME, OTEL_K8S_POD_NAME, OTEL_SERVICE_NAME, '
        + 'OTEL_RESOURCE_ATTRIBUTES, APPLICATIONINSIGHTS_CONNECTION_STRING): configure it through the scheduler or choose another name');
  });
});

describe('metrics', () => {
  test('adds a named metrics port, an Azure managed Prometheus PodMonitor with its limits, and a scrape policy', () => {
    // GIVEN
    const chart = ordersChart();
    // WHEN
    new DurableApi(chart, 'Api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', metrics: { port: 9090 } });
    const manifests = synthValid(chart);
    // THEN
    expect(container(one(manifests, 'Deployment', 'durable-api')).ports).toEqual([
      { name: 'http', containerPort: 8080, protocol: 'TCP' },
      { name: 'metrics', containerPort: 9090, protocol: 'TCP' },
    ]);
    const monitor = one(manifests, 'PodMonitor', 'durable-api');
    expect(monitor.apiVersion).toBe('azmonitoring.coreos.com/v1');
    expect(monitor.spec).toEqual({
      selector: { matchLabels: { 'app.kubernetes.io/name': 'durable-api' } },
      podMetricsEndpoints: [{ port: 'metrics', path: '/metrics' }],
      labelLimit: 63, labelNameLengthLimit: 511, labelValueLengthLimit: 1023,
    });
    expect(one(manifests, 'NetworkPolicy', 'durable-api-allow-metrics-scrape').spec.ingress).toEqual([{
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
      ports: [{ protocol: 'TCP', port: 9090 }],
    }]);
  });

  test('writes a monitoring.coreos.com PodMonitor for prometheus-operator, with its labels and scraper pods', () => {
    // GIVEN
    const chart = ordersChart();
    // WHEN
    new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      metrics: {
        port: 9464, path: '/stats', interval: '1m', scraper: MetricsScraper.PROMETHEUS_OPERATOR,
        scraperNamespace: 'monitoring', scraperPodLabels: [{ key: 'app.kubernetes.io/name', value: 'prometheus' }],
        podMonitorLabels: [{ key: 'release', value: 'kube-prometheus-stack' }],
      },
    });
    const manifests = synthValid(chart);
    // THEN
    const monitor = one(manifests, 'PodMonitor', 'durable-worker');
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus-stack');
    expect(monitor.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/stats', interval: '1m' }]);
    expect(one(manifests, 'NetworkPolicy', 'durable-worker-allow-metrics-scrape').spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
    }]);
  });

  test.each([
    ['the metrics port is the API port', { port: 8080 },
      "orders/Api: 'metrics.port' (8080) is already the workload's port: serve metrics on a port of their own, so that the NetworkPolicy admits the scraper to the metrics only"],
    ['prometheus-operator has no scraper namespace', { port: 9090, scraper: MetricsScraper.PROMETHEUS_OPERATOR },
      "orders/Api: 'metrics.scraperNamespace' is required with MetricsScraper.PROMETHEUS_OPERATOR: the namespace of the Prometheus pods, which the NetworkPolicy admits to the metrics port (e.g. \"monitoring\")"],
    ['the path is relative', { port: 9090, path: 'metrics' },
      "orders/Api: 'metrics.path' (\"metrics\") must be an absolute URL path, e.g. \"/metrics\""],
    ['the interval is not a Prometheus duration', { port: 9090, interval: '30 seconds' },
      "orders/Api: 'metrics.interval' (\"30 seconds\") must be a Prometheus duration, e.g. \"30s\" or \"1m\""],
  ])('fails when %s', (_name, metrics, message) => {
    // GIVEN
    const chart = ordersChart();
    // WHEN / THEN
    expect(() => new DurableApi(chart, 'Api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', metrics }))
      .toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  test('the validator checks PodMonitors against their CRD schema: unknown fields, wrong types and groups fail', () => {
    // GIVEN
    const chart = ordersChart();
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', metrics: { port: 9090 } });
    const monitor = one(Testing.synth(chart), 'PodMonitor');
    const variant = (patch: (m: any) => void) => {
      const copy = JSON.parse(JSON.stringify(monitor));
      patch(copy);
      return validateManifests([copy]).map(f => `${f.rule}: ${f.field ?? ''}: ${f.message}`);
    };
    // WHEN / THEN
    expect(variant(() => {})).toEqual([]);
    expect(variant(m => { m.apiVersion = 'monitoring.coreos.com/v1'; })).toEqual([]);
    expect(variant(m => { m.spec.podMetricsEndpoints[0].portName = 'metrics'; }))
      .toEqual([expect.stringMatching(/^schema-unknown-field: spec\.podMetricsEndpoints\[0\]\.portName: unknown field/)]);
    expect(variant(m => { m.spec.labelLimit = '63'; }))
      .toEqual([expect.stringMatching(/^schema: spec\.labelLimit: /)]);
    expect(variant(m => { m.apiVersion = 'azmonitoring.coreos.com/v1beta1'; }))
      .toEqual([expect.stringMatching(/^schema-unknown-kind: /)]);
  });
});

describe('DurableTaskSchedulerEmulator', () => {
  function devApp() {
    const app = Testing.app();
    const system = ordersChart(app, 'dev-system');
    const emulator = new DurableTaskSchedulerEmulator(system, 'Emulator', { taskHubs: ['scratch'] });
    const emulated = DurableTaskScheduler.fromEmulator(emulator, { connectionStringEnvName: 'DTS_CONNECTION_STRING' });
    new DurableWorker(system, 'Worker', { image: IMAGE, scheduler: emulated, taskHub: 'orders' });
    const tenant = new TaskHubTenant(app, 'tenant-a', { namespaceName: 'tenant-a', taskHub: 'tenant-a', scheduler: emulated });
    tenant.addApi('Api', { image: IMAGE });
    tenant.addClient('Client', { image: IMAGE });
    new DurableWorker(system, 'Again', { name: 'again', image: IMAGE, scheduler: emulated, taskHub: 'ORDERS' });
    return { app, emulator, manifests: app.charts.flatMap(c => Testing.synth(c)) };
  }

  test('passes the validator, Pod Security restricted included, together with its workloads', () => {
    // GIVEN / WHEN
    const { manifests } = devApp();
    // THEN
    expectValid(manifests);
    const pod = one(manifests, 'Deployment', 'dts-emulator').spec.template.spec;
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 1654, runAsGroup: 1654, fsGroup: 1654, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
    });
  });

  test('creates every task hub of its workloads, added after it, each once, after its own', () => {
    // GIVEN / WHEN
    const { emulator, manifests } = devApp();
    // THEN
    expect(emulator.taskHubNames).toEqual(['scratch', 'orders', 'tenant-a']);
    expect(container(one(manifests, 'Deployment', 'dts-emulator')).env[0])
      .toEqual({ name: 'DTS_TASK_HUB_NAMES', value: 'scratch,orders,tenant-a' });
  });

  test('serves gRPC (h2c), HTTP and the dashboard, probed over TCP on gRPC; a pinned image, one replica', () => {
    // GIVEN / WHEN
    const { manifests } = devApp();
    const deployment = one(manifests, 'Deployment', 'dts-emulator');
    const c = container(deployment);
    // THEN
    expect(c.image).toBe('mcr.microsoft.com/dts/dts-emulator:v0.0.10');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(c.ports.map((p: any) => `${p.name}:${p.containerPort}`)).toEqual(['grpc:8080', 'http:8081', 'dashboard:8082']);
    // No public source documents an HTTP health path of the emulator; gRPC on 8080 is in all of them.
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'grpc' }, periodSeconds: 5 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 'grpc' }, initialDelaySeconds: 10, periodSeconds: 20 });
    expect(one(manifests, 'Service', 'dts-emulator').spec.ports[0])
      .toEqual({ name: 'grpc', port: 8080, targetPort: 'grpc', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' });
  });

  test('binds workloads over http:// with Authentication=None, and admits exactly them', () => {
    // GIVEN / WHEN
    const { manifests } = devApp();
    // THEN
    const api = container(one(manifests, 'Deployment', 'durable-api')).env;
    expect(api.find((v: any) => v.name === 'DTS_CONNECTION_STRING').value)
      .toBe('Endpoint=http://dts-emulator.dev-system.svc:8080;TaskHub=tenant-a;Authentication=None');
    expect(one(manifests, 'NetworkPolicy', 'dts-emulator-allow-clients').spec.ingress).toEqual([{
      from: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev-system' } },
          podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['again', 'durable-worker'] }] },
        },
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'tenant-a' } },
          podSelector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['durable-api', 'durable-client'] }] },
        },
      ],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }]);
    const clientEgress = one(manifests, 'NetworkPolicy', 'durable-client-allow-emulator-egress');
    expect(clientEgress.metadata.namespace).toBe('tenant-a');
    expect(clientEgress.spec.egress).toEqual([{
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev-system' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'dts-emulator' } },
      }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }]);
  });

  test("creates the 'default' hub when no workload uses it", () => {
    // GIVEN
    const chart = ordersChart();
    // WHEN
    const emulator = new DurableTaskSchedulerEmulator(chart, 'Emulator');
    // THEN
    expect(container(one(synthValid(chart), 'Deployment', 'dts-emulator')).env[0]).toEqual({ name: 'DTS_TASK_HUB_NAMES', value: 'default' });
    expect(emulator.endpoint).toBe('http://dts-emulator.orders.svc:8080');
  });

  test('fails when the emulator is bound with credentials', () => {
    // GIVEN
    const chart = ordersChart();
    const emulator = new DurableTaskSchedulerEmulator(chart, 'Emulator');
    // WHEN / THEN
    expect(() => new DurableClient(chart, 'Client', {
      image: IMAGE, taskHub: 'orders',
      scheduler: DurableTaskScheduler.fromEmulator(emulator, { authentication: SchedulerAuthentication.DEFAULT_AZURE }),
    })).toThrow("orders/Client: 'scheduler.endpoint' (\"http://dts-emulator.orders.svc:8080\") must be an https:// URL "
      + 'with a host and no path, query or credentials, e.g. "https://myscheduler.westus2.durabletask.io": the Durable '
      + 'Task SDKs send credentials only over TLS, so an http:// endpoint (the local DTS emulator) needs SchedulerAuthentication.NONE');
  });

  test.each([
    ['its image uses latest', { image: 'mcr.microsoft.com/dts/dts-emulator:latest' },
      "orders/Emulator: 'image' (\"mcr.microsoft.com/dts/dts-emulator:latest\") uses the mutable tag 'latest': use an image with a tag (not 'latest') or a digest, e.g. \"myregistry.azurecr.io/worker:1.4.2\""],
    ['it runs as root', { runAsUser: 0 }, "orders/Emulator: 'runAsUser' (0) must be an integer >= 1"],
    ['an extra task hub is invalid', { taskHubs: ['a,b'] }, "orders/Emulator: 'taskHubs[0]' (\"a,b\") must be a task hub name: 3-64 letters, digits or '-'"],
  ])('fails when %s', (_name, props, message) => {
    // GIVEN
    const chart = ordersChart();
    // WHEN / THEN
    expect(() => new DurableTaskSchedulerEmulator(chart, 'Emulator', props))
      .toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('fails when its name is the name of a workload of the namespace', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    new DurableWorker(chart, 'Worker', { name: 'dts-emulator', image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    // WHEN / THEN
    expect(() => new DurableTaskSchedulerEmulator(chart, 'Emulator')).toThrow('orders/Emulator: Deployment name '
      + '"dts-emulator" in namespace "orders" is already used by orders/Worker: give the emulator another \'name\'');
  });
});

describe('telemetry endpoints and secrets', () => {
  test('adds no egress policy for a sidecar collector on the loopback, which NetworkPolicies do not filter', () => {
    // GIVEN / WHEN
    const names = ['http://localhost:4317', 'http://127.0.0.1:4317', 'http://[::1]:4318'].map(endpoint =>
      all(synthValid(workerWith({ otlp: { endpoint } })), 'NetworkPolicy').map(p => p.metadata.name));
    // THEN
    names.forEach(n => expect(n).not.toContain('durable-worker-allow-otlp-egress'));
  });

  test('opens an outside collector given by IP address through a CIDR that contains it', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith({ otlp: { endpoint: 'http://10.0.0.5:4317', egressCidrs: ['10.0.0.0/24'] } }));
    // THEN
    expect(one(manifests, 'NetworkPolicy', 'durable-worker-allow-otlp-egress').spec.egress)
      .toEqual([{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 4317 }] }]);
  });

  test.each([
    ['10.0.0.255', '10.0.0.0/24'], ['10.0.0.5', '0.0.0.0/0'], ['10.0.0.5', '10.0.0.5/32'],
    ['fd00::7fff', 'fd00::/113'], ['2001:db8::1', '2001:db8::/32'], ['2001:db8::1', '::/0'],
    // An IPv4-mapped address is IPv4 on the wire, where the policy matches it.
    ['::ffff:10.0.0.5', '10.0.0.0/24'],
  ])('opens an outside collector at %s through %s, which contains it', (ip, cidr) => {
    // GIVEN
    const endpoint = `http://${ip.includes(':') ? `[${ip}]` : ip}:4317`;
    // WHEN
    const manifests = synthValid(workerWith({ otlp: { endpoint, egressCidrs: [cidr] } }));
    // THEN
    expect(one(manifests, 'NetworkPolicy', 'durable-worker-allow-otlp-egress').spec.egress[0].to)
      .toEqual([{ ipBlock: { cidr } }]);
  });

  test.each([
    ['the OTLP endpoint has port 0', { otlp: { endpoint: 'http://otel.observability.svc:0' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"http://otel.observability.svc:0\") has port 0: give the collector's port (1-65535), e.g. \"http://otel-collector.observability.svc:4317\""],
    ['an in-cluster endpoint names no possible Service', { otlp: { endpoint: 'http://otel_collector.observability.svc:4317' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"http://otel_collector.observability.svc:4317\") names the in-cluster Service \"otel_collector\", which no Service can be called (a DNS-1035 label: 1-63 lowercase letters, digits or '-', starting with a letter), so it never resolves; $(VAR) references are not expanded in it"],
    ['the endpoint is a $(VAR) reference', { otlp: { endpoint: 'http://$(HOST_IP):4317' } },
      "orders/Worker: 'telemetry.otlp.endpoint' (\"http://$(HOST_IP):4317\") names the in-cluster Service \"$(host_ip)\", which no Service can be called (a DNS-1035 label: 1-63 lowercase letters, digits or '-', starting with a letter), so it never resolves; $(VAR) references are not expanded in it"],
    ['an outside endpoint has a collectorPort', { otlp: { endpoint: 'https://otlp.example.com:4317', collectorPort: 443 } },
      "orders/Worker: 'telemetry.otlp.collectorPort' (443) is set, but \"https://otlp.example.com:4317\" is outside the cluster, where no Service maps the port: the pods connect to port 4317 of the endpoint; drop 'collectorPort' (it is for in-cluster Services)"],
    ['the CIDRs miss the endpoint address', { otlp: { endpoint: 'http://10.0.0.5:4317', egressCidrs: ['192.168.0.0/24'] } },
      "orders/Worker: 'telemetry.otlp.egressCidrs' ([\"192.168.0.0/24\"]) does not contain the endpoint's address 10.0.0.5 (\"http://10.0.0.5:4317\"), so the policy would not open it: add \"10.0.0.5/32\""],
    ['the CIDRs miss an IPv6 endpoint address by one bit', { otlp: { endpoint: 'http://[fd00::8000]:4317', egressCidrs: ['fd00::/113'] } },
      "orders/Worker: 'telemetry.otlp.egressCidrs' ([\"fd00::/113\"]) does not contain the endpoint's address fd00::8000 (\"http://[fd00::8000]:4317\"), so the policy would not open it: add \"fd00::8000/128\""],
    ['an IPv4 endpoint has only IPv6 CIDRs', { otlp: { endpoint: 'http://10.0.0.5:4317', egressCidrs: ['::/0'] } },
      "orders/Worker: 'telemetry.otlp.egressCidrs' ([\"::/0\"]) does not contain the endpoint's address 10.0.0.5 (\"http://10.0.0.5:4317\"), so the policy would not open it: add \"10.0.0.5/32\""],
    ['the OTLP protocol is not an OtlpProtocol', { otlp: { endpoint: 'http://otel.observability.svc:4317', protocol: 'http/json' } },
      "orders/Worker: 'telemetry.otlp.protocol' (\"http/json\") must be a OtlpProtocol (grpc, http/protobuf)"],
    ['an IPv4-mapped endpoint has only an IPv4-mapped CIDR', {
      otlp: { endpoint: 'http://[::ffff:10.0.0.5]:4317', egressCidrs: ['::ffff:a00:5/128'] },
    }, "orders/Worker: 'telemetry.otlp.egressCidrs[0]' (\"::ffff:a00:5/128\") embeds an IPv4 address: the API server and the network policy engines take plain CIDRs only; write an IPv4 CIDR like \"10.0.0.0/16\" or an IPv6 CIDR like \"fd00::/8\""],
    ['an IPv4-mapped endpoint is outside the CIDRs', {
      otlp: { endpoint: 'http://[::ffff:10.0.0.5]:4317', egressCidrs: ['192.168.0.0/24'] },
    }, "orders/Worker: 'telemetry.otlp.egressCidrs' ([\"192.168.0.0/24\"]) does not contain the endpoint's address 10.0.0.5 (\"http://[::ffff:10.0.0.5]:4317\"), so the policy would not open it: add \"10.0.0.5/32\""],
    ['an in-cluster endpoint written as an absolute name has CIDRs', {
      otlp: { endpoint: 'http://otel.observability.svc.cluster.local.:4317', egressCidrs: ['10.0.0.0/8'] },
    }, "orders/Worker: 'telemetry.otlp.egressCidrs' is set, but \"http://otel.observability.svc.cluster.local.:4317\" is an in-cluster Service: egress is opened to its namespace (narrow it with 'collectorPodLabels'), not to CIDRs"],
    ['an IPv4-mapped loopback endpoint has CIDRs', { otlp: { endpoint: 'http://[::ffff:127.0.0.1]:4317', egressCidrs: ['10.0.0.0/8'] } },
      "orders/Worker: 'telemetry.otlp.egressCidrs' is set, but \"http://[::ffff:127.0.0.1]:4317\" is the pod's own loopback (a sidecar collector), which NetworkPolicies do not filter: drop 'egressCidrs'"],
    ['a loopback endpoint has CIDRs', { otlp: { endpoint: 'http://localhost:4317', egressCidrs: ['10.0.0.0/8'] } },
      "orders/Worker: 'telemetry.otlp.egressCidrs' is set, but \"http://localhost:4317\" is the pod's own loopback (a sidecar collector), which NetworkPolicies do not filter: drop 'egressCidrs'"],
    ['an attribute sets service.name', {
      azureMonitor: { connectionStringSecret: 'appi' }, resourceAttributes: [{ key: 'service.name', value: 'x' }],
    }, "orders/Worker: 'telemetry.resourceAttributes[0].key' (\"service.name\") is overridden by OTEL_SERVICE_NAME, which the construct sets: use 'telemetry.serviceName'"],
    ['the service version is empty', { azureMonitor: { connectionStringSecret: 'appi' }, serviceVersion: ' ' },
      "orders/Worker: 'telemetry.serviceVersion' is empty: leave it unset for the image tag, or give the version"],
    ['the connection string Secret is an instrumentation key', {
      azureMonitor: { connectionStringSecret: '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0' },
    }, "orders/Worker: 'telemetry.azureMonitor.connectionStringSecret' (\"0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\") is an Application Insights instrumentation key, which must not be written into a manifest: put the connection string in a Secret and give the Secret's name"],
  ] as Array<[string, WorkloadTelemetryOptions, string]>)('fails when %s', (_name, telemetry, message) => {
    // GIVEN / WHEN / THEN
    expect(() => workerWith(telemetry)).toThrow(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });
});
