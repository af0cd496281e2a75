import { App, Chart, Testing } from 'cdk8s';
import { NamespaceBaseline } from '../lib';
import { formatFinding, validateManifests } from '../validation/index';

// What the generated-input tests (generated-*.test.ts) share: a seeded generator, the outcome of one case, and the
// rule every case keeps: it fails with a plain Error that says where (construct path, factory or file field) and
// what, or its output passes the manifest validator with no finding.

/** mulberry32: a small seeded generator, so every run tries the same inputs. */
export function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A case's result: the error it threw, or the validator's findings on its output. */
export interface Outcome {
  readonly error?: Error;
  readonly findings: string[];
}

/** Runs a case; what it throws is its outcome. */
export function attempt(run: () => Outcome): Outcome {
  try {
    return run();
  } catch (e) {
    return { error: e as Error, findings: [] };
  }
}

/** The validator's findings on the manifests, as messages. */
export function findingsOf(manifests: readonly unknown[]): Outcome {
  return { findings: validateManifests(manifests).map(formatFinding) };
}

/**
 * Every chart of the app synthesized and validated, with a NamespaceBaseline for each namespace the charts use but
 * do not create (a tenant without a baseline runs in a namespace whose baseline is made elsewhere).
 */
export function synthAll(app: App): Outcome {
  const manifests = app.charts.flatMap(chart => Testing.synth(chart));
  const created = new Set(manifests.filter(m => m.kind === 'Namespace').map(m => m.metadata.name));
  const elsewhere = [...new Set(manifests.map(m => m.metadata?.namespace as string | undefined))]
    .filter((ns): ns is string => ns !== undefined && !created.has(ns)).flatMap(ns => {
    const chart = new Chart(Testing.app(), ns, { namespace: ns });
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: ns });
    return Testing.synth(chart);
  });
  return findingsOf([...elsewhere, ...manifests]);
}

/** An input as the report shows it (non-finite numbers, which JSON drops, as text). */
export function describeInput(input: unknown, replace: (value: unknown) => unknown = v => v): string {
  return typeof input === 'string' ? input
    : JSON.stringify(input, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : replace(v)));
}

/**
 * The rule of every case: a plain Error (not a TypeError or RangeError from deep inside) whose message starts with
 * `place`, or output without a finding. The input is part of what is compared, so a failure shows it.
 */
export function expectKept(outcome: Outcome, described: string, place: RegExp): void {
  if (outcome.error) {
    const { error } = outcome;
    const { message } = error;
    expect({ input: described, type: error.constructor.name, placed: place.test(message), message })
      .toEqual({ input: described, type: 'Error', placed: true, message });
  } else {
    expect({ input: described, findings: outcome.findings }).toEqual({ input: described, findings: [] });
  }
}
