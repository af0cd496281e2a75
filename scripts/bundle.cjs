'use strict';
// One way to run this repo's TypeScript without a build step: esbuild bundles an entry point (transpile only,
// no type-check; `npm test` type-checks) into .build/, leaving node_modules packages external.
// CommonJS so both ESM scripts and CommonJS entry points (the cdk8s plugin) can use it.
const { buildSync } = require('esbuild');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '..');

/** Bundles `entry` (a path relative to the repo root) to `.build/<name>.js` and returns the bundle's path. */
function bundle(entry, name) {
  const outfile = join(root, '.build', `${name}.js`);
  buildSync({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // kubernetes-models, cdk8s, ... stay external: resolved from node_modules, loaded lazily where they are.
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}

module.exports = { bundle, root };
