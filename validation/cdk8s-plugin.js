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
const { join } = require('node:path');

function load() {
  // In a checkout, bundle the TypeScript sources on the fly; the published package has the compiled plugin.js.
  const bundler = join(__dirname, '..', 'scripts', 'bundle.cjs');
  if (existsSync(join(__dirname, 'plugin.ts')) && existsSync(bundler)) {
    return require(require(bundler).bundle('validation/plugin.ts', 'validation-plugin'));
  }
  return require('./plugin.js');
}

module.exports = { DurableTaskValidation: load().DurableTaskValidation };
