// The examples gallery: every examples/<name>/main.ts is a small cdk8s app that imports the library by its package
// name, as a user's app does. `npm run examples` synthesizes each into examples/<name>/dist/ (transpiled with
// esbuild, the package name aliased to lib/; `npm test` type-checks them) and validates the output; `--check`
// also fails when a committed dist/ differs from what the sources synthesize (CI runs that).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { bundle, root } = require('./bundle.cjs');
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter(a => !a.startsWith('--'));

const dir = join(root, 'examples');
const names = readdirSync(dir, { withFileTypes: true })
  .filter(e => e.isDirectory() && existsSync(join(dir, e.name, 'main.ts'))
    && (only.length === 0 || only.includes(e.name)))
  .map(e => e.name)
  .sort();
let failed = false;
for (const name of names) {
  const started = Date.now();
  const outdir = join(dir, name, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  // The bundle sits in the example's folder, so an example finds its own files (tenants.yaml) next to __dirname.
  const app = bundle(`examples/${name}/main.ts`, `../examples/${name}/.main`, {
    alias: { 'cdk8s-durable-task': join(root, 'lib', 'index.ts') },
  });
  const run = spawnSync(process.execPath, [app], { env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8' });
  // The bundle and its freshness record (bundle.cjs writes `<bundle>.inputs.json`): a record without its bundle is
  // useless, and `--check` lists every file left under examples/, ignored ones too.
  rmSync(app, { force: true });
  rmSync(`${app}.inputs.json`, { force: true });
  if (run.status !== 0) {
    console.error(`examples/${name}: synth failed\n${run.stdout}${run.stderr}`);
    failed = true;
    continue;
  }
  const validate = spawnSync(process.execPath, [join(root, 'validation', 'run.mjs'), outdir], { encoding: 'utf8' });
  if (validate.status !== 0) {
    console.error(`examples/${name}: validation failed\n${validate.stdout}${validate.stderr}`);
    failed = true;
    continue;
  }
  console.log(`examples/${name}: ${validate.stdout.trim()} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
if (check && !failed) {
  const status = spawnSync('git', ['status', '--porcelain', '--ignored', '--', 'examples'],
    { cwd: root, encoding: 'utf8' });
  const stale = status.stdout.split('\n').filter(l => l.trim() !== '' && !l.includes('construct-metadata.json'));
  if (stale.length > 0) {
    console.error(`examples: committed output is stale: run 'npm run examples' and commit the `
      + `result\n${stale.join('\n')}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
