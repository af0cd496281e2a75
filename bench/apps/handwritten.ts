// Baseline (a): the same objects as ours.ts, written by hand on the cdk8s-plus-28 `k8s` L1 classes and the
// imported KEDA ScaledObject, with no validation. One chart (one file) per tenant, objects in the same order,
// so the output is byte-identical to ours.ts (the benchmark checks it).
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { ScaledObject } from '../../imports/keda.sh';
import { ENDPOINT, HPA_WORKER, IMAGE, KEDA_WORKER, clientId, report, tenantCount, tenantName } from './common';

const started = performance.now();
const count = tenantCount();
const app = new App();

const partOf = { 'app.kubernetes.io/part-of': 'durable-task', 'app.kubernetes.io/managed-by': 'cdk8s' };

function worker(chart: Chart, namespace: string, name: string, i: number, keda: boolean): void {
  const common = { 'app.kubernetes.io/name': name, ...partOf };
  const labels = { ...common, 'app.kubernetes.io/component': 'worker' };
  const selector = { matchLabels: { 'app.kubernetes.io/name': name } };
  new k8s.KubeServiceAccount(chart, `${name}-sa`, {
    metadata: { name, namespace, labels: common, annotations: { 'azure.workload.identity/client-id': clientId(i) } },
    automountServiceAccountToken: false,
  });
  // The Deployment before what targets it, as the library writes it (apply order).
  new k8s.KubeDeployment(chart, `${name}-deploy`, {
    metadata: { name, namespace, labels },
    spec: {
      selector,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'),
        maxUnavailable: k8s.IntOrString.fromNumber(0) } },
      template: {
        metadata: { labels: { ...labels, 'azure.workload.identity/use': 'true' } },
        spec: {
          serviceAccountName: name,
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 120,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'worker',
            image: IMAGE,
            imagePullPolicy: 'IfNotPresent',
            env: [{ name: 'DTS_ENDPOINT', value: ENDPOINT }, { name: 'TASKHUB_NAME', value: namespace }],
            resources: {
              requests: { cpu: k8s.Quantity.fromString('250m'), memory: k8s.Quantity.fromString('512Mi') },
              limits: { cpu: k8s.Quantity.fromString('1'), memory: k8s.Quantity.fromString('1Gi') },
            },
            securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
              capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }],
          topologySpreadConstraints: ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map(topologyKey => ({
            maxSkew: 1,
            topologyKey,
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: selector,
            matchLabelKeys: ['pod-template-hash'],
          })),
        },
      },
    },
  });
  if (keda) {
    new ScaledObject(chart, `${name}-so`, {
      metadata: { name, namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicaCount: 1,
        maxReplicaCount: 20,
        pollingInterval: 30,
        cooldownPeriod: 300,
        triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }],
      },
    });
  } else {
    new k8s.KubeHorizontalPodAutoscalerV2(chart, `${name}-hpa`, {
      metadata: { name, namespace, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
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
            policies: [{ type: 'Percent', value: 100, periodSeconds: 15 },
              { type: 'Pods', value: 4, periodSeconds: 15 }],
            selectPolicy: 'Max',
          },
        },
      },
    });
  }
  new k8s.KubePodDisruptionBudget(chart, `${name}-pdb`, {
    metadata: { name, namespace, labels },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
}

for (let i = 1; i <= count; i++) {
  const namespace = tenantName(i);
  const chart = new Chart(app, namespace);
  const labels = { 'app.kubernetes.io/name': namespace, ...partOf };
  new k8s.KubeNamespace(chart, 'ns', {
    metadata: {
      name: namespace,
      labels: {
        ...labels,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.33',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.33',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.33',
      },
    },
  });
  new k8s.KubeResourceQuota(chart, 'quota', {
    metadata: { name: 'durable-task-quota', namespace, labels },
    spec: {
      hard: {
        'requests.cpu': k8s.Quantity.fromString('16'),
        'requests.memory': k8s.Quantity.fromString('32Gi'),
        'limits.cpu': k8s.Quantity.fromString('64'),
        'limits.memory': k8s.Quantity.fromString('64Gi'),
        'pods': k8s.Quantity.fromNumber(100),
        'services.loadbalancers': k8s.Quantity.fromNumber(0),
        'services.nodeports': k8s.Quantity.fromNumber(0),
      },
    },
  });
  new k8s.KubeLimitRange(chart, 'limits', {
    metadata: { name: 'durable-task-limits', namespace, labels },
    spec: {
      limits: [{
        type: 'Container',
        defaultRequest: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('128Mi') },
        default: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('512Mi') },
      }],
    },
  });
  new k8s.KubeNetworkPolicy(chart, 'deny', {
    metadata: { name: 'default-deny-all', namespace, labels },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new k8s.KubeNetworkPolicy(chart, 'dns', {
    metadata: { name: 'allow-dns-egress', namespace, labels },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
          podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        }],
        ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
          { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) }],
      }],
    },
  });
  new k8s.KubeNetworkPolicy(chart, 'https', {
    metadata: { name: 'allow-https-egress', namespace, labels },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(443) }] }],
    },
  });
  worker(chart, namespace, KEDA_WORKER, i, true);
  worker(chart, namespace, HPA_WORKER, i, false);
}
const constructed = performance.now();
app.synth();
report(started, constructed, performance.now());
