#!/usr/bin/env node
// Runs validation/cli.ts without a build step (bundled by scripts/bundle.cjs when a source changed, no type-check),
// then calls its main(). Usage: node validation/run.mjs [--default-namespace NS] [--disable RULES] [PATH...]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { bundle } = require('../scripts/bundle.cjs');

const { main } = require(bundle('validation/cli.ts', 'validation-cli'));
process.exitCode = main(process.argv.slice(2));
