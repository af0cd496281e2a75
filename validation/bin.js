#!/usr/bin/env node
'use strict';
// `npx cdk8s-durable-task-validate [dir|files...]`: the validator's command line, from the npm package
// (compiled cli.js) or from a checkout (run.mjs bundles cli.ts on the fly, like cdk8s-plugin.js does).
// Plain ES5-level syntax up to the checks below, so an old Node reaches the one-line message instead of a
// SyntaxError.
/* eslint-disable no-var -- ES5-level syntax on purpose (see above): no let/const before the Node version check */
var fs = require('fs');
var path = require('path');

var pkg = require('./package.json');
var major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  console.error('cdk8s-durable-task-validate: needs Node.js ' + pkg.engines.node + ', found ' + process.version);
  process.exit(2);
}
var missing = Object.keys(pkg.dependencies).filter(function (name) {
  try {
    require.resolve(name);
    return false;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- ES5 has no optional catch binding
  } catch (e) {
    return true;
  }
});
if (missing.length > 0) {
  console.error('cdk8s-durable-task-validate: cannot find ' + missing.join(', ') + ': install the validator with its ' +
    'dependencies (npm install -D ' + pkg.name + '), or add ' +
    Object.keys(pkg.dependencies).map(function (n) { return n + '@' + pkg.dependencies[n]; }).join(' '));
  process.exit(2);
}

// In a checkout, run the TypeScript sources (compiled cli.js may be older than cli.ts); the package has cli.js only.
if (fs.existsSync(path.join(__dirname, 'cli.ts')) && fs.existsSync(path.join(__dirname, '..',
  'scripts', 'bundle.cjs'))) {
  import(path.join(__dirname, 'run.mjs'));
} else {
  process.exitCode = require('./cli.js').main(process.argv.slice(2));
}
