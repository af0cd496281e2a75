// Fast synth: transpile main.ts (and everything it imports from this repo) with esbuild, no type-check,
// then run it. Type errors are caught by `npm test` (tsc --noEmit); this path stays well under a second.
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

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

/** The manifests under `dir`, in tenant folders too, relative to it. */
const manifests = dir => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.k8s.yaml'));

// Remove stale manifests, and the folders they leave empty, so a deleted tenant disappears from dist/ (GitOps
// prunes what is gone).
mkdirSync(outdir, { recursive: true });
for (const file of manifests(outdir)) rmSync(join(outdir, file));
for (const entry of readdirSync(outdir, { withFileTypes: true })) {
  const folder = join(outdir, entry.name);
  const empty = entry.isDirectory()
    && readdirSync(folder, { recursive: true }).every(f => statSync(join(folder, f)).isDirectory());
  if (empty) rmSync(folder, { recursive: true });
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
