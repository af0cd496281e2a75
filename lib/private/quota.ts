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
}

/** What a workload takes from its namespace's quota, per pod, and how many pods it runs at most. */
export interface QuotaConsumer extends IConstruct {
  readonly name: string;
  readonly maxReplicas: number;
  readonly cpuRequestCores: number;
  readonly memoryRequestBytes: number;
  readonly cpuLimitCores: number;
  readonly memoryLimitBytes: number;
}

/** Extra pods of a rolling update: the workloads' `maxSurge` (25 %, rounded up). */
const ROLLOUT_SURGE = 0.25;

/** Pods a workload runs at its maximum scale during a rollout. */
function peakPods(workload: QuotaConsumer): number {
  return workload.maxReplicas + Math.ceil(workload.maxReplicas * ROLLOUT_SURGE);
}

interface QuotaLine {
  readonly key: Exclude<keyof QuotaLimits, 'loadBalancers'>;
  readonly perPod: (w: QuotaConsumer) => number;
  readonly show: (n: number) => string;
}

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
  private readonly totals: Record<QuotaLine['key'], number> = {
    requestsCpu: 0, requestsMemory: 0, limitsCpu: 0, limitsMemory: 0, pods: 0,
  };

  public constructor(private readonly workloads: readonly QuotaConsumer[]) {}

  /** The messages of the quota lines the workloads exceed. */
  public shortfalls(limits: QuotaLimits): string[] {
    for (; this.counted < this.workloads.length; this.counted++) {
      const w = this.workloads[this.counted];
      for (const line of LINES) {
        this.totals[line.key] += peakPods(w) * line.perPod(w);
      }
    }
    const errors: string[] = [];
    for (const line of LINES) {
      const total = this.totals[line.key];
      if (total > limits[line.key] + 1e-9) {
        errors.push(shortfall(line, limits, total, this.workloads));
      }
    }
    return errors;
  }
}

function shortfall(line: QuotaLine, limits: QuotaLimits, total: number, workloads: readonly QuotaConsumer[]): string {
  const parts = workloads.map(w => (line.key === 'pods'
    ? `${w.node.path} ${peakPods(w)} pods`
    : `${w.node.path} ${peakPods(w)} pods × ${line.show(line.perPod(w))}`));
  return `'quota.${line.key}' (${line.show(limits[line.key])}) is below what the workloads need at maximum `
    + `scale during a rollout (${line.show(total)} = ${parts.join(' + ')}; a workload's pods are its maxReplicas `
    + "plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'";
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
