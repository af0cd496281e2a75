// Three apps as platform teams adopting the library would write them, from the README, docs/ and API.md only.
// GIVEN each app (its build()), WHEN it is built and synthesized once (beforeAll: the validator runs on the output),
// THEN each test checks what the cluster, the operators and the SDKs need from it, not every field.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import {
  AzureIdentities, DurableApi, DurableApp, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker,
  GitOpsDelivery, IdentityPlan, KedaTrigger, NamespaceBaseline, PlannedIdentity, PrometheusAuthMode, Scaling,
  SchedulerAuthentication, TaskHubTenant, TenantsFile, WorkItemType, WorkloadIdentity, WorkloadVolume,
} from '../lib';
import { all, container, durableTestApp, one, synthApp, synthValid } from './util';

/** The value of a container variable (literal), or its valueFrom. */
function env(deployment: any): Record<string, any> {
  return Object.fromEntries(container(deployment).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

/** The NetworkPolicies of the manifests by name: their specs. */
function policies(manifests: any[]): Record<string, any> {
  return Object.fromEntries(all(manifests, 'NetworkPolicy').map(p => [p.metadata.name, p.spec]));
}

/** Runs `fn` with console.warn captured: the library warns about the DTS scaler, which these apps use on purpose. */
function capturingWarnings<T>(fn: () => T): { result: T; warnings: string[] } {
  const spy = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const result = fn();
    return { result, warnings: spy.mock.calls.map(call => String(call[0])) };
  } finally {
    spy.mockRestore();
  }
}

const SCALER_WARNING = "uses the KEDA scaler 'azure-durabletask-scheduler', which upstream KEDA (up to 2.20) does not ship";

describe('a .NET team: orchestration and activity workers on the DTS scaler, an API behind nginx, Key Vault, OTel', () => {
  const ENDPOINT = 'https://payments-prod.westeurope.durabletask.io';
  const ORCH_ID = '11111111-aaaa-4aaa-8aaa-111111111111';
  const ACT_ID = '22222222-aaaa-4aaa-8aaa-222222222222';
  const API_ID = '33333333-aaaa-4aaa-8aaa-333333333333';
  const SCALER_ID = '44444444-aaaa-4aaa-8aaa-444444444444';

  function build() {
    const app = Testing.app();
    // The platform created the namespace (and its Pod Security labels); the team ships quota, limits and policies.
    const chart = new Chart(app, 'payments', { namespace: 'payments' });
    new NamespaceBaseline(chart, 'Baseline', {
      namespaceName: 'payments', createNamespace: false,
      quota: { requestsCpu: '24', requestsMemory: '48Gi', limitsCpu: '96', limitsMemory: '96Gi' },
    });
    // .NET: builder.Services.AddDurableTaskWorker(b => b.UseDurableTaskScheduler(connectionString))
    const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT, {
      connectionStringEnvName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
      authentication: SchedulerAuthentication.WORKLOAD_IDENTITY,
    });
    const telemetry = {
      otlp: { endpoint: 'http://otel-collector.observability.svc:4317' },
      resourceAttributes: [{ key: 'deployment.environment.name', value: 'production' }],
    };
    const keyVault = [{ name: 'kv', volume: WorkloadVolume.fromSecretProviderClass('payments-kv'), mountPath: '/mnt/secrets' }];
    const scalerIdentity = WorkloadIdentity.fromClientId(SCALER_ID);
    const orchestrations = new DurableWorker(chart, 'Orchestrations', {
      image: 'paymentsacr.azurecr.io/payments-worker:2.3.0',
      scheduler, taskHub: 'payments',
      workItemType: WorkItemType.ORCHESTRATION,
      identity: WorkloadIdentity.fromClientId(ORCH_ID),
      scaling: Scaling.keda({
        minReplicas: 1, maxReplicas: 10,
        triggers: [KedaTrigger.durableTaskScheduler({ identity: scalerIdentity, maxConcurrentWorkItemsCount: 50 })],
      }),
      telemetry, volumes: keyVault,
    });
    const activities = new DurableWorker(chart, 'Activities', {
      image: 'paymentsacr.azurecr.io/payments-worker:2.3.0',
      scheduler, taskHub: 'payments',
      workItemType: WorkItemType.ACTIVITY,
      identity: WorkloadIdentity.fromClientId(ACT_ID),
      scaling: Scaling.keda({
        minReplicas: 0, maxReplicas: 40,
        triggers: [KedaTrigger.durableTaskScheduler({ identity: scalerIdentity, maxConcurrentWorkItemsCount: 10 })],
      }),
      telemetry, volumes: keyVault,
    });
    const api = new DurableApi(chart, 'Api', {
      image: 'paymentsacr.azurecr.io/payments-api:2.3.0',
      scheduler, taskHub: 'payments',
      identity: WorkloadIdentity.fromClientId(API_ID),
      ingress: {
        host: 'payments.contoso.com', className: 'nginx',
        tlsSecretName: 'payments-api-tls', clusterIssuer: 'letsencrypt-prod',
      },
      telemetry, volumes: keyVault,
    });
    return { chart, orchestrations, activities, api };
  }

  let built: ReturnType<typeof build>;
  let manifests: any[];
  let warnings: string[];
  beforeAll(() => {
    ({ result: built, warnings } = capturingWarnings(build));
    manifests = synthValid(built.chart);
  });

  test('synthesizes valid manifests for a namespace the platform created; warns once per DTS scaler', () => {
    expect(all(manifests, 'Namespace')).toEqual([]);
    expect(warnings.map(w => w.split(':')[0])).toEqual(['[warning] payments/Orchestrations', '[warning] payments/Activities']);
    expect(warnings.every(w => w.includes(SCALER_WARNING))).toBe(true);
    expect(all(manifests, 'Deployment').map(d => d.metadata.name).sort())
      .toEqual(['durable-api', 'durable-worker-activity', 'durable-worker-orchestration']);
  });

  test('the .NET SDK finds its connection string, and each worker its work item type', () => {
    const connection = (clientId: string) =>
      `Endpoint=${ENDPOINT};TaskHub=payments;Authentication=WorkloadIdentity;ClientID=${clientId}`;
    const orch = env(one(manifests, 'Deployment', 'durable-worker-orchestration'));
    const act = env(one(manifests, 'Deployment', 'durable-worker-activity'));
    const api = env(one(manifests, 'Deployment', 'durable-api'));
    expect(orch.DURABLE_TASK_SCHEDULER_CONNECTION_STRING).toBe(connection(ORCH_ID));
    expect(act.DURABLE_TASK_SCHEDULER_CONNECTION_STRING).toBe(connection(ACT_ID));
    expect(api.DURABLE_TASK_SCHEDULER_CONNECTION_STRING).toBe(connection(API_ID));
    expect([orch.DTS_WORK_ITEM_TYPE, act.DTS_WORK_ITEM_TYPE, api.DTS_WORK_ITEM_TYPE])
      .toEqual(['Orchestration', 'Activity', undefined]);
    // OpenTelemetry: the exporter reads the standard variables; service name per workload
    expect(orch).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector.observability.svc:4317',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_SERVICE_NAME: 'durable-worker-orchestration',
    });
    expect(orch.OTEL_RESOURCE_ATTRIBUTES).toContain('service.version=2.3.0,deployment.environment.name=production');
  });

  test('each KEDA trigger reads its own work item type on the right scheduler and hub, as the scaler identity', () => {
    for (const [name, type, perReplica] of [['durable-worker-orchestration', 'Orchestration', '50'],
      ['durable-worker-activity', 'Activity', '10']]) {
      const scaled = one(manifests, 'ScaledObject', name);
      expect(scaled.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(scaled.spec.triggers).toEqual([{
        type: 'azure-durabletask-scheduler',
        metadata: { endpoint: ENDPOINT, taskhubName: 'payments', workItemType: type, maxConcurrentWorkItemsCount: perReplica },
        authenticationRef: { name: `${name}-azure-workload` },
      }]);
      expect(one(manifests, 'TriggerAuthentication', `${name}-azure-workload`).spec)
        .toEqual({ podIdentity: { provider: 'azure-workload', identityId: SCALER_ID } });
    }
    expect(one(manifests, 'ScaledObject', 'durable-worker-activity').spec.minReplicaCount).toBe(0);
    expect(all(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('identities line up: ServiceAccount client ids, federated subjects, the KEDA operator for the scaler identity', () => {
    const { chart, orchestrations, activities, api } = built;
    const clientIds = Object.fromEntries(all(manifests, 'ServiceAccount')
      .map(sa => [sa.metadata.name, sa.metadata.annotations['azure.workload.identity/client-id']]));
    expect(clientIds).toEqual({
      'durable-worker-orchestration': ORCH_ID, 'durable-worker-activity': ACT_ID, 'durable-api': API_ID,
    });
    for (const d of all(manifests, 'Deployment')) {
      expect(d.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
      expect(d.spec.template.spec.serviceAccountName).toBe(d.metadata.name);
    }
    const plan = IdentityPlan.of(chart, { schedulers: [{
      endpoint: ENDPOINT, subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'payments-rg',
      schedulerName: 'payments-prod',
    }] });
    const hub = '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/payments-rg/providers/'
      + 'Microsoft.DurableTask/schedulers/payments-prod/taskHubs/payments';
    const byId: Record<string, PlannedIdentity> = Object.fromEntries(plan.identities.map(i => [i.clientId!, i]));
    expect(byId[ORCH_ID].subjects).toEqual([orchestrations.federatedSubject]);
    expect(byId[ACT_ID].subjects).toEqual([activities.federatedSubject]);
    expect(byId[API_ID].subjects).toEqual([api.federatedSubject]);
    expect(api.federatedSubject).toBe('system:serviceaccount:payments:durable-api');
    expect(byId[SCALER_ID].subjects).toEqual(['system:serviceaccount:keda:keda-operator']);
    expect(byId[SCALER_ID].roles.map(r => [r.roleName, r.scope])).toEqual([['Durable Task Data Reader', hub]]);
    expect(byId[ORCH_ID].roles.map(r => r.roleName)).toEqual(['Durable Task Worker']);
    expect(byId[API_ID].roles.map(r => r.roleName)).toEqual(['Durable Task Data Contributor']);
  });

  test('network policies: DNS, HTTPS out, the collector, nginx in, the ACME solver, and nothing else', () => {
    const p = policies(manifests);
    expect(Object.keys(p).sort()).toEqual([
      'allow-dns-egress', 'allow-https-egress', 'default-deny-all',
      'durable-api-allow-acme-http01', 'durable-api-allow-ingress-controller', 'durable-api-allow-otlp-egress',
      'durable-worker-activity-allow-otlp-egress', 'durable-worker-orchestration-allow-otlp-egress',
    ]);
    expect(p['default-deny-all']).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(p['allow-https-egress'].egress).toEqual([{ ports: [{ port: 443, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }]);
    expect(p['allow-dns-egress'].egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
    expect(p['durable-worker-activity-allow-otlp-egress'].egress).toEqual([{
      ports: [{ port: 4317, protocol: 'TCP' }],
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } } }],
    }]);
    const nginx = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } };
    expect(p['durable-api-allow-ingress-controller']).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'durable-api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [nginx], ports: [{ port: 8080, protocol: 'TCP' }] }],
    });
    expect(p['durable-api-allow-acme-http01'].ingress).toEqual([{ from: [nginx], ports: [{ port: 8089, protocol: 'TCP' }] }]);
    // Only the API takes traffic: no policy admits ingress to a worker
    const ingressTo = all(manifests, 'NetworkPolicy').filter(x => x.spec.ingress).map(x => x.spec.podSelector);
    expect(ingressTo).toEqual([
      { matchLabels: { 'app.kubernetes.io/name': 'durable-api' } },
      { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
    ]);
  });

  test('the API: TLS by cert-manager on nginx, Key Vault mounted read-only in every pod', () => {
    const ingress = one(manifests, 'Ingress', 'durable-api');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ hosts: ['payments.contoso.com'], secretName: 'payments-api-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'durable-api', port: { number: 80 } } });
    for (const d of all(manifests, 'Deployment')) {
      expect(d.spec.template.spec.volumes).toContainEqual({
        name: 'kv', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'payments-kv' } },
      });
      expect(container(d).volumeMounts).toContainEqual({ name: 'kv', mountPath: '/mnt/secrets', readOnly: true });
    }
  });
});

describe('a Python team: Prometheus (bearer) + Berlin business hours, Gateway API, private registry, a config file', () => {
  const ENDPOINT = 'https://analytics.germanywestcentral.durabletask.io';
  const WORKER_ID = '55555555-aaaa-4aaa-8aaa-555555555555';
  const API_ID = '66666666-aaaa-4aaa-8aaa-666666666666';
  const REGISTRY = 'registry.analytics.example.com/durable';

  function build() {
    const app = Testing.app();
    // The Python SDK has no connection string: the samples read ENDPOINT and TASKHUB and use DefaultAzureCredential,
    // which finds the workload identity's variables (AZURE_CLIENT_ID, ...) that the webhook injects.
    const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT, { endpointEnvName: 'ENDPOINT', taskHubEnvName: 'TASKHUB' });
    const tenant = new TaskHubTenant(app, 'analytics', {
      namespaceName: 'analytics', taskHub: 'analytics', scheduler,
      identity: WorkloadIdentity.fromClientId(WORKER_ID),
      apiIdentity: WorkloadIdentity.fromClientId(API_ID),
    });
    new ApiObject(tenant, 'WorkerConfig', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'analytics-worker-config' },
      data: { 'worker.toml': '[worker]\nmax_concurrent_activities = 8\n' },
    });
    const worker = tenant.addWorker('Worker', {
      name: 'analytics-worker',
      image: `${REGISTRY}/analytics-worker:0.9.1`,
      imagePullSecrets: ['analytics-registry'],
      resources: { cpuRequest: '500m', memoryRequest: '768Mi', cpuLimit: '2', memoryLimit: '1536Mi' },
      volumes: [{
        name: 'config', volume: WorkloadVolume.fromConfigMap('analytics-worker-config'),
        mountPath: '/etc/analytics',
      }],
      env: [{ name: 'ANALYTICS_CONFIG', value: '/etc/analytics/worker.toml' }],
      scaling: Scaling.keda({
        minReplicas: 0, maxReplicas: 12,
        triggers: [
          KedaTrigger.prometheus({
            name: 'backlog',
            serverAddress: 'https://prometheus.monitoring.example.com',
            query: 'sum(analytics_pending_jobs{namespace="analytics"})',
            threshold: 25,
            authModes: [PrometheusAuthMode.BEARER],
            secretRefs: [{ parameter: 'bearerToken', secretName: 'prometheus-reader', key: 'token' }],
          }),
          KedaTrigger.cron({
            name: 'business-hours', timezone: 'Europe/Berlin',
            start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 2,
          }),
        ],
      }),
    });
    const api = tenant.addApi('Api', {
      name: 'analytics-api',
      image: `${REGISTRY}/analytics-api:0.9.1`,
      imagePullSecrets: ['analytics-registry'],
      port: 8000,   // uvicorn
      resources: { cpuRequest: '250m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '512Mi' },
      httpRoute: {
        gatewayName: 'public', gatewayNamespace: 'gateway-system', sectionName: 'https',
        hostnames: ['analytics.example.com'], path: '/api',
      },
    });
    return { app, tenant, worker, api };
  }

  let manifests: any[];
  beforeAll(() => {
    manifests = synthValid(build().tenant);
  });

  test('synthesizes valid manifests, the ConfigMap before the worker that mounts it', () => {
    expect(all(manifests, 'Deployment').map(d => d.metadata.name).sort()).toEqual(['analytics-api', 'analytics-worker']);
    const order = manifests.map(m => `${m.kind}/${m.metadata.name}`);
    expect(order.indexOf('ConfigMap/analytics-worker-config')).toBeLessThan(order.indexOf('Deployment/analytics-worker'));
  });

  test('a ConfigMap created after the worker comes first in the file once the worker depends on it', () => {
    // GIVEN the ConfigMap created after the worker (what the validator's apply-order rule reports), and the dependency
    const app = durableTestApp();
    const tenant = new TaskHubTenant(app, 'analytics', {
      namespaceName: 'analytics', taskHub: 'analytics', scheduler: DurableTaskScheduler.fromEndpoint(ENDPOINT),
    });
    const worker = tenant.addWorker('Worker', {
      image: `${REGISTRY}/analytics-worker:0.9.1`,
      volumes: [{ name: 'config', volume: WorkloadVolume.fromConfigMap('worker-config'), mountPath: '/etc/analytics' }],
    });
    const config = new ApiObject(tenant, 'Config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'worker-config' }, data: { 'worker.toml': '' },
    });
    worker.node.addDependency(config);
    // WHEN
    app.synth();
    // THEN the written file (the library's synth) and the validator agree
    const file = fs.readFileSync(path.join(app.outdir, 'analytics.k8s.yaml'), 'utf8');
    expect(file.indexOf('kind: ConfigMap')).toBeLessThan(file.indexOf('kind: Deployment'));
    synthValid(tenant);
  });

  test('the Python SDK reads ENDPOINT and TASKHUB; DefaultAzureCredential gets the webhook\'s variables', () => {
    for (const name of ['analytics-worker', 'analytics-api']) {
      const vars = env(one(manifests, 'Deployment', name));
      expect(vars.ENDPOINT).toBe(ENDPOINT);
      expect(vars.TASKHUB).toBe('analytics');
      expect(vars.DTS_ENDPOINT).toBeUndefined();
      expect(Object.keys(vars).filter(k => k.startsWith('AZURE_'))).toEqual([]);   // the webhook's to inject
    }
    expect(env(one(manifests, 'Deployment', 'analytics-worker')).ANALYTICS_CONFIG).toBe('/etc/analytics/worker.toml');
  });

  test('KEDA: the Prometheus query with the bearer token from the Secret, plus Berlin business hours', () => {
    const scaled = one(manifests, 'ScaledObject', 'analytics-worker');
    expect(scaled.spec).toMatchObject({ minReplicaCount: 0, maxReplicaCount: 12 });
    expect(scaled.spec.triggers).toEqual([
      {
        name: 'backlog', type: 'prometheus',
        metadata: {
          serverAddress: 'https://prometheus.monitoring.example.com',
          query: 'sum(analytics_pending_jobs{namespace="analytics"})', threshold: '25', authModes: 'bearer',
        },
        authenticationRef: { name: 'analytics-worker-backlog-auth' },
      },
      {
        name: 'business-hours', type: 'cron',
        metadata: { timezone: 'Europe/Berlin', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: '2' },
      },
    ]);
    expect(one(manifests, 'TriggerAuthentication', 'analytics-worker-backlog-auth').spec).toEqual({
      secretTargetRef: [{ parameter: 'bearerToken', name: 'prometheus-reader', key: 'token' }],
    });
  });

  test('the private registry, the resources and the config file reach every pod as given', () => {
    for (const d of all(manifests, 'Deployment')) {
      expect(d.spec.template.spec.imagePullSecrets).toEqual([{ name: 'analytics-registry' }]);
      expect(container(d).image.startsWith(`${REGISTRY}/`)).toBe(true);
    }
    const worker = one(manifests, 'Deployment', 'analytics-worker');
    expect(container(worker).resources).toEqual({
      requests: { cpu: '500m', memory: '768Mi' }, limits: { cpu: '2', memory: '1536Mi' },
    });
    expect(worker.spec.template.spec.volumes).toContainEqual({ name: 'config', configMap: { name: 'analytics-worker-config' } });
    expect(container(worker).volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/analytics', readOnly: true });
  });

  test('the HTTPRoute attaches to the shared Gateway; the policies admit its namespace to port 8000 only', () => {
    const route = one(manifests, 'HTTPRoute', 'analytics-api');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
      hostnames: ['analytics.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'analytics-api', port: 80 }] }],
    });
    const service = one(manifests, 'Service', 'analytics-api');
    expect(service.spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }]);
    const p = policies(manifests);
    expect(Object.keys(p).sort())
      .toEqual(['allow-dns-egress', 'allow-https-egress', 'analytics-api-allow-gateway', 'default-deny-all']);
    expect(p['analytics-api-allow-gateway']).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'analytics-api' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } }],
        ports: [{ port: 8000, protocol: 'TCP' }],
      }],
    });
  });
});

describe('a platform team: 20 tenants from a tenants file, Flux, the Azure side through ASO, a dev profile', () => {
  const ENDPOINT = 'https://platform-prod.westeurope.durabletask.io';
  const SUB = '0000aaaa-0000-4000-8000-00000000000a';
  const OIDC = 'https://westeurope.oic.prod-aks.azure.com/0000aaaa-0000-4000-8000-0000000000aa/1111bbbb-0000-4000-8000-000000000001/';
  const names = Array.from({ length: 20 }, (_, i) => `tenant-${String(i + 1).padStart(2, '0')}`);
  const guid = (n: number, kind: string) => `${kind}${String(n).padStart(6, '0')}-0000-4000-8000-000000000000`;

  /** The platform's tenants.yaml: ASO creates most identities; four exist already; two namespaces are vended. */
  function tenantsYaml(): string {
    const entries = names.map((name, i) => {
      const n = i + 1;
      if (n <= 14) {
        return `  - name: ${name}
    identity: { azure: { create: { subscriptionId: ${SUB}, resourceGroup: tenants-rg, location: westeurope } } }
    workers:
      - scaling: { type: hpa, minReplicas: 1, maxReplicas: 6 }
`;
      }
      if (n <= 18) {
        return `  - name: ${name}
    identity:
      clientId: ${guid(n, 'c1')}
      azure:
        resourceId: /subscriptions/${SUB}/resourceGroups/tenants-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}
        principalId: ${guid(n, 'b1')}
    workers:
      - workItemType: Orchestration
        scaling: { type: hpa, minReplicas: 1, maxReplicas: 4 }
      - workItemType: Activity
        scaling:
          type: keda
          minReplicas: 0
          maxReplicas: 20
          triggers: [{ type: durableTaskScheduler, maxConcurrentWorkItemsCount: 20 }]
`;
      }
      return `  - name: ${name}
    namespace: vended-${name}
    baseline: { createNamespace: false }
    identity: { azure: { create: { subscriptionId: ${SUB}, resourceGroup: tenants-rg, location: westeurope } } }
    workers:
      - scaling: { type: hpa, minReplicas: 2, maxReplicas: 8 }
    apis:
      - ingress: { host: ${name}.platform.example.com, className: nginx, tlsSecretName: ${name}-tls, clusterIssuer: letsencrypt }
`;
    });
    return `# yaml-language-server: $schema=./node_modules/cdk8s-durable-task/schemas/tenants.schema.json
schedulers:
  - name: prod
    endpoint: ${ENDPOINT}
    connectionStringEnvName: DURABLE_TASK_SCHEDULER_CONNECTION_STRING
    azure: { subscriptionId: ${SUB}, resourceGroup: platform-rg, schedulerName: platform-prod }
defaults:
  workerImage: platformacr.azurecr.io/tenant-worker:5.1.0
  apiImage: platformacr.azurecr.io/tenant-api:5.1.0
tenants:
${entries.join('')}`;
  }

  let tenantsFile: string;
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realistic-apps.'));
    tenantsFile = path.join(dir, 'tenants.yaml');
    fs.writeFileSync(tenantsFile, tenantsYaml());
  });

  /** main.ts of the platform repository. */
  function build(app: DurableApp) {
    const file = TenantsFile.fromFile(tenantsFile);
    const tenants = file.addTenants(app);
    const azure = tenants.map(tenant => {
      const id = tenant.node.id;
      const identities = new AzureIdentities(app, `${id}-azure`, {
        namespaceName: tenant.namespaceName, oidcIssuerUrl: OIDC, schedulers: file.schedulerResources,
      });
      file.addAzureIdentities(identities, tenant);
      new GitOpsDelivery(app, `${id}-gitops`, {
        repoUrl: 'https://dev.azure.com/contoso/platform/_git/durable-tenants', revision: 'main', path: 'dist',
        folder: id, argoCd: false,
        // the platform's names: every add-on a tenant uses must be here (one left out fails at synth)
        addOnKustomizations: {
          'keda': 'infra-keda', 'cert-manager': 'infra-cert-manager', 'azure-service-operator': 'infra-aso',
        },
      }).deliver(id, [tenant, identities]);
      return identities;
    });
    return { file, tenants, azure };
  }

  /** dev.ts: the same tenants against the emulator, as docs/emulator.md describes it. */
  function buildDev(app: DurableApp) {
    const production = build(new DurableApp());   // built, never synthesized
    const system = new Chart(app, 'durable-system', { namespace: 'durable-system' });
    new NamespaceBaseline(system, 'Baseline', { namespaceName: 'durable-system' });
    const emulator = new DurableTaskSchedulerEmulator(system, 'Emulator');
    const scheduler = DurableTaskScheduler.fromEmulator(emulator, {
      connectionStringEnvName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
    });
    const tenants = production.tenants.map(twin => {
      // the baseline settings carry over; the namespace is created locally (no platform creates it)
      const { createNamespace: _adopted, ...baseline } = twin.options.baseline ?? {};
      const tenant = new TaskHubTenant(app, twin.node.id, {
        ...twin.options, scheduler, identity: undefined, apiIdentity: undefined, createBaseline: undefined,
        baseline: twin.options.baseline && baseline,
      });
      for (const w of twin.workers) {
        tenant.addWorker(w.node.id, { ...w.options, identity: undefined, scaling: Scaling.fixedReplicas(1) });
      }
      for (const a of twin.apis) {
        // no ingress controller, DNS or certificates locally: kubectl port-forward
        tenant.addApi(a.node.id, {
          ...a.options, identity: undefined, scaling: Scaling.fixedReplicas(1),
          ingress: undefined, httpRoute: undefined,
        });
      }
      return tenant;
    });
    return { system, emulator, tenants };
  }

  let outdir: string;
  let prod: any[];
  let dev: any[];
  let devApp: ReturnType<typeof buildDev>;
  let warnings: string[];
  beforeAll(() => {
    const app = durableTestApp();
    ({ warnings } = capturingWarnings(() => build(app)));
    prod = synthApp(app);
    app.synth();
    outdir = app.outdir;
    const local = durableTestApp();
    ({ result: devApp } = capturingWarnings(() => buildDev(local)));
    dev = synthApp(local);
  });
  const inNamespace = (manifests: any[], ns: string) => manifests.filter(m => m.metadata.namespace === ns);
  const nsOf = (name: string) => (Number(name.slice(-2)) > 18 ? `vended-${name}` : name);

  test('one folder per tenant with its workloads, its Azure identities and its Flux objects', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(names);
    for (const name of names) {
      expect(fs.readdirSync(path.join(outdir, name)).sort())
        .toEqual([`${name}-azure.k8s.yaml`, `${name}-gitops.k8s.yaml`, `${name}.k8s.yaml`]);
    }
    // the Durable Task scaler warning, once per tenant that uses it
    expect(warnings).toHaveLength(4);
    // a platform whose KEDA has the scaler says so once for the app, and the same tenants build without a warning
    const acknowledged = durableTestApp();
    acknowledged.node.setContext(KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT, true);
    expect(capturingWarnings(() => build(acknowledged)).warnings).toEqual([]);
    expect(all(prod, 'Namespace').map(n => n.metadata.name)).toEqual(names.slice(0, 18));   // two are vended
  });

  test('Flux only: a GitRepository and a Kustomization per tenant, depending on the add-ons it uses', () => {
    expect(all(prod, 'Application')).toEqual([]);
    for (const name of names) {
      const kustomization = one(prod, 'Kustomization', name);
      expect(kustomization.metadata.namespace).toBe('flux-system');
      expect(kustomization.spec).toMatchObject({
        path: `./dist/${name}`, prune: true, sourceRef: { kind: 'GitRepository', name },
      });
      const n = Number(name.slice(-2));
      const addOns = [...(n > 14 && n <= 18 ? ['infra-keda'] : []), ...(n > 18 ? ['infra-cert-manager'] : []),
        'infra-aso'];
      expect(kustomization.spec.dependsOn.map((d: any) => d.name)).toEqual(addOns);
      const repository = one(prod, 'GitRepository', name);
      expect(repository.spec).toMatchObject({
        url: 'https://dev.azure.com/contoso/platform/_git/durable-tenants', ref: { branch: 'main' },
      });
      expect(repository.spec.ignore).toContain(`!/dist/${name}/${name}.k8s.yaml\n!/dist/${name}/${name}-azure.k8s.yaml\n`);
    }
  });

  test('every ServiceAccount has a federated credential of its identity, issued by the cluster, in its namespace', () => {
    for (const name of names) {
      const ns = nsOf(name);
      const objects = inNamespace(prod, ns);
      const credentials = all(objects, 'FederatedIdentityCredential');
      for (const credential of credentials) {
        expect(credential.spec.issuer).toBe(OIDC);
        expect(credential.spec.audiences).toEqual(['api://AzureADTokenExchange']);
      }
      const subjects = credentials.map(c => c.spec.subject).sort();
      const accounts = all(objects, 'ServiceAccount').map(sa => `system:serviceaccount:${ns}:${sa.metadata.name}`);
      const n = Number(name.slice(-2));
      const keda = n > 14 && n <= 18 ? ['system:serviceaccount:keda:keda-operator'] : [];
      expect(subjects).toEqual([...accounts, ...keda].sort());
      if (n <= 14 || n > 18) {
        // ASO creates the identity; the pods read its client id from the ConfigMap ASO writes next to it
        const identity = one(objects, 'UserAssignedIdentity', `${name}-workers`);
        expect(identity.spec.operatorSpec.configMaps.clientId).toEqual({ name: `${name}-workers-identity`, key: 'clientId' });
        expect(credentials.every(c => c.spec.owner.name === `${name}-workers`)).toBe(true);
        for (const d of all(objects, 'Deployment')) {
          expect(container(d).env[0]).toEqual({
            name: 'AZURE_CLIENT_ID', valueFrom: { configMapKeyRef: { name: `${name}-workers-identity`, key: 'clientId' } },
          });
          expect(env(d).DURABLE_TASK_SCHEDULER_CONNECTION_STRING).toBe(`Endpoint=${ENDPOINT};TaskHub=${name};`
            + 'Authentication=WorkloadIdentity;ClientID=$(AZURE_CLIENT_ID)');
        }
        expect(all(objects, 'ServiceAccount').every(sa => sa.metadata.annotations === undefined)).toBe(true);
      } else {
        const resourceId = `/subscriptions/${SUB}/resourceGroups/tenants-rg/providers/Microsoft.ManagedIdentity/`
          + `userAssignedIdentities/${name}`;
        expect(credentials.every(c => c.spec.owner.armId === resourceId)).toBe(true);
        expect(all(objects, 'ServiceAccount').map(sa => sa.metadata.annotations['azure.workload.identity/client-id']))
          .toEqual([guid(n, 'c1'), guid(n, 'c1')]);
      }
    }
  });

  test('role assignments: each identity gets exactly its roles, on its own task hub', () => {
    const WORKER = '80d0d6b0-f522-40a4-8886-a5a11720c375';
    const CONTRIBUTOR = '0ad04412-c4d5-4796-b79c-f76d14c8d402';
    const READER = 'd6a5505f-6ebb-45a4-896e-ac8274cfc0ac';
    for (const name of names) {
      const n = Number(name.slice(-2));
      const assignments = all(inNamespace(prod, nsOf(name)), 'RoleAssignment');
      expect(assignments.map(a => a.spec.owner.armId)).toEqual(assignments.map(() => '/subscriptions/' + SUB
        + `/resourceGroups/platform-rg/providers/Microsoft.DurableTask/schedulers/platform-prod/taskHubs/${name}`));
      const roles = assignments.map(a => a.spec.roleDefinitionReference.armId.split('/').pop()).sort();
      // the Durable Task scaler reads the backlog as the worker's identity; an API shares the workers' identity
      expect(roles).toEqual(n <= 14 ? [WORKER] : n <= 18 ? [WORKER, READER].sort() : [CONTRIBUTOR, WORKER].sort());
      expect(assignments.every(a => (n > 14 && n <= 18 ? a.spec.principalId === guid(n, 'b1')
        : a.spec.principalIdFromConfig?.name === `${name}-workers-identity`))).toBe(true);
    }
  });

  test('network policies per tenant: the baseline, and for the two APIs nginx and the ACME solver', () => {
    for (const name of names) {
      const p = policies(inNamespace(prod, nsOf(name)));
      const api = Number(name.slice(-2)) > 18 ? ['durable-api-allow-acme-http01', 'durable-api-allow-ingress-controller'] : [];
      expect(Object.keys(p).sort()).toEqual(['allow-dns-egress', 'allow-https-egress', 'default-deny-all', ...api]);
    }
  });

  test('the dev profile: the same tenants, workloads and variable names against the emulator, nothing of Azure', () => {
    expect(devApp.tenants.map(t => t.node.id)).toEqual(names);
    const hubs = one(dev, 'Deployment', 'dts-emulator');
    expect(env(hubs).DTS_TASK_HUB_NAMES).toBe(names.join(','));
    const kinds = new Set(dev.map(m => m.kind));
    for (const kind of ['ScaledObject', 'HorizontalPodAutoscaler', 'Ingress', 'FederatedIdentityCredential', 'Kustomization']) {
      expect(kinds.has(kind)).toBe(false);
    }
    expect(all(dev, 'Namespace').map(n => n.metadata.name))
      .toEqual(['durable-system', ...names.map(nsOf)]);   // locally nobody vends namespaces
    for (const name of names) {
      const objects = inNamespace(dev, nsOf(name));
      for (const d of all(objects, 'Deployment')) {
        expect(d.spec.replicas).toBe(1);
        expect(d.spec.template.metadata.labels['azure.workload.identity/use']).toBeUndefined();
        const vars = env(d);
        expect(vars.AZURE_CLIENT_ID).toBeUndefined();
        expect(vars.DTS_ENDPOINT).toBe('http://dts-emulator.durable-system.svc:8080');
        expect(vars.DURABLE_TASK_SCHEDULER_CONNECTION_STRING)
          .toBe(`Endpoint=http://dts-emulator.durable-system.svc:8080;TaskHub=${name};Authentication=None`);
        expect(policies(objects)[`${d.metadata.name}-allow-emulator-egress`].egress[0].ports)
          .toEqual([{ port: 8080, protocol: 'TCP' }]);
      }
      expect(all(objects, 'ServiceAccount').every(sa => sa.metadata.annotations === undefined)).toBe(true);
    }
  });
});
