'use strict';
// One way to run this repo's TypeScript without a build step: esbuild bundles an entry point (transpile only,
// no type-check; `npm test` type-checks) into .build/, leaving node_modules packages external.
// CommonJS so both ESM scripts and CommonJS entry points (the cdk8s plugin) can use it.
const { build, buildSync } = require('esbuild');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');

function options(entry, name, extra = {}) {
  return {
    ...extra,
    entryPoints: [join(root, entry)],
    outfile: join(root, '.build', `${name}.js`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // kubernetes-models, cdk8s, ... stay external: resolved from node_modules, loaded lazily where they are.
    packages: 'external',
    logLevel: 'warning',
  };
}

/**
 * Bundles `entry` (a path relative to the repo root) to `.build/<name>.js` and returns the bundle's path. `extra`
 * adds esbuild options (e.g. `alias` for the examples, which import the library by its package name).
 */
function bundle(entry, name, extra) {
  const opts = options(entry, name, extra);
  buildSync(opts);
  return opts.outfile;
}

/** Like bundle(), but esbuild works in its own process while the caller goes on (e.g. loads cdk8s). */
async function bundleAsync(entry, name) {
  const opts = options(entry, name);
  await build(opts);
  return opts.outfile;
}

module.exports = { bundle, bundleAsync, root };
