#!/usr/bin/env node
// Extracts every ```ts block of README.md, docs/*.md and validation/README.md into TypeScript files, so the consumer
// test compiles (and where they are whole apps, synthesizes and validates) exactly what the docs show: no copies that
// drift. test/scripts/snippets.test.ts fails when another Markdown file holds a ```ts block that is not read here.
//
//   node scripts/snippets.mjs <outdir>      writes <outdir>/*.ts and prints a JSON manifest of what it wrote
//   extract(outdir, from)                   the same from the Markdown of the checkout `from` (default: this one)
//
// A block is classified by an HTML comment on the line before its fence, or else by its content:
//   <!-- snippet: main.ts -->            the consumer project's main.ts (README "Your own cdk8s app")
//   <!-- snippet: preamble -->           declarations the fragments continue from (README "Examples")
//   <!-- snippet: module -->             a whole file with its own imports: compiled on its own, not run
//   <!-- snippet: skip: <reason> -->     not compiled; listed with its reason
//   a block that creates an App          a whole app: its own file; run and validated when it calls app.synth()
//   any other block                      a fragment: all fragments of one document go into one file, each in its
//                                        own { block }, after PREAMBLE below, so they compile (and for the
//                                        README run) together, which also proves they can be combined.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The library's public API, imported by every fragment file (re-exported so no import is "unused"). */
const PUBLIC_API = [
  'DurableApi', 'DurableApp', 'DurableServiceAccount', 'DurableTaskScheduler', 'DurableWorker', 'HealthProbe',
  'KedaTrigger', 'NamespaceBaseline', 'PrometheusAuthMode', 'Scaling', 'SchedulerAuthentication', 'TaskHubTenant',
  'WorkItemType', 'WorkloadIdentity',
];

/**
 * What the README's "Examples" say the fragments continue from: the quick start's `app` and `chart` (namespace
 * `orders` with its NamespaceBaseline). The quota is sized for all README examples deployed together.
 * Docs fragments also refer to a `worker`, an `api` and a `tenant` they do not create: declared, never run.
 */
const PREAMBLE = `import { App, Chart } from 'cdk8s';
import { ${PUBLIC_API.join(', ')} } from 'cdk8s-durable-task';

export { ${PUBLIC_API.join(', ')} };
export const app = new App();
export const chart = new Chart(app, 'orders', { namespace: 'orders' });
new NamespaceBaseline(chart, 'Baseline', {
  namespaceName: 'orders',
  quota: { requestsCpu: '64', requestsMemory: '128Gi', limitsCpu: '256', limitsMemory: '256Gi', pods: 500 },
});
export declare const worker: DurableWorker;
export declare const api: DurableApi;
export declare const tenant: TaskHubTenant;
`;

/** Every ```ts block of a Markdown file, with its line number and marker. */
export function blocks(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) j++;
    const marker = /<!--\s*snippet:\s*(.+?)\s*-->/.exec(lines[i - 1] ?? '')?.[1];
    out.push({ file, line: i + 1, marker, code: lines.slice(i + 1, j).map(l => l.slice(indent)).join('\n') });
    i = j;
  }
  return out;
}

export function extract(outdir, from = root) {
  const sources = ['README.md', ...readdirSync(join(from, 'docs')).filter(f => f.endsWith('.md')).sort()
    .map(f => `docs/${f}`), 'validation/README.md'];
  const all = sources.flatMap(s => blocks(join(from, s)).map(b => ({ ...b, source: s })));
  const where = b => `${b.source}:${b.line}`;
  const slug = s => s.replace(/^docs\//, '').replace(/\.md$/, '').replace(/\//g, '-').toLowerCase();
  mkdirSync(outdir, { recursive: true });

  const manifest = { sources, main: undefined, apps: [], modules: [], fragments: [], skipped: [] };
  const preamble = all.filter(b => b.marker === 'preamble')
    .map(b => b.code.replace(/^const /gm, 'export const ')).join('\n');
  const fragments = new Map();
  for (const b of all) {
    const header = `// extracted from ${where(b)} by scripts/snippets.mjs: edit the Markdown, not this file\n`;
    if (b.marker === 'preamble') continue;
    if (b.marker?.startsWith('skip')) {
      manifest.skipped.push({ from: where(b), reason: b.marker.replace(/^skip:?\s*/, '') });
    } else if (b.marker === 'main.ts') {
      if (manifest.main) throw new Error(`${where(b)}: a second main.ts (first: ${manifest.main.from})`);
      writeFileSync(join(outdir, 'main.ts'), header + b.code + '\n');
      manifest.main = { from: where(b), file: 'main.ts' };
    } else if (b.marker !== undefined && b.marker !== 'module') {
      throw new Error(`${where(b)}: unknown snippet marker '${b.marker}' `
        + '(allowed: main.ts, preamble, module, skip: <reason>)');
    } else if (b.marker === 'module' || /\bnew (Durable)?App\(/.test(b.code)) {
      const file = `${slug(b.source)}-${b.line}.ts`;
      writeFileSync(join(outdir, file), header + b.code + '\n');
      const entry = { from: where(b), file };
      (b.marker !== 'module' && /\bapp\.synth\(\)/.test(b.code) ? manifest.apps : manifest.modules).push(entry);
    } else {
      if (!fragments.has(b.source)) fragments.set(b.source, []);
      fragments.get(b.source).push(b);
    }
  }
  for (const [source, list] of fragments) {
    // Imports of a fragment (e.g. `import { k8s } from 'cdk8s-plus-28'`) go to the top of the file.
    const imports = new Set();
    const bodies = list.map(b => {
      const body = b.code.split('\n').filter(l => {
        if (/^import .* from '.*';$/.test(l)) { imports.add(l); return false; }
        return true;
      }).join('\n');
      return `// ${where(b)}\n{\n${body.replace(/^(?=.)/gm, '  ')}\n}`;
    });
    const runnable = source === 'README.md';
    const file = `${slug(source)}-fragments.ts`;
    const text = [
      `// extracted from ${source} by scripts/snippets.mjs: edit the Markdown, not this file`,
      ...imports, PREAMBLE, preamble, ...bodies, runnable ? 'app.synth();' : '',
    ].join('\n');
    writeFileSync(join(outdir, file), text + '\n');
    manifest.fragments.push({ from: source, file, count: list.length, run: runnable });
  }
  if (!manifest.main) throw new Error('README.md: no block marked <!-- snippet: main.ts -->');
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outdir = process.argv[2];
  if (!outdir || outdir.startsWith('-') || process.argv.length > 3) {
    // `--help` or any option is not taken for a folder to write into.
    console.error('usage: node scripts/snippets.mjs <outdir>   (writes <outdir>/*.ts, prints a JSON manifest)');
    process.exit(outdir === '--help' || outdir === '-h' ? 0 : 2);
  }
  const manifest = extract(outdir);
  console.log(JSON.stringify(manifest, null, 2));
  console.error(`snippets: ${relative(root, outdir) || basename(outdir)}: main.ts, ${manifest.apps.length} apps, `
    + `${manifest.modules.length} modules, ${manifest.fragments.reduce((n, f) => n + f.count, 0)} fragments, `
    + `${manifest.skipped.length} skipped`);
}
