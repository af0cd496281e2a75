/**
 * Options a real deployment needs (issue 11): configuration and secrets, volumes, metadata, placement, an existing
 * ServiceAccount, and scaling that fits. Each test synthesizes, asserts the rendered fields and validates the output.
 */
import { Testing } from 'cdk8s';
import {
  DurableServiceAccount, DurableTaskScheduler, DurableTaskSchedulerEmulator, DurableWorker, DurableWorkerProps,
  EnvFromSource, EnvValueSource, HpaResources, KedaMetricType, KedaTrigger, NodeSelectorOperator, PodField, Scaling,
  ScalingPolicySelect, ScalingPolicyType, WorkloadVolume, HealthProbe, WorkloadIdentity,
} from '../lib';
import {
  CLIENT_ID, IMAGE, OTHER_CLIENT_ID, all, container, identity, namespacedChart, one, scheduler, synthValid,
} from './util';

/** A worker in `durable-system` with `props`, synthesized and validated. */
function synthWorker(props: Partial<DurableWorkerProps> = {}): any[] {
  const chart = namespacedChart();
  new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
  return synthValid(chart);
}

describe('configuration and secrets', () => {
  test('env values from a Secret key, a ConfigMap key and the pod; whole Secrets and ConfigMaps', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      env: [
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', valueFrom: EnvValueSource.fromSecret('appinsights', 'connection-string') },
        { name: 'LOG_LEVEL', valueFrom: EnvValueSource.fromConfigMap('orders-settings', 'log-level', { optional: true }) },
        { name: 'POD_NAME', valueFrom: EnvValueSource.fromPodField(PodField.POD_NAME) },
        { name: 'REGION', value: 'westus2' },
      ],
      envFrom: [EnvFromSource.secret('orders-secrets'), EnvFromSource.configMap('orders-flags', { prefix: 'FLAG_' })],
    });
    // THEN
    const c = container(one(manifests, 'Deployment'));
    expect(c.env.slice(2)).toEqual([
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', valueFrom: { secretKeyRef: { name: 'appinsights', key: 'connection-string' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'orders-settings', key: 'log-level', optional: true } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'REGION', value: 'westus2' },
    ]);
    expect(c.envFrom).toEqual([{ secretRef: { name: 'orders-secrets' } }, { prefix: 'FLAG_', configMapRef: { name: 'orders-flags' } }]);
  });

  test('volumes: Secret and Key Vault (CSI) read-only, emptyDir writable, after the construct\'s /tmp', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      volumes: [
        { name: 'certs', volume: WorkloadVolume.fromSecret('orders-certs', { defaultMode: 0o440 }), mountPath: '/etc/certs' },
        { name: 'kv', volume: WorkloadVolume.fromSecretProviderClass('orders-kv'), mountPath: '/mnt/secrets' },
        { name: 'settings', volume: WorkloadVolume.fromConfigMap('orders-settings'), mountPath: '/etc/orders', subPath: 'app' },
        { name: 'cache', volume: WorkloadVolume.emptyDir({ sizeLimit: '256Mi' }), mountPath: '/var/cache/orders' },
      ],
    });
    // THEN
    const pod = one(manifests, 'Deployment').spec.template.spec;
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['tmp', 'certs', 'kv', 'settings', 'cache']);
    expect(pod.volumes[2].csi).toEqual({ driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'orders-kv' } });
    expect(pod.volumes[1].secret).toEqual({ secretName: 'orders-certs', defaultMode: 0o440 });
    expect(pod.containers[0].volumeMounts).toEqual([
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'certs', mountPath: '/etc/certs', readOnly: true },
      { name: 'kv', mountPath: '/mnt/secrets', readOnly: true },
      { name: 'settings', mountPath: '/etc/orders', readOnly: true, subPath: 'app' },
      { name: 'cache', mountPath: '/var/cache/orders' },
    ]);
  });
});

describe('metadata and placement', () => {
  test('labels and annotations reach every object and the pods, never the selectors', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      identity: identity(),
      labels: [{ key: 'team', value: 'orders' }],
      annotations: [{ key: 'example.com/owner', value: 'orders-team@example.com' }],
      podLabels: [{ key: 'sidecar.istio.io/inject', value: 'false' }],
      podAnnotations: [{ key: 'kubectl.kubernetes.io/default-container', value: 'worker' }],
    });
    // THEN
    for (const m of manifests) {
      expect(m.metadata.labels.team).toBe('orders');
      expect(m.metadata.annotations['example.com/owner']).toBe('orders-team@example.com');
    }
    const deployment = one(manifests, 'Deployment');
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'durable-worker' });
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'team': 'orders', 'sidecar.istio.io/inject': 'false', 'azure.workload.identity/use': 'true' });
    expect(deployment.spec.template.metadata.annotations).toEqual({
      'example.com/owner': 'orders-team@example.com', 'kubectl.kubernetes.io/default-container': 'worker',
    });
    // The ServiceAccount keeps its identity annotation next to the user's.
    expect(one(manifests, 'ServiceAccount').metadata.annotations['azure.workload.identity/client-id']).toBeDefined();
  });

  test('a workload identity token expiration within what the webhook accepts (3600-86400 s) reaches the pods', () => {
    // GIVEN / WHEN: the longest lifetime azure-workload-identity allows, as a pod annotation (which the webhook reads
    // before the ServiceAccount's)
    const key = 'azure.workload.identity/service-account-token-expiration';
    const manifests = synthWorker({ identity: identity(), podAnnotations: [{ key, value: '86400' }] });
    // THEN
    expect(one(manifests, 'Deployment').spec.template.metadata.annotations).toEqual({ [key]: '86400' });
  });

  test('node and pod (anti-)affinity, priority class and image pull secrets', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      nodeAffinity: [
        { key: 'kubernetes.azure.com/agentpool', matchOperator: NodeSelectorOperator.IN, values: ['durable'] },
        { key: 'topology.kubernetes.io/zone', matchOperator: NodeSelectorOperator.IN, values: ['westus2-1'], weight: 50 },
      ],
      podAffinity: [{ podLabels: [{ key: 'app.kubernetes.io/name', value: 'redis' }], topologyKey: 'kubernetes.io/hostname', anti: true, weight: 100 }],
      priorityClassName: 'durable-critical',
      imagePullSecrets: ['acr-pull'],
    });
    // THEN
    const pod = one(manifests, 'Deployment').spec.template.spec;
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.azure.com/agentpool', operator: 'In', values: ['durable'] }] }],
    });
    expect(pod.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
      { weight: 50, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['westus2-1'] }] } },
    ]);
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'redis' } }, topologyKey: 'kubernetes.io/hostname' },
    });
    expect(pod.priorityClassName).toBe('durable-critical');
    expect(pod.imagePullSecrets).toEqual([{ name: 'acr-pull' }]);
  });

  test('an existing ServiceAccount by name: no ServiceAccount object, its identity on the pods', () => {
    // GIVEN / WHEN
    const chart = namespacedChart();
    const worker = new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      serviceAccount: DurableServiceAccount.fromServiceAccountName('platform-orders', { identity: identity() }),
    });
    const manifests = Testing.synth(chart);
    // THEN
    expect(all(manifests, 'ServiceAccount')).toEqual([]);
    const pod = one(manifests, 'Deployment').spec.template;
    expect(pod.spec.serviceAccountName).toBe('platform-orders');
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(worker.federatedSubject).toBe('system:serviceaccount:durable-system:platform-orders');
  });

  test('an existing ServiceAccount by name that the app creates, with the same identity', () => {
    // GIVEN a shared ServiceAccount of the app, and a worker that runs as it by name (e.g. from another chart)
    const chart = namespacedChart();
    new DurableServiceAccount(chart, 'Shared', { name: 'shared', identity: identity() });
    // WHEN
    new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      serviceAccount: DurableServiceAccount.fromServiceAccountName('shared', { identity: identity(CLIENT_ID.toUpperCase()) }),
    });
    // THEN
    expect(one(synthValid(chart), 'Deployment').spec.template.spec.serviceAccountName).toBe('shared');
  });

  const SHARED = (id: string | undefined) => DurableServiceAccount.fromServiceAccountName('shared',
    id ? { identity: identity(id) } : {});
  test.each<[string, (chart: ReturnType<typeof namespacedChart>) => void, string]>([
    ['an existing ServiceAccount is given another identity than the app gives it', chart => {
      new DurableServiceAccount(chart, 'Shared', { name: 'shared', identity: identity() });
      new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', serviceAccount: SHARED(OTHER_CLIENT_ID) });
    }, `durable-system/Worker: 'serviceAccount' (existing ServiceAccount "shared") has client id ${OTHER_CLIENT_ID}, but `
      + 'durable-system/Shared gives ServiceAccount "shared" in namespace "durable-system" another (the workload identity '
      + 'webhook gives the pods the client id annotated on the ServiceAccount): give every use of it the same identity'],
    ['the app creates a ServiceAccount that a workload runs as by name with another identity', chart => {
      new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', serviceAccount: SHARED(undefined) });
      new DurableServiceAccount(chart, 'Shared', { name: 'shared', identity: identity() });
    }, `durable-system/Shared: ServiceAccount "shared" has client id ${CLIENT_ID}, but durable-system/Worker gives `
      + 'ServiceAccount "shared" in namespace "durable-system" another (the workload identity webhook gives the pods the '
      + 'client id annotated on the ServiceAccount): give every use of it the same identity'],
    ['two workloads give one existing ServiceAccount different identities', chart => {
      new DurableWorker(chart, 'One', { name: 'one', image: IMAGE, scheduler: scheduler(), taskHub: 'orders', serviceAccount: SHARED(CLIENT_ID) });
      new DurableWorker(chart, 'Two', { name: 'two', image: IMAGE, scheduler: scheduler(), taskHub: 'orders', serviceAccount: SHARED(OTHER_CLIENT_ID) });
    }, `durable-system/Two: 'serviceAccount' (existing ServiceAccount "shared") has client id ${OTHER_CLIENT_ID}, but `
      + 'durable-system/One gives ServiceAccount "shared" in namespace "durable-system" another (the workload identity '
      + 'webhook gives the pods the client id annotated on the ServiceAccount): give every use of it the same identity'],
    ['an identity is given to the namespace\'s default ServiceAccount', chart => {
      new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
        serviceAccount: DurableServiceAccount.fromServiceAccountName('default', { identity: identity() }) });
    }, "durable-system/Worker: 'serviceAccount' (existing ServiceAccount \"default\") is the namespace's default "
      + 'ServiceAccount, which every pod without its own uses: an identity on it would reach all of them; run the '
      + 'workload as a ServiceAccount of its own'],
  ])('fails when %s', (_, given, message) => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN / THEN
    expect(() => given(chart)).toThrow(new Error(message));
  });
});

describe('scaling that fits', () => {
  test('an HPA on CPU only, with its own scale-down behavior', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      scaling: Scaling.hpa({
        scaleOn: HpaResources.CPU,
        cpuUtilization: 60,
        scaleDown: { stabilizationWindowSeconds: 600,
          policies: [{ policyType: ScalingPolicyType.PODS, value: 1, periodSeconds: 120 }] },
      }),
    });
    // THEN
    const hpa = one(manifests, 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect(hpa.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 600, policies: [{ type: 'Pods', value: 1, periodSeconds: 120 }] });
    // Scale-up keeps the guide's default.
    expect(hpa.spec.behavior.scaleUp.selectPolicy).toBe('Max');
  });

  test('KEDA: idle replicas, fallback, HPA behavior and a custom Service Bus scaler with workload identity', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      identity: identity(),
      scaling: Scaling.keda({
        minReplicas: 1,
        idleReplicaCount: 0,
        fallback: { failureThreshold: 3, replicas: 4 },
        scaleUp: {
          selectPolicy: ScalingPolicySelect.MAX,
          policies: [{ policyType: ScalingPolicyType.PERCENT, value: 50, periodSeconds: 30 }],
        },
        triggers: [KedaTrigger.custom('azure-servicebus', {
          name: 'orders-queue',
          metadata: [{ key: 'queueName', value: 'orders' }, { key: 'namespace', value: 'orders-sb' }, { key: 'messageCount', value: '20' }],
          metricType: KedaMetricType.AVERAGE_VALUE,
          identity: identity(),
        })],
      }),
    });
    // THEN
    const so = one(manifests, 'ScaledObject');
    expect(so.spec.idleReplicaCount).toBe(0);
    expect(so.spec.fallback).toEqual({ failureThreshold: 3, replicas: 4 });
    expect(so.spec.advanced.horizontalPodAutoscalerConfig.behavior.scaleUp.policies).toEqual([{ type: 'Percent', value: 50, periodSeconds: 30 }]);
    expect(so.spec.triggers).toEqual([{
      type: 'azure-servicebus', name: 'orders-queue', metricType: 'AverageValue',
      metadata: { queueName: 'orders', namespace: 'orders-sb', messageCount: '20' },
      authenticationRef: { name: 'durable-worker-azure-workload' },
    }]);
    expect(one(manifests, 'TriggerAuthentication').spec.podIdentity.provider).toBe('azure-workload');
  });

  test('a custom trigger that reads a Secret key gets a TriggerAuthentication of its own', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({
      scaling: Scaling.keda({
        triggers: [KedaTrigger.custom('rabbitmq', {
          metadata: [{ key: 'queueName', value: 'orders' }, { key: 'mode', value: 'QueueLength' }, { key: 'value', value: '50' }],
          secretRefs: [{ parameter: 'host', secretName: 'rabbitmq', key: 'connection-string' }],
        })],
      }),
    });
    // THEN
    const auth = one(manifests, 'TriggerAuthentication');
    expect(auth.metadata.name).toBe('durable-worker-trigger-1-auth');
    expect(auth.spec).toEqual({ secretTargetRef: [{ parameter: 'host', name: 'rabbitmq', key: 'connection-string' }] });
    expect(one(manifests, 'ScaledObject').spec.triggers[0].authenticationRef).toEqual({ name: 'durable-worker-trigger-1-auth' });
  });

  test("an unnamed trigger's TriggerAuthentication does not take the name of a trigger named trigger-<n>", () => {
    // GIVEN: the second trigger is unnamed (generated name trigger-2), the first is named trigger-2
    const secretTrigger = (name?: string) => KedaTrigger.custom('rabbitmq', {
      name, metadata: [{ key: 'queueName', value: 'orders' }], secretRefs: [{ parameter: 'host', secretName: 'rabbitmq', key: 'host' }],
    });
    // WHEN
    const manifests = synthWorker({ scaling: Scaling.keda({ triggers: [secretTrigger('trigger-2'), secretTrigger()] }) });
    // THEN
    expect(all(manifests, 'TriggerAuthentication').map(a => a.metadata.name))
      .toEqual(['durable-worker-trigger-2-auth', 'durable-worker-trigger-2-2-auth']);
    expect(one(manifests, 'ScaledObject').spec.triggers.map((t: any) => t.authenticationRef.name))
      .toEqual(['durable-worker-trigger-2-auth', 'durable-worker-trigger-2-2-auth']);
  });
});

describe('options given from JavaScript or Python', () => {
  test('a resource given as undefined takes its documented default', () => {
    // GIVEN / WHEN
    const manifests = synthWorker({ resources: { cpuRequest: undefined, memoryRequest: '1Gi', memoryLimit: '2Gi' } });
    // THEN
    expect(container(one(manifests, 'Deployment')).resources).toEqual({
      requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' },
    });
  });

  test('null for an optional options bag means no options', () => {
    // GIVEN: every factory with null options, as plain JavaScript passes them (jsii passes undefined)
    const none = null as any;
    // WHEN
    const manifests = synthWorker({
      port: 8080,
      identity: WorkloadIdentity.fromClientId('00000000-0000-0000-0000-000000000001', none),
      scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(50, none), KedaTrigger.memory(80, none)] }),
      readinessProbe: HealthProbe.http('/ready', none),
      livenessProbe: HealthProbe.exec(['/bin/true'], none),
      volumes: [
        { name: 'certs', volume: WorkloadVolume.fromSecret('orders-certs', none), mountPath: '/etc/certs' },
        { name: 'settings', volume: WorkloadVolume.fromConfigMap('orders-settings', none), mountPath: '/etc/orders' },
        { name: 'kv', volume: WorkloadVolume.fromSecretProviderClass('orders-kv', none), mountPath: '/mnt/kv' },
        { name: 'cache', volume: WorkloadVolume.emptyDir(none), mountPath: '/cache' },
      ],
      env: [{ name: 'TOKEN', valueFrom: EnvValueSource.fromSecret('orders', 'token', none) }],
      envFrom: [EnvFromSource.secret('orders-secrets', none)],
    });
    const hpa = synthWorker({ scaling: Scaling.hpa(none) });
    const shared = synthWorker({
      scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io', none),
      serviceAccount: DurableServiceAccount.fromServiceAccountName('platform-orders', none),
    });
    // THEN
    expect(one(shared, 'Deployment').spec.template.spec.serviceAccountName).toBe('platform-orders');
    const c = container(one(manifests, 'Deployment'));
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 8080 });
    expect(c.envFrom).toEqual([{ secretRef: { name: 'orders-secrets' } }]);
    expect(one(manifests, 'ScaledObject').spec.triggers.map((t: any) => t.type)).toEqual(['cpu', 'memory']);
    expect(one(hpa, 'HorizontalPodAutoscaler').spec.maxReplicas).toBe(20);
  });

  test("an emulator resource given as undefined takes the emulator's default", () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableTaskSchedulerEmulator(chart, 'Emulator', { resources: { cpuRequest: undefined, memoryLimit: '2Gi' } });
    // THEN the emulator's own default (100m), not the workloads' (250m)
    const emulator = container(one(synthValid(chart), 'Deployment'));
    expect(emulator.resources.limits.memory).toBe('2Gi');
    expect(emulator.resources.requests.cpu).toBe('100m');
  });
});
