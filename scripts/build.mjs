#!/usr/bin/env node
// Builds the two packages of this repository:
//   library    jsii (lib/*.js, lib/*.d.ts, imports/*.js, .jsii), the `prepare` script of cdk8s-durable-task
//   validator  tsc -p tsconfig.validation.json (validation/*.js, *.d.ts) and validation/LICENSE, the `prepare`
//              script of cdk8s-durable-task-validator
// `node scripts/build.mjs` (npm run build) builds both. npm runs `prepare` on `npm ci`/`npm install` in a
// checkout, before `npm pack`/`npm publish`, and when a project installs this repository from a git URL, so a
// package made from any clean source carries its JavaScript, typings and jsii assembly.
// On success it prints one line per package, to stderr (stdout stays clean for `npm pack --json`); tool output
// is shown only when a step fails (or with --verbose).
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const verbose = process.argv.includes('--verbose');
const parts = process.argv.slice(2).filter(a => !a.startsWith('--'));
const unknown = parts.filter(p => p !== 'library' && p !== 'validator');
if (unknown.length > 0) {
  console.error(`build: unknown part(s) ${unknown.join(', ')} (allowed: library, validator)`);
  process.exit(2);
}
const wanted = part => parts.length === 0 || parts.includes(part);

// jsii prints a 12-line box on every run when Node is past the end of jsii's support window; one line instead.
const major = Number(process.versions.node.split('.')[0]);
const env = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: String(major) };

/** A build tool from this checkout's node_modules, or one line that says what is missing. */
function tool(request) {
  try {
    return require.resolve(request);
  } catch {
    console.error(`build: ${request.split('/')[0]} is not installed in ${root}: run \`npm ci\` there first `
      + '(npm installs a git URL\'s dependencies itself, but not those of a local folder)');
    process.exit(1);
  }
}

function run(label, bin, args) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env, encoding: 'utf8' });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) {
    console.error(output);
    console.error(`build: ${label} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
  if (verbose && output) console.error(output);
  console.error(`build: ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (wanted('library')) {
  run('cdk8s-durable-task (jsii)', tool('jsii/bin/jsii'), ['--fail-on-warnings']);
  if (major < 22) console.error(`build: note: jsii no longer supports Node ${major}; use Node 22 or 24 to release`);
}
if (wanted('validator')) {
  run('cdk8s-durable-task-validator (tsc)', tool('typescript/bin/tsc'), ['-p', 'tsconfig.validation.json']);
  // The validator package is published from validation/; npm takes a LICENSE only from the package's folder.
  copyFileSync(join(root, 'LICENSE'), join(root, 'validation', 'LICENSE'));
}
