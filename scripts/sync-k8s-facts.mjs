// One source for the Kubernetes facts both packages rely on (quantity grammar, name limits, workload identity keys):
// validation/k8s-facts.ts. The construct library cannot depend on the validator package (it keeps zero runtime
// dependencies), so it gets a generated copy, lib/private/k8s-facts.ts. `node scripts/sync-k8s-facts.mjs` writes it;
// `--check` fails when it is stale (test/private/k8s-facts.test.ts runs the same check).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'validation', 'k8s-facts.ts');
const target = join(root, 'lib', 'private', 'k8s-facts.ts');

export function generated() {
  const header = '// Generated from validation/k8s-facts.ts by `node scripts/sync-k8s-facts.mjs`: '
    + 'edit that file, not this one.\n';
  return header + readFileSync(source, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const expected = generated();
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== expected) {
      console.error('lib/private/k8s-facts.ts is stale: run node scripts/sync-k8s-facts.mjs');
      process.exit(1);
    }
  } else {
    writeFileSync(target, expected);
  }
}
