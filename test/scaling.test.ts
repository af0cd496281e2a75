import { DurableWorker, HpaResources, KedaTrigger, PrometheusAuthMode, Scaling, WorkloadIdentity } from '../lib';
import { CLIENT_ID, ENDPOINT, IMAGE, OTHER_CLIENT_ID, TENANT_ID, all, identity, namespacedChart, one, scheduler, synthValid } from './util';

function workerWith(scaling: Scaling, withIdentity = true) {
  const chart = namespacedChart('orders');
  new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling, identity: withIdentity ? identity() : undefined });
  return chart;
}

describe('Scaling.hpa', () => {
  test('defaults of the standard AKS guide: 3-20, CPU 70 %, memory 80 %, guarded behavior', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.hpa()));
    // THEN
    const hpa = one(manifests, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-worker' },
      minReplicas: 3,
      maxReplicas: 20,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
      behavior: {
        scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
        scaleUp: {
          stabilizationWindowSeconds: 0,
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }],
          selectPolicy: 'Max',
        },
      },
    });
    expect(one(manifests, 'Deployment').spec.replicas).toBeUndefined();
  });

  test('custom limits and targets', () => {
    // GIVEN / WHEN
    const hpa = one(synthValid(workerWith(Scaling.hpa({ minReplicas: 1, maxReplicas: 4, cpuUtilization: 50, memoryUtilization: 90 }))), 'HorizontalPodAutoscaler');
    // THEN
    expect(hpa.spec.minReplicas).toBe(1);
    expect(hpa.spec.maxReplicas).toBe(4);
    expect(hpa.spec.metrics.map((m: any) => m.resource.target.averageUtilization)).toEqual([50, 90]);
  });
});

describe('Scaling.keda', () => {
  test('cpu and memory triggers use metricType Utilization; defaults min 1, max 20', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.memory(80, { name: 'mem' })] })));
    // THEN
    expect(manifests).toMatchSnapshot();
    const scaledObject = one(manifests, 'ScaledObject');
    expect(scaledObject.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaledObject.metadata.name).toBe('durable-worker');
    expect(scaledObject.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-worker' },
      minReplicaCount: 1,
      maxReplicaCount: 20,
      pollingInterval: 30,
      cooldownPeriod: 300,
      triggers: [
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
        { type: 'memory', name: 'mem', metricType: 'Utilization', metadata: { value: '80' } },
      ],
    });
    expect(all(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(all(manifests, 'TriggerAuthentication')).toEqual([]);
    expect(one(manifests, 'Deployment').spec.replicas).toBeUndefined();
  });

  test('prometheus with workload identity gets a TriggerAuthentication (azure-workload)', () => {
    // GIVEN
    const monitoring = WorkloadIdentity.fromClientId(OTHER_CLIENT_ID, { tenantId: TENANT_ID });
    // WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [KedaTrigger.prometheus({
        name: 'backlog',
        serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com',
        query: 'sum(dts_pending_work_items{taskhub="orders"})',
        threshold: 50,
        activationThreshold: 5,
        identity: monitoring,
      })],
    })));
    // THEN
    const auth = one(manifests, 'TriggerAuthentication');
    expect(auth.metadata.name).toBe('durable-worker-azure-workload');
    expect(auth.spec).toEqual({ podIdentity: { provider: 'azure-workload', identityId: OTHER_CLIENT_ID, identityTenantId: TENANT_ID } });
    expect(one(manifests, 'ScaledObject').spec.triggers).toEqual([{
      type: 'prometheus',
      name: 'backlog',
      metadata: {
        serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com',
        query: 'sum(dts_pending_work_items{taskhub="orders"})',
        threshold: '50',
        activationThreshold: '5',
      },
      authenticationRef: { name: 'durable-worker-azure-workload' },
    }]);
  });

  test('prometheus without identity has no authentication', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [KedaTrigger.prometheus({ serverAddress: 'http://prometheus.monitoring:9090', query: 'up', threshold: 1 })],
    })));
    // THEN
    expect(all(manifests, 'TriggerAuthentication')).toEqual([]);
    expect(one(manifests, 'ScaledObject').spec.triggers[0].authenticationRef).toBeUndefined();
  });

  test('prometheus with basic and TLS authentication reads its credentials from Secret keys', () => {
    // GIVEN
    const secretRefs = [
      { parameter: 'username', secretName: 'prometheus-reader', key: 'user' },
      { parameter: 'password', secretName: 'prometheus-reader', key: 'password' },
      { parameter: 'cert', secretName: 'prometheus-client-tls', key: 'tls.crt' },
      { parameter: 'key', secretName: 'prometheus-client-tls', key: 'tls.key' },
    ];

    // WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [KedaTrigger.prometheus({ name: 'backlog', serverAddress: 'https://prometheus.example.com', query: 'up',
        threshold: 1, authModes: [PrometheusAuthMode.BASIC, PrometheusAuthMode.TLS], secretRefs })],
    }), false));

    // THEN the scaler gets the modes in its metadata and the credentials through a TriggerAuthentication
    const trigger = one(manifests, 'ScaledObject').spec.triggers[0];
    expect(trigger.metadata.authModes).toBe('basic,tls');
    const auth = one(manifests, 'TriggerAuthentication');
    expect(trigger.authenticationRef).toEqual({ name: auth.metadata.name });
    expect(auth.spec).toEqual({ secretTargetRef: [
      { parameter: 'username', name: 'prometheus-reader', key: 'user' },
      { parameter: 'password', name: 'prometheus-reader', key: 'password' },
      { parameter: 'cert', name: 'prometheus-client-tls', key: 'tls.crt' },
      { parameter: 'key', name: 'prometheus-client-tls', key: 'tls.key' },
    ] });
  });

  test('prometheus with a bearer token takes the CA of the server certificate from a Secret key too', () => {
    // GIVEN a Prometheus behind a private CA (KEDA reads 'ca' with any auth mode, not only with TLS)
    const secretRefs = [
      { parameter: 'bearerToken', secretName: 'prometheus-reader', key: 'token' },
      { parameter: 'ca', secretName: 'prometheus-ca', key: 'ca.crt' },
    ];

    // WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [KedaTrigger.prometheus({ serverAddress: 'https://prometheus.example.com', query: 'up', threshold: 1,
        authModes: [PrometheusAuthMode.BEARER], secretRefs })],
    }), false));

    // THEN
    expect(one(manifests, 'ScaledObject').spec.triggers[0].metadata.authModes).toBe('bearer');
    expect(one(manifests, 'TriggerAuthentication').spec.secretTargetRef).toEqual([
      { parameter: 'bearerToken', name: 'prometheus-reader', key: 'token' },
      { parameter: 'ca', name: 'prometheus-ca', key: 'ca.crt' },
    ]);
  });

  test('cron trigger renders its window', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [KedaTrigger.cpu(70), KedaTrigger.cron({ timezone: 'Europe/Amsterdam', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 5 })],
    })));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.triggers[1]).toEqual({
      type: 'cron',
      metadata: { timezone: 'Europe/Amsterdam', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: '5' },
    });
  });

  test('DTS scaler: endpoint and task hub from the workload, authenticated as its identity; scale to zero allowed', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      minReplicas: 0,
      maxReplicas: 50,
      triggers: [KedaTrigger.durableTaskScheduler()],
    })));
    // THEN
    const scaledObject = one(manifests, 'ScaledObject');
    expect(scaledObject.spec.minReplicaCount).toBe(0);
    expect(scaledObject.spec.triggers).toEqual([{
      type: 'azure-durabletask-scheduler',
      metadata: { endpoint: ENDPOINT, taskhubName: 'orders', maxConcurrentWorkItemsCount: '10' },
      authenticationRef: { name: 'durable-worker-azure-workload' },
    }]);
    expect(one(manifests, 'TriggerAuthentication').spec.podIdentity).toEqual({ provider: 'azure-workload', identityId: CLIENT_ID });
  });

  test('DTS scaler without any identity uses the KEDA operator identity (no authenticationRef)', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }), false));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.triggers[0].authenticationRef).toBeUndefined();
    expect(all(manifests, 'TriggerAuthentication')).toEqual([]);
  });

  test('one TriggerAuthentication per distinct identity', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [
        KedaTrigger.durableTaskScheduler({ name: 'dts' }),
        KedaTrigger.prometheus({ name: 'p1', serverAddress: 'https://a.example.com', query: 'q', threshold: 1, identity: identity(OTHER_CLIENT_ID) }),
        KedaTrigger.prometheus({ name: 'p2', serverAddress: 'https://a.example.com', query: 'q2', threshold: 1, identity: identity(OTHER_CLIENT_ID) }),
      ],
    })));
    // THEN
    expect(all(manifests, 'TriggerAuthentication').map(a => [a.metadata.name, a.spec.podIdentity.identityId])).toEqual([
      ['durable-worker-azure-workload', CLIENT_ID],
      ['durable-worker-azure-workload-2', OTHER_CLIENT_ID],
    ]);
    expect(one(manifests, 'ScaledObject').spec.triggers.map((t: any) => t.authenticationRef.name)).toEqual([
      'durable-worker-azure-workload', 'durable-worker-azure-workload-2', 'durable-worker-azure-workload-2',
    ]);
  });

  test('the ScaledObject name can be set', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ name: 'orders-scaler', triggers: [KedaTrigger.cpu(60)] })));
    // THEN
    expect(one(manifests, 'ScaledObject').metadata.name).toBe('orders-scaler');
    expect(one(manifests, 'ScaledObject').spec.scaleTargetRef.name).toBe('durable-worker');
  });
});

describe('KEDA inputs KEDA would refuse or never act on', () => {
  const W = 'orders/Worker';
  const SERVICE_BUS = [{ key: 'queueName', value: 'orders' }, { key: 'namespace', value: 'orders-sb' }];
  const prometheus = (options: Record<string, unknown> = {}) => KedaTrigger.prometheus({
    serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com', query: 'sum(up)', threshold: 10, ...options,
  });

  test.each([
    ['prometheus', null],
    ['prometheus', { clientId: CLIENT_ID }],
    ['custom', null],
    ['durableTaskScheduler', {}],
  ])('fails when a JavaScript caller gives a %s trigger the identity %j', (type, value) => {
    // GIVEN a trigger identity that is not a WorkloadIdentity (it used to fail with a TypeError)
    const custom = () => KedaTrigger.custom('azure-servicebus', { metadata: SERVICE_BUS, identity: value as any });
    const dts = () => KedaTrigger.durableTaskScheduler({ identity: value as any });
    const trigger = type === 'prometheus' ? prometheus({ identity: value }) : type === 'custom' ? custom() : dts();
    // WHEN / THEN
    expect(() => workerWith(Scaling.keda({ triggers: [trigger] })))
      .toThrow(new Error(`${W}: 'scaling.triggers[0].identity' (${JSON.stringify(value)}) must be made with `
        + 'WorkloadIdentity.fromClientId(...)'));
  });

  test.each(['https://prometheus.example.com/?tenant=a', 'https://prometheus.example.com/#x', 'https://prometheus.example.com?'])(
    'fails when the prometheus server address %s has a query or fragment', serverAddress => {
      // GIVEN an address KEDA appends "/api/v1/query?query=..." to
      // WHEN / THEN
      expect(() => workerWith(Scaling.keda({ triggers: [prometheus({ serverAddress })] })))
        .toThrow(new Error(`${W}: 'scaling.triggers[0].serverAddress' (${JSON.stringify(serverAddress)}) has a query `
          + 'or fragment: KEDA appends "/api/v1/query?query=..." to the server address, so it must end with the host or '
          + 'a path, e.g. "https://prometheus.example.com" or "http://prometheus.monitoring.svc:9090"'));
    });

  test.each(['/api/v1', '/api/v1/', '/prometheus/api/v1/query_range'])(
    'fails when the prometheus server address ends in the API path %s', path => {
      // GIVEN an address that ends where KEDA's own path begins
      const serverAddress = `http://prometheus.monitoring.svc:9090${path}`;
      const base = `http://prometheus.monitoring.svc:9090${path.startsWith('/prometheus') ? '/prometheus' : ''}`;
      const tail = path.slice(base.length - 'http://prometheus.monitoring.svc:9090'.length);
      // WHEN / THEN
      expect(() => workerWith(Scaling.keda({ triggers: [prometheus({ serverAddress })] })))
        .toThrow(new Error(`${W}: 'scaling.triggers[0].serverAddress' (${JSON.stringify(serverAddress)}) ends in `
          + `${JSON.stringify(tail)}, but KEDA appends "/api/v1/query?query=..." to the server address itself, so it `
          + `would ask for ${JSON.stringify(`${path.replace(/\/$/, '')}/api/v1/query`)}: give the server's base URL, `
          + `${JSON.stringify(base)}`));
    });

  test('a prometheus server address with a path is accepted', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({
      triggers: [prometheus({ serverAddress: 'http://prometheus.monitoring.svc:9090/prometheus' })] })));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.triggers[0].metadata.serverAddress)
      .toBe('http://prometheus.monitoring.svc:9090/prometheus');
  });

  test('fails when idle replicas are asked of cpu and memory triggers only', () => {
    // GIVEN triggers KEDA always counts as active
    // WHEN / THEN
    const triggers = [KedaTrigger.cpu(70), KedaTrigger.memory(80)];
    expect(() => workerWith(Scaling.keda({ idleReplicaCount: 0, triggers })))
      .toThrow(new Error(`${W}: 'scaling.idleReplicaCount' (0) needs a trigger other than cpu/memory: KEDA counts cpu `
        + 'and memory triggers as always active, so the workload would never idle; add an event trigger or leave it out'));
  });

  test('idle replicas with a cron and a cpu trigger are accepted', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ idleReplicaCount: 0, triggers: [KedaTrigger.cpu(70),
      KedaTrigger.cron({ timezone: 'US/Pacific', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 3 })] })));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.idleReplicaCount).toBe(0);
  });

  test('fails when two Secret references of a custom trigger set one parameter', () => {
    // GIVEN two keys for the scaler's "connection"
    const trigger = KedaTrigger.custom('azure-servicebus', { metadata: SERVICE_BUS, secretRefs: [
      { parameter: 'connection', secretName: 'orders-sb', key: 'primary' },
      { parameter: 'connection', secretName: 'orders-sb', key: 'secondary' },
    ] });
    // WHEN / THEN
    expect(() => workerWith(Scaling.keda({ triggers: [trigger] })))
      .toThrow(new Error(`${W}: 'scaling.triggers[0].secretRefs[1].parameter' ("connection") is a duplicate: the scaler `
        + 'gets one value per parameter; read each from one Secret key'));
  });
});

describe('autoscaling inputs the HPA or KEDA would silently mis-handle', () => {
  const W = 'orders/Worker';
  const prometheus = (options: Record<string, unknown> = {}) => KedaTrigger.prometheus({
    serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com', query: 'sum(up)', threshold: 10, ...options,
  });
  const cron = (options: Record<string, unknown> = {}) => KedaTrigger.cron({
    timezone: 'Europe/Amsterdam', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 5, ...options,
  });
  const withResources = (scaling: Scaling, resources: Record<string, string>) => {
    const chart = namespacedChart('orders');
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling, identity: identity(), resources });
    return chart;
  };

  test('fails when the fallback asks for more replicas than maxReplicas', () => {
    // GIVEN a fallback the HPA KEDA manages would cap at 5
    const scaling = Scaling.keda({ maxReplicas: 5, triggers: [prometheus()],
      fallback: { failureThreshold: 3, replicas: 6 } });
    // WHEN / THEN
    expect(() => workerWith(scaling))
      .toThrow(new Error(`${W}: 'scaling.fallback.replicas' (6) must be <= 'scaling.maxReplicas' (5): the HPA KEDA `
        + "manages caps replicas at maxReplicaCount, so the fallback would run 5; raise 'maxReplicas' or lower it"));
  });

  test('a fallback of exactly maxReplicas is accepted', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ maxReplicas: 5, triggers: [prometheus()],
      fallback: { failureThreshold: 3, replicas: 5 } })));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.fallback).toEqual({ failureThreshold: 3, replicas: 5 });
  });

  test('fails when a cron window asks for more replicas than maxReplicas', () => {
    // GIVEN a window of 10 replicas in a ScaledObject of at most 8
    const scaling = Scaling.keda({ maxReplicas: 8, triggers: [KedaTrigger.cpu(70), cron({ desiredReplicas: 10 })] });
    // WHEN / THEN
    expect(() => workerWith(scaling))
      .toThrow(new Error(`${W}: 'scaling.triggers[1].desiredReplicas' (10) must be <= 'scaling.maxReplicas' (8): the `
        + "HPA KEDA manages caps replicas at maxReplicaCount, so the window would run 8; raise 'maxReplicas' or lower it"));
  });

  test('a cron window of exactly maxReplicas is accepted', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ maxReplicas: 8,
      triggers: [cron({ desiredReplicas: 8 })] })));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.triggers[0].metadata.desiredReplicas).toBe('8');
  });

  test.each([
    ['0 8 * * 1-5', '0 8 * * MON-FRI'],
    ['0 8 * * *', '0  8 * * *'],
    ['*/30 8 * * *', '0,30 8 * * *'],
    ['0 8 * * *', '0 8 ? * *'],
  ])('fails when the cron start %j and end %j fire at the same times', (start, end) => {
    // GIVEN a window KEDA's cron scaler would count as always active (its next start and end are equal)
    // WHEN / THEN
    expect(() => workerWith(Scaling.keda({ triggers: [cron({ start, end })] })))
      .toThrow(new Error(`${W}: 'scaling.triggers[0].end' (${JSON.stringify(end)}) fires at the same times as `
        + `'scaling.triggers[0].start' (${JSON.stringify(start)}): KEDA would count the window as always active; make `
        + 'them differ'));
  });

  test('cron windows one minute long and with a single-value step are accepted', () => {
    // GIVEN / WHEN
    const manifests = synthValid(workerWith(Scaling.keda({ triggers: [
      cron({ start: '0 8 * * 1-5', end: '1 8 * * 1-5' }), cron({ name: 'steps', start: '5/10 8 * * *', end: '5 8 * * *' }),
    ] })));
    // THEN
    expect(one(manifests, 'ScaledObject').spec.triggers.map((t: any) => t.metadata.end)).toEqual(['1 8 * * 1-5', '5 8 * * *']);
  });

  test.each([' https://prometheus.example.com', 'https://prometheus.example.com\n', 'https://prometheus.exa\tmple.com'])(
    'fails when the prometheus server address %j has whitespace', serverAddress => {
      // GIVEN an address the WHATWG URL parser cleans up, but KEDA (Go) uses as given
      // WHEN / THEN
      expect(() => workerWith(Scaling.keda({ triggers: [prometheus({ serverAddress })] })))
        .toThrow(new Error(`${W}: 'scaling.triggers[0].serverAddress' (${JSON.stringify(serverAddress)}) has whitespace `
          + 'or control characters: KEDA uses the server address as given, and Go refuses such a URL; remove them'));
    });

  test('fails when a KEDA cpu target is above what the CPU limit allows', () => {
    // GIVEN the default resources: 250m requested, limit 1 (at most 400 % of the request)
    // WHEN / THEN
    expect(() => workerWith(Scaling.keda({ triggers: [KedaTrigger.cpu(401)] })))
      .toThrow(new Error(`${W}: 'scaling.triggers[0].utilization' (401) must be <= 400, 100 × 'resources.cpuLimit' `
        + `("1") / 'resources.cpuRequest' ("250m"): a container never uses more cpu than its limit, so the target would `
        + 'never be reached and the workload never scaled out; lower the target or raise the limit'));
  });

  test('fails when a KEDA memory target is above what the memory limit allows', () => {
    // GIVEN the default resources: 512Mi requested, limit 1Gi (at most 200 % of the request)
    // WHEN / THEN
    expect(() => workerWith(Scaling.keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.memory(201)] })))
      .toThrow(new Error(`${W}: 'scaling.triggers[1].utilization' (201) must be <= 200, 100 × 'resources.memoryLimit' `
        + `("1Gi") / 'resources.memoryRequest' ("512Mi"): a container never uses more memory than its limit, so the `
        + 'target would never be reached and the workload never scaled out; lower the target or raise the limit'));
  });

  test('fails when an HPA cpu target is above 100 % with the limit equal to the request', () => {
    // GIVEN a container limited to its request
    const scaling = Scaling.hpa({ cpuUtilization: 110 });
    // WHEN / THEN
    expect(() => withResources(scaling, { cpuRequest: '500m', cpuLimit: '500m' }))
      .toThrow(new Error(`${W}: 'scaling.cpuUtilization' (110) must be <= 100, 100 × 'resources.cpuLimit' ("500m") / `
        + `'resources.cpuRequest' ("500m"): a container never uses more cpu than its limit, so the target would never `
        + 'be reached and the workload never scaled out; lower the target or raise the limit'));
  });

  test('targets exactly at the limit are accepted, and an unused HPA target is not checked', () => {
    // GIVEN / WHEN
    const keda = synthValid(workerWith(Scaling.keda({ triggers: [KedaTrigger.cpu(400), KedaTrigger.memory(200)] })));
    const memoryOnly = Scaling.hpa({ scaleOn: HpaResources.MEMORY, cpuUtilization: 500, memoryUtilization: 100 });
    const hpa = synthValid(withResources(memoryOnly,
      { memoryRequest: '1Gi', memoryLimit: '1Gi' }));
    // THEN
    expect(one(keda, 'ScaledObject').spec.triggers.map((t: any) => t.metadata.value)).toEqual(['400', '200']);
    expect(one(hpa, 'HorizontalPodAutoscaler').spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 100 } } }]);
  });
});
