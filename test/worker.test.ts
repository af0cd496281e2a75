import { JsonPatch, Testing } from 'cdk8s';
import {
  DurableClient, DurableServiceAccount, DurableTaskScheduler, DurableWorker, HealthProbe, KedaTrigger, Scaling,
  SchedulerAuthentication, TaintEffect, TaskHubTenant, WorkItemType, WorkloadIdentity,
} from '../lib';
import { CLIENT_ID, ENDPOINT, IMAGE, TENANT_ID, all, container, identity, namespacedChart, one, scheduler, synthValid } from './util';

describe('DurableWorker', () => {
  test('options: what it was built with, without the scheduler binding, and the identity a tenant gave it', () => {
    // GIVEN
    const app = Testing.app();
    const tenant = new TaskHubTenant(app, 'orders', {
      namespaceName: 'orders', taskHub: 'orders', scheduler: scheduler(), identity: identity(),
    });
    const scaling = Scaling.fixedReplicas(2);
    // WHEN
    const worker = tenant.addWorker('Worker', { image: IMAGE, scaling, preStopDelaySeconds: 5 });
    const api = tenant.addApi('Api', { image: IMAGE, port: 5000 });
    const client = new DurableClient(namespacedChart('other', app), 'Client',
      { image: IMAGE, scheduler: scheduler(), taskHub: 'other' });
    // THEN
    expect(worker.options).toEqual({
      image: IMAGE, scaling, preStopDelaySeconds: 5, identity: expect.any(WorkloadIdentity),
    });
    expect(worker.options.identity?.clientId).toBe(CLIENT_ID);
    expect(api.options).toEqual({ image: IMAGE, port: 5000, identity: worker.options.identity });
    expect(client.options).toEqual({ image: IMAGE });
  });

  test('defaults: hardened Deployment, own ServiceAccount, HPA 3-20, PDB, no Service', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    // THEN
    const manifests = synthValid(chart);
    expect(manifests).toMatchSnapshot();
    expect(manifests.map(m => m.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'ServiceAccount']);
    const deployment = one(manifests, 'Deployment', 'durable-worker');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(120);
    expect(container(deployment).resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(container(deployment).ports).toBeUndefined();
    expect(container(deployment).readinessProbe).toBeUndefined();
    expect(container(deployment).livenessProbe).toBeUndefined();
    expect(all(manifests, 'Service')).toEqual([]);
  });

  test('every pod passes Pod Security Standards restricted and mounts no token', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    // THEN
    const pod = one(synthValid(chart), 'Deployment').spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }]);
  });

  test('selectors use app.kubernetes.io/name only, whatever the construct id', () => {
    // GIVEN two apps that differ only in construct ids
    const render = (id: string) => {
      const chart = namespacedChart('orders', Testing.app());
      new DurableWorker(chart, id, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
      return synthValid(chart);
    };
    // WHEN
    const a = render('Worker');
    const b = render('RenamedWorker');
    // THEN
    expect(b).toEqual(a);
    expect(one(a, 'Deployment').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'durable-worker' } });
    expect(one(a, 'PodDisruptionBudget').spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'durable-worker' } });
    expect(JSON.stringify(a)).not.toContain('cdk8s.io/metadata.addr');
  });

  test('selectorLabels is a copy: changing it changes no selector', () => {
    // GIVEN
    const chart = namespacedChart();
    const worker = new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    // WHEN
    worker.selectorLabels.extra = 'x';
    // THEN
    expect(one(synthValid(chart), 'Deployment').spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'durable-worker' });
  });

  test('the preStop sleep goes to the workload container even when a sidecar is patched in front of it', () => {
    // GIVEN
    const chart = namespacedChart();
    const worker = new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', preStopDelaySeconds: 5, scaling: Scaling.fixedReplicas(1) });
    // WHEN
    worker.deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0', {
      name: 'proxy', image: 'example.azurecr.io/proxy:1.0.0',
      securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    }));
    // THEN
    const containers = one(synthValid(chart), 'Deployment').spec.template.spec.containers;
    expect(containers.map((c: any) => [c.name, c.lifecycle])).toEqual([['proxy', undefined], ['worker', { preStop: { sleep: { seconds: 5 } } }]]);
  });

  test('scheduler variables use the standard names by default', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', env: [{ name: 'LOG_LEVEL', value: 'info' }] });
    // THEN
    expect(container(one(synthValid(chart), 'Deployment')).env).toEqual([
      { name: 'DTS_ENDPOINT', value: ENDPOINT },
      { name: 'TASKHUB_NAME', value: 'orders' },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
  });

  test('scheduler variable names and connection string are configurable', () => {
    // GIVEN
    const chart = namespacedChart();
    const sampleNames = DurableTaskScheduler.fromEndpoint(ENDPOINT, {
      endpointEnvName: 'ENDPOINT',
      taskHubEnvName: 'TASKHUB',
      connectionStringEnvName: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
    });
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: sampleNames, taskHub: 'orders', identity: WorkloadIdentity.fromClientId(CLIENT_ID, { tenantId: TENANT_ID }) });
    // THEN
    expect(container(one(synthValid(chart), 'Deployment')).env).toEqual([
      { name: 'ENDPOINT', value: ENDPOINT },
      { name: 'TASKHUB', value: 'orders' },
      {
        name: 'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
        value: `Endpoint=${ENDPOINT};TaskHub=orders;Authentication=WorkloadIdentity;ClientID=${CLIENT_ID};TenantId=${TENANT_ID}`,
      },
    ]);
  });

  test('connection string without identity uses DefaultAzure; explicit authentication wins', () => {
    // GIVEN
    const withoutIdentity = DurableTaskScheduler.fromEndpoint(ENDPOINT, { connectionStringEnvName: 'CS' });
    const managed = DurableTaskScheduler.fromEndpoint(ENDPOINT, { connectionStringEnvName: 'CS', authentication: SchedulerAuthentication.MANAGED_IDENTITY });
    const emulator = DurableTaskScheduler.fromEndpoint(ENDPOINT, { connectionStringEnvName: 'CS', authentication: SchedulerAuthentication.NONE });
    // THEN
    expect(withoutIdentity.connectionString('orders')).toBe(`Endpoint=${ENDPOINT};TaskHub=orders;Authentication=DefaultAzure`);
    expect(managed.connectionString('orders', identity())).toBe(`Endpoint=${ENDPOINT};TaskHub=orders;Authentication=ManagedIdentity;ClientID=${CLIENT_ID}`);
    expect(emulator.connectionString('orders', identity())).toBe(`Endpoint=${ENDPOINT};TaskHub=orders;Authentication=None`);
  });

  test('workload identity: ServiceAccount annotations, pod label and federated subject', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    const worker = new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      identity: WorkloadIdentity.fromClientId(CLIENT_ID, { tenantId: TENANT_ID }),
    });
    // THEN
    const manifests = synthValid(chart);
    expect(one(manifests, 'ServiceAccount').metadata.annotations).toEqual({
      'azure.workload.identity/client-id': CLIENT_ID,
      'azure.workload.identity/tenant-id': TENANT_ID,
    });
    expect(one(manifests, 'ServiceAccount').automountServiceAccountToken).toBe(false);
    const pod = one(manifests, 'Deployment').spec.template;
    expect(pod.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(pod.spec.serviceAccountName).toBe('durable-worker');
    expect(worker.federatedSubject).toBe('system:serviceaccount:orders:durable-worker');
    // Token paths are the webhook's business: nothing here mounts or names one.
    expect(JSON.stringify(manifests)).not.toMatch(/azure-identity-token|AZURE_FEDERATED_TOKEN_FILE/);
  });

  test('without identity there is no workload identity label or annotation', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    // THEN
    const manifests = synthValid(chart);
    expect(one(manifests, 'ServiceAccount').metadata.annotations).toBeUndefined();
    expect(one(manifests, 'Deployment').spec.template.metadata.labels['azure.workload.identity/use']).toBeUndefined();
  });

  test('a shared ServiceAccount is an explicit choice', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    const shared = new DurableServiceAccount(chart, 'Shared', { name: 'durable-shared', identity: identity() });
    // WHEN
    const a = new DurableWorker(chart, 'A', { name: 'worker-a', image: IMAGE, scheduler: scheduler(), taskHub: 'orders', serviceAccount: shared });
    new DurableWorker(chart, 'B', { name: 'worker-b', image: IMAGE, scheduler: scheduler(), taskHub: 'orders', serviceAccount: shared });
    // THEN
    const manifests = synthValid(chart);
    expect(all(manifests, 'ServiceAccount').map(s => s.metadata.name)).toEqual(['durable-shared']);
    expect(all(manifests, 'Deployment').map(d => d.spec.template.spec.serviceAccountName)).toEqual(['durable-shared', 'durable-shared']);
    expect(a.federatedSubject).toBe('system:serviceaccount:orders:durable-shared');
  });

  test('fixed replicas are set in the Deployment; one replica gets no PDB nor spread', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling: Scaling.fixedReplicas(1) });
    // THEN
    const manifests = synthValid(chart);
    const deployment = one(manifests, 'Deployment');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.topologySpreadConstraints).toBeUndefined();
    expect(all(manifests, 'PodDisruptionBudget')).toEqual([]);
    expect(all(manifests, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  test('more than one replica: PDB maxUnavailable 1 and spread over zones and hosts', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling: Scaling.fixedReplicas(3) });
    // THEN
    const manifests = synthValid(chart);
    expect(one(manifests, 'PodDisruptionBudget').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'durable-worker' } },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    });
    const spread = one(manifests, 'Deployment').spec.template.spec.topologySpreadConstraints;
    expect(spread.map((s: any) => s.topologyKey)).toEqual(['topology.kubernetes.io/zone', 'kubernetes.io/hostname']);
    expect(spread.every((s: any) => s.whenUnsatisfiable === 'ScheduleAnyway' && s.maxSkew === 1)).toBe(true);
  });

  test('resources, grace period, preStop sleep, command and args can be overridden', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      resources: { cpuRequest: '500m', memoryRequest: '1Gi', cpuLimit: '2', memoryLimit: '2Gi' },
      terminationGracePeriodSeconds: 300,
      preStopDelaySeconds: 10,
      command: ['dotnet'],
      args: ['Worker.dll'],
      runAsUser: 1654,
    });
    // THEN
    const deployment = one(synthValid(chart), 'Deployment');
    const c = container(deployment);
    expect(c.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(300);
    expect(c.lifecycle).toEqual({ preStop: { sleep: { seconds: 10 } } });
    expect(c.command).toEqual(['dotnet']);
    expect(c.args).toEqual(['Worker.dll']);
    expect(deployment.spec.template.spec.securityContext.runAsUser).toBe(1654);
  });

  test('probes are opt-in: HTTP on the worker port, or exec', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', port: 8081,
      readinessProbe: HealthProbe.http('/ready'),
      livenessProbe: HealthProbe.exec(['/bin/health'], { periodSeconds: 30 }),
    });
    // THEN
    const c = container(one(synthValid(chart), 'Deployment'));
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8081, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8081 }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ exec: { command: ['/bin/health'] }, initialDelaySeconds: 0, periodSeconds: 30, timeoutSeconds: 1, failureThreshold: 3 });
  });

  test('dedicated node pool: node selector and tolerations', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      nodeSelector: [{ key: 'kubernetes.azure.com/agentpool', value: 'durable' }],
      tolerations: [{ key: 'workload', value: 'durable', effect: TaintEffect.NO_SCHEDULE }, { key: 'spot' }],
    });
    // THEN
    const pod = one(synthValid(chart), 'Deployment').spec.template.spec;
    expect(pod.nodeSelector).toEqual({ 'kubernetes.azure.com/agentpool': 'durable' });
    expect(pod.tolerations).toEqual([
      { key: 'workload', operator: 'Equal', value: 'durable', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists' },
    ]);
  });

  test('work-item-type split: one worker per type, each with its own scaler', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    const orchestrations = new DurableWorker(chart, 'Orchestrations', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(),
      workItemType: WorkItemType.ORCHESTRATION,
      scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 5 }),
    });
    new DurableWorker(chart, 'Activities', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(),
      workItemType: WorkItemType.ACTIVITY,
      scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler({ maxConcurrentWorkItemsCount: 5 })],
        minReplicas: 0, maxReplicas: 30 }),
    });
    // THEN
    const manifests = synthValid(chart);
    expect(orchestrations.name).toBe('durable-worker-orchestration');
    expect(container(one(manifests, 'Deployment', 'durable-worker-orchestration')).env).toContainEqual({ name: 'DTS_WORK_ITEM_TYPE', value: 'Orchestration' });
    expect(container(one(manifests, 'Deployment', 'durable-worker-activity')).env).toContainEqual({ name: 'DTS_WORK_ITEM_TYPE', value: 'Activity' });
    expect(one(manifests, 'HorizontalPodAutoscaler').spec.scaleTargetRef.name).toBe('durable-worker-orchestration');
    const scaledObject = one(manifests, 'ScaledObject');
    expect(scaledObject.spec.scaleTargetRef.name).toBe('durable-worker-activity');
    expect(scaledObject.spec.triggers[0].metadata).toEqual({
      endpoint: ENDPOINT, taskhubName: 'orders', maxConcurrentWorkItemsCount: '5', workItemType: 'Activity',
    });
  });
});
