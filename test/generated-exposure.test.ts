import { Chart, Testing } from 'cdk8s';
import {
  ApiServiceType, DurableApi, DurableWorker, KedaMetricType, KedaTrigger, MetricsScraper, NamespaceBaseline,
  OtlpProtocol, RoutePathType, Scaling, ScalingPolicySelect, ScalingPolicyType, WorkItemType, WorkloadIdentity,
} from '../lib';
import { Outcome, describeInput, expectKept, findingsOf, generator } from './generated';
import { CLIENT_ID, IMAGE, OTHER_CLIENT_ID, scheduler } from './util';

// Generated inputs, deeper than generated-inputs.test.ts, for what connects a workload to the rest of the cluster:
// an API's exposure (Service, Ingress, HTTPRoute, several APIs sharing hosts and certificates), telemetry and metrics
// (OTLP endpoints, PodMonitors) and KEDA triggers. The rule each case keeps, whatever the input:
// - construction (or synth) fails with a plain Error that starts with where it happened (the construct path or the
//   factory), never a TypeError or RangeError from deep inside;
// - or the output passes the manifest validator with no finding.
// Stronger rules where the generator knows more:
// - a value drawn from a list of values that are wrong wherever they are used (`chooseSure`: IP or upper-case hosts,
//   CIDRs the API server warns about, zone names Go does not know) must make the case fail;
// - the shared-exposure cases check that a claim (host and path, certificate Secret) fails on real conflicts only,
//   and that a real conflict is never accepted;
// - an in-cluster OTLP endpoint is never reported as outside the cluster.

interface Picker {
  pick<T>(values: readonly T[]): T;
  /** True with probability `p` (default 0.3): whether to set an optional prop. */
  maybe(p?: number): boolean;
  /** Mostly one of `valid`, now and then one of `invalid` (what a typo, YAML or a JavaScript caller may give). */
  choose(valid: readonly unknown[], invalid: readonly unknown[]): any;
  /** As `choose`, but every value of `invalid` is wrong wherever it is used: one chosen must make the case fail. */
  chooseSure(valid: readonly unknown[], invalid: readonly unknown[]): any;
  /** The values chosen by `chooseSure` from its `invalid` list. */
  readonly mustRefuse: unknown[];
}

function picker(random: () => number, invalidRate = 0.07): Picker {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const mustRefuse: unknown[] = [];
  return {
    pick,
    maybe: (p = 0.3) => random() < p,
    choose: (valid, invalid) => (random() < invalidRate ? pick(invalid) : pick(valid)),
    chooseSure: (valid, invalid) => {
      if (random() >= 3 * invalidRate) return pick(valid);
      const value = pick(invalid);
      mustRefuse.push(value);
      return value;
    },
    mustRefuse,
  };
}

const JUNK = ['', ' ', 7, null, true, [], {}, 'x'.repeat(300)];

/** Zero to two key/value entries, keys distinct unless an invalid key repeats one. */
function entries(p: Picker, keys: readonly string[], values: readonly string[]): unknown {
  const start = keys.indexOf(p.pick(keys));
  return Array.from({ length: p.pick([0, 1, 2]) }, (_, i) => ({
    key: p.choose([keys[(start + i) % keys.length]], [...JUNK, 'UPPER KEY', keys[start]]),
    value: p.choose(values, [7, null, undefined]),
  }));
}

/** Where a thrown message must start: a construct path (`orders/api: `) or a factory (`Scaling.keda: `). */
const PLACE = /^((orders|billing)(\/[\w.-]+)+: |[A-Z]\w*\.\w+(\(\))?: )/;

// ---------------------------------------------------------------------------------------------------------------
// Exposure of one API

const CIDRS = ['10.0.0.0/8', '20.1.0.0/16', '0.0.0.0/0', 'fd00::/8', '2001:db8::/32', '10.1.2.3/32'];
/** CIDRs the API server rejects or warns about (KEP-4858), wherever they are used; IPv4-mapped ones in both forms. */
const BAD_CIDRS = ['10.0.0.1/8', '', 'x', '::ffff:10.0.0.0/104', '::ffff:a00:0/104', '::ffff:a00:5/128',
  '::ffff:a00:0/104', '::ffff:a00:5/128', '10.0.0.0/33', 'fe80::1%eth0/64', '10.0.0.0/08', 7];
const HOSTS = ['orders.example.com', '*.example.com', 'api.orders.example.com', 'xn--bcher-kva.example', 'localhost',
  'a', 'a-1.b-2.example', `${'a'.repeat(63)}.example.com`];
const BAD_HOSTS = ['Orders.example.com', 'bücher.example', '10.0.0.1', '[::1]', '::1', '*', '*.*.example.com',
  'orders.example.com:443', 'https://orders.example.com', '', 'a..b', 'x'.repeat(254), '-a.example.com',
  'orders.example.com.', '*example.com', 'a_b.example.com', 7, null];
const PATHS = ['/', '/api', '/api/v1', '/orders/', '/a-b_c.d~e', '/API'];
const BAD_PATHS = ['api', '', '/a b', '/a//b', '/(.*)', '/%2F', '/a/../b', '/a/.', '/a?x=1', '/a#f', 7, null];
const CLASSES = ['nginx', 'webapprouting.kubernetes.azure.com', 'azure-application-gateway', 'azure-alb-external',
  'traefik'];
const NAMESPACES = ['ingress-nginx', 'app-routing-system', 'traefik', 'gateways', 'orders', 'envoy-gateway-system'];
const BAD_NAMESPACES = ['', 'Traefik', 'kube_system', 'a.b', 'a'.repeat(64), 7];

function pathOptions(p: Picker): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (p.maybe(0.5)) {
    if (p.maybe(0.5)) {
      options.paths = p.choose([['/api', '/health'], ['/'], ['/a', '/b', '/c']],
        [[], ['/a', '/a/'], ['/a', '/a'], '/api', [7]]);
    } else {
      options.path = p.choose(PATHS, BAD_PATHS);
    }
  }
  if (p.maybe()) options.pathType = p.choose(Object.values(RoutePathType), ['ImplementationSpecific', 'prefix', 7]);
  return options;
}

function serviceOptions(p: Picker): Record<string, unknown> {
  const loadBalancer = p.maybe(0.4);
  const options: Record<string, unknown> = {
    serviceType: p.choose(loadBalancer ? [ApiServiceType.LOAD_BALANCER] : [ApiServiceType.CLUSTER_IP, undefined],
      ['NodePort', 'loadbalancer', 7]),
  };
  if (loadBalancer || p.maybe(0.05)) {
    options.sourceCidrs = p.choose([[p.pick(CIDRS)], [p.pick(CIDRS), '192.168.0.0/16']], [[], '10.0.0.0/8']);
    if (p.maybe(0.1)) (options.sourceCidrs as unknown[]).push(p.chooseSure(CIDRS, BAD_CIDRS));
  }
  if (loadBalancer ? p.maybe(0.5) : p.maybe(0.05)) options.internalLoadBalancer = p.choose([true, false], ['true', 1]);
  if (p.maybe()) {
    options.annotations = entries(p, ['service.beta.kubernetes.io/azure-load-balancer-internal-subnet',
      'example.com/owner', 'service.beta.kubernetes.io/azure-load-balancer-internal'], ['apps', 'true']);
  }
  if (p.maybe()) {
    options.portName = p.choose(['http', 'grpc', 'web', 'http-2', 'a'.repeat(15)],
      ['HTTP', 'a'.repeat(16), '-x', '1234', '', 'a--b', 'metrics', 7]);
  }
  return options;
}

function ingressOptions(p: Picker): Record<string, unknown> {
  const className = p.maybe(0.6) ? p.choose(CLASSES, ['', 'Bad_Class', 7]) : undefined;
  const options: Record<string, unknown> = { host: p.chooseSure(HOSTS, BAD_HOSTS), className, ...pathOptions(p) };
  const known = className === undefined || className === 'nginx' || className === 'webapprouting.kubernetes.azure.com';
  if (!known || p.maybe(0.1)) options.controllerNamespace = p.choose(NAMESPACES, BAD_NAMESPACES);
  const outside = className === 'azure-application-gateway' || className === 'azure-alb-external';
  if (outside || p.maybe(0.1)) options.sourceCidrs = p.maybe(0.07) ? [] : [p.chooseSure(CIDRS, BAD_CIDRS)];
  if (p.maybe(0.2)) options.defaultBackend = p.choose([true, false], ['yes', 1]);
  if (p.maybe(0.4)) options.tlsSecretName = p.choose(['orders-tls', 'wildcard.example.com'], ['Orders_TLS', '', 7]);
  if (p.maybe(0.3)) options.clusterIssuer = p.choose(['letsencrypt-prod', 'letsencrypt'], ['', 'LetsEncrypt', 7]);
  if (p.maybe()) {
    options.annotations = entries(p, ['nginx.ingress.kubernetes.io/proxy-body-size',
      'appgw.ingress.kubernetes.io/ssl-redirect', 'example.com/owner'], ['8m', 'true']);
    if (p.maybe(0.3)) {
      (options.annotations as unknown[]).push({ key: p.pick(['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer',
        'kubernetes.io/ingress.class', 'kubernetes.io/tls-acme']), value: p.pick(['letsencrypt-prod', 'nginx', 'true']) });
    }
  }
  return options;
}

function httpRouteOptions(p: Picker): Record<string, unknown> {
  const options: Record<string, unknown> = {
    gatewayName: p.choose(['public', 'shared-gw', 'gw.v1'], ['', 'Public', 7, null]),
    gatewayNamespace: p.choose(['gateways', 'orders', 'envoy-gateway-system'], BAD_NAMESPACES),
    ...pathOptions(p),
  };
  if (p.maybe(0.5)) {
    options.hostnames = p.maybe(0.5) ? [p.chooseSure(HOSTS, BAD_HOSTS)] : p.choose([[HOSTS[0], HOSTS[1]], []], [[HOSTS[0], HOSTS[0]], 'orders.example.com', Array(17).fill(0).map((_, i) => `h${i}.x`)]);
  }
  if (p.maybe()) options.sectionName = p.choose(['https', 'http', 'listener.a'], ['', 'HTTPS', 7]);
  if (p.maybe()) {
    options.headers = p.choose([[{ name: 'x-tenant', value: 'orders' }],
      [{ name: 'X-Tenant', value: 'a' }, { name: 'x-env', value: 'prod' }]],
    [[{ name: 'x tenant', value: 'a' }], [{ name: 'x-tenant', value: '' }], [{ name: 'a', value: 'b' },
      { name: 'A', value: 'c' }], [null], 'x-tenant']);
  }
  if (p.maybe(0.2)) options.dataPlaneNamespace = p.choose(NAMESPACES, BAD_NAMESPACES);
  if (p.maybe(0.2)) options.sourceCidrs = p.maybe(0.07) ? 'x' : [p.chooseSure(CIDRS, BAD_CIDRS)];
  return options;
}

function exposureProps(p: Picker, props: Record<string, unknown>): Record<string, unknown> {
  Object.assign(props, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
  if (p.maybe()) props.port = p.choose([8080, 5000, 80], [0, 65536, '8080', 1.5]);
  if (p.maybe()) props.servicePort = p.choose([80, 443, 8080, 8443], [0, 65536, '80', 1.5, null]);
  if (p.maybe(0.5)) props.service = serviceOptions(p);
  if (p.maybe(0.6)) props.ingress = ingressOptions(p);
  if (p.maybe(0.5)) props.httpRoute = httpRouteOptions(p);
  return props;
}

// ---------------------------------------------------------------------------------------------------------------
// Several APIs sharing hosts, paths, gateways and certificates

interface SharedApi {
  namespace: string;
  name: string;
  ingress?: { host: string; className?: string; path?: string; pathType?: RoutePathType; tlsSecretName?: string;
    clusterIssuer?: string; };
  httpRoute?: { gatewayName: string; gatewayNamespace: string; hostnames?: string[]; sectionName?: string;
    path?: string; pathType?: RoutePathType; headers?: Array<{ name: string; value: string }>; };
}

function sharedApis(p: Picker): SharedApi[] {
  return Array.from({ length: p.pick([2, 3, 4]) }, (_, i) => {
    const api: SharedApi = { namespace: p.pick(['orders', 'billing']), name: p.maybe(0.15) ? 'api-a' : `api-${i}` };
    const pathType = p.maybe(0.3) ? p.pick(Object.values(RoutePathType)) : undefined;
    if (p.maybe(0.7)) {
      api.ingress = { host: p.pick(['orders.example.com', '*.example.com', 'billing.example.com']),
        className: p.pick([undefined, 'nginx', 'webapprouting.kubernetes.azure.com']),
        path: p.pick([undefined, '/', '/api', '/api/', '/v2']), pathType,
        tlsSecretName: p.pick([undefined, 'shared-tls', 'orders-tls']) };
      if (api.ingress.tlsSecretName && p.maybe(0.5)) api.ingress.clusterIssuer = 'letsencrypt';
    }
    if (p.maybe(0.6)) {
      api.httpRoute = { gatewayName: p.pick(['public', 'internal']), gatewayNamespace: 'gateways',
        hostnames: p.pick([undefined, ['orders.example.com'], ['*.example.com'], ['orders.example.com', 'b.example']]),
        sectionName: p.pick([undefined, undefined, 'https', 'http']), path: p.pick([undefined, '/', '/api', '/api/']),
        pathType, headers: p.pick([undefined, [{ name: 'x-tenant', value: 'a' }], [{ name: 'X-Tenant', value: 'a' }],
          [{ name: 'x-tenant', value: 'b' }]]) };
    }
    return api;
  });
}

/** A path as it matches requests: Prefix paths without their trailing '/'. */
function pathKey(path = '/', pathType = RoutePathType.PREFIX): string {
  return pathType === RoutePathType.PREFIX && path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/**
 * Whether two APIs really conflict, by our own reading of the controllers: one Ingress class routing one host and
 * path twice; one Gateway listener routing one host name, path and header set twice (a route without a section
 * attaches to every listener, one without host names to every host); one certificate Secret issued for two Ingresses
 * of a namespace.
 */
function conflict(a: SharedApi, b: SharedApi): string | undefined {
  if (a.namespace === b.namespace && a.name === b.name) return 'name';
  if (a.ingress && b.ingress) {
    const cls = (x: SharedApi['ingress']) => x!.className ?? 'nginx';
    if (cls(a.ingress) === cls(b.ingress) && a.ingress.host === b.ingress.host
      && pathKey(a.ingress.path, a.ingress.pathType) === pathKey(b.ingress.path, b.ingress.pathType)) return 'ingress';
    if (a.namespace === b.namespace && a.ingress.clusterIssuer && b.ingress.clusterIssuer
      && a.ingress.tlsSecretName === b.ingress.tlsSecretName) return 'certificate';
  }
  const [r, s] = [a.httpRoute, b.httpRoute];
  if (r && s && r.gatewayName === s.gatewayName && r.gatewayNamespace === s.gatewayNamespace
    && (r.sectionName === undefined || s.sectionName === undefined || r.sectionName === s.sectionName)
    && pathKey(r.path, r.pathType) === pathKey(s.path, s.pathType)) {
    const hosts = (x: typeof r) => x.hostnames ?? ['*'];
    const headers = (x: typeof r) => JSON.stringify((x.headers ?? []).map(h => [h.name.toLowerCase(), h.value]).sort());
    if (hosts(r).some(h => hosts(s).includes(h)) && headers(r) === headers(s)) return 'httpRoute';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Telemetry and metrics

const ENDPOINTS = ['http://otel-collector.observability.svc:4317', 'http://otel-collector.observability.svc.cluster.local:4317',
  'http://otel-collector:4317', 'https://otlp.example.com', 'https://otlp.example.com:4318', 'http://localhost:4317',
  'http://127.0.0.1:4317', 'http://[::1]:4317', 'http://10.0.0.5:4317', 'http://[fd00::5]:4318',
  'https://otlp-gateway-prod-eu-west-0.grafana.net/otlp', 'http://otel-collector.observability.svc',
  'http://otel-collector.observability.svc:4317/', 'https://20.1.2.3', 'http://collector.monitoring:4317',
  'HTTP://otel-collector.observability.svc:4317', 'http://2130706433:4317', 'http://[::ffff:10.0.0.5]:4317',
  'http://[::ffff:127.0.0.1]:4317', 'http://otel-collector.observability.svc.cluster.local.:4317',
  'https://otlp.example.com/otlp'];
/** Endpoints that are wrong whatever the protocol and the other options. */
const BAD_ENDPOINTS = ['otel-collector:4317', 'grpc://otel:4317', 'http://x.observability.svc:4318/v1/traces', '',
  'http://user:pw@otel:4317', 'http://otel:0', 'http://otel_collector.observability.svc:4317', 'http://otel:4317?x=1',
  ' http://otel:4317', 'http://otel:4317 ', 'http://$(HOST_IP):4317', 'http://otel.Observ_ability.svc:4317', 7,
  null];

function telemetryOptions(p: Picker): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (p.maybe(0.85)) {
    const endpoint = p.chooseSure(ENDPOINTS, BAD_ENDPOINTS);
    const otlp: Record<string, unknown> = { endpoint };
    if (p.maybe(0.4)) {
      otlp.protocol = p.choose(Object.values(OtlpProtocol), ['http/json', 'grpc ', 'HTTP/PROTOBUF', 7]);
    }
    const host = typeof endpoint === 'string' ? endpoint.replace(/^\w+:\/\/([^/]*?)(:\d+)?(\/.*)?$/, '$1') : '';
    const inCluster = /\.svc|^otel-collector$/.test(host);
    const outside = !inCluster && !/localhost|127\.|::1\]|^2130706433$/.test(host);
    if (inCluster ? p.maybe(0.4) : p.maybe(0.05)) {
      otlp.collectorPodLabels = entries(p, ['app.kubernetes.io/name', 'component'], ['opentelemetry-collector', 'gw']);
    }
    if (inCluster ? p.maybe(0.3) : p.maybe(0.05)) otlp.collectorPort = p.choose([4317, 4318, 55680], [0, 70000, '4317']);
    // The endpoint's own address (an IPv4-mapped one is IPv4 on the wire), for CIDRs that contain it.
    const ip = /^\[?(::ffff:)?([0-9a-f:.]+)\]?$/i.exec(host)?.[2];
    if (outside ? p.maybe(0.8) : p.maybe(0.05)) {
      const own = ip && ip.includes(':') ? `${ip}/128` : ip ? `${ip}/32` : '20.0.0.0/8';
      otlp.egressCidrs = p.choose([[own], [own, '10.0.0.0/16'], ['0.0.0.0/0'], ['fd00::/8', own]],
        [[], ['10.9.0.0/16'], own]);
      if (Array.isArray(otlp.egressCidrs) && p.maybe(0.1)) otlp.egressCidrs.push(p.chooseSure(CIDRS, BAD_CIDRS));
    }
    options.otlp = otlp;
  }
  if (!options.otlp || p.maybe(0.3)) {
    options.azureMonitor = { connectionStringSecret: p.choose(['app-insights', 'ai.conn'], ['', CLIENT_ID, 'Bad_Name']),
      connectionStringKey: p.maybe() ? p.choose(['connection-string', 'conn.str', 'CONN_STR'], ['', '..x', 'a b'])
      : undefined };
  }
  if (p.maybe()) options.serviceName = p.choose(['orders', 'orders worker', 'Orders.Worker'], ['', ' ', 7]);
  if (p.maybe()) options.serviceVersion = p.choose(['1.4.2', 'v2', '2024-01-01+build.7'], ['', 7]);
  if (p.maybe()) {
    options.resourceAttributes = p.choose([[{ key: 'deployment.environment.name', value: 'prod' }],
      [{ key: 'team', value: 'a=b,c' }, { key: 'cloud.region', value: 'westus 2' }]],
    [[{ key: 'service.name', value: 'x' }], [{ key: 'k8s.pod.name', value: 'x' }], [{ key: 'a', value: 1 }],
      [{ key: 'a b', value: 'x' }], [{ key: 'a', value: 'x' }, { key: 'a', value: 'y' }]]);
  }
  return options;
}

function metricsOptions(p: Picker): Record<string, unknown> {
  const scraper = p.maybe(0.6) ? p.choose(Object.values(MetricsScraper), ['prometheus', 'monitoring.coreos.com/v1'])
    : undefined;
  const options: Record<string, unknown> = { port: p.choose([9090, 9464, 8081, 8080], [0, 65536, '9090', 1.5, null]),
    scraper };
  if (p.maybe()) {
    options.path = p.choose(['/metrics', '/actuator/prometheus', '/metrics/', '/a:b'],
      ['metrics', '', '/a b', 7, '/metrics?x=1']);
  }
  if (p.maybe()) options.interval = p.choose(['30s', '1m', '1m30s', '15s', '500ms'], ['30', '1.5s', '', '-1s', 7]);
  if (scraper === MetricsScraper.PROMETHEUS_OPERATOR ? p.maybe(0.9) : p.maybe(0.1)) {
    options.scraperNamespace = p.choose(['monitoring', 'kube-system', 'prometheus'], BAD_NAMESPACES);
  }
  if (p.maybe()) options.scraperPodLabels = entries(p, ['app.kubernetes.io/name', 'rsName'], ['prometheus', 'ama-metrics']);
  if (p.maybe()) options.podMonitorLabels = entries(p, ['release', 'team'], ['kube-prometheus-stack', 'a']);
  return options;
}

function observedProps(p: Picker, props: Record<string, unknown>): Record<string, unknown> {
  Object.assign(props, { image: p.pick([IMAGE, `${IMAGE}@sha256:${'a'.repeat(64)}`,
    `myregistry.azurecr.io/w@sha256:${'b'.repeat(64)}`]), scheduler: scheduler(), taskHub: 'orders' });
  if (p.maybe(0.8)) props.telemetry = telemetryOptions(p);
  if (p.maybe(0.6)) props.metrics = metricsOptions(p);
  if (p.maybe(0.3)) props.port = p.choose([8080, 9090], [0]);
  if (p.maybe(0.2)) props.service = { portName: p.choose(['http', 'metrics'], ['']) };
  return props;
}

// ---------------------------------------------------------------------------------------------------------------
// KEDA triggers

function identityFor(p: Picker): unknown {
  return p.choose([WorkloadIdentity.fromClientId(CLIENT_ID), WorkloadIdentity.fromClientId(OTHER_CLIENT_ID)],
    [{ clientId: CLIENT_ID }, null, WorkloadIdentity.fromClientId('not-a-guid'),
      WorkloadIdentity.fromClientIdConfigMap('orders-identity')]);
}

function triggerName(p: Picker): string | undefined {
  return p.maybe(0.4) ? p.choose(['backlog', 'busy', 'business-hours', 'queue'], ['Backlog', '', 'x_y', 'a'.repeat(64),
    7]) : undefined;
}

/** One trigger; the factory runs here, so a factory that checks its arguments eagerly fails in `attempt`. */
/**
 * Zone names KEDA (Go's case-sensitive time.LoadLocation) does not know: unknown, misspelled, in another case than
 * IANA's ("Utc", "Europe/AMSTERDAM"), or a UTC offset (which newer Intl versions take as a zone).
 */
const BAD_TIME_ZONES = ['utc', 'Europe/Atlantis', '', 'europe/amsterdam', 'CET ', 7, 'Utc', 'Europe/AMSTERDAM',
  'America/Port-Au-Prince', 'Utc', 'Europe/AMSTERDAM', '+01:00', 'UTC+1', 'us/pacific'];

function trigger(p: Picker, chosen: unknown[]): KedaTrigger {
  const kind = p.pick(['cpu', 'memory', 'prometheus', 'cron', 'cron', 'dts', 'custom', 'custom']);
  const name = triggerName(p);
  switch (kind) {
    case 'cpu':
    case 'memory': {
      const value = p.choose([50, 70, 80, 100], [0, -1, 1.5, 10000, '70', NaN]);
      chosen.push({ kind, value, name });
      return kind === 'cpu' ? KedaTrigger.cpu(value, { name }) : KedaTrigger.memory(value, { name });
    }
    case 'prometheus': {
      const options = {
        name,
        serverAddress: p.choose(['https://amw-1.westus2.prometheus.monitor.azure.com',
          'http://prometheus.monitoring.svc:9090', 'http://prometheus-server.monitoring.svc.cluster.local',
          'https://prom.example.com/prometheus', 'http://[fd00::1]:9090'],
        ['prometheus:9090', 'ftp://x', ' https://x', 'https://x?y=1', 'https://x#f', '', 'https://x\n', 7]),
        query: p.choose(['sum(rate(http_requests_total[2m]))', 'dts_backlog{hub="orders"}', 'vector(1)'], ['', ' ', 7]),
        threshold: p.choose([1, 0.5, 100, 0.001, 12.5], [0, -1, 0.0001, NaN, Infinity, '5']),
        activationThreshold: p.maybe() ? p.choose([0, 1, 2.5], [-1, NaN, '1', Infinity]) : undefined,
        identity: p.maybe() ? identityFor(p) : undefined,
      };
      chosen.push({ kind, ...options });
      return KedaTrigger.prometheus(options as never);
    }
    case 'cron': {
      const options = {
        name,
        timezone: p.chooseSure(['UTC', 'Europe/Amsterdam', 'America/New_York', 'Etc/GMT+5', 'US/Pacific', 'Asia/Kolkata',
          'Etc/UTC', 'America/Port-au-Prince', 'EST5EDT'], BAD_TIME_ZONES),
        start: p.choose(['0 8 * * 1-5', '*/30 * * * *', '0 0 1 * *', '0 22 * * FRI', '0 6 * JAN-MAR *'],
          ['0 8 * *', '60 * * * *', '0 8 * * 7', '@daily', '', '0 8 * * 1-5 2024']),
        end: p.choose(['0 18 * * 1-5', '0 6 * * MON', '15 * * * *', '0 23 * * *'], ['0 24 * * *', 'x', 7]),
        desiredReplicas: p.choose([1, 2, 3], [0, 1.5, 100, '2']),
      };
      chosen.push({ kind, ...options });
      return KedaTrigger.cron(options as never);
    }
    case 'dts': {
      const options = {
        name,
        workItemType: p.maybe() ? p.choose(Object.values(WorkItemType), ['orchestration', 'Activities', 7]) : undefined,
        maxConcurrentWorkItemsCount: p.maybe() ? p.choose([1, 10, 50], [0, 1.5, '10', -1]) : undefined,
        identity: p.maybe() ? identityFor(p) : undefined,
      };
      chosen.push({ kind, ...options });
      return KedaTrigger.durableTaskScheduler(options as never);
    }
    default: {
      const scalerType = p.choose(['azure-servicebus', 'azure-queue', 'external', 'kubernetes-workload', 'azure-monitor',
        'rabbitmq'], ['cpu', 'prometheus', 'servicebus', '', 'Azure-ServiceBus', 7, null]);
      const options = {
        name,
        metadata: p.choose([[{ key: 'queueName', value: 'orders' }, { key: 'messageCount', value: '5' }],
          [{ key: 'podSelector', value: 'app=orders' }, { key: 'value', value: '2' }],
          [{ key: 'scalerAddress', value: 'scaler.orders.svc:9090' }]],
        [[], [{ key: '', value: 'x' }], [{ key: 'a', value: 1 }], [{ key: 'a', value: 'x' }, { key: 'a', value: 'y' }],
          'queueName=orders', null]),
        metricType: p.maybe() ? p.choose([KedaMetricType.AVERAGE_VALUE, KedaMetricType.VALUE],
          [KedaMetricType.UTILIZATION, 'Average', 7]) : undefined,
        identity: p.maybe() ? identityFor(p) : undefined,
        secretRefs: p.maybe() ? p.choose([[{ parameter: 'connection', secretName: 'servicebus', key: 'connection-string' }],
          [{ parameter: 'host', secretName: 'rabbit', key: 'host' }, { parameter: 'password', secretName: 'rabbit',
            key: 'password' }]],
        [[{ parameter: '', secretName: 'a', key: 'b' }], [{ parameter: 'a', secretName: 'A', key: 'b' }],
          [{ parameter: 'a', secretName: 'a', key: '..b' }], [{ parameter: 'a', secretName: 'a', key: 'b' },
            { parameter: 'a', secretName: 'c', key: 'd' }], [null], 'x']) : undefined,
      };
      chosen.push({ kind, scalerType, ...options });
      return KedaTrigger.custom(scalerType, options as never);
    }
  }
}

function rules(p: Picker): unknown {
  return {
    stabilizationWindowSeconds: p.maybe() ? p.choose([0, 60, 300, 3600], [-1, 3601, 1.5, '60']) : undefined,
    policies: p.maybe(0.5) ? p.choose([[{ policyType: ScalingPolicyType.PODS, value: 4, periodSeconds: 15 }],
      [{ policyType: ScalingPolicyType.PERCENT, value: 100, periodSeconds: 15 },
        { policyType: ScalingPolicyType.PODS, value: 2, periodSeconds: 60 }]],
    [[], [{ policyType: 'pods', value: 1, periodSeconds: 15 }], [{ policyType: ScalingPolicyType.PODS, value: 0,
      periodSeconds: 15 }], [{ policyType: ScalingPolicyType.PERCENT, value: 10, periodSeconds: 1801 }], [null]])
    : undefined,
    selectPolicy: p.maybe() ? p.choose(Object.values(ScalingPolicySelect), ['max', 7]) : undefined,
  };
}

/** Worker props scaled by KEDA; what it chose goes into `input` as it is made (a factory may refuse it first). */
function kedaProps(p: Picker, input: Record<string, unknown>): Record<string, unknown> {
  const props: Record<string, unknown> = { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' };
  if (p.maybe()) props.workItemType = input.workItemType = p.pick(Object.values(WorkItemType));
  if (p.maybe()) {
    props.identity = WorkloadIdentity.fromClientId(CLIENT_ID);
    input.identity = CLIENT_ID;
  }
  const chosen: unknown[] = [];
  input.triggers = chosen;
  const keda: Record<string, unknown> = {};
  input.scaling = keda;
  const triggers = Array.from({ length: p.pick([1, 1, 2, 3]) }, () => trigger(p, chosen));
  if (p.maybe(0.5)) keda.minReplicas = p.choose([0, 1, 2], [-1, 1.5, '1']);
  if (p.maybe(0.5)) keda.maxReplicas = p.choose([3, 10, 20], [0, 2 ** 31, '10']);
  if (p.maybe()) keda.pollingIntervalSeconds = p.choose([15, 30, 60], [0, -1, 1.5]);
  if (p.maybe()) keda.cooldownPeriodSeconds = p.choose([0, 60, 300], [-1, 1.5]);
  if (p.maybe(0.2)) keda.name = p.choose(['orders-scaler', 'a'.repeat(54)], ['a'.repeat(55), 'Orders', '']);
  if (p.maybe(0.2)) keda.idleReplicaCount = p.choose([0], [1, -1, '0']);
  if (p.maybe(0.25)) {
    keda.fallback = p.choose([{ failureThreshold: 3, replicas: 2 }, { failureThreshold: 1, replicas: 0 }],
      [{ failureThreshold: 0, replicas: 1 }, { failureThreshold: 3, replicas: -1 },
        { failureThreshold: 3, replicas: 50 }, null, 'x']);
  }
  if (p.maybe(0.25)) keda.scaleUp = rules(p);
  if (p.maybe(0.25)) keda.scaleDown = rules(p);
  props.scaling = Scaling.keda({ ...keda, triggers } as never);
  return props;
}

// ---------------------------------------------------------------------------------------------------------------
// Running a case

function baseline(chart: Chart): void {
  new NamespaceBaseline(chart, 'Baseline', { namespaceName: chart.namespace!,
    quota: { loadBalancers: 4 } });
}

/** Synthesizes what `make` adds to charts `orders` and `billing` (each with its baseline), and validates it all. */
function attempt(make: (charts: Record<string, Chart>) => void): Outcome {
  try {
    const app = Testing.app();
    const charts = Object.fromEntries(['orders', 'billing'].map(ns => [ns, new Chart(app, ns, { namespace: ns })]));
    Object.values(charts).forEach(baseline);
    make(charts);
    return findingsOf(app.charts.flatMap(chart => Testing.synth(chart)));
  } catch (e) {
    return { error: e as Error, findings: [] };
  }
}

/** Triggers are left out of the report (their options are), identities shown by client id. */
function describeCase(input: unknown): string {
  return describeInput(input, v => (v instanceof KedaTrigger ? undefined
    : v instanceof WorkloadIdentity ? `identity ${v.clientId ?? 'configmap'}` : v));
}

function expectKeptSure(outcome: Outcome, input: unknown, mustRefuse: unknown[]): void {
  const described = describeCase(input);
  // A value that is wrong wherever it is used must not get through.
  expect({ input: described, mustRefuse, refused: outcome.error !== undefined || mustRefuse.length === 0 })
    .toEqual({ input: described, mustRefuse, refused: true });
  expectKept(outcome, described, PLACE);
}

type Kind = 'exposure' | 'shared' | 'telemetry' | 'keda';

const CASES: Record<Kind, number> = { exposure: 120, shared: 50, telemetry: 100, keda: 120 };
const SEEDS: Record<Kind, number> = { exposure: 21000, shared: 23000, telemetry: 25000, keda: 27000 };

interface Run {
  readonly outcome: Outcome;
  readonly input: unknown;
  /** Shared cases: the real conflicts between the APIs (by `conflict`), for the claim check. */
  readonly conflicts?: string[];
  /** Values chosen that are wrong wherever they are used. */
  readonly mustRefuse: unknown[];
}

function runCase(kind: Kind, i: number): Run {
  const p = picker(generator(SEEDS[kind] + i));
  return { ...runWith(kind, p), mustRefuse: p.mustRefuse };
}

function runWith(kind: Kind, p: Picker): Omit<Run, 'mustRefuse'> {
  const input: Record<string, unknown> = {};
  switch (kind) {
    case 'exposure':
      return { input, outcome: attempt(charts => new DurableApi(charts.orders, 'api', exposureProps(p, input) as never)) };
    case 'telemetry':
      return { input, outcome: attempt(charts => {
        const props = observedProps(p, input);
        return p.maybe(0.5) ? new DurableApi(charts.orders, 'api', props as never)
          : new DurableWorker(charts.orders, 'worker', props as never);
      }) };
    case 'keda':
      return { input, outcome: attempt(charts => new DurableWorker(charts.orders, 'worker', kedaProps(p, input) as never)) };
    default: {
      const apis = sharedApis(p);
      const conflicts = apis.flatMap((a, j) => apis.slice(0, j).map(b => conflict(a, b)))
        .filter((c): c is string => c !== undefined);
      return { input: apis, conflicts, outcome: attempt(charts => apis.forEach((api, j) =>
        new DurableApi(charts[api.namespace], `api${j}`, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
          name: api.name, ingress: api.ingress, httpRoute: api.httpRoute }))) };
    }
  }
}

const runs = new Map<string, Run>();

function run(kind: Kind, i: number): Run {
  const key = `${kind} ${i}`;
  if (!runs.has(key)) runs.set(key, runCase(kind, i));
  return runs.get(key)!;
}

const indexes = (kind: Kind) => Array.from({ length: CASES[kind] }, (_, i) => i);

/** A claim's message: the same host and path routed twice, or one certificate Secret issued twice. */
const CLAIM = /is already routed by|is already the certificate Secret of|is already used by/;

describe('generated exposure, telemetry and trigger inputs: a clear error, or output the validator accepts', () => {
  // The Durable Task Scheduler trigger warns on stderr (not an upstream scaler): keep the test output readable.
  let warn: jest.SpyInstance;
  beforeAll(() => { warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); });
  afterAll(() => warn.mockRestore());

  test.each(indexes('exposure'))('DurableApi exposure, case %i', i => {
    // GIVEN service, ingress and HTTPRoute props from the generator
    // WHEN the API is created and synthesized
    const { outcome, input, mustRefuse } = run('exposure', i);
    // THEN a placed error, or valid output
    expectKeptSure(outcome, input, mustRefuse);
  });

  test.each(indexes('shared'))('several APIs sharing hosts, paths and certificates, case %i', i => {
    // GIVEN two to four APIs in one or two namespaces, hosts, paths, gateways and TLS Secrets from small pools
    // WHEN they are created and synthesized together
    const { outcome, input, conflicts, mustRefuse } = run('shared', i);
    // THEN a placed error, or valid output
    expectKeptSure(outcome, input, mustRefuse);
    // AND a claim fails on a real conflict only, and a real conflict is never accepted
    const claimed = outcome.error !== undefined && CLAIM.test(outcome.error.message);
    const described = describeCase(input);
    expect({ input: described, claimedWithoutConflict: claimed && conflicts!.length === 0,
      conflictAccepted: !outcome.error && conflicts!.length > 0, conflicts, error: outcome.error?.message })
      .toEqual({ input: described, claimedWithoutConflict: false, conflictAccepted: false, conflicts,
        error: outcome.error?.message });
  });

  test.each(indexes('telemetry'))('telemetry and metrics, case %i', i => {
    // GIVEN OTLP, Azure Monitor and metrics props from the generator, on a worker or an API
    // WHEN it is created and synthesized
    const { outcome, input, mustRefuse } = run('telemetry', i);
    // THEN a placed error, or valid output
    expectKeptSure(outcome, input, mustRefuse);
    // AND an in-cluster Service (also written as an absolute name, with a trailing '.') is never taken for outside
    const endpoint = (input as { telemetry?: { otlp?: { endpoint?: unknown } } }).telemetry?.otlp?.endpoint;
    if (typeof endpoint === 'string' && /^http:\/\/[a-z-]+\.[a-z-]+\.svc(\.cluster\.local\.?)?(:\d+)?\/?$/.test(endpoint)) {
      expect({ endpoint, error: outcome.error?.message }).not.toEqual({ endpoint,
        error: expect.stringMatching(/is outside the cluster/) });
    }
  });

  test.each(indexes('keda'))('KEDA triggers, case %i', i => {
    // GIVEN one to three triggers and the ScaledObject's options from the generator
    // WHEN a worker scaled by them is created and synthesized
    const { outcome, input, mustRefuse } = run('keda', i);
    // THEN a placed error, or valid output
    expectKeptSure(outcome, input, mustRefuse);
  });

  test('the generator reaches both outcomes, with a good share accepted', () => {
    // GIVEN / WHEN every case of every kind
    for (const kind of Object.keys(CASES) as Kind[]) {
      const outcomes = indexes(kind).map(i => run(kind, i).outcome);
      const accepted = outcomes.filter(o => !o.error).length;
      // THEN some inputs are accepted and some refused (a generator that only makes one kind tests little)
      expect({ kind, accepted: accepted >= CASES[kind] / 5, refused: CASES[kind] - accepted >= CASES[kind] / 10 })
        .toEqual({ kind, accepted: true, refused: true });
    }
  });
});
