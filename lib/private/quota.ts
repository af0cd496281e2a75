import { IConstruct } from 'constructs';

/** A namespace's ResourceQuota limits, in cores, bytes and pods. */
export interface QuotaLimits {
  readonly requestsCpu: number;
  readonly requestsMemory: number;
  readonly limitsCpu: number;
  readonly limitsMemory: number;
  readonly pods: number;
  /** Services of type LoadBalancer. */
  readonly loadBalancers?: number;
  /** Services of any type, when limited. */
  readonly services?: number;
  /** `requests.ephemeral-storage` in bytes, when limited. */
  readonly requestsEphemeralStorage?: number;
  /** The LimitRange's ephemeral storage request of each container (the workloads declare none), in bytes. */
  readonly defaultEphemeralStorage?: number;
}

/** The registry group of the objects of a namespace that make a Service (for its quota's `services`). */
export function namespaceServices(namespace: string): string {
  return `services:${namespace}`;
}

/** What a workload takes from its namespace's quota, per pod, and how many pods it runs at most. */
export interface QuotaConsumer extends IConstruct {
  readonly name: string;
  readonly maxReplicas: number;
  readonly cpuRequestCores: number;
  readonly memoryRequestBytes: number;
  readonly cpuLimitCores: number;
  readonly memoryLimitBytes: number;
  /** Extra pods during a rollout, when not the rolling update's 25 % (the emulator's Recreate strategy: 0). */
  readonly _surgePods?: number;
}

/** Extra pods of a rolling update: the workloads' `maxSurge` (25 %, rounded up). */
const ROLLOUT_SURGE = 0.25;

/** Pods a workload runs at its maximum scale during a rollout. */
function peakPods(workload: QuotaConsumer): number {
  return workload.maxReplicas + (workload._surgePods ?? Math.ceil(workload.maxReplicas * ROLLOUT_SURGE));
}

interface QuotaLine {
  readonly key: 'requestsCpu' | 'requestsMemory' | 'limitsCpu' | 'limitsMemory' | 'pods' | 'requestsEphemeralStorage';
  readonly perPod: (w: QuotaConsumer) => number;
  readonly show: (n: number) => string;
  /** What to do, when not "raise the quota or lower 'maxReplicas'". */
  readonly remedy?: string;
}

/** The lines totalled per workload (ephemeral storage is the pods times the LimitRange's default). */
type TotalKey = Exclude<QuotaLine['key'], 'requestsEphemeralStorage'>;

const cpu = (n: number): string => `${round(n)} CPU`;
const gibibytes = (n: number): string => `${round(n / 2 ** 30)}Gi`;

/**
 * Load balancers the namespace's APIs ask for must fit `services.loadbalancers`, or the API server refuses their
 * Services ("exceeded quota") when they are applied.
 */
export function loadBalancerShortfall(limits: QuotaLimits, owners: readonly IConstruct[]): string[] {
  const allowed = limits.loadBalancers ?? 0;
  if (owners.length <= allowed) {
    return [];
  }
  return [`'quota.loadBalancers' (${allowed}) admits fewer LoadBalancer Services than the namespace's APIs have `
    + `(${owners.length}: ${owners.map(o => o.node.path).join(', ')}): raise 'quota.loadBalancers'`];
}

/** Services of the namespace's APIs and emulators must fit `services`, or the API server refuses them. */
export function serviceShortfall(limits: QuotaLimits, owners: readonly IConstruct[]): string[] {
  if (limits.services === undefined || owners.length <= limits.services) {
    return [];
  }
  return [`'quota.services' (${limits.services}) admits fewer Services than the namespace's APIs and emulators have `
    + `(${owners.length}: ${owners.map(o => o.node.path).join(', ')}): raise 'quota.services'`];
}

const LINES: readonly QuotaLine[] = Object.freeze([
  { key: 'requestsCpu', perPod: w => w.cpuRequestCores, show: cpu },
  { key: 'requestsMemory', perPod: w => w.memoryRequestBytes, show: gibibytes },
  { key: 'limitsCpu', perPod: w => w.cpuLimitCores, show: cpu },
  { key: 'limitsMemory', perPod: w => w.memoryLimitBytes, show: gibibytes },
  { key: 'pods', perPod: () => 1, show: n => `${n} pods` },
]);

/**
 * The quota must admit every workload of the namespace at its maximum scale plus its rollout surge (25 %), or
 * scale-out and rollouts silently stall. One message per quota line that is too small, naming the workloads that
 * make up the total.
 *
 * The check runs each time a workload joins the namespace, so the totals are kept incrementally: the namespace's
 * workload list only grows (the registry appends) and each workload's numbers are fixed at construction, so each
 * workload is added once, however often the check runs.
 */
export class QuotaTotals {
  private counted = 0;
  private readonly totals: Record<TotalKey, number> = {
    requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0,
  };

  public constructor(private readonly workloads: readonly QuotaConsumer[]) {}

  /** The messages of the quota lines the workloads exceed. */
  public shortfalls(limits: QuotaLimits): string[] {
    for (; this.counted < this.workloads.length; this.counted++) {
      const w = this.workloads[this.counted];
      for (const line of LINES) {
        this.totals[line.key as TotalKey] += peakPods(w) * line.perPod(w);
      }
    }
    const errors: string[] = [];
    for (const line of LINES) {
      const key = line.key as TotalKey;
      const total = this.totals[key];
      if (total > limits[key] + 1e-9) {
        errors.push(shortfall(line, limits[key], total, this.workloads));
      }
    }
    return [...errors, ...this.ephemeralShortfall(limits)];
  }

  /**
   * Each container requests the LimitRange's default ephemeral storage (the workloads declare none), so the quota's
   * `requests.ephemeral-storage` must admit the peak pods times that default.
   */
  private ephemeralShortfall(limits: QuotaLimits): string[] {
    const { requestsEphemeralStorage: limit, defaultEphemeralStorage: perPod } = limits;
    if (limit === undefined || perPod === undefined || this.totals.pods * perPod <= limit) {
      return [];
    }
    const line: QuotaLine = { key: 'requestsEphemeralStorage', perPod: () => perPod, show: gibibytes,
      remedy: "raise the quota, lower 'limitRange.defaultEphemeralStorage' (each container's request) or lower "
        + "'maxReplicas'" };
    return [shortfall(line, limit, this.totals.pods * perPod, this.workloads)];
  }
}

function shortfall(line: QuotaLine, limit: number, total: number, workloads: readonly QuotaConsumer[]): string {
  const parts = workloads.map(w => (line.key === 'pods'
    ? `${w.node.path} ${peakPods(w)} pods`
    : `${w.node.path} ${peakPods(w)} pods × ${line.show(line.perPod(w))}`));
  return `'quota.${line.key}' (${line.show(limit)}) is below what the workloads need at maximum `
    + `scale during a rollout (${line.show(total)} = ${parts.join(' + ')}; a workload's pods are its maxReplicas `
    + `plus the 25 % rollout surge): ${line.remedy ?? "raise the quota or lower 'maxReplicas'"}`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
