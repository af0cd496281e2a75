#!/usr/bin/env node
'use strict';
// `npx cdk8s-durable-task-validate [dir|files...]`: the validator's command line, from the published package
// (compiled cli.js) or from a checkout (bundled on the fly by run.mjs's logic in cdk8s-plugin.js style).
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const compiled = join(__dirname, 'cli.js');
if (existsSync(compiled)) {
  process.exitCode = require(compiled).main(process.argv.slice(2));
} else {
  import(join(__dirname, 'run.mjs'));
}
