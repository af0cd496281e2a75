import * as net from 'net';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { OtlpExporterOptions, OtlpProtocol, WorkloadTelemetryOptions } from '../telemetry';
import {
  checkArray, checkDnsLabel, checkEnum, checkPort, checkRequired, fail, show, showUrl,
} from './input-checks';
import { checkEgressCidr, cidrContains, unmappedAddress } from './egress-cidrs';
import { isDns1035Label } from './k8s-facts';
import { NAMESPACE_NAME_LABEL } from './labels';
import { checkedEntries } from './object-metadata';

/** What the OTLP egress policy needs to know of the workload. */
export interface OtlpWorkload {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
}

/** Where an OTLP endpoint is: the pod itself (a sidecar), an in-cluster Service (its namespace) or outside. */
interface OtlpTarget {
  readonly port: number;
  /** A collector on the pod's loopback (a sidecar): NetworkPolicies do not apply to it. */
  readonly loopback: boolean;
  /** Namespace of an in-cluster Service. */
  readonly namespace?: string;
  /** The endpoint's address, when the host is an IP address. */
  readonly ip?: string;
}

/**
 * The checked OTLP endpoint URL. A path is allowed with OTLP/HTTP only: there `OTEL_EXPORTER_OTLP_ENDPOINT` is a base
 * URL whose path the exporter MUST honor and to which it appends `v1/traces`, `v1/metrics` and `v1/logs`
 * (OpenTelemetry specification, protocol/exporter.md, "Endpoint (OTLP/HTTP)" and "Endpoint URLs for OTLP/HTTP"), as
 * backends such as Grafana Cloud (`https://otlp-gateway-<zone>.grafana.net/otlp`) require. An OTLP/gRPC target has
 * no path, and a base URL that already ends in a signal path would get it twice.
 */
export function checkOtlpEndpoint(scope: Construct, otlp: OtlpExporterOptions): URL {
  checkRequired(scope, 'telemetry.otlp.endpoint', otlp.endpoint,
    'the collector URL, e.g. "http://otel-collector.observability.svc:4317"');
  checkEnum(scope, 'telemetry.otlp.protocol', otlp.protocol, OtlpProtocol, 'OtlpProtocol');
  const http = otlp.protocol === OtlpProtocol.HTTP_PROTOBUF;
  let url: URL | undefined;
  try {
    url = new URL(otlp.endpoint);
  } catch {
    url = undefined;
  }
  const hasPath = url !== undefined && url.pathname !== '/' && url.pathname !== '';
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || url.username !== ''
    || url.password !== '' || url.search !== '' || url.hash !== '' || (hasPath && !http)
    || /\s/.test(otlp.endpoint)) {
    fail(scope, `'telemetry.otlp.endpoint' (${showUrl(otlp.endpoint)}) must be an http:// or https:// URL with a `
      + 'host and no path, query or credentials, e.g. "http://otel-collector.observability.svc:4317"'
      + (hasPath && !http ? ' (a base path is for OtlpProtocol.HTTP_PROTOBUF only)' : ''));
  }
  const signal = /\/v1\/(traces|metrics|logs)\/?$/.exec(url.pathname);
  if (signal) {
    fail(scope, `'telemetry.otlp.endpoint' (${show(otlp.endpoint)}) ends in the signal path ${show(signal[0])}, which `
      + 'the OTLP/HTTP exporter appends to OTEL_EXPORTER_OTLP_ENDPOINT itself: give the base URL, e.g. '
      + show(`${url.origin}${url.pathname.slice(0, signal.index)}`));
  }
  if (url.port === '0') {
    fail(scope, `'telemetry.otlp.endpoint' (${show(otlp.endpoint)}) has port 0: give the collector's port (1-65535), `
      + 'e.g. "http://otel-collector.observability.svc:4317"');
  }
  return url;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (net.isIPv4(host) && host.startsWith('127.'));
}

/**
 * In-cluster Services are `<service>` (the workload's namespace), `<service>.<namespace>.svc` or
 * `<service>.<namespace>.svc.cluster.local`; `localhost` and loopback addresses are the pod itself (a sidecar
 * collector); any other host is outside the cluster (a two-label name like `collector.monitoring` is ambiguous with a
 * public domain, so it is not guessed).
 */
function otlpTarget(scope: Construct, otlp: OtlpExporterOptions, ownNamespace: string): OtlpTarget {
  const url = checkOtlpEndpoint(scope, otlp);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  // An IPv4-mapped address (`[::ffff:10.0.0.5]`) is IPv4 on the wire, and policies match it as such; an absolute
  // name (a trailing '.') is the name without it, for `<service>.<namespace>.svc.cluster.local.`.
  const host = unmappedAddress(url.hostname.replace(/^\[(.*)\]$/, '$1')).replace(/(\.svc\.cluster\.local)\.$/, '$1');
  if (isLoopback(host)) {
    return { port, loopback: true };
  }
  if (net.isIP(host) !== 0) {
    return { port, loopback: false, ip: host };
  }
  const labels = host.split('.');
  const inCluster = labels.length === 1 || (labels.length === 3 && labels[2] === 'svc')
    || (labels.length === 5 && host.endsWith('.svc.cluster.local'));
  // A Service name (DNS-1035 label), which an in-cluster endpoint's first label must be to resolve.
  if (inCluster && !isDns1035Label(labels[0])) {
    fail(scope, `'telemetry.otlp.endpoint' (${show(otlp.endpoint)}) names the in-cluster Service ${show(labels[0])}, `
      + "which no Service can be called (a DNS-1035 label: 1-63 lowercase letters, digits or '-', starting with a "
      + 'letter), so it never resolves; $(VAR) references are not expanded in it');
  }
  return { port, loopback: false, namespace: inCluster ? (labels.length === 1 ? ownNamespace : labels[1]) : undefined };
}

/**
 * For a two-label host such as `otel-collector.observability` (which a pod's DNS search list resolves to a Service
 * when it is one, but which is not told apart from a public domain): how to write it as an in-cluster Service, so
 * that egress opens to its namespace (an `ipBlock` of a ClusterIP matches nothing in most CNIs).
 */
function serviceHint(endpoint: string): string {
  const url = new URL(endpoint);
  const labels = url.hostname.split('.');
  const namespaceLike = labels.length === 2 && /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(labels[1]);
  if (!namespaceLike || !isDns1035Label(labels[0])) {
    return '';
  }
  const port = url.port === '' ? '' : `:${url.port}`;
  const service = `${url.protocol}//${labels[0]}.${labels[1]}.svc${port}${url.pathname === '/' ? '' : url.pathname}`;
  return `; if it is the Service ${show(labels[0])} of namespace ${show(labels[1])}, write ${show(service)}, `
    + 'which opens egress to that namespace';
}

/** The OTLP options that do not apply to a collector on the pod's loopback. */
function checkLoopback(scope: Construct, otlp: OtlpExporterOptions): void {
  const set = (['collectorPort', 'collectorPodLabels', 'egressCidrs'] as const).filter(k => otlp[k] !== undefined);
  if (set.length > 0) {
    fail(scope, `'telemetry.otlp.${set[0]}' is set, but ${show(otlp.endpoint)} is the pod's own loopback (a sidecar `
      + `collector), which NetworkPolicies do not filter: drop '${set[0]}'`);
  }
}

/**
 * The egress NetworkPolicy to the OTLP collector: to its namespace (and pods) for an in-cluster Service, to
 * `egressCidrs` outside the cluster; none for an outside endpoint on 443 without CIDRs (the baseline's HTTPS egress
 * covers it) or a sidecar on the loopback. Azure Monitor ingestion is HTTPS on 443, which the baseline's HTTPS
 * egress covers too.
 */
export function renderTelemetryPolicy(scope: Construct, options: WorkloadTelemetryOptions | undefined,
  workload: OtlpWorkload): k8s.KubeNetworkPolicy | undefined {
  const otlp = options?.otlp;
  if (!otlp) {
    return undefined;
  }
  const target = otlpTarget(scope, otlp, workload.namespace);
  if (target.loopback) {
    checkLoopback(scope, otlp);
    return undefined;
  }
  const port = otlp.collectorPort ?? target.port;
  checkPort(scope, 'telemetry.otlp.collectorPort', port);
  checkArray(scope, 'telemetry.otlp.egressCidrs', otlp.egressCidrs);
  const to = target.namespace !== undefined ? inClusterPeers(scope, otlp, target.namespace)
    : outsidePeers(scope, otlp, target);
  if (to === undefined) {
    return undefined;
  }
  return new k8s.KubeNetworkPolicy(scope, 'OtlpEgressPolicy', {
    metadata: { name: `${workload.name}-allow-otlp-egress`, labels: workload.labels },
    spec: {
      podSelector: { matchLabels: { ...workload.selector } },
      policyTypes: ['Egress'],
      egress: [{ to, ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }] }],
    },
  });
}

function inClusterPeers(scope: Construct, otlp: OtlpExporterOptions, namespace: string): k8s.NetworkPolicyPeer[] {
  if (otlp.egressCidrs !== undefined) {
    fail(scope, `'telemetry.otlp.egressCidrs' is set, but ${show(otlp.endpoint)} is an in-cluster Service: egress is `
      + "opened to its namespace (narrow it with 'collectorPodLabels'), not to CIDRs");
  }
  checkDnsLabel(scope, 'telemetry.otlp.endpoint (namespace)', namespace);
  const podLabels = checkedEntries(scope, 'telemetry.otlp.collectorPodLabels', otlp.collectorPodLabels, 'label');
  return [{
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    ...(Object.keys(podLabels).length > 0 ? { podSelector: { matchLabels: podLabels } } : {}),
  }];
}

/** The CIDR peers of an outside endpoint, or undefined when the baseline's HTTPS egress covers it. */
function outsidePeers(scope: Construct, otlp: OtlpExporterOptions, target: OtlpTarget):
k8s.NetworkPolicyPeer[] | undefined {
  if (otlp.collectorPodLabels !== undefined) {
    fail(scope, `'telemetry.otlp.collectorPodLabels' is set, but ${show(otlp.endpoint)} is outside the cluster `
      + '(in-cluster Services are written "<service>.<namespace>.svc"): use \'egressCidrs\' for an outside '
      + 'collector');
  }
  if (otlp.collectorPort !== undefined) {
    fail(scope, `'telemetry.otlp.collectorPort' (${show(otlp.collectorPort)}) is set, but ${show(otlp.endpoint)} is `
      + `outside the cluster, where no Service maps the port: the pods connect to port ${target.port} of the `
      + "endpoint; drop 'collectorPort' (it is for in-cluster Services)");
  }
  const cidrs = otlp.egressCidrs ?? [];
  cidrs.forEach((cidr, i) => checkEgressCidr(scope, `telemetry.otlp.egressCidrs[${i}]`, cidr));
  if (cidrs.length === 0) {
    if (target.port === 443) {
      return undefined;
    }
    fail(scope, `'telemetry.otlp.endpoint' (${show(otlp.endpoint)}) is outside the cluster on port ${target.port}, `
      + "which the namespace's default deny blocks: set 'telemetry.otlp.egressCidrs' to the collector's addresses"
      + serviceHint(otlp.endpoint));
  }
  const ip = target.ip;
  if (ip !== undefined && !cidrs.some(cidr => cidrContains(cidr, ip))) {
    const host = `${ip}/${net.isIPv6(ip) ? 128 : 32}`;
    fail(scope, `'telemetry.otlp.egressCidrs' (${show(cidrs)}) does not contain the endpoint's address ${ip} `
      + `(${show(otlp.endpoint)}), so the policy would not open it: add "${host}"`);
  }
  return cidrs.map(cidr => ({ ipBlock: { cidr } }));
}
