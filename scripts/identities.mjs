// Prints the reference app's identity plan (identity → ServiceAccount subjects → role → task hub scope) and its
// Mermaid diagram, for review next to dist/ in a pull request. Same fast path as `npm run synth` (esbuild, no
// type-check). Usage: node scripts/identities.mjs [--json | --mermaid]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { bundle } = require('./bundle.cjs');
const format = process.argv.includes('--json') ? 'json' : process.argv.includes('--mermaid') ? 'mermaid' : 'markdown';
const { renderIdentityReport } = require(bundle('app/identities.ts', 'identities'));
process.stdout.write(renderIdentityReport(format));
