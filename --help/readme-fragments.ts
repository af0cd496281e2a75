// extracted from README.md by scripts/snippets.mjs: edit the Markdown, not this file
import { EnvFromSource, EnvValueSource, NodeSelectorOperator, PodField, WorkloadVolume } from 'cdk8s-durable-task';
import { App, Chart } from 'cdk8s';
import { DurableApi, DurableApp, DurableServiceAccount, DurableTaskScheduler, DurableWorker, HealthProbe, KedaTrigger, NamespaceBaseline, Scaling, SchedulerAuthentication, TaskHubTenant, WorkItemType, WorkloadIdentity } from 'cdk8s-durable-task';

export { DurableApi, DurableApp, DurableServiceAccount, DurableTaskScheduler, DurableWorker, HealthProbe, KedaTrigger, NamespaceBaseline, Scaling, SchedulerAuthentication, TaskHubTenant, WorkItemType, WorkloadIdentity };
export const app = new App();
export const chart = new Chart(app, 'orders', { namespace: 'orders' });
new NamespaceBaseline(chart, 'Baseline', {
  namespaceName: 'orders',
  quota: { requestsCpu: '64', requestsMemory: '128Gi', limitsCpu: '256', limitsMemory: '256Gi', pods: 500 },
});
export declare const worker: DurableWorker;
export declare const api: DurableApi;
export declare const tenant: TaskHubTenant;

export const scheduler = DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io');
export const image = 'myregistry.azurecr.io/orders-worker:1.4.2';
// README.md:197
{
  const worker = new DurableWorker(chart, 'Worker', {
    image,
    scheduler,
    taskHub: 'orders',
    identity: WorkloadIdentity.fromClientId('00000000-0000-0000-0000-000000000000'),
    scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 20 }), // the default
    preStopDelaySeconds: 5,
  });
  console.log(worker.federatedSubject); // system:serviceaccount:orders:durable-worker (for the federated credential)
}
// README.md:218
{
  new DurableWorker(chart, 'KedaWorker', {
    name: 'orders-keda-worker',   // ids and names differ from the other examples, so they can be combined
    image, scheduler, taskHub: 'orders',
    scaling: Scaling.keda({
      minReplicas: 1,
      maxReplicas: 20,
      triggers: [KedaTrigger.cpu(70, { name: 'cpu' }), KedaTrigger.memory(80, { name: 'memory' })],
    }),
  });
}
// README.md:232
{
  Scaling.keda({
    triggers: [KedaTrigger.prometheus({
      serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com',
      query: 'sum(rate(http_requests_total{app="orders"}[2m]))',
      threshold: 100,
      identity: WorkloadIdentity.fromClientId('11111111-1111-1111-1111-111111111111'),
    })],
  });
}
// README.md:253
{
  Scaling.keda({
    triggers: [KedaTrigger.prometheus({
      serverAddress: 'https://prometheus.example.com',
      query: 'sum(rate(http_requests_total{app="orders"}[2m]))',
      threshold: 100,
      authModes: [PrometheusAuthMode.BASIC],
      secretRefs: [
        { parameter: 'username', secretName: 'prometheus-reader', key: 'username' },
        { parameter: 'password', secretName: 'prometheus-reader', key: 'password' },
      ],
    })],
  });
}
// README.md:272
{
  KedaTrigger.cron({ timezone: 'Europe/Amsterdam', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 5 });
}
// README.md:278
{
  Scaling.keda({
    minReplicas: 0,
    maxReplicas: 50,
    triggers: [KedaTrigger.durableTaskScheduler({
      maxConcurrentWorkItemsCount: 10,   // the default: replicas = pending work items / 10
      identity: WorkloadIdentity.fromClientId('33333333-3333-3333-3333-333333333333'), // default: the worker's identity
    })],
  });
}
// README.md:304
{
  new DurableApi(chart, 'Api', {
    image: 'myregistry.azurecr.io/orders-api:1.4.2',
    scheduler,
    taskHub: 'orders',
    identity: WorkloadIdentity.fromClientId('22222222-2222-2222-2222-222222222222'),
    ingress: {
      host: 'orders.example.com',
      className: 'nginx',                 // spec.ingressClassName (default)
      tlsSecretName: 'orders-api-tls',
      clusterIssuer: 'letsencrypt-prod',  // cert-manager.io/cluster-issuer
    },
  });
}
// README.md:333
{
  new DurableApi(chart, 'RoutedApi', {
    name: 'orders-routed-api',
    image: 'myregistry.azurecr.io/orders-api:1.4.2',
    scheduler,
    taskHub: 'orders',
    httpRoute: {
      gatewayName: 'public',
      gatewayNamespace: 'gateway-system',
      hostnames: ['orders.example.com'],
      sectionName: 'https',               // optional: one listener of the Gateway
    },
  });
}
// README.md:403
{
  const common = { image, scheduler, taskHub: 'orders' };
  new DurableWorker(chart, 'Orchestrations', {
    ...common, workItemType: WorkItemType.ORCHESTRATION, scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 5 }),
  });
  new DurableWorker(chart, 'Activities', {
    ...common, workItemType: WorkItemType.ACTIVITY, scaling: Scaling.hpa({ maxReplicas: 40 }),
  });
}
// README.md:420
{
  const shared = new DurableServiceAccount(chart, 'OrdersSa', {
    name: 'orders-app',
    identity: WorkloadIdentity.fromClientId('44444444-4444-4444-4444-444444444444'),
  });
  new DurableWorker(chart, 'SharedSaWorker', {
    name: 'orders-shared-worker', image, scheduler, taskHub: 'orders', serviceAccount: shared,
  });
  new DurableApi(chart, 'SharedSaApi', {
    name: 'orders-shared-api', image: 'myregistry.azurecr.io/orders-api:1.4.2', scheduler, taskHub: 'orders',
    serviceAccount: shared,
  });
  console.log(shared.federatedSubject); // system:serviceaccount:orders:orders-app
}
// README.md:446
{

  new DurableWorker(chart, 'ConfiguredWorker', {
    name: 'orders-configured-worker',
    image,
    scheduler,
    taskHub: 'orders',
    env: [
      { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', valueFrom: EnvValueSource.fromSecret('appinsights', 'connection-string') },
      { name: 'POD_NAME', valueFrom: EnvValueSource.fromPodField(PodField.POD_NAME) },
    ],
    envFrom: [EnvFromSource.configMap('orders-settings')],
    volumes: [{ name: 'kv', volume: WorkloadVolume.fromSecretProviderClass('orders-kv'), mountPath: '/mnt/secrets' }],
    labels: [{ key: 'team', value: 'orders' }],
    nodeAffinity: [{ key: 'kubernetes.azure.com/agentpool', matchOperator: NodeSelectorOperator.IN, values: ['durable'] }],
    priorityClassName: 'durable-critical',
    scaling: Scaling.keda({
      minReplicas: 1,
      idleReplicaCount: 0,
      triggers: [KedaTrigger.custom('azure-servicebus', {
        metadata: [{ key: 'namespace', value: 'orders-sb' }, { key: 'queueName', value: 'orders' }],
        identity: WorkloadIdentity.fromClientId('00000000-0000-0000-0000-000000000000'),
      })],
    }),
  });
}
// README.md:485
{
  const system = new Chart(app, 'durable-system', { namespace: 'durable-system' });
  new NamespaceBaseline(system, 'Baseline', {
    namespaceName: 'durable-system',
    quota: { requestsCpu: '32' },
    httpsEgressCidrs: ['0.0.0.0/0'],
  });
}
app.synth();
