// Fast synth: transpile main.ts (and everything it imports from this repo) with esbuild, no type-check,
// then run it. Type errors are caught by `npm test` (tsc --noEmit); this path stays well under a second.
import { readdirSync, rmSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { bundleAsync, root } = require('./bundle.cjs');

// Load cdk8s-plus-28 (the slowest import) while esbuild transpiles in its own process.
const pending = bundleAsync('main.ts', 'main');
require('cdk8s-plus-28');
const main = await pending;
const outdir = process.env.CDK8S_OUTDIR ?? join(root, 'dist');

// Remove stale manifests so a deleted tenant disappears from dist/ (GitOps prunes what is gone).
mkdirSync(outdir, { recursive: true });
for (const file of readdirSync(outdir)) {
  if (file.endsWith('.k8s.yaml')) rmSync(join(outdir, file));
}
process.env.CDK8S_OUTDIR = outdir;
require(main);
