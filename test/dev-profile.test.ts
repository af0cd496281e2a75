import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Chart, Testing } from 'cdk8s';
import { buildDevApp, DEV_CONNECTION_STRING_ENV, devApiOptions, devOptions } from '../app/dev-app';
import { buildReferenceApp } from '../app/reference-app';
import { loadAppSettings } from '../app/settings';
import {
  ApiServiceType, DurableApiOptions, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorkerOptions,
  EnvFromSource, EnvValueSource, HealthProbe, MetricsScraper, NamespaceBaseline, Scaling, TaskHubTenant,
  WorkloadIdentity, WorkloadVolume,
} from '../lib';
import { CLIENT_ID, durableTestApp, expectValid } from './util';

/** `kind namespace/name` of an object. */
const key = (m: any) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/** What may differ by environment in an object both profiles have; the rest must be equal. */
function withoutEnvironment(m: any): any {
  const copy = JSON.parse(JSON.stringify(m));
  delete copy.metadata.annotations?.['azure.workload.identity/client-id'];
  if (copy.metadata.annotations && Object.keys(copy.metadata.annotations).length === 0) {
    delete copy.metadata.annotations;
  }
  if (copy.kind === 'Deployment') {
    delete copy.spec.replicas;
    const pod = copy.spec.template;
    delete pod.metadata.labels['azure.workload.identity/use'];
    delete pod.spec.topologySpreadConstraints;
    for (const c of pod.spec.containers) {
      c.env = c.env.filter((v: any) => v.name !== DEV_CONNECTION_STRING_ENV && v.name !== 'DTS_ENDPOINT');
    }
  }
  return copy;
}

describe('dev profile (dist-dev/)', () => {
  const settings = loadAppSettings({});
  const prodApp = durableTestApp();
  buildReferenceApp(prodApp, settings);
  const production = prodApp.charts.flatMap(c => Testing.synth(c));
  const devApp = durableTestApp();
  const dev = buildDevApp(devApp, settings);
  const manifests = devApp.charts.flatMap(c => Testing.synth(c));

  test('passes the validator (schema, Pod Security restricted, cross-object rules)', () => {
    expectValid(manifests);
  });

  test('has the same namespaces and chart ids (file names) as production, without the Azure and GitOps files', () => {
    expect(devApp.charts.map(c => c.node.id)).toEqual(['durable-system', 'tenant-a', 'tenant-b']);
    expect(prodApp.charts.map(c => c.node.id).filter(id => !/-(azure|gitops)$/.test(id))).toEqual(devApp.charts.map(c => c.node.id));
  });

  test('adds only the emulator and the egress policies to it', () => {
    const prodKeys = new Set(production.map(key));
    expect(manifests.filter(m => !prodKeys.has(key(m))).map(key)).toEqual([
      'Deployment durable-system/dts-emulator',
      'Service durable-system/dts-emulator',
      'NetworkPolicy durable-system/dts-emulator-allow-clients',
      'NetworkPolicy durable-system/durable-api-allow-emulator-egress',
      'NetworkPolicy durable-system/durable-worker-allow-emulator-egress',
      'NetworkPolicy tenant-a/durable-worker-allow-emulator-egress',
      'NetworkPolicy tenant-b/durable-worker-orchestration-allow-emulator-egress',
      'NetworkPolicy tenant-b/durable-worker-activity-allow-emulator-egress',
    ]);
  });

  test('drops only autoscalers, disruption budgets, the Ingress with its policies, and the Azure and GitOps objects', () => {
    const devKeys = new Set(manifests.map(key));
    const azureOrGitOps = /(\.azure\.com|argoproj\.io|fluxcd\.io)\//;
    const dropped = production.filter(m => !devKeys.has(key(m)) && !azureOrGitOps.test(m.apiVersion));
    expect(dropped.map(key)).toEqual([
      'PodDisruptionBudget durable-system/durable-api',
      'Ingress durable-system/durable-api',
      'NetworkPolicy durable-system/durable-api-allow-ingress-controller',
      'NetworkPolicy durable-system/durable-api-allow-acme-http01',
      'HorizontalPodAutoscaler durable-system/durable-worker',
      'PodDisruptionBudget durable-system/durable-worker',
      'ScaledObject tenant-a/durable-worker',
      'PodDisruptionBudget tenant-a/durable-worker',
      'HorizontalPodAutoscaler tenant-b/durable-worker-orchestration',
      'PodDisruptionBudget tenant-b/durable-worker-orchestration',
      'HorizontalPodAutoscaler tenant-b/durable-worker-activity',
      'PodDisruptionBudget tenant-b/durable-worker-activity',
    ]);
  });

  test('objects of both profiles differ only in replicas, identity, topology spread and the scheduler endpoint', () => {
    const byKey = new Map(production.map(m => [key(m), m]));
    const common = manifests.filter(m => byKey.has(key(m)));
    expect(common.length).toBe(29);
    for (const m of common) {
      expect([key(m), withoutEnvironment(m)]).toEqual([key(m), withoutEnvironment(byKey.get(key(m)))]);
    }
  });

  test('every workload runs one replica against the emulator, without a workload identity', () => {
    const deployments = manifests.filter(m => m.kind === 'Deployment' && m.metadata.name !== 'dts-emulator');
    expect(deployments).toHaveLength(5);
    for (const d of deployments) {
      expect(d.spec.replicas).toBe(1);
      expect(d.spec.template.metadata.labels).not.toHaveProperty(['azure.workload.identity/use']);
      const env = Object.fromEntries(d.spec.template.spec.containers[0].env.map((v: any) => [v.name, v.value]));
      expect(env.DTS_ENDPOINT).toBe('http://dts-emulator.durable-system.svc:8080');
      expect(env[DEV_CONNECTION_STRING_ENV]).toBe(`Endpoint=http://dts-emulator.durable-system.svc:8080;TaskHub=${env.TASKHUB_NAME};Authentication=None`);
    }
    expect(dev.emulator.taskHubNames).toEqual(['default', 'tenant-a', 'tenant-b']);
  });
});

describe('dev profile of a tenants file with workload settings', () => {
  // GIVEN a tenants file whose workloads set env, resources, preStop delay, grace period and API ports
  const dir = mkdtempSync(join(tmpdir(), 'dev-profile.'));
  const file = join(dir, 'tenants.yaml');
  writeFileSync(file, [
    'schedulers:',
    '  - name: demo',
    '    endpoint: https://durable-demo.westus2.durabletask.io',
    '    connectionStringEnvName: DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
    '    azure: { subscriptionId: 00000000-0000-0000-0000-00000000000a, resourceGroup: rg, schedulerName: demo }',
    'tenants:',
    '  - name: orders',
    '    identity: { clientId: aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa }',
    '    workers:',
    '      - image: myregistry.azurecr.io/orders-worker:1.4.2',
    '        workItemType: Activity',
    '        scaling: { type: hpa, minReplicas: 2, maxReplicas: 4 }',
    '        resources: { cpuRequest: 500m, memoryRequest: 1Gi, cpuLimit: "2", memoryLimit: 2Gi }',
    '        env:',
    '          - { name: ORDERS_BATCH_SIZE, value: "50" }',
    '          - { name: AZURE_CLIENT_ID, value: aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa }',
    '        preStopDelaySeconds: 10',
    '        terminationGracePeriodSeconds: 300',
    '    apis:',
    '      - image: myregistry.azurecr.io/orders-api:1.4.2',
    '        port: 5000',
    '        servicePort: 8080',
    '        env: [{ name: ORDERS_API_MODE, value: public }]',
    '        preStopDelaySeconds: 3',
    '        terminationGracePeriodSeconds: 45',
    '        ingress: { host: orders.example.com }',
  ].join('\n'));
  const settings = { ...loadAppSettings({}), delivery: { ...loadAppSettings({}).delivery!, tenantsFile: file } };
  const prodApp = durableTestApp();
  buildReferenceApp(prodApp, settings);
  const production = prodApp.charts.filter(c => c.node.id === 'orders').flatMap(c => Testing.synth(c));
  // WHEN the dev profile is built from the same settings
  const devApp = durableTestApp();
  buildDevApp(devApp, settings);
  const dev = devApp.charts.filter(c => c.node.id === 'orders').flatMap(c => Testing.synth(c));
  const deployment = (manifests: any[], name: string) =>
    manifests.find(m => m.kind === 'Deployment' && m.metadata.name === name);

  test('passes the validator', () => {
    expectValid(devApp.charts.flatMap(c => Testing.synth(c)));
  });

  test.each(['durable-worker-activity', 'durable-api'])('%s keeps resources, lifecycle, grace period, ports and probes',
    name => {
      // THEN the pod spec is production's, but for the identity label, the replicas and the environment
      const prod = deployment(production, name).spec.template.spec;
      const local = deployment(dev, name).spec.template.spec;
      const { env: prodEnv, ...prodContainer } = prod.containers[0];
      const { env: devEnv, ...devContainer } = local.containers[0];
      expect(devContainer).toEqual(prodContainer);
      expect(local.terminationGracePeriodSeconds).toBe(prod.terminationGracePeriodSeconds);
      expect(devEnv.map((v: any) => v.name)).toEqual(prodEnv.map((v: any) => v.name)
        .filter((n: string) => n !== 'AZURE_CLIENT_ID'));
    });

  test('the worker keeps its own variables; the scheduler variables keep their names and point at the emulator', () => {
    const env = deployment(dev, 'durable-worker-activity').spec.template.spec.containers[0].env;
    expect(env).toEqual([
      { name: 'DTS_ENDPOINT', value: 'http://dts-emulator.durable-system.svc:8080' },
      { name: 'TASKHUB_NAME', value: 'orders' },
      { name: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
        value: 'Endpoint=http://dts-emulator.durable-system.svc:8080;TaskHub=orders;Authentication=None' },
      { name: 'DTS_WORK_ITEM_TYPE', value: 'Activity' },
      { name: 'ORDERS_BATCH_SIZE', value: '50' },
    ]);
  });

  test('the worker keeps its resources, preStop delay and grace period', () => {
    const pod = deployment(dev, 'durable-worker-activity').spec.template.spec;
    expect(pod.terminationGracePeriodSeconds).toBe(300);
    expect(pod.containers[0].lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' },
    });
  });

  test('the API keeps its ports and has no Ingress', () => {
    const service = dev.find(m => m.kind === 'Service' && m.metadata.name === 'durable-api');
    expect(service.spec.ports).toEqual(production.find(m => m.kind === 'Service').spec.ports);
    expect(dev.filter(m => m.kind === 'Ingress')).toEqual([]);
  });
});

describe('dev profile options of a workload defined in code', () => {
  // GIVEN a production worker and API with a workload identity and settings of every kind
  const settings: DurableWorkerOptions & DurableApiOptions = {
    image: 'myregistry.azurecr.io/orders:1.4.2',
    identity: WorkloadIdentity.fromClientId(CLIENT_ID),
    scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 6 }),
    resources: { cpuRequest: '500m', memoryRequest: '1Gi' },
    env: [
      { name: 'ORDERS_MODE', value: 'batch' },
      { name: 'ORDERS_KEY', valueFrom: EnvValueSource.fromSecret('orders', 'key') },
      { name: 'AZURE_CLIENT_ID', value: CLIENT_ID },
    ],
    envFrom: [EnvFromSource.configMap('orders-settings')],
    volumes: [{ name: 'certs', volume: WorkloadVolume.fromSecret('orders-certs'), mountPath: '/certs' }],
    command: ['dotnet'],
    args: ['Orders.dll'],
    port: 5000,
    readinessProbe: HealthProbe.http('/ready'),
    startupProbe: HealthProbe.http('/started'),
    terminationGracePeriodSeconds: 200,
    preStopDelaySeconds: 7,
    runAsUser: 1654,
    imagePullSecrets: ['acr'],
    labels: [{ key: 'team', value: 'orders' }],
    podAnnotations: [{ key: 'example.com/owner', value: 'orders' }],
    telemetry: { otlp: { endpoint: 'http://otel-collector.observability.svc:4317' } },
    nodeSelector: [{ key: 'kubernetes.azure.com/agentpool', value: 'durable' }],
    tolerations: [{ key: 'durable', value: 'true' }],
    priorityClassName: 'durable-high',
    metrics: { port: 9090 },
    service: { serviceType: ApiServiceType.LOAD_BALANCER, internalLoadBalancer: true, portName: 'web',
      sourceCidrs: ['10.0.0.0/8'] },
    ingress: { host: 'orders.example.com' },
  };
  const { service: _service, ingress: _ingress, ...workerSettings } = settings;
  const prod = durableTestApp();
  const prodTenant = new TaskHubTenant(prod, 'orders', { namespaceName: 'orders', taskHub: 'orders',
    scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
    baseline: { quota: { loadBalancers: 1 } } });
  const prodWorker = prodTenant.addWorker('Worker', workerSettings);
  const prodApi = prodTenant.addApi('Api', { ...settings, name: 'orders-api' });
  // WHEN the dev profile builds them again against the emulator
  const dev = durableTestApp();
  const system = new Chart(dev, 'durable-system', { namespace: 'durable-system' });
  new NamespaceBaseline(system, 'Baseline', { namespaceName: 'durable-system' });
  const emulator = new DurableTaskSchedulerEmulator(system, 'Emulator');
  const devTenant = new TaskHubTenant(dev, 'orders', { namespaceName: 'orders', taskHub: 'orders',
    scheduler: DurableTaskScheduler.fromEmulator(emulator) });
  devTenant.addWorker('Worker', devOptions(prodWorker.options));
  devTenant.addApi('Api', devApiOptions(prodApi.options));
  const production = Testing.synth(prodTenant);
  const manifests = dev.charts.flatMap(c => Testing.synth(c));
  const pod = (ms: any[], name: string) =>
    ms.find(m => m.kind === 'Deployment' && m.metadata.name === name).spec.template.spec;

  test('passes the validator', () => {
    expectValid(manifests);
  });

  test.each(['durable-worker', 'orders-api'])('%s keeps its container but for the identity variable and metrics port',
    name => {
    // THEN the container is production's but for the scheduler and identity variables and the metrics port
      const { env: prodEnv, ...prodContainer } = pod(production, name).containers[0];
      const { env: devEnv, ...devContainer } = pod(manifests, name).containers[0];
      expect(devContainer).toEqual({ ...prodContainer, ports: prodContainer.ports.filter((p: any) => p.name !== 'metrics') });
      expect(devEnv.filter((v: any) => v.name.startsWith('ORDERS_') || v.name.startsWith('OTEL_')))
        .toEqual(prodEnv.filter((v: any) => v.name.startsWith('ORDERS_') || v.name.startsWith('OTEL_')));
      expect(devEnv.map((v: any) => v.name)).not.toContain('AZURE_CLIENT_ID');
    });

  test.each(['durable-worker', 'orders-api'])('%s keeps its pod settings but for placement and priority', name => {
    const {
      nodeSelector, tolerations, priorityClassName, topologySpreadConstraints: _spread, containers: _c, ...kept
    } = pod(production, name);
    const { containers: _devContainers, ...devPod } = pod(manifests, name);
    expect(devPod).toEqual(kept);
    expect([nodeSelector, tolerations, priorityClassName]).not.toContain(undefined);
  });

  test('drops the Azure managed Prometheus PodMonitor, the load balancer and the Ingress', () => {
    expect(manifests.filter(m => ['PodMonitor', 'Ingress', 'HorizontalPodAutoscaler'].includes(m.kind))).toEqual([]);
    const devService = manifests.find(m => m.kind === 'Service' && m.metadata.name === 'orders-api');
    expect(devService.spec.type).toBe('ClusterIP');
    expect(devService.spec.ports).toEqual([{ name: 'web', port: 80, protocol: 'TCP', targetPort: 'web' }]);
  });

  test('keeps identity variables of a workload without a workload identity (they are the app\'s own)', () => {
    const options = devOptions({ image: 'orders:1', env: [{ name: 'AZURE_CLIENT_ID', value: CLIENT_ID }] });
    expect(options.env).toEqual([{ name: 'AZURE_CLIENT_ID', value: CLIENT_ID }]);
  });

  test('keeps a prometheus-operator PodMonitor', () => {
    const metrics = { port: 9090, scraper: MetricsScraper.PROMETHEUS_OPERATOR };
    expect(devOptions({ image: 'orders:1', metrics }).metrics).toBe(metrics);
  });
});

describe('dev profile of tenants with baseline settings', () => {
  // GIVEN a tenants file with a raised quota (a worker of 10 CPUs that the default 16 cannot admit with its surge pod),
  // a namespace the platform owns (baseline.createNamespace: false) and a tenant without a baseline
  const dir = mkdtempSync(join(tmpdir(), 'dev-profile-baseline.'));
  const file = join(dir, 'tenants.yaml');
  writeFileSync(file, [
    'schedulers:',
    '  - name: demo',
    '    endpoint: https://durable-demo.westus2.durabletask.io',
    '    azure: { subscriptionId: 00000000-0000-0000-0000-00000000000a, resourceGroup: rg, schedulerName: demo }',
    'defaults: { workerImage: myregistry.azurecr.io/worker:1.0.0 }',
    'tenants:',
    '  - name: big',
    '    baseline:',
    '      podSecurityVersion: v1.32',
    '      quota: { requestsCpu: "32", requestsMemory: 64Gi, limitsCpu: "64", limitsMemory: 128Gi, pods: 10 }',
    '      limitRange: { defaultCpuRequest: 200m, defaultMemoryRequest: 256Mi }',
    '      httpsEgressCidrs: [10.1.0.0/16]',
    '    workers:',
    '      - scaling: { type: hpa, minReplicas: 1, maxReplicas: 2 }',
    '        resources: { cpuRequest: "10", memoryRequest: 16Gi, cpuLimit: "20", memoryLimit: 32Gi }',
    '  - name: adopted',
    '    baseline: { createNamespace: false, quota: { pods: 30 } }',
    '    workers: [{}]',
    '  - name: platform',
    '    createBaseline: false',
    '    workers: [{}]',
  ].join('\n'));
  const settings = { ...loadAppSettings({}), delivery: { ...loadAppSettings({}).delivery!, tenantsFile: file } };
  const prodApp = durableTestApp();
  buildReferenceApp(prodApp, settings);
  const production = (tenant: string) =>
    prodApp.charts.filter(c => c.node.id === tenant).flatMap(c => Testing.synth(c));
  // WHEN the dev profile is built from the same settings
  const devApp = durableTestApp();
  buildDevApp(devApp, settings);
  const manifests = devApp.charts.flatMap(c => Testing.synth(c));
  const dev = (tenant: string) => devApp.charts.filter(c => c.node.id === tenant).flatMap(c => Testing.synth(c));
  const baselineObjects = (ms: any[]) => ms.filter(m => ['Namespace', 'ResourceQuota', 'LimitRange'].includes(m.kind)
    || (m.kind === 'NetworkPolicy' && !m.metadata.name.startsWith('durable-worker')));

  test('passes the validator', () => {
    expectValid(manifests);
  });

  test('a tenant keeps its quota, limits, egress CIDRs and Pod Security version', () => {
    // THEN the baseline objects are production's, so the same workloads fit the same quota
    expect(baselineObjects(dev('big'))).toEqual(baselineObjects(production('big')));
    expect(dev('big').find(m => m.kind === 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce-version'])
      .toBe('v1.32');
  });

  test('a namespace the platform owns in production is created locally, with the tenant\'s quota and policies', () => {
    expect(production('adopted').filter(m => m.kind === 'Namespace')).toEqual([]);
    const namespace = dev('adopted').find(m => m.kind === 'Namespace');
    expect(namespace.metadata.name).toBe('adopted');
    expect(namespace.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(baselineObjects(dev('adopted')).filter(m => m.kind !== 'Namespace'))
      .toEqual(baselineObjects(production('adopted')));
  });

  test('a tenant without a baseline in production gets the default baseline locally, Namespace included', () => {
    expect(baselineObjects(production('platform'))).toEqual([]);
    expect(baselineObjects(dev('platform')).map(key)).toEqual([
      'Namespace /platform',
      'ResourceQuota platform/durable-task-quota',
      'LimitRange platform/durable-task-limits',
      'NetworkPolicy platform/default-deny-all',
      'NetworkPolicy platform/allow-dns-egress',
      'NetworkPolicy platform/allow-https-egress',
    ]);
  });
});
