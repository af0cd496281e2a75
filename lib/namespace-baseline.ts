import { Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { commonLabels } from './labels';
import { checkQuantity } from './quantity';
import { addMemoizedValidation, claim, claimants, conflict, namespaceWorkloadsKey } from './registry';
import { checkCidr, checkInteger, checkOwnNamespace, fail, show } from './rules';
import { DurableWorkload } from './workload';

/** Limits of a namespace's ResourceQuota. */
export interface ResourceQuotaOptions {
  /**
   * Total CPU requests.
   *
   * @default '16'
   */
  readonly requestsCpu?: string;
  /**
   * Total memory requests.
   *
   * @default '32Gi'
   */
  readonly requestsMemory?: string;
  /**
   * Total CPU limits.
   *
   * @default '64'
   */
  readonly limitsCpu?: string;
  /**
   * Total memory limits.
   *
   * @default '64Gi'
   */
  readonly limitsMemory?: string;
  /**
   * Most pods.
   *
   * @default 100
   */
  readonly pods?: number;
}

/** Per-container defaults of a namespace's LimitRange, for containers that declare no resources. */
export interface LimitRangeOptions {
  /**
   * Default CPU request.
   *
   * @default '100m'
   */
  readonly defaultCpuRequest?: string;
  /**
   * Default memory request.
   *
   * @default '128Mi'
   */
  readonly defaultMemoryRequest?: string;
  /**
   * Default CPU limit.
   *
   * @default '500m'
   */
  readonly defaultCpuLimit?: string;
  /**
   * Default memory limit.
   *
   * @default '512Mi'
   */
  readonly defaultMemoryLimit?: string;
}

/** Options of a NamespaceBaseline, without the namespace (what TaskHubTenant takes). */
export interface NamespaceBaselineOptions {
  /**
   * Pod Security Standards version the `restricted` profile is enforced at (`v1.N` or `latest`).
   * Pinned, so a cluster upgrade does not start rejecting pods unannounced.
   *
   * @default 'v1.33'
   */
  readonly podSecurityVersion?: string;
  /**
   * ResourceQuota limits. They must fit every workload of the namespace at its maximum scale plus its 25 %
   * rollout surge (checked at synth).
   *
   * @default - see ResourceQuotaOptions
   */
  readonly quota?: ResourceQuotaOptions;
  /**
   * LimitRange defaults.
   *
   * @default - see LimitRangeOptions
   */
  readonly limitRange?: LimitRangeOptions;
  /**
   * Destinations (CIDRs) pods may reach on TCP 443: the scheduler and Microsoft Entra ID.
   * Narrow it to your scheduler's private endpoint and Entra ranges where you can.
   *
   * @default ['0.0.0.0/0']
   */
  readonly httpsEgressCidrs?: string[];
}

/** Props of {@link NamespaceBaseline}. */
export interface NamespaceBaselineProps extends NamespaceBaselineOptions {
  /** The namespace (a DNS-1123 label); it must be the namespace of the chart. */
  readonly namespaceName: string;
}

/** Extra pods of a rolling update: the workloads' `maxSurge` (25 %, rounded up). */
const ROLLOUT_SURGE = 0.25;

/**
 * The security and capacity baseline of a namespace that hosts Durable Task workloads: the Namespace with
 * Pod Security Admission `restricted` enforced, a ResourceQuota and LimitRange, and NetworkPolicies that
 * deny all traffic except DNS and HTTPS egress. Workloads add their own allow rules (e.g. DurableApi admits
 * its ingress controller).
 */
export class NamespaceBaseline extends Construct {
  /** The namespace name. */
  public readonly namespaceName: string;
  /** The Namespace object. */
  public readonly namespaceObject: k8s.KubeNamespace;
  /** The ResourceQuota. */
  public readonly resourceQuota: k8s.KubeResourceQuota;
  /** The LimitRange. */
  public readonly limitRange: k8s.KubeLimitRange;
  /** The NetworkPolicies: default deny, DNS egress, HTTPS egress. */
  public readonly networkPolicies: k8s.KubeNetworkPolicy[];

  public constructor(scope: Construct, id: string, props: NamespaceBaselineProps) {
    super(scope, id);
    checkOwnNamespace(this, 'namespaceName', props.namespaceName);
    const chartNamespace = Chart.of(this).namespace;
    if (chartNamespace === undefined) {
      fail(this, `has no namespace: create it in a Chart with 'namespace: ${show(props.namespaceName)}', so that the quota and policies apply to the chart's workloads`);
    }
    if (chartNamespace !== props.namespaceName) {
      fail(this, `'namespaceName' (${show(props.namespaceName)}) must be the namespace of its chart (${show(chartNamespace)}), so that the quota and policies apply to the chart's workloads`);
    }
    this.namespaceName = props.namespaceName;
    const version = props.podSecurityVersion ?? 'v1.33';
    if (!/^(v1\.\d{1,2}|latest)$/.test(version)) {
      fail(this, `'podSecurityVersion' (${show(version)}) must be "latest" or a Kubernetes minor version like "v1.33"`);
    }
    const labels = commonLabels(props.namespaceName);

    this.namespaceObject = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name: props.namespaceName,
        labels: {
          ...labels,
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': version,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': version,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': version,
        },
      },
    });
    // A Namespace is cluster-scoped; the chart's namespace must not be stamped on it.
    this.namespaceObject.addJsonPatch(JsonPatch.remove('/metadata/namespace'));

    const quota = {
      requestsCpu: props.quota?.requestsCpu ?? '16',
      requestsMemory: props.quota?.requestsMemory ?? '32Gi',
      limitsCpu: props.quota?.limitsCpu ?? '64',
      limitsMemory: props.quota?.limitsMemory ?? '64Gi',
      pods: props.quota?.pods ?? 100,
    };
    const quotaValues = {
      requestsCpu: checkQuantity(this, 'quota.requestsCpu', quota.requestsCpu),
      requestsMemory: checkQuantity(this, 'quota.requestsMemory', quota.requestsMemory),
      limitsCpu: checkQuantity(this, 'quota.limitsCpu', quota.limitsCpu),
      limitsMemory: checkQuantity(this, 'quota.limitsMemory', quota.limitsMemory),
      pods: quota.pods,
    };
    checkInteger(this, 'quota.pods', quota.pods, 1);
    this.resourceQuota = new k8s.KubeResourceQuota(this, 'ResourceQuota', {
      metadata: { name: 'durable-task-quota', labels },
      spec: {
        hard: {
          'requests.cpu': k8s.Quantity.fromString(quota.requestsCpu),
          'requests.memory': k8s.Quantity.fromString(quota.requestsMemory),
          'limits.cpu': k8s.Quantity.fromString(quota.limitsCpu),
          'limits.memory': k8s.Quantity.fromString(quota.limitsMemory),
          'pods': k8s.Quantity.fromNumber(quota.pods),
        },
      },
    });

    const limitRange = {
      defaultCpuRequest: props.limitRange?.defaultCpuRequest ?? '100m',
      defaultMemoryRequest: props.limitRange?.defaultMemoryRequest ?? '128Mi',
      defaultCpuLimit: props.limitRange?.defaultCpuLimit ?? '500m',
      defaultMemoryLimit: props.limitRange?.defaultMemoryLimit ?? '512Mi',
    };
    const cpuRequest = checkQuantity(this, 'limitRange.defaultCpuRequest', limitRange.defaultCpuRequest);
    const memoryRequest = checkQuantity(this, 'limitRange.defaultMemoryRequest', limitRange.defaultMemoryRequest);
    if (checkQuantity(this, 'limitRange.defaultCpuLimit', limitRange.defaultCpuLimit) < cpuRequest) {
      fail(this, `'limitRange.defaultCpuLimit' (${show(limitRange.defaultCpuLimit)}) must be >= 'limitRange.defaultCpuRequest' (${show(limitRange.defaultCpuRequest)})`);
    }
    if (checkQuantity(this, 'limitRange.defaultMemoryLimit', limitRange.defaultMemoryLimit) < memoryRequest) {
      fail(this, `'limitRange.defaultMemoryLimit' (${show(limitRange.defaultMemoryLimit)}) must be >= 'limitRange.defaultMemoryRequest' (${show(limitRange.defaultMemoryRequest)})`);
    }
    this.limitRange = new k8s.KubeLimitRange(this, 'LimitRange', {
      metadata: { name: 'durable-task-limits', labels },
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: { cpu: k8s.Quantity.fromString(limitRange.defaultCpuRequest), memory: k8s.Quantity.fromString(limitRange.defaultMemoryRequest) },
          default: { cpu: k8s.Quantity.fromString(limitRange.defaultCpuLimit), memory: k8s.Quantity.fromString(limitRange.defaultMemoryLimit) },
        }],
      },
    });

    const cidrs = props.httpsEgressCidrs ?? ['0.0.0.0/0'];
    if (cidrs.length === 0) {
      fail(this, `'httpsEgressCidrs' is empty: pods need HTTPS egress to reach the scheduler and Microsoft Entra ID`);
    }
    cidrs.forEach((cidr, i) => checkCidr(this, `httpsEgressCidrs[${i}]`, cidr));

    this.networkPolicies = [
      new k8s.KubeNetworkPolicy(this, 'DefaultDeny', {
        metadata: { name: 'default-deny-all', labels },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      }),
      new k8s.KubeNetworkPolicy(this, 'AllowDns', {
        metadata: { name: 'allow-dns-egress', labels },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{
            to: [{
              namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            }],
            ports: [
              { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
              { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
            ],
          }],
        },
      }),
      new k8s.KubeNetworkPolicy(this, 'AllowHttpsEgress', {
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

    const claims = claim(this, `Namespace:${props.namespaceName}`);
    // A ResourceQuota covers its whole namespace, whichever chart a workload is in. Workloads register with
    // their namespace as they are created; the list is held from here on, so no validation walks the tree
    // (cdk8s validates the whole app once per chart it synthesizes).
    const workloads = claimants(this, namespaceWorkloadsKey(props.namespaceName)) as readonly DurableWorkload[];
    addMemoizedValidation(this, () => claims.length + workloads.length * 0x10000, () => [
      ...conflict(this, claims, first => `namespace ${show(this.namespaceName)} is already created by ${first}: every tenant needs a namespace of its own`),
      ...this.validateQuotaFits(quotaValues, workloads),
    ]);
  }

  /**
   * The quota must admit every workload of the chart at its maximum scale plus its rollout surge (25 %),
   * or scale-out and rollouts silently stall.
   */
  private validateQuotaFits(quota: { requestsCpu: number; requestsMemory: number; limitsCpu: number; limitsMemory: number; pods: number },
    workloads: readonly DurableWorkload[]): string[] {
    const total = { requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0 };
    for (const w of workloads) {
      const pods = w.maxReplicas + Math.ceil(w.maxReplicas * ROLLOUT_SURGE);
      total.requestsCpu += pods * w.cpuRequestCores;
      total.requestsMemory += pods * w.memoryRequestBytes;
      total.limitsCpu += pods * w.cpuLimitCores;
      total.limitsMemory += pods * w.memoryLimitBytes;
      total.pods += pods;
    }
    const errors: string[] = [];
    const check = (key: keyof typeof total, prop: string, unit: (n: number) => string) => {
      if (total[key] > quota[key] + 1e-9) {
        errors.push(`'quota.${prop}' (${unit(quota[key])}) is below what the workloads need at maximum scale during a rollout (${unit(total[key])}): raise the quota or lower 'maxReplicas'`);
      }
    };
    check('requestsCpu', 'requestsCpu', n => `${round(n)} CPU`);
    check('requestsMemory', 'requestsMemory', n => `${round(n / 2 ** 30)}Gi`);
    check('limitsCpu', 'limitsCpu', n => `${round(n)} CPU`);
    check('limitsMemory', 'limitsMemory', n => `${round(n / 2 ** 30)}Gi`);
    check('pods', 'pods', n => `${n} pods`);
    return errors;
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

