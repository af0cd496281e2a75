// Fast synth: transpile main.ts (and everything it imports from this repo) with esbuild, no type-check,
// then run it. Type errors are caught by `npm test` (tsc --noEmit); this path stays well under a second.
import { buildSync } from 'esbuild';
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const outdir = process.env.CDK8S_OUTDIR ?? join(root, 'dist');
const bundle = join(root, '.build', 'main.js');

buildSync({
  entryPoints: [join(root, 'main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// Remove stale manifests so a deleted tenant disappears from dist/ (GitOps prunes what is gone).
mkdirSync(outdir, { recursive: true });
for (const file of readdirSync(outdir)) {
  if (file.endsWith('.k8s.yaml')) rmSync(join(outdir, file));
}
process.env.CDK8S_OUTDIR = outdir;
createRequire(import.meta.url)(bundle);
