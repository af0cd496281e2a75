/**
 * Accepted inputs: the mirror image of the catalogue (test/catalogue.test.ts). Each case is a valid but unusual value
 * that a platform team would plausibly write, for a prop that takes a string, a number or a list, in code and in the
 * tenants file. Each must be accepted, and its output must pass the manifest validator: refusing valid input is as
 * harmful as accepting invalid input.
 *
 * Every case cites the upstream rule that makes it valid (the `source` column): Kubernetes apimachinery validation
 * (`k8s.io/apimachinery/pkg/util/validation`, `pkg/api/resource`), the API server's object validation
 * (`k8s.io/kubernetes/pkg/apis/<group>/validation`), KEDA (`kedacore/keda`), Azure naming rules, the OCI distribution
 * reference grammar (`distribution/reference` regexp.go), Argo CD and Flux.
 *
 * Values a rule refuses on purpose (a clear mistake, or a security reason given in its message) are not here; they
 * are in the catalogue.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ApiServiceType, AzureIdentities, DurableApi, DurableApiProps, DurableClient, DurableServiceAccount,
  DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, DurableWorkerProps, EnvFromSource,
  EnvValueSource, GitOpsDelivery, HealthProbe, IdentityPlan, KedaTrigger, MetricsScraper, NamespaceBaseline,
  NodeSelectorOperator, OtlpProtocol, PrometheusAuthMode, RoutePathType, Scaling, ScalingPolicyType, TaintEffect,
  TaskHubTenant, TenantsFile, WorkloadIdentity, WorkloadVolume,
} from '../lib';
import { CLIENT_ID, ENDPOINT, IMAGE, durableTestApp, expectValidInContext } from './util';

const SUB = '00000000-0000-0000-0000-00000000000a';
const SHA256 = 'a'.repeat(64);

// The Durable Task scaler and ingress-nginx snippets warn; not what these cases are about.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

/** The chart `durable-system` (namespace `durable-system` unless given). */
const system = (app: App, namespace = 'durable-system') => new Chart(app, 'durable-system', { namespace });
const scheduler = (endpoint = ENDPOINT) => DurableTaskScheduler.fromEndpoint(endpoint);
const worker = (scope: Construct, props: Partial<DurableWorkerProps> = {}, id = 'worker') =>
  new DurableWorker(scope, id, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
const api = (scope: Construct, props: Partial<DurableApiProps> = {}, id = 'api') =>
  new DurableApi(scope, id, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
const keda = (options: Partial<Parameters<typeof Scaling.keda>[0]> = {}) =>
  Scaling.keda({ triggers: [KedaTrigger.cpu(70)], ...options });

/** Builds the app, synthesizes every chart (running every validation) and checks the output with the validator. */
function accepted(given: (app: App) => unknown, app: App = Testing.app()): any[] {
  given(app);
  const manifests = app.charts.flatMap(chart => Testing.synth(chart));
  expectValidInContext(manifests);
  return manifests;
}

type Case = [name: string, source: string, given: (app: App) => unknown];

describe('accepted inputs in code', () => {
  const images: Case[] = [
    ['a registry host with port', 'distribution/reference regexp.go: domainAndPort', app =>
      worker(system(app), { image: 'registry.example.com:5000/orders-worker:1.4.2' })],
    ['localhost with port and a nested path', 'regexp.go: domainName, path components', app =>
      worker(system(app), { image: 'localhost:5000/platform/team/orders/worker:1.4.2' })],
    ['a digest only, without a tag', 'regexp.go: ReferenceRegexp (tag optional, digest optional)', app =>
      worker(system(app), { image: `myregistry.azurecr.io/orders-worker@sha256:${SHA256}` })],
    ['a tag and a digest', 'regexp.go: ReferenceRegexp', app =>
      worker(system(app), { image: `myregistry.azurecr.io/orders-worker:1.4.2@sha256:${SHA256}` })],
    ['an uppercase tag with "_" and "."', 'regexp.go: tag [\\w][\\w.-]{0,127}', app =>
      worker(system(app), { image: 'myregistry.azurecr.io/orders-worker:V1.4.2_RC.1' })],
    ['a 128-character tag', 'regexp.go: tag [\\w][\\w.-]{0,127}', app =>
      worker(system(app), { image: `myregistry.azurecr.io/orders-worker:${'v'.repeat(128)}` })],
    ['a Docker Hub short name with a tag', 'regexp.go: domain optional (docker.io)', app =>
      worker(system(app), { image: 'nginx:1.27.3' })],
    ['a Docker Hub library path', 'regexp.go', app => worker(system(app), { image: 'docker.io/library/nginx:1.27.3' })],
    ['a GitHub registry sha tag', 'regexp.go', app => worker(system(app), { image: 'ghcr.io/example/orders-worker:sha-3f2a9c1' })],
    ['an IPv6 registry', 'regexp.go: ipv6address domain', app => worker(system(app), { image: '[::1]:5000/orders-worker:1.4.2' })],
    ['a sha512 digest', 'opencontainers/go-digest: sha512 registered', app =>
      worker(system(app), { image: `myregistry.azurecr.io/orders-worker@sha512:${'b'.repeat(128)}` })],
    ['an emulator image from a mirror', 'regexp.go', app => new DurableTaskSchedulerEmulator(system(app), 'emulator',
      { image: 'mirror.example.com:8443/dts/dts-emulator:v0.0.10' })],
  ];

  const env: Case[] = [
    ['env names with dots and dashes', 'apimachinery validation.go IsEnvVarName: [-._a-zA-Z][-._a-zA-Z0-9]*', app =>
      worker(system(app), { env: [{ name: 'spring.profiles.active', value: 'prod' }, { name: 'MY-VAR', value: 'x' },
        { name: '_UNDERSCORE', value: '' }, { name: '.dotted', value: 'x' }, { name: '-dash', value: 'x' }] })],
    ['a lowercase camelCase env name', 'IsEnvVarName', app =>
      worker(system(app), { env: [{ name: 'Logging__LogLevel__Default', value: 'Warning' }] })],
    ['an env value with $(VAR) and newlines', 'core/v1 EnvVar.value: any string', app =>
      worker(system(app), { env: [{ name: 'A', value: 'x' }, { name: 'B', value: '$(A)/y\nline two' }] })],
    ['a Secret key with dots and an env var from it', 'IsConfigMapKey: [-._a-zA-Z0-9]+', app =>
      worker(system(app), { env: [{ name: 'DB', valueFrom: EnvValueSource.fromSecret('db.credentials', 'connection.string') }] })],
    ['envFrom with a prefix ending in "_" and a dotted ConfigMap name', 'IsEnvVarName (prefix), IsDNS1123Subdomain', app =>
      worker(system(app), { envFrom: [EnvFromSource.configMap('orders.settings', { prefix: 'ORDERS_' })] })],
    ['a 253-character Secret name', 'IsDNS1123Subdomain (253)', app =>
      worker(system(app), { envFrom: [EnvFromSource.secret(`${'s'.repeat(63)}.${'s'.repeat(63)}.${'s'.repeat(63)}.${'s'.repeat(61)}`)] })],
  ];

  const quantities: Case[] = [
    ['cpu "0.5" and memory "1.5Gi"', 'apimachinery resource/quantity.go ParseQuantity', app =>
      worker(system(app), { resources: { cpuRequest: '0.5', memoryRequest: '1.5Gi', cpuLimit: '1', memoryLimit: '2Gi' } })],
    ['cpu "500m" and memory in bytes with an exponent ("129e6")', 'quantity.go: decimalExponent', app =>
      worker(system(app), { resources: { cpuRequest: '500m', memoryRequest: '129e6', memoryLimit: '1e9' } })],
    ['cpu "+1" (a signed number)', 'quantity.go: signedNumber', app =>
      worker(system(app), { resources: { cpuRequest: '+1' } })],
    ['cpu "100e-3" (a negative exponent)', 'quantity.go: decimalExponent "e" signedNumber', app =>
      worker(system(app), { resources: { cpuRequest: '100e-3' } })],
    ['memory in decimal SI ("512M", "1G")', 'quantity.go: decimalSI', app =>
      worker(system(app), { resources: { memoryRequest: '512M', memoryLimit: '1G' } })],
    ['cpu ".5" (no leading digit)', 'quantity.go: <number> ::= .<digits>', app =>
      worker(system(app), { resources: { cpuRequest: '.5' } })],
    ['quota totals in exponent and Ki forms', 'quantity.go', app => new NamespaceBaseline(system(app), 'Baseline', {
      quota: { requestsCpu: '1e1', requestsMemory: '33554432Ki', limitsCpu: '20000m', limitsMemory: '64G',
        requestsEphemeralStorage: '50Gi' } })],
    ['limit range defaults "0.25" and "300Mi"', 'quantity.go', app => new NamespaceBaseline(system(app), 'Baseline', {
      limitRange: { defaultCpuRequest: '0.25', defaultMemoryRequest: '300Mi', defaultCpuLimit: '1.5', defaultMemoryLimit: '600Mi' } })],
    ['an emptyDir sizeLimit "500M"', 'quantity.go', app => worker(system(app), {
      volumes: [{ name: 'scratch', volume: WorkloadVolume.emptyDir({ sizeLimit: '500M' }), mountPath: '/scratch' }] })],
  ];

  const scaling: Case[] = [
    ['minReplicas 0 with a prometheus trigger', 'KEDA scaledobject_types.go: minReplicaCount 0 with a non-resource trigger',
      app => worker(system(app), { scaling: Scaling.keda({ minReplicas: 0, triggers: [KedaTrigger.prometheus({
        serverAddress: 'http://prometheus-server.monitoring.svc:9090', query: 'sum(queue_length)', threshold: 5 })] }) })],
    ['minReplicas 1 and maxReplicas 1 (HPA)', 'autoscaling/v2 validation: minReplicas >= 1, max >= min', app =>
      worker(system(app), { scaling: Scaling.hpa({ minReplicas: 1, maxReplicas: 1 }) })],
    ['fixed replicas 0 (a parked workload)', 'apps/v1 validation: replicas >= 0', app =>
      worker(system(app), { scaling: Scaling.fixedReplicas(0) })],
    ['pollingInterval 1 and cooldownPeriod 0', 'KEDA ScaledObjectSpec: int32, no lower bound beyond the type', app =>
      worker(system(app), { scaling: keda({ pollingIntervalSeconds: 1, cooldownPeriodSeconds: 0 }) })],
    ['a fractional prometheus threshold and activation threshold', 'KEDA prometheus_scaler.go: threshold float64', app =>
      worker(system(app), { scaling: Scaling.keda({ minReplicas: 1, triggers: [KedaTrigger.prometheus({
        serverAddress: 'https://prometheus.example.com:8443/select/0/prometheus', query: 'avg(load)', threshold: 0.5,
        activationThreshold: 0.1 })] }) })],
    ['a prometheus server in-cluster with a path prefix', 'KEDA prometheus_scaler.go: serverAddress + /api/v1/query',
      app => worker(system(app), { scaling: keda({ triggers: [KedaTrigger.prometheus({
        serverAddress: 'http://prometheus.monitoring.svc.cluster.local:9090/prometheus', query: 'sum(up)', threshold: 1 })] }) })],
    ['a prometheus server on an IP address with BASIC auth', 'KEDA prometheus_scaler.go; authentication/authentication_helpers.go',
      app => worker(system(app), { scaling: keda({ triggers: [KedaTrigger.prometheus({
        name: 'prometheusBasic', serverAddress: 'http://10.0.12.7:9090', query: 'sum(up)', threshold: 1, authModes: [PrometheusAuthMode.BASIC],
        secretRefs: [{ parameter: 'username', secretName: 'prom.basic', key: 'user.name' }] })] }) })],
    ['HPA policies at their bounds (periodSeconds 1 and 1800)', 'autoscaling validation.go: MaxPeriodSeconds 1800', app =>
      worker(system(app), { scaling: Scaling.hpa({ scaleUp: { stabilizationWindowSeconds: 0,
        policies: [{ policyType: ScalingPolicyType.PODS, value: 1, periodSeconds: 1 }] },
      scaleDown: { stabilizationWindowSeconds: 3600,
        policies: [{ policyType: ScalingPolicyType.PERCENT, value: 1000, periodSeconds: 1800 }] } }) })],
    ['a DTS trigger with maxConcurrentWorkItemsCount 1', 'DTS scaler: positive integer', app =>
      worker(system(app), { scaling: Scaling.keda({ minReplicas: 0, triggers: [KedaTrigger.durableTaskScheduler({
        maxConcurrentWorkItemsCount: 1 })] }), identity: WorkloadIdentity.fromClientId(CLIENT_ID) })],
    ['a custom trigger with empty, numeric and URL metadata values', 'KEDA ScaleTriggers.Metadata map[string]string', app =>
      worker(system(app), { scaling: Scaling.keda({ minReplicas: 0, triggers: [KedaTrigger.custom('azure-servicebus', {
        metadata: [{ key: 'queueName', value: 'orders.v2' }, { key: 'namespace', value: 'sb-orders' },
          { key: 'messageCount', value: '5' }, { key: 'activationMessageCount', value: '0' }],
        identity: WorkloadIdentity.fromClientId(CLIENT_ID) })] }) })],
    ['trigger names in camelCase and snake_case', 'KEDA scaletriggers_types.go ValidateTriggers: names only unique',
      app => worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70, { name: 'cpuLoad' }),
        KedaTrigger.memory(80, { name: 'memory_load' })] }) })],
    ['a trigger name in camelCase on a trigger with an identity', 'ValidateTriggers', app =>
      worker(system(app), { scaling: Scaling.keda({ minReplicas: 0, triggers: [KedaTrigger.prometheus({
        name: 'queueDepth', serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com', query: 'sum(q)',
        threshold: 10, identity: WorkloadIdentity.fromClientId(CLIENT_ID) })] }) })],
  ];

  const cron: Case[] = [
    ['a step ("*/5 * * * *")', 'robfig/cron parser.go getRange: step', app => worker(system(app), { scaling: keda({
      triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({ timezone: 'UTC', start: '*/5 * * * *', end: '2-59/5 * * * *', desiredReplicas: 4 })] }) })],
    ['ranges and lists', 'parser.go getField: comma-separated ranges', app => worker(system(app), { scaling: keda({
      triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({ timezone: 'Etc/GMT+5', start: '0 8,12 1-15 1,6 1-5', end: '30 17 1-15 1,6 1-5', desiredReplicas: 4 })] }) })],
    ['day and month names in any case', 'parser.go parseIntOrName: names[strings.ToLower(expr)]', app =>
      worker(system(app), { scaling: keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({
        timezone: 'America/Argentina/Buenos_Aires', start: '0 8 * jan-dec Mon-Fri', end: '0 18 * JAN-DEC MON-FRI', desiredReplicas: 4 })] }) })],
    ['"?" for day of month and "N/step"', 'parser.go getRange: "?" is "*"; "N/step" runs to the max', app =>
      worker(system(app), { scaling: keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({
        timezone: 'Etc/UTC', start: '5/15 8 ? * *', end: '10/15 8 ? * *', desiredReplicas: 4 })] }) })],
    ['a tz link name (US/Pacific)', 'tzdata backward links; Go time.LoadLocation', app => worker(system(app), {
      scaling: keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({ timezone: 'US/Pacific', start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: 4 })] }) })],
  ];

  const metadata: Case[] = [
    ['label keys with DNS prefixes and values empty or 63 characters', 'apimachinery IsQualifiedName, IsValidLabelValue',
      app => worker(system(app), { labels: [{ key: 'example.com/team', value: 'orders' }, { key: 'cost-center', value: '' },
        { key: 'app.example.com/Tier_2', value: `A${'b'.repeat(61)}Z` }],
      podLabels: [{ key: 'sub.example.com/x.y_z', value: 'v1.2_3-rc' }] })],
    ['a label key of 63 characters after a 253-character prefix', 'IsQualifiedName: prefix IsDNS1123Subdomain, name 63',
      app => worker(system(app), { labels: [{ key: `${'p'.repeat(63)}.${'p'.repeat(63)}.${'p'.repeat(63)}.${'p'.repeat(61)}/${'n'.repeat(63)}`, value: 'x' }] })],
    ['annotations with empty, multi-line and JSON values', 'ValidateAnnotations: keys qualified names, total size 256 KiB',
      app => worker(system(app), { annotations: [{ key: 'example.com/owner', value: '' },
        { key: 'description', value: 'line one\nline two' }, { key: 'example.com/config', value: '{"a": [1, 2]}' }],
      podAnnotations: [{ key: 'prometheus.io/scrape', value: 'true' }] })],
    ['node selectors, tolerations and affinity with prefixed keys', 'IsQualifiedName, IsValidLabelValue', app =>
      worker(system(app), { nodeSelector: [{ key: 'kubernetes.azure.com/agentpool', value: 'userpool1' }],
        tolerations: [{ key: 'sku', value: 'gpu', effect: TaintEffect.NO_SCHEDULE }, { key: 'example.com/dedicated' }],
        nodeAffinity: [{ key: 'topology.kubernetes.io/zone', matchOperator: NodeSelectorOperator.IN, values: ['westus2-1', 'westus2-2'] },
          { key: 'example.com/cores', matchOperator: NodeSelectorOperator.GT, values: ['4'] }],
        podAffinity: [{ podLabels: [{ key: 'app.kubernetes.io/name', value: 'cache' }], topologyKey: 'kubernetes.io/hostname', anti: true }] })],
  ];

  const names: Case[] = [
    ['a 63-character namespace', 'IsDNS1123Label (63)', app => worker(system(app, 'n'.repeat(63)))],
    ['a namespace starting with a digit', 'IsDNS1123Label', app => worker(system(app, '1orders'))],
    ['a worker name of 63 characters (HPA)', 'IsDNS1123Label', app => worker(system(app), { name: `w${'-1'.repeat(31)}` })],
    ['a worker name starting with a digit', 'apps/v1 Deployment: IsDNS1123Subdomain', app => worker(system(app), { name: '2nd-worker' })],
    ['an API name of 63 characters (Service: DNS-1035)', 'core validation: Service name IsDNS1035Label (63)', app =>
      api(system(app), { name: `a${'p'.repeat(62)}` })],
    ['a client name', 'IsDNS1035Label', app => new DurableClient(system(app), 'client', { image: IMAGE, scheduler: scheduler(),
      taskHub: 'orders', name: 'orders-starter' })],
    ['a ServiceAccount name with dots', 'core validation: ServiceAccount name IsDNS1123Subdomain', app => {
      const chart = system(app);
      worker(chart, { serviceAccount: new DurableServiceAccount(chart, 'sa', { name: 'orders.worker', identity: WorkloadIdentity.fromClientId(CLIENT_ID) }) });
      worker(chart, { name: 'long', serviceAccount: new DurableServiceAccount(chart, 'long-sa', { name: `${'s'.repeat(63)}.${'a'.repeat(40)}` }) }, 'long');
    }],
    ['an imagePullSecret and a priorityClassName with dots', 'IsDNS1123Subdomain', app =>
      worker(system(app), { imagePullSecrets: ['acr.pull-secret'], priorityClassName: 'platform.high-priority' })],
    ['task hub names in mixed case, digits only and 64 characters', 'ARM Microsoft.DurableTask taskHubs name ^[a-zA-Z0-9-]{3,64}$',
      app => {
        const chart = system(app);
        worker(chart, { taskHub: 'Orders-Prod' }, 'a');
        worker(chart, { taskHub: '123', name: 'worker-b' }, 'b');
        worker(chart, { taskHub: 'h'.repeat(64), name: 'worker-c' }, 'c');
      }],
    ['a tenant with a 63-character namespace', 'IsDNS1123Label', app => new TaskHubTenant(app, 'tenant', {
      namespaceName: `t${'0'.repeat(62)}`, taskHub: 'orders', scheduler: scheduler() }).addWorker('Worker', { image: IMAGE })],
  ];

  const endpoints: Case[] = [
    ['a scheduler endpoint with a trailing slash', 'DTS SDKs: Endpoint parsed as a URI', app =>
      worker(system(app), { scheduler: scheduler('https://orders-abc1.westus2.durabletask.io/') })],
    ['a scheduler endpoint with an uppercase host', 'RFC 3986 3.2.2: host is case-insensitive', app =>
      worker(system(app), { scheduler: scheduler('https://Orders.WestUS2.durabletask.io') })],
    ['a scheduler endpoint with port 443', 'RFC 3986: explicit default port', app =>
      worker(system(app), { scheduler: scheduler('https://orders.westus2.durabletask.io:443') })],
    ['an OTLP endpoint in-cluster with its full Service name', 'OTel spec: OTEL_EXPORTER_OTLP_ENDPOINT', app =>
      worker(system(app), { telemetry: { otlp: { endpoint: 'http://otel-collector.observability.svc.cluster.local:4317' } } })],
    ['an OTLP/HTTP endpoint with a base path', 'OTel spec: base URL, signal paths appended', app =>
      worker(system(app), { telemetry: { otlp: { endpoint: 'https://otlp.example.com/otlp', protocol: OtlpProtocol.HTTP_PROTOBUF } } })],
    ['OTLP egress CIDRs in IPv4 and IPv6', 'networking validation: ipBlock.cidr ParseCIDR', app =>
      worker(system(app), { telemetry: { otlp: { endpoint: 'http://otlp.example.com:4318', egressCidrs: ['203.0.113.0/24', '2001:db8::/32'] } } })],
  ];

  const exposure: Case[] = [
    ['ports 1 and 65535', 'core validation: IsValidPortNum 1-65535', app => api(system(app), { port: 65535, servicePort: 1 })],
    ['a wildcard Ingress host', 'networking validation: IsWildcardDNS1123Subdomain', app =>
      api(system(app), { ingress: { host: '*.orders.example.com', tlsSecretName: 'wildcard-tls' } })],
    ['an IDN (punycode) Ingress host', 'IsDNS1123Subdomain', app => api(system(app), { ingress: { host: 'xn--bcher-kva.example.com' } })],
    ['a single-label Ingress host', 'IsDNS1123Subdomain', app => api(system(app), { ingress: { host: 'orders' } })],
    ['Ingress paths with "~", "." and "_"', 'networking validation; ingress-nginx pathAlphaNumericRegex', app =>
      api(system(app), { ingress: { host: 'orders.example.com', paths: ['/api/v1.2', '/~user', '/a_b-c'] } })],
    ['Ingress source CIDRs "::/0" and "10.0.0.0/8"', 'networking validation: ipBlock.cidr', app =>
      api(system(app), { ingress: { host: 'orders.example.com', className: 'azure-application-gateway', sourceCidrs: ['10.0.0.0/8', '::/0'] } })],
    ['an Ingress class with dots', 'networking validation: ingressClassName IsDNS1123Subdomain', app =>
      api(system(app), { ingress: { host: 'orders.example.com', className: 'webapprouting.kubernetes.azure.com' } })],
    ['HTTPRoute hostnames with a wildcard and exact paths', 'gateway-api HTTPRoute: Hostname pattern', app =>
      api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateway-system',
        hostnames: ['*.example.com', 'orders.example.com'], paths: ['/orders'], pathType: RoutePathType.EXACT,
        headers: [{ name: 'X-Tenant', value: 'Contoso Ltd.' }] } })],
    ['an internal LoadBalancer with source ranges', 'core validation: loadBalancerSourceRanges ParseCIDR', app => {
      const chart = system(app);
      new NamespaceBaseline(chart, 'Baseline', { quota: { loadBalancers: 1 } });
      api(chart, { service: { serviceType: ApiServiceType.LOAD_BALANCER, internalLoadBalancer: true, sourceCidrs: ['10.0.0.0/8', 'fd00::/8'] } });
    }],
    ['a metrics path and interval', 'prometheus-operator Duration pattern', app =>
      worker(system(app), { metrics: { port: 9464, path: '/actuator/prometheus', interval: '1m30s' } })],
    ['a PodMonitor scraper namespace', 'IsDNS1123Label', app => worker(system(app), { metrics: { port: 9090,
      scraper: MetricsScraper.PROMETHEUS_OPERATOR, scraperNamespace: 'monitoring', interval: '15s' } })],
    ['an HTTP probe path with a query', 'core/v1 HTTPGetAction.path: any string', app =>
      api(system(app), { readinessProbe: HealthProbe.http('/health/ready?verbose=1', { periodSeconds: 1, timeoutSeconds: 1 }) })],
    ['baseline egress CIDRs in IPv4 and IPv6', 'networking validation: ipBlock.cidr', app =>
      new NamespaceBaseline(system(app), 'Baseline', { httpsEgressCidrs: ['0.0.0.0/0', '::/0'] })],
  ];

  const identities: Case[] = [
    ['an uppercase client id GUID', 'Azure Identity SDKs: client id is a GUID, any case', app =>
      worker(system(app), { identity: WorkloadIdentity.fromClientId('AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE') })],
    ['a tenant id as a domain name', 'azidentity.go validTenantID', app =>
      worker(system(app), { identity: WorkloadIdentity.fromClientId(CLIENT_ID, { tenantId: 'contoso.onmicrosoft.com' }) })],
    ['a client id from a ConfigMap with a dotted key', 'IsConfigMapKey', app =>
      worker(system(app), { identity: WorkloadIdentity.fromClientIdConfigMap('orders.identity', { key: 'client.id' }) })],
  ];

  const azure: Case[] = [
    ['resource group names with dots, parentheses and "_"', 'Azure naming rules (Microsoft.Resources): ^[-\\w._()]+$, 1-90, not ending in "."',
      app => {
        const chart = system(app, 'orders');
        const w = worker(chart, { identity: WorkloadIdentity.fromClientId(CLIENT_ID) });
        new AzureIdentities(app, 'azure', { namespaceName: 'orders', oidcIssuerUrl: 'https://westus2.oic.prod-aks.azure.com/t/c/',
          schedulers: [{ endpoint: ENDPOINT, subscriptionId: SUB.toUpperCase(), resourceGroup: 'Orders.RG_(prod)', schedulerName: 'orders-1' }] })
          .addIdentity({ name: 'orders-worker', workloads: [w], create: { subscriptionId: SUB, resourceGroup: 'rg.orders(westus2)', location: 'West US 2' } });
      }],
  ];

  const workload: Case[] = [
    ['runAsUser 1 and a large uid', 'core validation: runAsUser int64 >= 0; PSS restricted: non-root', app =>
      worker(system(app), { runAsUser: 1 }) && worker(new Chart(app, 'other', { namespace: 'other' }), { runAsUser: 2000000000 }, 'big')],
    ['terminationGracePeriodSeconds 0 and preStopDelaySeconds 0', 'core validation: >= 0', app =>
      worker(system(app), { terminationGracePeriodSeconds: 0, preStopDelaySeconds: 0 })],
    ['preStopDelaySeconds 0 (no delay)', 'core validation validateSleepAction: 0 allowed from 1.33; rendered as no hook', app =>
      api(system(app), { preStopDelaySeconds: 0 })],
    ['a long grace period with a long preStop delay', 'core validation: int64', app =>
      worker(system(app), { terminationGracePeriodSeconds: 3600, preStopDelaySeconds: 3000 })],
    ['command and args with empty strings and $(VAR)', 'core/v1 Container.command: any strings', app =>
      worker(system(app), { command: ['/bin/sh', '-c'], args: ['', 'exec dotnet Orders.dll --hub $(TASKHUB_NAME)'] })],
    ['probes with exec and a period of 1', 'core validation: periodSeconds >= 1, timeoutSeconds >= 1', app =>
      worker(system(app), { livenessProbe: HealthProbe.exec(['cat', '/tmp/healthy'], { initialDelaySeconds: 0, periodSeconds: 1, failureThreshold: 1 }) })],
    ['volumes with a subPath, defaultMode 0o400 and a CSI class with dots', 'core validation: ValidateVolumes, subPath relative',
      app => worker(system(app), { volumes: [
        { name: 'certs', volume: WorkloadVolume.fromSecret('orders.tls', { defaultMode: 0o400 }), mountPath: '/etc/ssl/orders', subPath: 'tls.crt' },
        { name: 'kv', volume: WorkloadVolume.fromSecretProviderClass('orders.kv-secrets', { nodePublishSecretName: 'kv.creds' }), mountPath: '/mnt/secrets-store' },
        { name: 'config-v2', volume: WorkloadVolume.fromConfigMap('orders.config', { defaultMode: 0 }), mountPath: '/app/config' }] })],
    ['worker and client ports at the bounds', 'core validation: IsValidPortNum', app => {
      const chart = system(app);
      worker(chart, { port: 1 });
      new DurableClient(chart, 'client', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', port: 65535 });
    }],
    ['scheduler env names with dots and dashes', 'IsEnvVarName', app => worker(system(app), { scheduler:
      DurableTaskScheduler.fromEndpoint(ENDPOINT, { endpointEnvName: 'Dts.Endpoint', taskHubEnvName: 'dts-task-hub',
        connectionStringEnvName: 'ConnectionStrings__dts' }), workItemTypeEnvName: 'Dts.WorkItemType' })],
    ['telemetry names, version and resource attributes', 'OTel spec: OTEL_RESOURCE_ATTRIBUTES key=value', app =>
      worker(system(app), { telemetry: { azureMonitor: { connectionStringSecret: 'app-insights.orders', connectionStringKey: 'connection.string' },
        serviceName: 'Orders.Worker', serviceVersion: '1.4.2+build.7', resourceAttributes: [{ key: 'deployment.environment', value: 'prod' }] } })],
    ['PodMonitor labels and scraper pod labels with prefixes', 'IsQualifiedName, IsValidLabelValue', app =>
      worker(system(app), { metrics: { port: 9090, scraper: MetricsScraper.PROMETHEUS_OPERATOR, scraperNamespace: 'monitoring',
        scraperPodLabels: [{ key: 'app.kubernetes.io/name', value: 'prometheus' }], podMonitorLabels: [{ key: 'release', value: 'kube-prometheus-stack' }] } })],
    ['an Ingress with a TLS Secret, issuer and controller namespace with dots', 'IsDNS1123Subdomain; IsDNS1123Label', app =>
      api(system(app), { ingress: { host: 'orders.example.com', className: 'traefik', controllerNamespace: 'traefik-system',
        tlsSecretName: 'orders.example.com-tls', clusterIssuer: 'letsencrypt.prod', annotations: [{ key: 'traefik.ingress.kubernetes.io/router.entrypoints', value: 'websecure' }] } })],
    ['an HTTPRoute with a section name and data-plane namespace', 'gateway-api SectionName: DNS-1123 subdomain', app =>
      api(system(app), { httpRoute: { gatewayName: 'public.gateway', gatewayNamespace: 'gateway-system', sectionName: 'https.orders',
        dataPlaneNamespace: 'envoy-gateway-system' } })],
    ['a Service port name with digits', 'core validation: IsValidPortName (IANA_SVC_NAME, 15)', app =>
      api(system(app), { service: { portName: 'grpc-web2' } })],
    ['an emulator with task hubs in mixed case', 'ARM taskHubs name', app => {
      const chart = system(app);
      const emulator = new DurableTaskSchedulerEmulator(chart, 'emulator', { taskHubs: ['Orders', 'billing-2'], runAsUser: 1000 });
      worker(chart, { scheduler: DurableTaskScheduler.fromEmulator(emulator), taskHub: 'Orders' });
    }],
    ['KEDA idleReplicaCount 0, fallback and scaling rules', 'KEDA scaledobject_types.go CheckReplicaCountBoundsAreValid', app =>
      worker(system(app), { scaling: Scaling.keda({ minReplicas: 1, maxReplicas: 2, idleReplicaCount: 0,
        fallback: { failureThreshold: 1, replicas: 2 }, name: 'orders-scaler',
        triggers: [KedaTrigger.prometheus({ serverAddress: 'https://prometheus.example.com', query: 'sum(q)', threshold: 3 })] }) })],
    ['podSecurityVersion "latest" and an old minor', 'pod-security-admission api.ParseLevel/ParseVersion', app => {
      new NamespaceBaseline(system(app), 'Baseline', { podSecurityVersion: 'latest' });
      new NamespaceBaseline(new Chart(app, 'other', { namespace: 'other' }), 'Baseline', { podSecurityVersion: 'v1.25' });
    }],
    ['quota counts 0 and large', 'core validation: ResourceQuota hard quantities >= 0', app =>
      new NamespaceBaseline(system(app), 'Baseline', { quota: { pods: 5000, services: 0, secrets: 0, configMaps: 1, persistentVolumeClaims: 0, nodePorts: 0 } })],
  ];

  const azureMore: Case[] = [
    ['an existing identity whose resource id is spelled in lower case (as some az commands print it)',
      'ARM resource ids are case-insensitive (Azure Resource Manager: resource names and types)', app => {
        const chart = system(app, 'orders');
        const w = worker(chart, { identity: WorkloadIdentity.fromClientId(CLIENT_ID) });
        new AzureIdentities(app, 'azure', { namespaceName: 'orders', oidcIssuerUrl: 'https://westus2.oic.prod-aks.azure.com/t/c/',
          schedulers: [{ endpoint: ENDPOINT, subscriptionId: SUB, resourceGroup: 'orders-rg', schedulerName: 'orders' }],
          kedaOperatorNamespace: 'kube-system', kedaOperatorServiceAccount: 'keda-operator' })
          .addIdentity({ name: 'orders', workloads: [w], existing: {
            resourceId: `/subscriptions/${SUB}/resourcegroups/Orders.RG/providers/microsoft.managedidentity/userassignedidentities/orders_worker-1`,
            principalId: 'AAAAAAAA-0000-0000-0000-00000000000B' } });
      }],
    ['a created identity in a region given by name in upper case', 'ARM compares locations case-insensitively', app => {
      const chart = system(app, 'orders');
      const w = worker(chart, { identity: WorkloadIdentity.fromClientIdConfigMap('orders-identity') });
      new AzureIdentities(app, 'azure', { namespaceName: 'orders', oidcIssuerUrl: 'https://issuer.example.com/',
        schedulers: [{ endpoint: ENDPOINT, subscriptionId: SUB, resourceGroup: 'rg', schedulerName: 'orders' }] })
        .addIdentity({ name: 'orders', workloads: [w], create: { subscriptionId: SUB, resourceGroup: 'rg', location: 'WestUS2' } });
    }],
  ];

  const more: Case[] = [
    ['a mount path with a space and "@", a nested subPath, a 63-character volume name', 'core validation: ValidateVolumeMounts, IsDNS1123Label',
      app => worker(system(app), { volumes: [
        { name: 'v'.repeat(63), volume: WorkloadVolume.emptyDir(), mountPath: '/var/lib/orders data@1' },
        { name: 'settings', volume: WorkloadVolume.fromConfigMap('cfg'), mountPath: '/app/appsettings.json', subPath: 'config.d/appsettings.json' }] })],
    ['resource attributes with spaces, commas and "=", a service name with a space', 'OTel spec: OTEL_RESOURCE_ATTRIBUTES (values percent-encoded)',
      app => worker(system(app), { telemetry: { otlp: { endpoint: 'http://otel.observability.svc:4317' }, serviceName: 'Orders Worker',
        resourceAttributes: [{ key: 'org', value: 'Contoso, Ltd. a=b' }, { key: 'k8s.cluster.name', value: 'aks-prod-01' }] } })],
    ['HPA utilization 1 % and 150 %', 'autoscaling validation: averageUtilization > 0', app =>
      worker(system(app), { scaling: Scaling.hpa({ cpuUtilization: 1, memoryUtilization: 150 }) })],
    ['a KEDA cpu trigger at 250 % of a 250m request with a 1 CPU limit', 'KEDA cpu_memory_scaler.go: utilization of the request', app =>
      worker(system(app), { resources: { cpuRequest: '250m', cpuLimit: '1' }, scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(250)] }) })],
    ['a cron window at maxReplicas', 'KEDA cron_scaler.go: desiredReplicas', app => worker(system(app), { scaling: Scaling.keda({ maxReplicas: 5,
      triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({ timezone: 'UTC', start: '0 8 * * *', end: '0 9 * * *', desiredReplicas: 5 })] }) })],
    ['a Unicode env value and args with quotes and "+"', 'core/v1 EnvVar.value, Container.args: any strings', app =>
      worker(system(app), { env: [{ name: 'GREETING', value: 'héllo – 世界' }], command: ['dotnet'], args: ['Orders.Worker.dll', '--urls=http://+:8080', "--name='x y'"] })],
    ['a multi-line PromQL query and a large threshold', 'KEDA prometheus_scaler.go: query string, threshold float64', app =>
      worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.prometheus({ serverAddress: 'https://prometheus.example.com/',
        query: 'sum(\n  rate(orders_total[5m])\n)', threshold: 1e6, activationThreshold: 0 })] }) })],
    ['a scheduler resource name in mixed case, an endpoint with a trailing slash, and an identity plan',
      'ARM Microsoft.DurableTask/schedulers name ^[a-zA-Z0-9-]{3,64}$', app => {
        const resource = { endpoint: `${ENDPOINT}/`, subscriptionId: SUB, resourceGroup: 'rg', schedulerName: 'Orders-Scheduler-1' };
        const w = worker(system(app, 'orders'), { identity: WorkloadIdentity.fromClientId(CLIENT_ID) });
        new AzureIdentities(app, 'azure', { namespaceName: 'orders', oidcIssuerUrl: 'https://issuer.example.com/', schedulers: [resource] })
          .addIdentity({ name: 'orders', workloads: [w], existing: { principalId: SUB,
            resourceId: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders-id` } });
        IdentityPlan.of(app, { schedulers: [resource] }).toMarkdown();
      }],
    ['an emulator with its own name and pull secrets', 'IsDNS1035Label; IsDNS1123Subdomain', app =>
      new DurableTaskSchedulerEmulator(system(app), 'emulator', { name: 'dts-emulator-2', taskHubs: ['default', 'orders'],
        imagePullSecrets: ['mcr.mirror'] })],
    ['custom scalers by type name', 'KEDA 2.20 scalers_builder.go buildScaler', app =>
      worker(system(app), { scaling: Scaling.keda({ minReplicas: 0, triggers: [
        KedaTrigger.custom('metrics-api', { metadata: [{ key: 'url', value: 'http://api.orders.svc:8080/metrics?x=1&y=2' },
          { key: 'valueLocation', value: 'components.worker.tasks' }, { key: 'targetValue', value: '7.5' }] }),
        KedaTrigger.custom('redis', { metadata: [{ key: 'address', value: 'redis.cache.svc:6379' }, { key: 'listName', value: 'jobs' }] }),
      ] }) })],
    ['an OTLP collector port and collector pod labels', 'networking validation: ports, podSelector labels', app =>
      worker(system(app), { telemetry: { otlp: { endpoint: 'http://otel-collector.observability.svc:4317', collectorPort: 14317,
        collectorPodLabels: [{ key: 'app.kubernetes.io/component', value: 'opentelemetry-collector' }] } } })],
    ['affinity weights 1 and 100 and namespaces', 'core validation: preferred weight 1-100', app =>
      worker(system(app), { nodeAffinity: [{ key: 'kubernetes.io/arch', matchOperator: NodeSelectorOperator.IN, values: ['amd64', 'arm64'], weight: 1 }],
        podAffinity: [{ podLabels: [{ key: 'app', value: 'cache' }], topologyKey: 'topology.kubernetes.io/zone', weight: 100, namespaces: ['cache', 'durable-system'] }] })],
    ['a toleration on an empty value with NoExecute', 'core validation: toleration value empty', app =>
      worker(system(app), { tolerations: [{ key: 'kubernetes.azure.com/scalesetpriority', value: 'spot', effect: TaintEffect.NO_EXECUTE },
        { key: 'CriticalAddonsOnly', value: '' }] })],
    ['an Ingress path with a deep prefix and a trailing slash', 'networking validation: Prefix path', app =>
      api(system(app), { ingress: { host: 'orders.example.com', path: '/orders/api/' } })],
    ['an HTTPRoute header match with a dotted name and an empty-ish value', 'gateway-api HTTPHeaderName pattern', app =>
      api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateway-system', hostnames: ['orders.example.com'],
        headers: [{ name: 'x-ms-client.id', value: '*' }] } })],
  ];

  const gitops: Case[] = [
    ['an ssh:// URL with a port', 'argo-cd util/git IsSSHURL; Flux GitRepository url', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'ssh://git@git.example.com:2222/platform/durable.git', fluxSecretName: 'git-ssh' }).deliver('t', [system(app)])],
    ['an scp-like URL without .git', 'argo-cd util/git IsSSHURL', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'git@github.com:example/durable-platform', fluxSecretName: 'git-ssh' }).deliver('t', [system(app)])],
    ['an Azure DevOps https URL', 'Azure Repos clone URL', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'https://dev.azure.com/contoso/Platform/_git/durable-platform' }).deliver('t', [system(app)])],
    ['an Azure DevOps ssh URL', 'Azure Repos SSH clone URL', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'git@ssh.dev.azure.com:v3/contoso/Platform/durable-platform', fluxSecretName: 'git-ssh' }).deliver('t', [system(app)])],
    ['an https URL with a port and a subgroup', 'RFC 3986', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'https://gitlab.example.com:8443/platform/infra/durable.git' }).deliver('t', [system(app)])],
    ['a branch with slashes', 'git check-ref-format', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git', revision: 'release/2024.06/hotfix_1' }).deliver('t', [system(app)])],
    ['a tag ref and an uppercase commit id', 'git check-ref-format; Flux ref.commit', app => {
      new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git', revision: 'refs/tags/v1.2.3' }).deliver('t', [system(app)]);
      new GitOpsDelivery(app, 'h', { repoUrl: 'https://github.com/example/q.git', revision: 'ABCDEF0123456789ABCDEF0123456789ABCDEF01' })
        .deliver('u', [new Chart(app, 'other', { namespace: 'other' })]);
    }],
    ['a nested path and an interval in hours and minutes', 'Flux Kustomization: interval Go duration', app =>
      new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git', path: 'clusters/prod/dist', interval: '1h30m' }).deliver('t', [system(app)])],
    ['GitOps namespaces, project, Secret and add-on Kustomizations', 'IsDNS1123Label; Flux NamespacedObjectReference',
      app => new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git', argoCdNamespace: 'argo-cd',
        argoCdProject: 'platform.tenants', fluxNamespace: 'flux-system', fluxSecretName: 'github.token',
        addOnKustomizations: { 'keda': 'infra/keda-operator', 'cert-manager': 'cert-manager' } }).deliver('t', [system(app)])],
    ['a path written as Flux writes it ("./deploy/dist/")', 'argo-cd util/app/path Path (filepath.Join); Flux Kustomization path',
      app => new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git', path: './deploy/dist/' }).deliver('t', [system(app)])],
    ['a folder with a dash and dots', 'relative path', app => new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git',
      folder: 'tenant-a.v2' }).deliver('tenant-a', [system(app)])],
  ];

  test.each([...images, ...env, ...quantities, ...scaling, ...cron, ...metadata, ...names, ...endpoints, ...exposure,
    ...identities, ...azure, ...azureMore, ...workload, ...more, ...gitops])('%s (%s)', (name, _source, given) => {
    // GIVEN / WHEN / THEN
    expect(accepted(given, name.includes('folder') ? durableTestApp() : Testing.app()).length).toBeGreaterThan(0);
  });
});

describe('accepted inputs in the tenants file', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })));

  const BASE = [
    'schedulers:',
    '  - name: orders',
    `    endpoint: ${ENDPOINT}`,
    'defaults:',
    `  workerImage: ${IMAGE}`,
  ].join('\n');

  /** Writes `text` to a tenants file, loads it, builds its tenants and synthesizes them. */
  function loaded(text: string | Buffer): any[] {
    const dir = mkdtempSync(join(tmpdir(), 'accepted-'));
    dirs.push(dir);
    const file = join(dir, 'tenants.yaml');
    writeFileSync(file, text);
    return accepted(app => TenantsFile.fromFile(file).addTenants(app));
  }

  const cases: [name: string, source: string, text: string | Buffer][] = [
    ['unquoted counts, quoted and unquoted quantities', 'YAML 1.1 int; quantity.go (resource.Quantity UnmarshalJSON takes a JSON number)',
      `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - scaling: { type: hpa, minReplicas: 2, maxReplicas: 10 }\n        resources: { cpuRequest: 0.5, cpuLimit: 1.14, memoryRequest: 512Mi, memoryLimit: 1073741824 }\n`],
    ['an unquoted quota and limit range', 'quantity.go', `${BASE}\ntenants:\n  - name: alpha\n    baseline:\n      quota: { requestsCpu: 8, limitsCpu: 16.5, requestsMemory: 16Gi, pods: 40 }\n      limitRange: { defaultCpuRequest: 0.1, defaultCpuLimit: 1 }\n`],
    ['flow style throughout', 'YAML 1.1 flow collections', `${BASE}\ntenants: [{ name: alpha, workers: [{ scaling: { type: fixed, replicas: 2 } }] }]\n`],
    ['comments everywhere', 'YAML 1.1 comments', `${BASE} # the image\ntenants: # all of them\n  - name: alpha # first\n    # no workers yet\n`],
    ['anchors and aliases', 'YAML 1.1 anchors', `${BASE}\ntenants:\n  - name: alpha\n    workers: &w\n      - scaling: { type: hpa, minReplicas: 1, maxReplicas: 3 }\n  - name: bravo\n    workers: *w\n`],
    ['a merge key', 'YAML 1.1 merge key (<<)', `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - scaling: &s { type: hpa, minReplicas: 1, maxReplicas: 3 }\n  - name: bravo\n    workers:\n      - scaling: { <<: *s, maxReplicas: 4 }\n`],
    ['CRLF line endings', 'YAML 1.1 line breaks', `${BASE}\ntenants:\n  - name: alpha\n    workers: [{}]\n`.replace(/\n/g, '\r\n')],
    ['a UTF-8 byte order mark', 'YAML 1.1 5.2 byte order mark', `\uFEFF${BASE}\ntenants:\n  - name: alpha\n`],
    ['a document start marker', 'YAML 1.1 document markers', `---\n${BASE}\ntenants:\n  - name: alpha\n...\n`],
    ['a tenant name of 63 characters', 'IsDNS1123Label', `${BASE}\ntenants:\n  - name: ${'t'.repeat(63)}\n    taskHub: hub-1\n`],
    ['a mixed-case task hub', 'ARM taskHubs name', `${BASE}\ntenants:\n  - name: alpha\n    taskHub: Orders-Prod-2\n`],
    ['an uppercase client id', 'GUID', `${BASE}\ntenants:\n  - name: alpha\n    identity: { clientId: AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE }\n`],
    ['a tenant id as a domain name', 'azidentity.go validTenantID', `${BASE}\ntenants:\n  - name: alpha\n    identity: { clientId: ${CLIENT_ID}, tenantId: contoso.onmicrosoft.com }\n`],
    ['an endpoint with a trailing slash', 'DTS SDKs: Endpoint as a URI', BASE.replace(ENDPOINT, `${ENDPOINT}/`) + '\ntenants:\n  - name: alpha\n'],
    ['images with a registry port and a digest', 'distribution/reference', `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - image: registry.example.com:5000/team/w@sha256:${SHA256}\n`],
    ['env names with dots and dashes, empty values', 'IsEnvVarName', `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - env:\n          - { name: spring.profiles.active, value: prod }\n          - { name: MY-VAR, value: "" }\n`],
    ['quantities "0.5", "+1", "1.5Gi", "129e6"', 'quantity.go', `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - resources: { cpuRequest: "0.5", cpuLimit: "+1", memoryRequest: "129e6", memoryLimit: 1.5Gi }\n`],
    ['preStopDelaySeconds 0', 'validateSleepAction', `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - preStopDelaySeconds: 0\n        terminationGracePeriodSeconds: 0\n`],
    ['trigger names in camelCase', 'KEDA ValidateTriggers', `${BASE}\ntenants:\n  - name: alpha\n    workers:\n      - scaling: { type: keda, minReplicas: 1, triggers: [{ type: cpu, value: 70, name: cpuLoad }] }\n`],
    ['an Ingress wildcard host and a port 1', 'IsWildcardDNS1123Subdomain; IsValidPortNum', `${BASE}\ntenants:\n  - name: alpha\n    apis:\n      - image: ${IMAGE}\n        port: 65535\n        servicePort: 1\n        ingress: { host: "*.a.example.com" }\n`],
    ['a quota with exponent quantities and IPv6 egress', 'quantity.go; ipBlock.cidr', `${BASE}\ntenants:\n  - name: alpha\n    baseline:\n      quota: { requestsCpu: 1e1, requestsMemory: 32Gi, pods: 200 }\n      httpsEgressCidrs: ["0.0.0.0/0", "::/0"]\n`],
    ['a scheduler with a connection string variable, APIs behind an HTTPRoute, an identity ASO creates in a display-name region',
      'IsEnvVarName; gateway-api; ARM locations', `${BASE.replace(ENDPOINT, `${ENDPOINT}\n    connectionStringEnvName: ConnectionStrings__dts\n    azure: { subscriptionId: ${SUB}, resourceGroup: rg, schedulerName: orders }`)}
tenants:
  - name: alpha
    identity:
      azure:
        create: { subscriptionId: ${SUB}, resourceGroup: "rg.(alpha)", location: West Europe }
    apis:
      - image: ${IMAGE}
        httpRoute: { gatewayName: public, gatewayNamespace: gateway-system, hostnames: ["*.alpha.example.com"], path: /alpha/v1, sectionName: https }
      - name: alpha-admin
        image: ${IMAGE}
        ingress: { host: admin.alpha.example.com, className: webapprouting.kubernetes.azure.com, path: /admin, sourceCidrs: ["10.0.0.0/8", "fd00::/8"] }
`],
    ['a worker per work item type with a KEDA DTS trigger', 'DTS scaler', `${BASE}\ntenants:\n  - name: alpha\n    identity: { clientId: ${CLIENT_ID} }\n    workers:\n      - workItemType: Entity\n        scaling: { type: keda, minReplicas: 0, maxReplicas: 5, triggers: [{ type: durableTaskScheduler, maxConcurrentWorkItemsCount: 1, name: dtsBacklog }] }\n`],
    ['a scheduler name with dots and capitals, two schedulers, one endpoint with a trailing slash', 'names are keys of the file',
      `schedulers:\n  - { name: Orders.Prod, endpoint: ${ENDPOINT} }\n  - { name: billing, endpoint: "https://billing.westeurope.durabletask.io/" }\ndefaults: { workerImage: ${IMAGE} }\ntenants:\n  - name: alpha\n    scheduler: Orders.Prod\n  - name: bravo\n    scheduler: billing\n`],
    ['single-quoted strings, empty lists and a folded string', 'YAML 1.1 scalars', `schedulers:\n  - { name: 'a', endpoint: '${ENDPOINT}' }\ndefaults: { workerImage: '${IMAGE}' }\ntenants:\n  - name: 'alpha'\n    taskHub: 'alpha-hub'\n    workers:\n      - env: []\n      - name: second\n        env:\n          - name: NOTE\n            value: >-\n              two\n              lines\n    apis: []\n`],
    ['a JSON file', 'JSON is YAML 1.1 flow style', JSON.stringify({ schedulers: [{ name: 'a', endpoint: ENDPOINT }], defaults: { workerImage: IMAGE },
      tenants: [{ name: 'alpha', workers: [{ resources: { cpuRequest: 0.5, memoryRequest: '256Mi' } }] }] })],
    ['an existing identity whose resource id is in lower case', 'ARM resource ids are case-insensitive',
      `${BASE}\ntenants:\n  - name: alpha\n    identity:\n      clientId: ${CLIENT_ID}\n      azure: { resourceId: /subscriptions/${SUB}/resourcegroups/rg/providers/microsoft.managedidentity/userassignedidentities/alpha, principalId: ${SUB} }\n`],
    ['an API on port 80 and a KEDA memory trigger above 100 %', 'IsValidPortNum; KEDA memory scaler (utilization of the request)',
      `${BASE}\n  apiImage: ${IMAGE}\ntenants:\n  - name: alpha\n    workers:\n      - scaling: { type: keda, triggers: [{ type: memory, value: 150 }] }\n    apis:\n      - port: 80\n        servicePort: 8080\n`],
    ['an Azure resource group with dots and parentheses', 'Azure naming rules', BASE.replace(ENDPOINT, `${ENDPOINT}\n    azure: { subscriptionId: ${SUB}, resourceGroup: "orders.rg(prod)", schedulerName: orders }`) + '\ntenants:\n  - name: alpha\n'],
  ];

  test.each(cases)('%s (%s)', (_name, _source, text) => {
    // GIVEN / WHEN / THEN
    expect(loaded(text).length).toBeGreaterThan(0);
  });

  test('an unquoted quantity renders as the text written, not as the number read', () => {
    // GIVEN / WHEN
    const manifests = loaded(cases[0][2]);
    const quota = loaded(cases[1][2]).find(m => m.kind === 'ResourceQuota');
    // THEN
    const resources = manifests.find(m => m.kind === 'Deployment').spec.template.spec.containers[0].resources;
    expect(resources).toEqual({ requests: { cpu: '0.5', memory: '512Mi' }, limits: { cpu: '1.14', memory: '1073741824' } });
    expect(quota.spec.hard).toMatchObject({ 'requests.cpu': '8', 'limits.cpu': '16.5', 'requests.memory': '16Gi' });
  });
});

describe('what relaxed rules render', () => {
  test('a trigger name that is no DNS label stays the trigger\'s name; its TriggerAuthentication is named by position', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { scaling: Scaling.keda({ triggers: [
      KedaTrigger.cpu(70, { name: 'cpuLoad' }),
      KedaTrigger.prometheus({ name: 'Queue Depth', serverAddress: 'https://prometheus.example.com', query: 'sum(q)',
        threshold: 5, authModes: [PrometheusAuthMode.BEARER],
        secretRefs: [{ parameter: 'bearerToken', secretName: 'prom', key: 'token' }] }),
    ] }) }));
    // THEN
    const scaledObject = manifests.find(m => m.kind === 'ScaledObject');
    expect(scaledObject.spec.triggers.map((t: any) => t.name)).toEqual(['cpuLoad', 'Queue Depth']);
    expect(scaledObject.spec.triggers[1].authenticationRef).toEqual({ name: 'durable-worker-trigger-2-auth' });
  });

  test('a GitOps path written "./deploy/dist/" is the folder deploy/dist to both engines', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => new GitOpsDelivery(app, 'g', { repoUrl: 'https://github.com/example/p.git',
      path: './deploy/dist/' }).deliver('t', [system(app)]));
    // THEN
    expect(manifests.find(m => m.kind === 'Application').spec.source.path).toBe('deploy/dist');
    expect(manifests.find(m => m.kind === 'Kustomization').spec.path).toBe('./deploy/dist');
  });

  test('a ServiceAccount name longer than a label value: the ServiceAccount has no name label', () => {
    // GIVEN
    const name = `${'s'.repeat(63)}.${'a'.repeat(40)}`;
    // WHEN
    const manifests = accepted(app => new DurableServiceAccount(system(app), 'sa', { name }));
    // THEN
    const account = manifests.find(m => m.kind === 'ServiceAccount');
    expect(account.metadata.name).toBe(name);
    expect(account.metadata.labels).toEqual({ 'app.kubernetes.io/part-of': 'durable-task', 'app.kubernetes.io/managed-by': 'cdk8s' });
  });

  test('preStopDelaySeconds 0 renders no preStop hook', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { preStopDelaySeconds: 0 }));
    // THEN
    expect(manifests.find(m => m.kind === 'Deployment').spec.template.spec.containers[0].lifecycle).toBeUndefined();
  });
});
