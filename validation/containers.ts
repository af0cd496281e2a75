/**
 * Per-container checks the schema cannot express but the API server (or the kubelet) enforces:
 * resource names, requests <= limits, and unique env names.
 */
import { Findings } from './context';
import { arr, dig, isObject, str } from './types';
import { PodTemplate, containersOf } from './workloads';

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const BINARY: Readonly<Record<string, number>> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Readonly<Record<string, number>> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/** Value of a resource.Quantity ("250m", "1Gi", "1e3", 2) as a number; undefined when malformed. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]?)|[eE]([+-]?\d+))$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] !== undefined) return n * BINARY[m[2]];
  if (m[4] !== undefined) return n * 10 ** Number(m[4]);
  return n * DECIMAL[m[3] ?? ''];
}

export function checkContainers(t: PodTemplate, out: Findings): void {
  for (const c of containersOf(t)) {
    const resources = c.container.resources;
    if (isObject(resources)) {
      for (const kind of ['requests', 'limits'] as const) {
        const map = resources[kind];
        if (!isObject(map)) continue;
        for (const name of Object.keys(map)) {
          if (STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.includes('/')) continue;
          out.report('schema', t.owner, `unknown resource ${name}; use cpu, memory, ephemeral-storage, hugepages-<size> or a domain-prefixed extended resource`, [...c.path, 'resources', kind, name]);
        }
      }
      const requests = isObject(resources.requests) ? resources.requests : {};
      const limits = isObject(resources.limits) ? resources.limits : {};
      for (const [name, limit] of Object.entries(limits)) {
        const req = parseQuantity(requests[name]);
        const lim = parseQuantity(limit);
        if (req !== undefined && lim !== undefined && req > lim) {
          out.report('schema', t.owner, `request ${String(requests[name])} exceeds limit ${String(limit)}`, [...c.path, 'resources', 'requests', name]);
        }
      }
    }

    const first = new Map<string, number>();
    arr(c.container.env).forEach((e, j) => {
      const name = str(dig(e, 'name'));
      if (name === undefined) return;
      const prev = first.get(name);
      if (prev === undefined) first.set(name, j);
      else out.report('env-duplicate', t.owner, `duplicate env var ${name} in container ${c.name} (first at env[${prev}])`, [...c.path, 'env', j, 'name']);
    });
  }
}
