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
  /**
   * Most Services of type LoadBalancer (`services.loadbalancers`): each is a cloud load balancer rule or IP.
   *
   * @default 0
   */
  readonly loadBalancers?: number;
  /**
   * Most Services of type NodePort (`services.nodeports`): each opens a port on every node. cert-manager's HTTP-01
   * solver makes a NodePort Service unless the issuer's solver sets `serviceType: ClusterIP` (docs/troubleshooting.md).
   *
   * @default 0
   */
  readonly nodePorts?: number;
  /**
   * Most Services.
   *
   * @default - no limit
   */
  readonly services?: number;
  /**
   * Most Secrets.
   *
   * @default - no limit
   */
  readonly secrets?: number;
  /**
   * Most ConfigMaps.
   *
   * @default - no limit
   */
  readonly configMaps?: number;
  /**
   * Most PersistentVolumeClaims.
   *
   * @default - no limit
   */
  readonly persistentVolumeClaims?: number;
  /**
   * Total ephemeral storage requests (`requests.ephemeral-storage`). With it, every container must request
   * ephemeral storage: the LimitRange then gives containers without a request `limitRange.defaultEphemeralStorage`.
   *
   * @default - no limit
   */
  readonly requestsEphemeralStorage?: string;
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
  /**
   * Default ephemeral storage request (and limit) of containers without one; set only when the quota limits
   * `requestsEphemeralStorage`.
   *
   * @default '1Gi'
   */
  readonly defaultEphemeralStorage?: string;
}

/** Options of a NamespaceBaseline, without the namespace (what TaskHubTenant takes). */
export interface NamespaceBaselineOptions {
  /**
   * Create the Namespace object. Set false to adopt a namespace the platform already owns: the quota, limits and
   * policies go into it, but its labels (Pod Security Admission) stay the platform's.
   *
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Pod Security Standards version the `restricted` profile is enforced at (`v1.N` or `latest`).
   * Pinned, so a cluster upgrade does not start rejecting pods unannounced.
   *
   * @default 'v1.33'
   */
  readonly podSecurityVersion?: string;
  /**
   * ResourceQuota limits. They must fit every workload of the namespace at its maximum scale plus its 25 %
   * rollout surge (checked as workloads join the namespace: the one the quota cannot admit fails at construction).
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
