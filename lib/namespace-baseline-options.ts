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
