import { Construct, IConstruct } from 'constructs';
import { show } from './private/input-checks';
import { findWorkloads } from './private/inventory';

/**
 * A Mermaid diagram of a synthesized app drawn from its construct tree: namespaces with their workloads (and how
 * each scales), the task hubs they work on, the workload identities they run as, and how APIs are exposed. Put it
 * in the README or a pull request (GitHub renders ```mermaid blocks) next to the identity plan.
 */
export class AppDiagram {
  /** The diagram of every DurableWorker and DurableApi under `scope` (usually the app). */
  public static of(scope: IConstruct): AppDiagram {
    if (!Construct.isConstruct(scope)) {
      throw new Error(`AppDiagram.of: 'scope' (${show(scope)}) must be a construct, usually the app`);
    }
    return new AppDiagram(render(scope));
  }

  private constructor(private readonly text: string) {}

  /** The Mermaid `flowchart` source. */
  public toMermaid(): string {
    return this.text;
  }
}

function render(scope: IConstruct): string {
  const workloads = findWorkloads(scope);
  const ids = new Map<string, string>();
  const idOf = (key: string, prefix: string) => {
    const found = ids.get(key);
    if (found) return found;
    const id = `${prefix}${ids.size + 1}`;
    ids.set(key, id);
    return id;
  };
  const quote = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
  const lines = ['flowchart LR'];
  const namespaces = [...new Set(workloads.map(w => w.namespace))];
  for (const ns of namespaces) {
    lines.push(`  subgraph ${idOf(`ns:${ns}`, 'ns')}[${quote(`namespace ${ns}`)}]`);
    for (const w of workloads.filter(x => x.namespace === ns)) {
      const id = idOf(`w:${w.path}`, 'w');
      lines.push(`    ${id}[${quote(`${w.kind === 'api' ? 'API' : 'worker'} ${w.name}<br/>${w.scaling}`)}]`);
    }
    lines.push('  end');
  }
  const edges: string[] = [];
  const nodes: string[] = [];
  const node = (key: string, prefix: string, shape: (label: string) => string, label: string) => {
    const known = ids.has(key);
    const id = idOf(key, prefix);
    if (!known) nodes.push(`  ${id}${shape(quote(label))}`);
    return id;
  };
  for (const w of workloads) {
    const wid = ids.get(`w:${w.path}`)!;
    const host = w.endpoints[0] ? new URL(w.endpoints[0]).host : 'scheduler';
    const hub = node(`hub:${host}/${w.taskHub.toLowerCase()}`, 'hub', l => `[(${l})]`,
      `task hub ${w.taskHub}<br/>${host}`);
    edges.push(`  ${wid} -->|${w.kind === 'api' ? 'client' : 'worker'}| ${hub}`);
    if (w.identityKey) {
      const label = w.clientId ? `identity ${w.clientId}` : `identity from ConfigMap<br/>${w.clientIdConfigMap}`;
      const idn = node(`id:${w.identityKey}`, 'id', l => `{{${l}}}`, label);
      edges.push(`  ${wid} -.->|${w.serviceAccount}| ${idn}`);
    }
    for (const s of w.scalerIdentities) {
      const idn = node(`id:${s.clientId.toLowerCase()}`, 'id', l => `{{${l}}}`, `identity ${s.clientId}`);
      edges.push(`  ${wid} -.->|KEDA ${s.triggerType}| ${idn}`);
    }
    for (const e of w.exposure) {
      const ex = node(`ex:${e}`, 'ex', l => `([${l}])`, e);
      edges.push(`  ${ex} --> ${wid}`);
    }
  }
  return [...lines, ...nodes, ...edges].join('\n') + '\n';
}
