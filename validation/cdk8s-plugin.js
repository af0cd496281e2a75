'use strict';
// Entry point for the cdk8s CLI `validations:` setting (cdk8s.yaml):
//
//   validations:
//     # in a consumer: package: ./node_modules/cdk8s-durable-task-validator/cdk8s-plugin.js
//     - package: ./validation/cdk8s-plugin.js
//       version: 0.1.0                          # required by cdk8s, must be an exact version; not used for local paths
//       class: DurableTaskValidation
//
// cdk8s `require`s this file, so it must be plain JavaScript. In a checkout (plugin.ts present and esbuild
// installed) the TypeScript sources are bundled into .build/ (no type-check; ~0.4 s with the schemas, and only when a
// source changed since the last bundle: scripts/bundle.cjs); the npm package ships the compiled plugin.js instead.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/**
 * cdk8s prints the stack of anything a plugin throws; a missing dependency or an old Node is one line instead
 * (exit 2, the code cdk8s uses for a failed validation).
 */
function preflight() {
  const pkg = require('./package.json');
  const major = Number(process.versions.node.split('.')[0]);
  let problem;
  if (major < 20) {
    problem = `needs Node.js ${pkg.engines.node}, found ${process.version}`;
  } else {
    const missing = Object.keys(pkg.dependencies).filter(name => {
      try {
        require.resolve(name);
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length > 0) {
      const all = Object.entries(pkg.dependencies).map(([n, v]) => `${n}@${v}`).join(' ');
      problem = `cannot find ${missing.join(', ')}: install the validator with its dependencies `
        + `(npm install -D ${pkg.name}), or add ${all}`;
    }
  }
  if (problem) {
    console.error(`${pkg.name} (cdk8s plugin): ${problem}`);
    process.exit(2);
  }
}

function load() {
  preflight();
  // In a checkout, bundle the TypeScript sources on the fly; the npm package has the compiled plugin.js.
  const bundler = join(__dirname, '..', 'scripts', 'bundle.cjs');
  if (existsSync(join(__dirname, 'plugin.ts')) && existsSync(bundler)) {
    return require(require(bundler).bundle('validation/plugin.ts', 'validation-plugin'));
  }
  return require('./plugin.js');
}

module.exports = { DurableTaskValidation: load().DurableTaskValidation };
