'use strict';
// Entry point for the cdk8s CLI `validations:` setting (cdk8s.yaml):
//
//   validations:
//     - package: ./validation/cdk8s-plugin.js   # in a consumer: ./node_modules/cdk8s-durable-task/validation/cdk8s-plugin.js
//       version: 0.1.0                          # required by cdk8s, must be an exact version; not used for local paths
//       class: DurableTaskValidation
//
// cdk8s `require`s this file, so it must be plain JavaScript. In a checkout (plugin.ts present and esbuild
// installed) the TypeScript sources are bundled on the fly into .build/ (~50 ms, no type-check); a published
// package ships the compiled plugin.js next to this file instead.
const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

function load() {
  const source = join(__dirname, 'plugin.ts');
  let esbuild;
  if (existsSync(source)) {
    try {
      esbuild = require('esbuild');
    } catch {
      esbuild = undefined;
    }
  }
  if (!esbuild) return require('./plugin.js');
  // The bundle must live inside the project so its external imports (kubernetes-models, yaml) resolve.
  const outfile = join(resolve(__dirname, '..'), '.build', 'validation-plugin.js');
  esbuild.buildSync({
    entryPoints: [source],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return require(outfile);
}

module.exports = { DurableTaskValidation: load().DurableTaskValidation };
