#!/usr/bin/env node
// Consumer test (`npm run test:consumer`): proves the packages as a user gets them, not the source tree.
//
//  1. clones this repository's committed HEAD, installs its dependencies WITHOUT running any script, and packs
//     both packages: `npm pack` itself must build them (the `prepare` scripts), as on a fresh clone or a publish;
//  2. checks what the tarballs carry (library: JS, .d.ts, .jsii, API.md, no validator, no dependencies;
//     validator: compiled JS, schemas, its runtime dependencies declared);
//  3. creates a `cdk8s init typescript-app`-shaped project (scripts/consumer-project.mjs: cdk8s-plus-33,
//     TypeScript 5.9, strict tsconfig, ts-node, jest) and installs both tarballs into it;
//  4. extracts every TypeScript snippet of README.md, docs/ and validation/README.md (scripts/snippets.mjs), adds
//     test/consumer/main.ts, compiles them all with the project's `npm run compile`, runs the project's main.test.ts,
//     synthesizes main.ts with `cdk8s synth` (the validator as cdk8s plugin), and runs + validates every snippet that
//     is a whole app;
//  5. installs the clone's folder into a second project (`npm install --install-links <path>`) and synthesizes.
//
// Usage: node scripts/consumer-test.mjs [--keep]   (--keep leaves the temporary folder for inspection)
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync,
  writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsumerProject, root, run } from './consumer-project.mjs';
import { extract } from './snippets.mjs';

const keep = process.argv.includes('--keep');
const started = Date.now();
const work = mkdtempSync(join(tmpdir(), 'consumer-test-'));
const secs = t => `${((Date.now() - t) / 1000).toFixed(1)} s`;
let step = Date.now();
const log = msg => {
  console.log(`consumer: ${msg} (${secs(step)})`);
  step = Date.now();
};
const fail = msg => {
  throw new Error(msg);
};

try {
  // 1. A fresh clone, dependencies without scripts (so nothing is built), then pack.
  const src = join(work, 'src');
  run('git', ['clone', '--quiet', root, src], work);
  const commit = run('git', ['rev-parse', '--short', 'HEAD'], src).stdout.trim();
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], src);
  if (existsSync(join(src, 'lib', 'index.js')) || existsSync(join(src, 'validation', 'cli.js'))) {
    fail('the clone has build output before npm pack');
  }
  log(`cloned ${commit} and installed its dependencies without scripts`);
  const pack = args => JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work, ...args], src).stdout)[0];
  const lib = pack([]);
  const validator = pack(['-w', 'validation']);
  log(`packed ${lib.filename} (${kb(lib.size)}) and ${validator.filename} (${kb(validator.size)})`);

  // 2. What the tarballs carry.
  const has = (p, file) => p.files.some(f => f.path === file);
  for (const f of ['lib/index.js', 'lib/index.d.ts', 'lib/worker.js', 'imports/keda.sh.js',
    '.jsii', 'API.md', 'LICENSE']) {
    if (!has(lib, f)) fail(`${lib.filename} lacks ${f}`);
  }
  const stray = lib.files.filter(f => f.path.startsWith('validation/') || (/\.ts$/.test(f.path) && !/\.d\.ts$/.test(f.path)));
  if (stray.length > 0) fail(`${lib.filename} ships ${stray.map(f => f.path).join(', ')}`);
  const libPkg = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
  if (libPkg.dependencies || libPkg.bundledDependencies) fail('the library declares runtime dependencies');
  for (const f of ['bin.js', 'cli.js', 'index.js', 'index.d.ts', 'plugin.js',
    'cdk8s-plugin.js', 'schemas/kubernetes.json',
    'schemas/crds.json', 'schemas/crd-validators/keda.sh_v1alpha1_ScaledObject.js', 'README.md', 'LICENSE']) {
    if (!has(validator, f)) fail(`${validator.filename} lacks ${f}`);
  }
  const valPkg = JSON.parse(readFileSync(join(src, 'validation', 'package.json'), 'utf8'));
  for (const dep of ['kubernetes-models', 'yaml', 'ajv']) {
    if (!valPkg.dependencies?.[dep]) fail(`${validator.filename} does not declare its dependency ${dep}`);
  }
  // Its files without its dependencies (unpacked, no npm install): one line that says what to install.
  const bare = join(work, 'bare');
  mkdirSync(bare);
  run('tar', ['-xzf', join(work, validator.filename), '-C', bare], work);
  const noDeps = run('node', [join(bare, 'package', 'bin.js'), 'dist'], bare, { allowFailure: true });
  const expected = 'cdk8s-durable-task-validate: cannot find ajv, kubernetes-models, yaml: '
    + 'install the validator with its dependencies (npm install -D cdk8s-durable-task-validator), or add ';
  if (noDeps.status !== 2 || !noDeps.stderr.startsWith(expected) || noDeps.stderr.trim().includes('\n')) {
    fail(`the validator without its dependencies: exit ${noDeps.status}, stderr:\n${noDeps.stderr}`);
  }
  log('tarball contents as expected; without its dependencies the validator says what to install in one line');

  // 3. A `cdk8s init typescript-app` project with both tarballs.
  const app = join(work, 'consumer');
  const pkg = createConsumerProject(app, {
    dependencies: { 'cdk8s-durable-task': `file:${join(work, lib.filename)}` },
    devDependencies: { 'cdk8s-durable-task-validator': `file:${join(work, validator.filename)}`, 'tsx': '^4.23.15' },
  });
  const tsVersion = JSON.parse(readFileSync(join(app, 'node_modules', 'typescript', 'package.json'), 'utf8')).version;
  log(`created the cdk8s-init project (cdk8s-plus-33 ${pkg.dependencies['cdk8s-plus-33']}, TypeScript ${tsVersion}) `
    + `and installed both tarballs`);

  // 4. Every snippet: compiled by the project's own tsconfig, apps synthesized and validated.
  const snippets = join(app, 'snippets');
  const manifest = extract(snippets, src);   // the Markdown of the commit under test, not the working tree
  rmSync(join(app, 'main.ts'));
  writeFileSync(join(app, 'main.ts'), readFileSync(join(snippets, manifest.main.file), 'utf8'));
  rmSync(join(snippets, manifest.main.file));
  // Plus test/consumer/main.ts: an app that uses every construct through the package's entry point.
  writeFileSync(join(snippets, 'test-consumer-main.ts'),
    readFileSync(join(src, 'test', 'consumer', 'main.ts'), 'utf8'));
  manifest.apps.push({ from: 'test/consumer/main.ts', file: 'test-consumer-main.ts' });
  run('npm', ['run', 'compile'], app);
  const fragments = manifest.fragments.reduce((n, f) => n + f.count, 0);
  log(`compiled main.ts (${manifest.main.from}), ${manifest.apps.length + manifest.modules.length} whole snippets and `
    + `${fragments} fragments with tsc ${tsVersion} (npm run compile)`);
  for (const s of manifest.skipped) console.log(`consumer:   not compiled: ${s.from} (${s.reason})`);

  // The template's main.test.ts snapshots MyChart: update it once (as after `cdk8s init`), then it must hold.
  run('npm', ['test', '--', '-u'], app);
  run('npm', ['test', '--', '--ci'], app);
  log('main.test.ts passes (npm test)');

  appendFileSync(join(app, 'cdk8s.yaml'), [
    'validations:',
    '  - package: ./node_modules/cdk8s-durable-task-validator/cdk8s-plugin.js',
    `    version: ${valPkg.version}`,
    '    class: DurableTaskValidation',
    '',
  ].join('\n'));
  const synth = run('npx', ['cdk8s', 'synth', '--no-check-upgrade'], app);
  const summary = synth.stdout.split('\n').find(l => l.startsWith('cdk8s-durable-task: validated'));
  if (!summary || !/: 0 findings$/.test(summary)) fail(`cdk8s synth printed no clean validation summary:\n${synth.stdout}`);
  log(`cdk8s synth (app: ${readFileSync(join(app, 'cdk8s.yaml'), 'utf8').match(/^app: (.*)$/m)[1]}): ${summary}`);

  const runnable = [...manifest.apps, ...manifest.fragments.filter(f => f.run)];
  for (const s of runnable) {
    const out = join(app, 'out', s.file.replace(/\.ts$/, ''));
    run('npx', ['tsx', join('snippets', s.file)], app, { env: { CDK8S_OUTDIR: out } });
    const v = run('npx', ['cdk8s-durable-task-validate', out], app);
    console.log(`consumer:   ${s.from}: ${v.stdout.trim()}`);
  }
  log(`synthesized and validated ${runnable.length} snippet apps`);

  // 5. `npm install <path to a clone>`: --install-links makes npm pack the folder (running prepare) and install
  //    a copy, like a tarball; a plain symlink would resolve cdk8s from the clone's node_modules instead.
  const linked = join(work, 'from-folder');
  mkdirSync(linked);
  run('npm', ['init', '-y'], linked);
  const peers = Object.entries(libPkg.peerDependencies).map(([n, v]) => `${n}@${v}`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline',
    '--install-links', src, ...peers], linked);
  writeFileSync(join(linked, 'app.js'), [
    "const { App, Chart } = require('cdk8s');",
    "const { DurableTaskScheduler, DurableWorker, NamespaceBaseline } = require('cdk8s-durable-task');",
    'const app = new App();',
    "const chart = new Chart(app, 'orders', { namespace: 'orders' });",
    "new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });",
    "new DurableWorker(chart, 'Worker', { image: 'example.azurecr.io/worker:1.0.0', taskHub: 'orders',",
    "  scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io') });",
    'app.synth();',
    '',
  ].join('\n'));
  run('node', ['app.js'], linked);
  const installed = statSync(join(linked, 'node_modules', 'cdk8s-durable-task')).isDirectory();
  const files = readdirSync(join(linked, 'dist'));
  if (!installed || !files.includes('orders.k8s.yaml')) {
    fail(`install from the clone's folder: got ${files.join(', ')}`);
  }
  log('npm install --install-links <clone> + require + synth');

  console.log(`consumer test passed in ${secs(started)}: ${lib.filename} ${kb(lib.size)} (${lib.files.length} files), `
    + `${validator.filename} ${kb(validator.size)} (${validator.files.length} files)`);
} finally {
  if (keep) console.log(`consumer: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(0)} kB`;
}
