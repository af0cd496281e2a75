// One source for the facts both packages rely on: validation/k8s-facts.ts (quantity grammar, name limits, workload
// identity keys, image references) and validation/time-zones.ts (the tz database names, written by
// scripts/sync-time-zones.mjs). The construct library cannot depend on the validator package (it keeps zero runtime
// dependencies), so it gets generated copies in lib/private/. `node scripts/sync-k8s-facts.mjs` writes them;
// `--check` fails when one is stale (test/private/k8s-facts.test.ts runs the same check).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The files the library copies from the validator. */
export const SHARED = ['k8s-facts.ts', 'time-zones.ts'];

/** The library's copy of validation/<file>. */
export function generated(file) {
  const header = `// Generated from validation/${file} by \`node scripts/sync-k8s-facts.mjs\`: `
    + 'edit that file, not this one.\n';
  return header + readFileSync(join(root, 'validation', file), 'utf8');
}

/** Writes every copy; with `check`, writes nothing and returns the stale ones. */
export function sync(check = false) {
  const stale = [];
  for (const file of SHARED) {
    const target = join(root, 'lib', 'private', file);
    const expected = generated(file);
    if (!check) writeFileSync(target, expected);
    else if (readFileSync(target, 'utf8') !== expected) stale.push(`lib/private/${file}`);
  }
  return stale;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const stale = sync(process.argv.includes('--check'));
  if (stale.length > 0) {
    console.error(`${stale.join(', ')} stale: run node scripts/sync-k8s-facts.mjs`);
    process.exit(1);
  }
}
