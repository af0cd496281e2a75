import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodMonitor as AzurePodMonitor } from '../../imports/azmonitoring.coreos.com';
import { PodMonitor as OperatorPodMonitor } from '../../imports/monitoring.coreos.com';
import { MetadataEntry } from '../metadata';
import { MetricsScraper, WorkloadMetricsOptions } from '../metrics';
import { OtlpProtocol, WorkloadTelemetryOptions } from '../telemetry';
import {
  checkArray, checkConfigMapKey, checkDnsLabel, checkDnsSubdomain, checkOptions, checkPort, checkRequired, checkString,
  fail, isGuid, show,
} from './input-checks';
import { NAMESPACE_NAME_LABEL } from './labels';
import { checkedEntries } from './object-metadata';
import { checkOtlpEndpoint } from './otlp';

export { renderTelemetryPolicy } from './otlp';

/** What the renderers need to know of the workload. */
export interface ObservedWorkload {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  /** Labels of the workload's objects. */
  readonly labels: Record<string, string>;
  /** Labels that select its pods. */
  readonly selector: Record<string, string>;
}

/** Resource attributes the construct sets; the user's must not repeat them. */
const OWN_ATTRIBUTES: readonly string[] = Object.freeze([
  'k8s.namespace.name', 'k8s.pod.name', 'k8s.deployment.name', 'service.version',
]);

/**
 * The tag of an image (`repo:1.4.2` → `1.4.2`, `repo:1.4.2@sha256:...` → `1.4.2`), or undefined for an image
 * given by digest only. The colon of a registry port (`host:5000/repo`) is not a tag.
 */
export function imageTag(image: string): string | undefined {
  const name = image.split('@')[0];
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon === -1 ? undefined : last.slice(colon + 1);
}

/**
 * W3C Baggage value encoding, which `OTEL_RESOURCE_ATTRIBUTES` uses (OpenTelemetry SDK environment variable spec):
 * percent-encode everything but unreserved characters, so `,` and `=` in a value cannot split the list.
 */
function encodeAttribute(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The telemetry variables: pod name and namespace from the downward API first (a `$(VAR)` reference only expands
 * variables defined before it), then `OTEL_SERVICE_NAME`, `OTEL_RESOURCE_ATTRIBUTES`, the OTLP exporter and the
 * Azure Monitor connection string.
 */
export function renderTelemetryEnv(scope: Construct, options: WorkloadTelemetryOptions | undefined,
  workload: ObservedWorkload): k8s.EnvVar[] {
  if (options === undefined) {
    return [];
  }
  checkOptions(scope, 'telemetry', options);
  checkOptions(scope, 'telemetry.otlp', options.otlp);
  checkOptions(scope, 'telemetry.azureMonitor', options.azureMonitor);
  if (!options.otlp && !options.azureMonitor) {
    fail(scope, "'telemetry' exports nowhere: set 'telemetry.otlp' (an OTLP collector or backend), "
      + "'telemetry.azureMonitor' (Application Insights), or both");
  }
  const serviceName = options.serviceName ?? workload.name;
  checkString(scope, 'telemetry.serviceName', serviceName);
  if (serviceName.trim() === '') {
    fail(scope, "'telemetry.serviceName' is empty: it names the service in every trace");
  }
  const version = options.serviceVersion ?? imageTag(workload.image);
  if (options.serviceVersion !== undefined) {
    checkString(scope, 'telemetry.serviceVersion', options.serviceVersion);
    if (options.serviceVersion.trim() === '') {
      fail(scope, "'telemetry.serviceVersion' is empty: leave it unset for the image tag, or give the version");
    }
  }
  const attributes = [
    'k8s.namespace.name=$(OTEL_K8S_NAMESPACE_NAME)',
    'k8s.pod.name=$(OTEL_K8S_POD_NAME)',
    `k8s.deployment.name=${workload.name}`,
    ...(version ? [`service.version=${encodeAttribute(version)}`] : []),
    ...userAttributes(scope, options.resourceAttributes),
  ];
  const env: k8s.EnvVar[] = [
    { name: 'OTEL_K8S_NAMESPACE_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: 'OTEL_K8S_POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'OTEL_SERVICE_NAME', value: serviceName },
    { name: 'OTEL_RESOURCE_ATTRIBUTES', value: attributes.join(',') },
  ];
  if (options.otlp) {
    const otlp = options.otlp;
    checkOtlpEndpoint(scope, otlp);
    env.push({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: otlp.endpoint });
    env.push({ name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: otlp.protocol ?? OtlpProtocol.GRPC });
  }
  if (options.azureMonitor) {
    const secret = options.azureMonitor.connectionStringSecret;
    checkRequired(scope, 'telemetry.azureMonitor.connectionStringSecret', secret, 'the name of a Secret');
    if (isGuid(secret)) {
      fail(scope, `'telemetry.azureMonitor.connectionStringSecret' (${show(secret)}) is an Application Insights `
        + 'instrumentation key, which must not be written into a manifest: put the connection string in a Secret '
        + "and give the Secret's name");
    }
    checkDnsSubdomain(scope, 'telemetry.azureMonitor.connectionStringSecret', secret);
    const key = options.azureMonitor.connectionStringKey ?? 'connection-string';
    checkConfigMapKey(scope, 'telemetry.azureMonitor.connectionStringKey', key, 'Secret');
    env.push({ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', valueFrom: { secretKeyRef: { name: secret, key } } });
  }
  return env;
}

function userAttributes(scope: Construct, entries: MetadataEntry[] | undefined): string[] {
  checkArray(scope, 'telemetry.resourceAttributes', entries);
  const seen = new Set<string>();
  return (entries ?? []).map((entry, i) => {
    const prop = `telemetry.resourceAttributes[${i}]`;
    if (typeof entry?.key !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,254}$/.test(entry.key)) {
      fail(scope, `'${prop}.key' (${show(entry?.key)}) must be an attribute name: letters, digits, '.', '_', '-' `
        + "or '/'");
    }
    if (entry.key === 'service.name') {
      fail(scope, `'${prop}.key' ("service.name") is overridden by OTEL_SERVICE_NAME, which the construct sets: use `
        + "'telemetry.serviceName'");
    }
    if (OWN_ATTRIBUTES.includes(entry.key)) {
      fail(scope, `'${prop}.key' (${show(entry.key)}) is set by the construct (${OWN_ATTRIBUTES.join(', ')}): `
        + "use 'telemetry.serviceVersion' for the version, or another key");
    }
    if (seen.has(entry.key)) {
      fail(scope, `'${prop}.key' (${show(entry.key)}) is a duplicate: each attribute is set once`);
    }
    seen.add(entry.key);
    checkString(scope, `${prop}.value`, entry.value);
    return `${entry.key}=${encodeAttribute(entry.value)}`;
  });
}

/** A Prometheus duration, as the PodMonitor CRD's pattern for `interval` has it. */
const DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** Limits Azure managed Prometheus requires of every PodMonitor/ServiceMonitor (its custom resource docs). */
const AZURE_LIMITS = Object.freeze({ labelLimit: 63, labelNameLengthLimit: 511, labelValueLengthLimit: 1023 });

/** The metrics container port's name, which the PodMonitor scrapes by. */
export const METRICS_PORT_NAME = 'metrics';

/** The checked metrics options: the container port to add (next to the workload's own, named `ownPortName`). */
export function checkMetrics(scope: Construct, options: WorkloadMetricsOptions | undefined,
  ownPort: number | undefined, ownPortName?: string): number | undefined {
  if (options === undefined) {
    return undefined;
  }
  checkOptions(scope, 'metrics', options);
  checkRequired(scope, 'metrics.port', options.port, 'the container port of the metrics endpoint, e.g. 9090');
  checkPort(scope, 'metrics.port', options.port);
  if (options.port === ownPort) {
    fail(scope, `'metrics.port' (${options.port}) is already the workload's port: serve metrics on a port of their `
      + 'own, so that the NetworkPolicy admits the scraper to the metrics only');
  }
  if (ownPortName === METRICS_PORT_NAME) {
    fail(scope, `'service.portName' (${show(ownPortName)}) is the name of the metrics port ('metrics.port' `
      + `${options.port}): container port names must be unique; choose another port name, e.g. "http"`);
  }
  return options.port;
}

/** The PodMonitor and the NetworkPolicy that admits the scraper to the metrics port. */
export function renderMetrics(scope: Construct, options: WorkloadMetricsOptions | undefined,
  workload: ObservedWorkload): { podMonitor?: ApiObject; policy?: k8s.KubeNetworkPolicy } {
  if (options === undefined) {
    return {};
  }
  const scraper = options.scraper ?? MetricsScraper.AZURE_MANAGED_PROMETHEUS;
  if (!Object.values(MetricsScraper).includes(scraper)) {
    fail(scope, `'metrics.scraper' (${show(scraper)}) must be one of ${Object.values(MetricsScraper).join(', ')}`);
  }
  const azure = scraper === MetricsScraper.AZURE_MANAGED_PROMETHEUS;
  const path = options.path ?? '/metrics';
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path)) {
    fail(scope, `'metrics.path' (${show(path)}) must be an absolute URL path, e.g. "/metrics"`);
  }
  if (options.interval !== undefined
    && (typeof options.interval !== 'string' || options.interval === '' || !DURATION.test(options.interval))) {
    fail(scope, `'metrics.interval' (${show(options.interval)}) must be a Prometheus duration, e.g. "30s" or "1m"`);
  }
  const scraperNamespace = options.scraperNamespace ?? (azure ? 'kube-system' : undefined);
  if (scraperNamespace === undefined) {
    fail(scope, "'metrics.scraperNamespace' is required with MetricsScraper.PROMETHEUS_OPERATOR: the namespace of the "
      + 'Prometheus pods, which the NetworkPolicy admits to the metrics port (e.g. "monitoring")');
  }
  checkDnsLabel(scope, 'metrics.scraperNamespace', scraperNamespace);
  const scraperLabels = checkedEntries(scope, 'metrics.scraperPodLabels', options.scraperPodLabels, 'label');
  const monitorLabels = checkedEntries(scope, 'metrics.podMonitorLabels', options.podMonitorLabels, 'label');
  const spec = {
    selector: { matchLabels: { ...workload.selector } },
    podMetricsEndpoints: [{
      port: METRICS_PORT_NAME,
      path,
      ...(options.interval !== undefined ? { interval: options.interval } : {}),
    }],
    // Azure managed Prometheus' custom resource docs require these limits; prometheus-operator takes them as given.
    ...AZURE_LIMITS,
  };
  const metadata = { name: workload.name, labels: { ...workload.labels, ...monitorLabels } };
  const podMonitor = azure
    ? new AzurePodMonitor(scope, 'PodMonitor', { metadata, spec })
    : new OperatorPodMonitor(scope, 'PodMonitor', { metadata, spec });
  const policy = new k8s.KubeNetworkPolicy(scope, 'MetricsPolicy', {
    metadata: { name: `${workload.name}-allow-metrics-scrape`, labels: workload.labels },
    spec: {
      podSelector: { matchLabels: { ...workload.selector } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: scraperNamespace } },
          ...(Object.keys(scraperLabels).length > 0 ? { podSelector: { matchLabels: scraperLabels } } : {}),
        }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(options.port) }],
      }],
    },
  });
  return { podMonitor, policy };
}
