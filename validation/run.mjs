#!/usr/bin/env node
// Runs validation/cli.ts without a build step: bundle it with esbuild (no type-check, ~50 ms) into .build/,
// then call its main(). Usage: node validation/run.mjs [--default-namespace NS] [--disable RULES] [PATH...]
import { buildSync } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(resolve(here, '..'), '.build', 'validation-cli.js');

buildSync({
  entryPoints: [join(here, 'cli.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // kubernetes-models, yaml, ajv stay external: the validator requires kubernetes-models modules lazily.
  packages: 'external',
  logLevel: 'warning',
});

const { main } = createRequire(import.meta.url)(bundle);
process.exitCode = main(process.argv.slice(2));
