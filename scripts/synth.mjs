// Fast synth: transpile main.ts (and everything it imports from this repo) with esbuild, no type-check,
// then run it. Type errors are caught by `npm test` (tsc --noEmit); this path stays well under a second.
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const started = Date.now();
// --dev: the reference app's dev profile (app/dev-app.ts) into dist-dev/.
const dev = process.argv.includes('--dev');
if (dev) process.env.DURABLE_PROFILE = 'dev';
const require = createRequire(import.meta.url);
const { bundleAsync, root } = require('./bundle.cjs');

// Load cdk8s-plus-28 (the slowest import) while esbuild transpiles in its own process.
const pending = bundleAsync('main.ts', 'main');
require('cdk8s-plus-28');
const main = await pending;
const outdir = resolve(process.env.CDK8S_OUTDIR ?? join(root, dev ? 'dist-dev' : 'dist'));
// The app reads tenants.yaml from the repository root, whichever folder the script runs from (paths given in the
// environment stay relative to the caller's folder).
const callerDir = process.cwd();
if (process.env.DURABLE_TENANTS_FILE) process.env.DURABLE_TENANTS_FILE = resolve(process.env.DURABLE_TENANTS_FILE);
process.chdir(root);

if (!relative(outdir, root).startsWith('..')) {
  // The clean-up below deletes manifests: never in the repository itself or a folder that holds it.
  console.error(`synth: CDK8S_OUTDIR ${outdir} is the repository or a folder that holds it: choose an output folder`);
  process.exit(1);
}

/** The manifests in `dir` and in its tenant folders (one level down, not hidden), relative to it. */
function manifests(dir) {
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter(e => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map(e => e.name);
  return ['', ...folders].flatMap(folder => readdirSync(join(dir, folder))
    .filter(f => f.endsWith('.k8s.yaml')).map(f => join(folder, f)));
}

// Remove stale manifests, and the tenant folders they leave empty, so a deleted tenant disappears from dist/ (GitOps
// prunes what is gone). Other files (e.g. a hand-written bootstrap Application in a folder of its own) stay.
mkdirSync(outdir, { recursive: true });
const stale = manifests(outdir);
for (const file of stale) rmSync(join(outdir, file));
for (const folder of new Set(stale.map(f => dirname(f)).filter(f => f !== '.'))) {
  if (readdirSync(join(outdir, folder)).length === 0) rmSync(join(outdir, folder), { recursive: true });
}
process.env.CDK8S_OUTDIR = outdir;
require(main);

// One summary line on success (cdk8s output documents are separated by `---` lines).
const files = manifests(outdir);
const objects = files
  .map(f => readFileSync(join(outdir, f), 'utf8'))
  .reduce((n, text) => n + (text.trim() ? text.split(/^---$/m).filter(d => d.trim()).length : 0), 0);
const where = relative(callerDir, outdir) || '.';
console.log(`synth: ${objects} objects in ${files.length} files in ${where}/ `
  + `(${((Date.now() - started) / 1000).toFixed(1)} s)`);
