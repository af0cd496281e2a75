// Diagnostic: what the shape of a construct tree costs cdk8s on the plain App. App.synth() walks the whole tree
// (constructs' Node.findAll) again for every chart it renders; this times that walk alone for 1000 tenants of 14
// objects each, laid out three ways: flat (a chart with 14 L1 objects, like bench/apps/handwritten.ts), nested like
// this library's constructs (a chart with a NamespaceBaseline of 6 objects and two workers of 4: 18 nodes), and
// wrapped like cdk8s-plus L2 constructs (each object the `Resource` child of its own construct: 29 nodes). Same
// construct class everywhere, so only the shape differs.
//
//   node bench/tree-shape.mjs [tenants] [passes]      (each shape runs in a process of its own)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Construct } = require('constructs');

const tenants = Number(process.argv[2] ?? 1000);
const passes = Number(process.argv[3] ?? 300);

function build(shape) {
  const app = new Construct(undefined, '');
  for (let t = 0; t < tenants; t++) {
    const chart = new Construct(app, `tenant-${t}`);
    if (shape === 'flat') {
      for (let i = 0; i < 14; i++) new Construct(chart, `o${i}`);
      continue;
    }
    if (shape === 'l2') {
      for (let i = 0; i < 14; i++) new Construct(new Construct(chart, `o${i}`), 'Resource');
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

const shapes = ['flat', 'nested', 'l2'];
const only = process.argv[4];
if (only) {
  // One shape in this process, so that the heaps of the others do not change its timing.
  process.stdout.write(String(time(build(only))));
} else {
  // Each shape in a process of its own, alternating, three rounds; the median of the three.
  const ms = Object.fromEntries(shapes.map(shape => [shape, []]));
  for (let round = 0; round < 3; round++) {
    for (const shape of shapes) {
      const args = [fileURLToPath(import.meta.url), String(tenants), String(passes), shape];
      const out = execFileSync(process.execPath, args);
      ms[shape].push(Number(out.toString()));
    }
  }
  const median = xs => [...xs].sort((a, b) => a - b)[1];
  const flat = median(ms.flat);
  const line = (label, shape, nodes) =>
    `  ${label}: ${median(ms[shape]).toFixed(2)} ms (${(median(ms[shape]) / flat).toFixed(2)}x; nodes ${nodes}/tenant)`;
  console.log(`tree walk per pass (what cdk8s repeats for every chart on the plain App), ${tenants} tenants:`);
  console.log(line('flat L1 objects (hand-written)', 'flat', 15));
  console.log(line('nested like this library', 'nested', 18));
  console.log(line('wrapped like cdk8s-plus L2', 'l2', 29));
}
