// Three more apps as platform teams adopting the library would write them, from the README, docs/ and API.md only
// (the first three: realistic-apps.test.ts). GIVEN each app (its build()), WHEN it is built and synthesized once
// (beforeAll: the validator runs on the output), THEN each test checks what the cluster, the operators and the SDKs
// need from it, not every field.
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import {
  ApiServiceType, DurableApi, DurableApp, DurableClient, DurableServiceAccount, DurableTaskScheduler, DurableWorker,
  EnvFromSource, GitOpsDelivery, HealthProbe, HpaResources, KedaTrigger, NamespaceBaseline, Scaling,
  SchedulerAuthentication, TaintEffect, TaskHubTenant, WorkloadIdentity, WorkloadVolume,
} from '../lib';
import { formatFinding, validateManifests } from '../validation/index';
import { all, container, durableTestApp, exactly, one, synthApp, synthValid } from './util';

/** The value of a container variable (literal), or its valueFrom. */
function env(deployment: any): Record<string, any> {
  return Object.fromEntries(container(deployment).env.map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

/** The NetworkPolicies of the manifests by name: their specs. */
function policies(manifests: any[]): Record<string, any> {
  return Object.fromEntries(all(manifests, 'NetworkPolicy').map(p => [p.metadata.name, p.spec]));
}

describe('a Java team: worker on spot nodes, gRPC API on an internal load balancer, a client, JVM-sized pods', () => {
  const ENDPOINT = 'https://billing-prod.westeurope.durabletask.io';
  const WORKER_ID = '77777777-aaaa-4aaa-8aaa-777777777777';
  const API_ID = '88888888-aaaa-4aaa-8aaa-888888888888';
  const CLIENT_ID = '99999999-aaaa-4aaa-8aaa-999999999999';
  const VNET = ['10.20.0.0/16', '10.30.4.0/24'];
  const SPOT = 'kubernetes.azure.com/scalesetpriority';

  function build() {
    const app = Testing.app();
    const chart = new Chart(app, 'billing', { namespace: 'billing' });
    new NamespaceBaseline(chart, 'Baseline', {
      namespaceName: 'billing',
      quota: { requestsCpu: '64', requestsMemory: '160Gi', limitsCpu: '128', limitsMemory: '160Gi', loadBalancers: 1 },
    });
    // Java: useDurableTaskScheduler(System.getenv("DURABLE_TASK_CONNECTION_STRING")) on the worker and client builders
    const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT, {
      connectionStringEnvName: 'DURABLE_TASK_CONNECTION_STRING',
      authentication: SchedulerAuthentication.WORKLOAD_IDENTITY,
    });
    // The JVM sizes its heap from the memory limit: limit = request, so a node under pressure never OOM-kills it first.
    const jvm = {
      resources: { cpuRequest: '1', cpuLimit: '2', memoryRequest: '2Gi', memoryLimit: '2Gi' },
      env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError' }],
      priorityClassName: 'billing-critical',
      labels: [{ key: 'team', value: 'billing' }],
    };
    const spot = {
      nodeSelector: [{ key: SPOT, value: 'spot' }],
      tolerations: [{ key: SPOT, value: 'spot', effect: TaintEffect.NO_SCHEDULE }],
    };
    const worker = new DurableWorker(chart, 'Worker', {
      name: 'billing-worker',
      image: 'billingacr.azurecr.io/billing-worker:3.1.0',
      scheduler, taskHub: 'billing',
      identity: WorkloadIdentity.fromClientId(WORKER_ID),
      // a JVM keeps its heap: memory utilization never falls, so the HPA scales on CPU only
      scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 30, cpuUtilization: 60, scaleOn: HpaResources.CPU }),
      // long orchestrations: drain in-flight work items for up to 10 minutes after SIGTERM
      terminationGracePeriodSeconds: 600,
      livenessProbe: HealthProbe.exec(['java', '-cp', '/app/health.jar', 'Health', 'live'], { periodSeconds: 30, timeoutSeconds: 10 }),
      startupProbe: HealthProbe.exec(['java', '-cp', '/app/health.jar', 'Health', 'started'],
        { periodSeconds: 5, failureThreshold: 60 }),
      ...jvm, ...spot,
    });
    const api = new DurableApi(chart, 'Api', {
      name: 'billing-api',
      image: 'billingacr.azurecr.io/billing-api:3.1.0',
      scheduler, taskHub: 'billing',
      identity: WorkloadIdentity.fromClientId(API_ID),
      port: 9090, servicePort: 9090,
      service: {
        serviceType: ApiServiceType.LOAD_BALANCER, internalLoadBalancer: true, sourceCidrs: VNET, portName: 'grpc',
        annotations: [{ key: 'service.beta.kubernetes.io/azure-load-balancer-internal-subnet', value: 'billing-ilb' }],
      },
      // gRPC health checking through grpc_health_probe, shipped in the image
      readinessProbe: HealthProbe.exec(['/bin/grpc_health_probe', '-addr=:9090']),
      livenessProbe: HealthProbe.exec(['/bin/grpc_health_probe', '-addr=:9090'], { initialDelaySeconds: 20 }),
      scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 12, scaleOn: HpaResources.CPU }),
      terminationGracePeriodSeconds: 90,
      preStopDelaySeconds: 15,
      ...jvm,
    });
    const client = new DurableClient(chart, 'Scheduler', {
      name: 'billing-scheduler',
      image: 'billingacr.azurecr.io/billing-scheduler:3.1.0',
      scheduler, taskHub: 'billing',
      identity: WorkloadIdentity.fromClientId(CLIENT_ID),
      ...jvm, ...spot,
    });
    return { chart, worker, api, client };
  }

  let built: ReturnType<typeof build>;
  let manifests: any[];
  beforeAll(() => {
    built = build();
    manifests = synthValid(built.chart);
  });

  test('the API is an internal Azure load balancer open to the VNet ranges only, on the gRPC port', () => {
    const service = one(manifests, 'Service', 'billing-api');
    expect(service.metadata.annotations).toEqual({
      'service.beta.kubernetes.io/azure-load-balancer-internal': 'true',
      'service.beta.kubernetes.io/azure-load-balancer-internal-subnet': 'billing-ilb',
    });
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.spec.loadBalancerSourceRanges).toEqual(VNET);
    // the client's address reaches the pods (not a node's), so the NetworkPolicy's ipBlocks can admit it
    expect(service.spec.externalTrafficPolicy).toBe('Local');
    expect(service.spec.ports).toEqual([{ name: 'grpc', port: 9090, targetPort: 'grpc', protocol: 'TCP' }]);
    expect(container(one(manifests, 'Deployment', 'billing-api')).ports)
      .toEqual([{ name: 'grpc', containerPort: 9090, protocol: 'TCP' }]);
    // the default-deny policy would drop the load balancer's traffic: one policy admits the source ranges
    const admitted = Object.values(policies(manifests)).filter(p => p.ingress);
    expect(admitted).toEqual([{
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'billing-api' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: VNET.map(cidr => ({ ipBlock: { cidr } })), ports: [{ port: 9090, protocol: 'TCP' }] }],
    }]);
  });

  test('worker and client run on the spot pool only, the API anywhere; all three at the PriorityClass', () => {
    for (const name of ['billing-worker', 'billing-scheduler']) {
      const pod = one(manifests, 'Deployment', name).spec.template.spec;
      expect(pod.nodeSelector).toEqual({ [SPOT]: 'spot' });
      expect(pod.tolerations).toEqual([{ key: SPOT, operator: 'Equal', value: 'spot', effect: 'NoSchedule' }]);
    }
    const apiPod = one(manifests, 'Deployment', 'billing-api').spec.template.spec;
    expect(apiPod.nodeSelector).toBeUndefined();
    expect(apiPod.tolerations).toBeUndefined();
    for (const d of all(manifests, 'Deployment')) {
      expect(d.spec.template.spec.priorityClassName).toBe('billing-critical');
      expect(d.spec.template.metadata.labels.team).toBe('billing');
    }
  });

  test('replicas spread over zones and nodes, selected by the workload name only', () => {
    for (const name of ['billing-worker', 'billing-api']) {
      const spread = one(manifests, 'Deployment', name).spec.template.spec.topologySpreadConstraints;
      expect(spread.map((c: any) => [c.topologyKey, c.maxSkew, c.whenUnsatisfiable])).toEqual([
        ['topology.kubernetes.io/zone', 1, 'ScheduleAnyway'], ['kubernetes.io/hostname', 1, 'ScheduleAnyway'],
      ]);
      for (const c of spread) {
        expect(c.labelSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': name } });
      }
    }
  });

  test('JVM-sized pods: memory limit = request, JAVA_TOOL_OPTIONS, and the quota admits them at full scale', () => {
    for (const d of all(manifests, 'Deployment')) {
      expect(container(d).resources).toEqual({
        requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' },
      });
      expect(env(d).JAVA_TOOL_OPTIONS).toBe('-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError');
    }
  });

  test('probes: exec gRPC health on the API, exec liveness and startup on the worker, none on the client', () => {
    const api = container(one(manifests, 'Deployment', 'billing-api'));
    expect(api.readinessProbe.exec).toEqual({ command: ['/bin/grpc_health_probe', '-addr=:9090'] });
    expect(api.livenessProbe).toMatchObject({ exec: { command: ['/bin/grpc_health_probe', '-addr=:9090'] }, initialDelaySeconds: 20 });
    const worker = container(one(manifests, 'Deployment', 'billing-worker'));
    expect(worker.livenessProbe).toMatchObject({ periodSeconds: 30, timeoutSeconds: 10 });
    expect(worker.startupProbe).toMatchObject({ periodSeconds: 5, failureThreshold: 60 });
    expect(worker.readinessProbe).toBeUndefined();
    const client = container(one(manifests, 'Deployment', 'billing-scheduler'));
    expect([client.livenessProbe, client.readinessProbe, client.startupProbe])
      .toEqual([undefined, undefined, undefined]);
  });

  test('draining: the worker has 10 minutes after SIGTERM, the API a preStop sleep inside its grace period', () => {
    const worker = one(manifests, 'Deployment', 'billing-worker').spec.template.spec;
    expect(worker.terminationGracePeriodSeconds).toBe(600);
    const api = one(manifests, 'Deployment', 'billing-api').spec.template.spec;
    expect(api.terminationGracePeriodSeconds).toBe(90);
    expect(container({ spec: { template: { spec: api } } }).lifecycle).toEqual({ preStop: { sleep: { seconds: 15 } } });
  });

  test('the Java SDK finds its connection string; each workload its own identity and role', () => {
    const connection = (clientId: string) =>
      `Endpoint=${ENDPOINT};TaskHub=billing;Authentication=WorkloadIdentity;ClientID=${clientId}`;
    expect(env(one(manifests, 'Deployment', 'billing-worker')).DURABLE_TASK_CONNECTION_STRING).toBe(connection(WORKER_ID));
    expect(env(one(manifests, 'Deployment', 'billing-api')).DURABLE_TASK_CONNECTION_STRING).toBe(connection(API_ID));
    expect(env(one(manifests, 'Deployment', 'billing-scheduler')).DURABLE_TASK_CONNECTION_STRING).toBe(connection(CLIENT_ID));
    expect([built.worker.requiredRole, built.api.requiredRole, built.client.requiredRole].map(r => r.roleName))
      .toEqual(['Durable Task Worker', 'Durable Task Data Contributor', 'Durable Task Data Contributor']);
    expect(all(manifests, 'Service').map(s => s.metadata.name)).toEqual(['billing-api']);
    for (const hpa of all(manifests, 'HorizontalPodAutoscaler')) {
      expect(hpa.spec.metrics.map((m: any) => m.resource.name)).toEqual(['cpu']);
    }
    expect(all(manifests, 'HorizontalPodAutoscaler').map(h => h.metadata.name).sort()).toEqual(['billing-api', 'billing-worker']);
  });
});

describe('a team migrating from hand-written YAML: existing names, ServiceAccounts, Secrets and namespace', () => {
  const ENDPOINT = 'https://shop-prod.westeurope.durabletask.io';
  const WORKER_ID = 'aaaaaaaa-1111-4aaa-8aaa-aaaaaaaaaaaa';
  const API_ID = 'bbbbbbbb-1111-4bbb-8bbb-bbbbbbbbbbbb';
  // what Azure Policy (Gatekeeper k8srequiredlabels / k8srequiredannotations) requires on every object
  const POLICY_LABELS = { 'owner': 'team-shop', 'cost-center': 'cc-4711' };
  const POLICY_ANNOTATIONS = { 'contoso.com/runbook': 'https://wiki.contoso.com/shop' };

  function build() {
    const app = Testing.app();
    // The namespace, its quota and its network policies are the platform's (no NamespaceBaseline).
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT, { endpointEnvName: 'ENDPOINT', taskHubEnvName: 'TASKHUB' });
    const policy = {
      labels: Object.entries(POLICY_LABELS).map(([key, value]) => ({ key, value })),
      annotations: Object.entries(POLICY_ANNOTATIONS).map(([key, value]) => ({ key, value })),
    };
    const settings = {
      envFrom: [EnvFromSource.configMap('shop-settings'), EnvFromSource.secret('shop-db')],
      volumes: [{ name: 'certs', volume: WorkloadVolume.fromSecret('shop-client-cert'), mountPath: '/etc/shop/certs' }],
    };
    const worker = new DurableWorker(chart, 'Worker', {
      name: 'shop-order-processor',   // the Deployment that runs today: same name, same selector
      image: 'shopacr.azurecr.io/order-processor:5.2.0',
      scheduler, taskHub: 'shop',
      // created by the identity team, already annotated with the client id
      serviceAccount: DurableServiceAccount.fromServiceAccountName('shop-workers',
        { identity: WorkloadIdentity.fromClientId(WORKER_ID) }),
      scaling: Scaling.keda({
        name: 'shop-order-processor-scaler', minReplicas: 2, maxReplicas: 16,
        triggers: [KedaTrigger.cpu(65, { name: 'cpu' })],
      }),
      ...policy, ...settings,
    });
    const api = new DurableApi(chart, 'Api', {
      name: 'shop-orders-api',
      image: 'shopacr.azurecr.io/orders-api:5.2.0',
      scheduler, taskHub: 'shop',
      serviceAccount: DurableServiceAccount.fromServiceAccountName('shop-api', { identity: WorkloadIdentity.fromClientId(API_ID) }),
      scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 6 }),
      ingress: { host: 'shop.contoso.com', className: 'webapprouting.kubernetes.azure.com', tlsSecretName: 'shop-tls' },
      ...policy, ...settings,
    });
    return { chart, worker, api };
  }

  let manifests: any[];
  beforeAll(() => {
    const { chart } = build();
    manifests = Testing.synth(chart);
  });

  test('valid where the platform owns the namespace and the ServiceAccounts (two rules see only the output)', () => {
    // The validator sees neither the platform's default-deny policies nor the identity team's ServiceAccounts.
    const disable = ['namespace-default-deny', 'workload-identity-service-account'];
    expect(validateManifests(manifests, { disable }).map(formatFinding)).toEqual([]);
    expect(validateManifests(manifests).map(f => f.rule).sort()).toEqual(['namespace-default-deny',
      'workload-identity-service-account', 'workload-identity-service-account']);
    for (const kind of ['Namespace', 'ResourceQuota', 'LimitRange', 'ServiceAccount', 'Secret', 'ConfigMap']) {
      expect(all(manifests, kind)).toEqual([]);
    }
  });

  test('the objects keep their hand-written names', () => {
    expect(manifests.map(m => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      'Deployment/shop-order-processor', 'Deployment/shop-orders-api',
      'HorizontalPodAutoscaler/shop-orders-api', 'Ingress/shop-orders-api',
      'NetworkPolicy/shop-orders-api-allow-ingress-controller',
      'PodDisruptionBudget/shop-order-processor', 'PodDisruptionBudget/shop-orders-api',
      'ScaledObject/shop-order-processor-scaler', 'Service/shop-orders-api',
    ]);
    expect(one(manifests, 'ScaledObject').spec.scaleTargetRef.name).toBe('shop-order-processor');
  });

  test('the pods run as the existing ServiceAccounts, with workload identity', () => {
    const connection = { 'shop-order-processor': 'shop-workers', 'shop-orders-api': 'shop-api' };
    for (const [name, account] of Object.entries(connection)) {
      const pod = one(manifests, 'Deployment', name).spec.template;
      expect(pod.spec.serviceAccountName).toBe(account);
      expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
      expect(env(one(manifests, 'Deployment', name))).toMatchObject({ ENDPOINT, TASKHUB: 'shop' });
    }
  });

  test('the existing Secrets and ConfigMap come in through envFrom and a read-only volume', () => {
    for (const d of all(manifests, 'Deployment')) {
      expect(container(d).envFrom).toEqual([{ configMapRef: { name: 'shop-settings' } }, { secretRef: { name: 'shop-db' } }]);
      expect(d.spec.template.spec.volumes).toContainEqual({ name: 'certs', secret: { secretName: 'shop-client-cert' } });
      expect(container(d).volumeMounts).toContainEqual({ name: 'certs', mountPath: '/etc/shop/certs', readOnly: true });
    }
  });

  test('every object and every pod carries the labels and annotations the policy engine requires', () => {
    for (const m of manifests) {
      expect([m.kind, m.metadata.labels]).toEqual([m.kind, expect.objectContaining(POLICY_LABELS)]);
      expect([m.kind, m.metadata.annotations]).toEqual([m.kind, expect.objectContaining(POLICY_ANNOTATIONS)]);
    }
    for (const d of all(manifests, 'Deployment')) {
      expect(d.spec.template.metadata.labels).toMatchObject(POLICY_LABELS);
      expect(d.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': d.metadata.name });
    }
  });
});

describe('multi-region: two schedulers, the same task hub names in each region, Argo CD over SSH, one DurableApp', () => {
  const REGIONS = ['westeurope', 'northeurope'];
  const endpoint = (region: string) => `https://contoso-${region}.${region}.durabletask.io`;
  const REPO = 'git@ssh.dev.azure.com:v3/contoso/platform/durable-regions';
  const HUBS = ['orders', 'invoices'];
  const clientId = (r: number, h: number) => `0000000${r}-000${h}-4000-8000-00000000000${r}`;

  /** One folder per region and hub; each region's cluster has its own Argo CD and AppProject. */
  function build(app: DurableApp, namespaceOf: (hub: string, region: string) => string, regions = REGIONS) {
    return regions.map(region => {
      const r = REGIONS.indexOf(region);
      const scheduler = DurableTaskScheduler.fromEndpoint(endpoint(region));
      return HUBS.map((hub, h) => {
        const id = `${region}-${hub}`;
        const tenant = new TaskHubTenant(app, id, {
          namespaceName: namespaceOf(hub, region), taskHub: hub, scheduler,
          identity: WorkloadIdentity.fromClientId(clientId(r, h)),
        });
        tenant.addWorker('Worker', {
          image: `contosoacr.azurecr.io/${hub}-worker:1.0.0`,
          env: [{ name: 'REGION', value: region }],
        });
        new GitOpsDelivery(app, `${id}-gitops`, {
          repoUrl: REPO, revision: 'main', path: 'dist', folder: `${region}/${hub}`,
          flux: false, argoCdProject: `durable-${region}`,
        }).deliver(id, [tenant]);
        return tenant;
      });
    }).flat();
  }

  test('fails when both regions use the same namespace names in one app (the clusters differ, the app cannot tell)', () => {
    expect(() => build(durableTestApp(), hub => hub)).toThrow(exactly('northeurope-orders/Baseline: \'namespaceName\' '
      + '("orders") is already created by westeurope-orders/Baseline: every tenant needs a namespace of its own; for '
      + 'several clusters that reuse namespace names, build one app per cluster (e.g. new DurableApp({ outdir: '
      + '\'dist/<cluster>\' }) for each): each app checks its own names'));
  });

  test('one DurableApp per region, in one process: each app checks its own names, so both use the same namespaces', () => {
    // GIVEN one app per region: each has its own registry of names (a construct under its app root)
    const apps = REGIONS.map(region => {
      const app = durableTestApp();
      build(app, hub => hub, [region]);
      return app;
    });
    // WHEN
    const perRegion = apps.map(app => synthApp(app));
    // THEN each region's output creates the namespaces orders and invoices, for its own scheduler
    perRegion.forEach((manifests, r) => {
      expect(all(manifests, 'Namespace').map(n => n.metadata.name).sort()).toEqual(['invoices', 'orders']);
      for (const d of all(manifests, 'Deployment')) {
        expect(env(d).DTS_ENDPOINT).toBe(endpoint(REGIONS[r]));
      }
    });
  });

  let outdir: string;
  let manifests: any[];
  let tenants: TaskHubTenant[];
  beforeAll(() => {
    const app = durableTestApp();
    tenants = build(app, (hub, region) => `${hub}-${region === 'westeurope' ? 'weu' : 'neu'}`);
    manifests = synthApp(app);
    app.synth();
    outdir = app.outdir;
  });

  test('the same task hub names on two schedulers: each tenant reads its own region', () => {
    expect(tenants.map(t => [t.namespaceName, t.taskHub])).toEqual([
      ['orders-weu', 'orders'], ['invoices-weu', 'invoices'], ['orders-neu', 'orders'], ['invoices-neu', 'invoices'],
    ]);
    for (const d of all(manifests, 'Deployment')) {
      const vars = env(d);
      expect(vars.DTS_ENDPOINT).toBe(endpoint(vars.REGION));
      expect(d.metadata.namespace).toBe(`${vars.TASKHUB_NAME}-${vars.REGION === 'westeurope' ? 'weu' : 'neu'}`);
    }
  });

  test('one folder per region and hub', () => {
    expect(fs.readdirSync(outdir).sort()).toEqual(['northeurope', 'westeurope']);
    for (const region of REGIONS) {
      expect(fs.readdirSync(path.join(outdir, region)).sort()).toEqual(HUBS.slice().sort());
      for (const hub of HUBS) {
        expect(fs.readdirSync(path.join(outdir, region, hub)).sort())
          .toEqual([`${region}-${hub}-gitops.k8s.yaml`, `${region}-${hub}.k8s.yaml`]);
      }
    }
  });

  test('Argo CD: one Application per tenant in its region\'s AppProject, from the SSH repository, its files only', () => {
    expect(all(manifests, 'GitRepository')).toEqual([]);
    for (const region of REGIONS) {
      for (const hub of HUBS) {
        const application = one(manifests, 'Application', `${region}-${hub}`);
        expect(application.metadata.namespace).toBe('argocd');
        expect(application.spec.project).toBe(`durable-${region}`);
        expect(application.spec.source).toMatchObject({
          repoURL: REPO, targetRevision: 'main', path: `dist/${region}/${hub}`,
        });
        expect(application.spec.source.directory.include).toContain(`${region}-${hub}.k8s.yaml`);
        expect(application.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
      }
    }
  });
});
