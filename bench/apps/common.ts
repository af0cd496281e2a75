/**
 * Shared inputs of the benchmark apps, so that `ours.ts` and `handwritten.ts` describe exactly the same
 * tenants. Each app takes the tenant count as its first argument and writes to `CDK8S_OUTDIR`.
 */
export const ENDPOINT = 'https://durable-bench.westus2.durabletask.io';
export const IMAGE = 'myregistry.azurecr.io/durable-worker:1.0.0';
/** `name` of the KEDA-scaled worker of every tenant. */
export const KEDA_WORKER = 'worker-keda';
/** `name` of the HPA-scaled worker of every tenant. */
export const HPA_WORKER = 'worker-hpa';

/** The tenant count (argv[2], default 1). */
export function tenantCount(argv: readonly string[] = process.argv): number {
  const n = Number(argv[2] ?? '1');
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`tenant count must be an integer >= 1, got ${JSON.stringify(argv[2])}`);
  }
  return n;
}

/** Namespace, task hub and chart id of tenant `i` (1-based). */
export function tenantName(i: number): string {
  return `tenant-${String(i).padStart(4, '0')}`;
}

/** A distinct workload identity client id per tenant. */
export function clientId(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

/**
 * Prints one JSON line with the in-process phases (ms since process start): when the app's own code
 * started (after node start-up and module loading), when the construct tree was built, and when synth
 * returned; plus the peak RSS as the process itself sees it.
 */
export function report(started: number, constructed: number, synthesized: number): void {
  const line = {
    loadMs: round(started),
    constructMs: round(constructed - started),
    synthMs: round(synthesized - constructed),
    maxRssKiB: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
