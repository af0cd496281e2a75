// Diagnostic: what the shape of a construct tree costs cdk8s on the plain App. App.synth() walks the whole tree
// (constructs' Node.findAll) again for every chart it renders; this times that walk alone for 1000 tenants of 15
// nodes each laid out flat (a chart with 14 objects, like bench/apps/handwritten.ts) and nested like this library's
// constructs (a chart with a NamespaceBaseline of 6 objects and two workers of 4: 18 nodes). Same construct class
// everywhere, so only the shape differs.
//
//   node bench/tree-shape.mjs [tenants] [passes]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Construct } = require('constructs');

const tenants = Number(process.argv[2] ?? 1000);
const passes = Number(process.argv[3] ?? 300);

function build(nested) {
  const app = new Construct(undefined, '');
  for (let t = 0; t < tenants; t++) {
    const chart = new Construct(app, `tenant-${t}`);
    if (!nested) {
      for (let i = 0; i < 14; i++) new Construct(chart, `o${i}`);
      continue;
    }
    const baseline = new Construct(chart, 'Baseline');
    for (let i = 0; i < 6; i++) new Construct(baseline, `o${i}`);
    for (const id of ['KedaWorker', 'HpaWorker']) {
      const worker = new Construct(chart, id);
      for (let i = 0; i < 4; i++) new Construct(worker, `o${i}`);
    }
  }
  return app;
}

/** Median ms of one whole-tree walk, after a warm-up. */
function time(app) {
  for (let i = 0; i < 30; i++) app.node.findAll();
  const samples = [];
  for (let i = 0; i < passes; i++) {
    const started = performance.now();
    app.node.findAll();
    samples.push(performance.now() - started);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const flat = build(false);
const nested = build(true);
// Alternate to share the machine's noise.
const flatMs = [];
const nestedMs = [];
for (let round = 0; round < 3; round++) {
  flatMs.push(time(flat));
  nestedMs.push(time(nested));
}
const median = xs => xs.sort((a, b) => a - b)[1];
const f = median(flatMs);
const n = median(nestedMs);
console.log(`tree walk per pass, ${tenants} tenants: flat (15 nodes/tenant) ${f.toFixed(2)} ms, nested like this `
  + `library (18 nodes/tenant) ${n.toFixed(2)} ms: ${(n / f).toFixed(2)}x (nodes: ${(18 / 15).toFixed(2)}x)`);
