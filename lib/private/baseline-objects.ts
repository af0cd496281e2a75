import { JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { LimitRangeOptions, ResourceQuotaOptions } from '../namespace-baseline-options';
import { checkEgressCidr } from './egress-cidrs';
import { checkInteger, fail, show } from './input-checks';
import { checkContainerMemory, checkMemoryQuantity, checkQuantity } from './quantity';
import { parseQuantity } from './k8s-facts';
import { NAMESPACE_NAME_LABEL } from './labels';
import { QuotaLimits } from './quota';

/** Pod Security Admission labels that enforce, audit and warn on `restricted` at a pinned version. */
function podSecurityLabels(version: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const mode of ['enforce', 'audit', 'warn']) {
    labels[`pod-security.kubernetes.io/${mode}`] = 'restricted';
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  return labels;
}

/** The Namespace, with Pod Security Admission `restricted` enforced. */
export function renderNamespace(scope: Construct, name: string, version: string,
  labels: Record<string, string>): k8s.KubeNamespace {
  // Pod Security Admission's own pattern (`^v1\.([0-9]|[1-9][0-9]*)$`): it rejects a Namespace with "v1.01".
  if (typeof version !== 'string' || !/^(v1\.(0|[1-9][0-9]?)|latest)$/.test(version)) {
    fail(scope, `'podSecurityVersion' (${show(version)}) must be "latest" or a Kubernetes minor version like "v1.33"`);
  }
  const namespace = new k8s.KubeNamespace(scope, 'Namespace', {
    metadata: { name, labels: { ...labels, ...podSecurityLabels(version) } },
  });
  // A Namespace is cluster-scoped; the chart's namespace must not be stamped on it.
  namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return namespace;
}

/** The ResourceQuota, and its limits parsed for the quota-fit check. */
export function renderResourceQuota(scope: Construct, options: ResourceQuotaOptions | undefined,
  labels: Record<string, string>): { quota: k8s.KubeResourceQuota; limits: QuotaLimits } {
  const given = {
    requestsCpu: options?.requestsCpu ?? '16',
    requestsMemory: options?.requestsMemory ?? '32Gi',
    limitsCpu: options?.limitsCpu ?? '64',
    limitsMemory: options?.limitsMemory ?? '64Gi',
    pods: options?.pods ?? 100,
  };
  const limits: QuotaLimits = {
    requestsCpu: checkQuantity(scope, 'quota.requestsCpu', given.requestsCpu),
    requestsMemory: checkMemoryQuantity(scope, 'quota.requestsMemory', given.requestsMemory),
    limitsCpu: checkQuantity(scope, 'quota.limitsCpu', given.limitsCpu),
    limitsMemory: checkMemoryQuantity(scope, 'quota.limitsMemory', given.limitsMemory),
    pods: given.pods,
  };
  checkInteger(scope, 'quota.pods', given.pods, 1);
  const counts = objectCounts(scope, options);
  const loadBalancers = options?.loadBalancers ?? 0;
  const quota = new k8s.KubeResourceQuota(scope, 'ResourceQuota', {
    metadata: { name: 'durable-task-quota', labels },
    spec: {
      hard: {
        'requests.cpu': k8s.Quantity.fromString(given.requestsCpu),
        'requests.memory': k8s.Quantity.fromString(given.requestsMemory),
        'limits.cpu': k8s.Quantity.fromString(given.limitsCpu),
        'limits.memory': k8s.Quantity.fromString(given.limitsMemory),
        'pods': k8s.Quantity.fromNumber(given.pods),
        ...counts,
      },
    },
  });
  const ephemeral = options?.requestsEphemeralStorage;
  return { quota, limits: { ...limits, loadBalancers, services: options?.services,
    ...(ephemeral !== undefined ? { requestsEphemeralStorage: parseQuantity(ephemeral) } : {}) } };
}

/**
 * Object counts and ephemeral storage of the quota: load balancers and node ports 0 unless allowed (multi-tenancy
 * checklists: a tenant must not open cloud load balancers or node ports by itself), the rest only when given.
 */
function objectCounts(scope: Construct, options: ResourceQuotaOptions | undefined): Record<string, k8s.Quantity> {
  const counts: Array<[string, string, number | undefined]> = [
    ['services.loadbalancers', 'loadBalancers', options?.loadBalancers ?? 0],
    ['services.nodeports', 'nodePorts', options?.nodePorts ?? 0],
    ['services', 'services', options?.services],
    ['secrets', 'secrets', options?.secrets],
    ['configmaps', 'configMaps', options?.configMaps],
    ['persistentvolumeclaims', 'persistentVolumeClaims', options?.persistentVolumeClaims],
  ];
  const hard: Record<string, k8s.Quantity> = {};
  for (const [resource, prop, value] of counts) {
    if (value !== undefined) {
      checkInteger(scope, `quota.${prop}`, value, 0);
      hard[resource] = k8s.Quantity.fromNumber(value);
    }
  }
  if (options?.requestsEphemeralStorage !== undefined) {
    checkMemoryQuantity(scope, 'quota.requestsEphemeralStorage', options.requestsEphemeralStorage, 'storage');
    hard['requests.ephemeral-storage'] = k8s.Quantity.fromString(options.requestsEphemeralStorage);
  }
  return hard;
}

const DEFAULT_EPHEMERAL_STORAGE = '1Gi';

/** The LimitRange's ephemeral storage request of each container, in bytes (checked by renderLimitRange). */
export function defaultEphemeralStorageBytes(options: LimitRangeOptions | undefined): number | undefined {
  return parseQuantity(options?.defaultEphemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE);
}

/** The LimitRange: per-container defaults for containers that declare no resources. */
export function renderLimitRange(scope: Construct, options: LimitRangeOptions | undefined,
  labels: Record<string, string>, withEphemeralStorage: boolean): k8s.KubeLimitRange {
  const given = {
    defaultCpuRequest: options?.defaultCpuRequest ?? '100m',
    defaultMemoryRequest: options?.defaultMemoryRequest ?? '128Mi',
    defaultCpuLimit: options?.defaultCpuLimit ?? '500m',
    defaultMemoryLimit: options?.defaultMemoryLimit ?? '512Mi',
  };
  const cpuRequest = checkQuantity(scope, 'limitRange.defaultCpuRequest', given.defaultCpuRequest);
  const memoryRequest = checkContainerMemory(scope, 'limitRange.defaultMemoryRequest', given.defaultMemoryRequest);
  if (checkQuantity(scope, 'limitRange.defaultCpuLimit', given.defaultCpuLimit) < cpuRequest) {
    fail(scope, `'limitRange.defaultCpuLimit' (${show(given.defaultCpuLimit)}) must be >= `
      + `'limitRange.defaultCpuRequest' (${show(given.defaultCpuRequest)})`);
  }
  if (checkContainerMemory(scope, 'limitRange.defaultMemoryLimit', given.defaultMemoryLimit, true) < memoryRequest) {
    fail(scope, `'limitRange.defaultMemoryLimit' (${show(given.defaultMemoryLimit)}) must be >= `
      + `'limitRange.defaultMemoryRequest' (${show(given.defaultMemoryRequest)})`);
  }
  const ephemeralStorage = options?.defaultEphemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE;
  checkMemoryQuantity(scope, 'limitRange.defaultEphemeralStorage', ephemeralStorage, 'storage');
  if (!withEphemeralStorage && options?.defaultEphemeralStorage !== undefined) {
    fail(scope, `'limitRange.defaultEphemeralStorage' (${show(options.defaultEphemeralStorage)}) needs `
      + "'quota.requestsEphemeralStorage': only with that quota line does the LimitRange give containers ephemeral "
      + 'storage');
  }
  const ephemeral: Record<string, k8s.Quantity> = withEphemeralStorage
    ? { 'ephemeral-storage': k8s.Quantity.fromString(ephemeralStorage) } : {};
  return new k8s.KubeLimitRange(scope, 'LimitRange', {
    metadata: { name: 'durable-task-limits', labels },
    spec: {
      limits: [{
        type: 'Container',
        defaultRequest: {
          cpu: k8s.Quantity.fromString(given.defaultCpuRequest),
          memory: k8s.Quantity.fromString(given.defaultMemoryRequest),
          ...ephemeral,
        },
        default: {
          cpu: k8s.Quantity.fromString(given.defaultCpuLimit),
          memory: k8s.Quantity.fromString(given.defaultMemoryLimit),
          ...ephemeral,
        },
      }],
    },
  });
}

/** Default deny, then DNS egress to kube-dns and HTTPS egress to the given CIDRs. */
export function renderBaselinePolicies(scope: Construct, httpsEgressCidrs: string[] | undefined,
  labels: Record<string, string>): k8s.KubeNetworkPolicy[] {
  const cidrs = httpsEgressCidrs ?? ['0.0.0.0/0'];
  if (cidrs.length === 0) {
    fail(scope, "'httpsEgressCidrs' is empty: pods need HTTPS egress to reach the scheduler and Microsoft Entra ID");
  }
  cidrs.forEach((cidr, i) => checkEgressCidr(scope, `httpsEgressCidrs[${i}]`, cidr));
  return [
    new k8s.KubeNetworkPolicy(scope, 'DefaultDeny', {
      metadata: { name: 'default-deny-all', labels },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    }),
    new k8s.KubeNetworkPolicy(scope, 'AllowDns', {
      metadata: { name: 'allow-dns-egress', labels },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: [{
            namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          }],
          ports: [
            { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
            { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
          ],
        }],
      },
    }),
    new k8s.KubeNetworkPolicy(scope, 'AllowHttpsEgress', {
      metadata: { name: 'allow-https-egress', labels },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{
          to: cidrs.map(cidr => ({ ipBlock: { cidr } })),
          ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(443) }],
        }],
      },
    }),
  ];
}
