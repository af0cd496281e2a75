// The identity plan and diagram of the reference app (what main.ts synthesizes), for `npm run identities`.
import { AppDiagram, DurableApp, IdentityPlan } from '../lib';
import { buildReferenceApp } from './reference-app';
import { loadAppSettings } from './settings';

/** Markdown (plan table and Mermaid diagram), JSON (plan) or Mermaid (diagram) of the reference app. */
export function renderIdentityReport(format: 'markdown' | 'json' | 'mermaid', env = process.env): string {
  // Built, never synthesized; a DurableApp because the reference app puts each tenant's files into a folder.
  const app = new DurableApp({ outdir: 'unused' });
  const ref = buildReferenceApp(app, loadAppSettings(env));
  const schedulers = ref.tenantsFile?.schedulerResources ?? [];
  const plan = IdentityPlan.of(app, { schedulers });
  const diagram = AppDiagram.of(app).toMermaid();
  switch (format) {
    case 'json': return JSON.stringify(plan.toJson(), null, 2) + '\n';
    case 'mermaid': return diagram;
    default: return ['## Workload identities', '', plan.toMarkdown(), '## App', '', '```mermaid',
      diagram.trimEnd(), '```', ''].join('\n');
  }
}
