/**
 * Per-container checks the schema cannot express but the API server (or the kubelet) enforces:
 * resource names, requests <= limits, unique env names, and image references the container runtime can parse.
 */
import { Findings } from './context';
import { imageReferenceProblem, parseQuantity } from './k8s-facts';
import { arr, dig, isObject, own, str } from './types';
import { PodTemplate, containersOf } from './workloads';

const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

/** A request or limit as written: a quantity string, or a number (JSON numbers are quantities too). */
function quantityValue(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  return typeof q === 'string' ? parseQuantity(q) : undefined;
}

export function checkContainers(t: PodTemplate, out: Findings): void {
  for (const c of containersOf(t)) {
    const image = str(c.container.image);
    const problem = image === undefined ? undefined : imageReferenceProblem(image);
    if (problem !== undefined) {
      out.report('image-reference', t.owner, `image ${JSON.stringify(image)} of container ${c.name} ${problem}`,
        [...c.path, 'image']);
    }
    const resources = c.container.resources;
    if (isObject(resources)) {
      for (const kind of ['requests', 'limits'] as const) {
        const map = resources[kind];
        if (!isObject(map)) continue;
        for (const name of Object.keys(map)) {
          if (STANDARD_RESOURCES.has(name) || name.startsWith('hugepages-') || name.includes('/')) continue;
          out.report('schema', t.owner, `unknown resource ${name}; use cpu, memory, ephemeral-storage, `
            + `hugepages-<size> or a domain-prefixed extended resource`, [...c.path, 'resources', kind, name]);
        }
      }
      const requests = isObject(resources.requests) ? resources.requests : {};
      const limits = isObject(resources.limits) ? resources.limits : {};
      for (const [name, limit] of Object.entries(limits)) {
        const req = quantityValue(own(requests, name));
        const lim = quantityValue(limit);
        if (req !== undefined && lim !== undefined && req > lim) {
          out.report('schema', t.owner, `request ${String(own(requests, name))} exceeds limit ${String(limit)}`,
            [...c.path, 'resources', 'requests', name]);
        }
      }
    }

    const first = new Map<string, number>();
    arr(c.container.env).forEach((e, j) => {
      const name = str(dig(e, 'name'));
      if (name === undefined) return;
      const prev = first.get(name);
      if (prev === undefined) first.set(name, j);
      else {
        out.report('env-duplicate', t.owner, `duplicate env var ${name} in container ${c.name} (first at env[${prev}])`,
          [...c.path, 'env', j, 'name']);
      }
    });
  }
}
