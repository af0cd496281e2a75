// Speed of the manifest validator on large and hostile input (issue 14): `node bench/validator.mjs [--runs 5]`.
//
// Generates the inputs in a temporary directory (nothing large is committed): 10 000 ConfigMaps in one file,
// a 3 MB ConfigMap, 300-level nesting (read and validated) and 5000-level nesting (rejected by the reader),
// plus the committed fixture sets for scale. Each case runs in a fresh Node process (start-up included) after
// one warm-up run; the process reports its own read and validate times. Prints a Markdown table of medians
// and writes it to .build/bench/validator.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const require = createRequire(join(root, 'package.json'));
const { buildSync } = require('esbuild');

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const RUNS = runsAt === -1 ? 5 : Number(argv[runsAt + 1]);
if (!(RUNS >= 5)) {
  console.error('--runs must be at least 5');
  process.exit(2);
}

const buildDir = join(root, '.build', 'bench');
mkdirSync(buildDir, { recursive: true });

// The validator's read + validate entry points only (not cli.ts), bundled like validation/run.mjs does.
const entry = join(buildDir, 'validator-entry.js');
buildSync({
  stdin: {
    contents: "export { loadFiles, collectFiles } from './validation/load';\nexport { validateManifests } "
      + "from './validation/index';\n",
    resolveDir: root,
    loader: 'ts',
  },
  outfile: entry,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});

// One run: read and validate the given paths, print counts and times as JSON.
const RUNNER = `
const t0 = performance.now();
const v = require(${JSON.stringify(entry)});
const t1 = performance.now();
const loaded = v.loadFiles(v.collectFiles(JSON.parse(process.argv[1])));
const t2 = performance.now();
const findings = v.validateManifests(loaded.documents.map((d) => d.object));
const t3 = performance.now();
process.stdout.write(JSON.stringify({
  objects: loaded.documents.length, errors: loaded.errors.length, findings: findings.length,
  requireMs: t1 - t0, readMs: t2 - t1, validateMs: t3 - t2,
}));
`;

const tmp = mkdtempSync(join(os.tmpdir(), 'validator-bench-'));
const write = (name, text) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};

const cases = [
  { name: 'compliant set (test fixture)', paths: [join(root, 'test/validation/fixtures/clean.yaml')] },
  { name: 'real-world + edge fixtures', paths: [join(root, 'test/validation/fixtures/real-world'),
    join(root, 'test/validation/fixtures/edge')] },
  {
    name: '10 000 ConfigMaps, one file',
    paths: [write('many.yaml', Array.from({ length: 10000 }, (_, i) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: bulk}\ndata: `
        + `{i: "${i}"}\n`).join('---\n'))],
  },
  {
    name: '3 MB ConfigMap',
    paths: [write('big.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: `
      + `${'x'.repeat(3 * 1024 * 1024)}\n`)],
  },
  {
    name: '300-level nesting (validated)',
    paths: [write('deep-ok.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\n  managedFields: `
      + `[{fieldsV1: ${'{a: '.repeat(300)}1${'}'.repeat(300)}}]\n`)],
  },
  {
    name: '5000-level nesting (rejected)',
    paths: [write('deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: {a: `
      + `${'['.repeat(5000)}${']'.repeat(5000)}}\n`)],
  },
];

const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = x => x.toFixed(0);

function runOnce(paths) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', RUNNER, JSON.stringify(paths)],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`validator run failed (${r.status}): ${r.stderr}`);
  return { ...JSON.parse(r.stdout), wallMs };
}

const rows = [];
try {
  for (const c of cases) {
    const bytes = c.paths.reduce((n, p) => n + (statSync(p).isFile() ? statSync(p).size : 0), 0);
    runOnce(c.paths); // warm-up (file cache, esbuild output)
    const runs = Array.from({ length: RUNS }, () => runOnce(c.paths));
    const last = runs[runs.length - 1];
    rows.push(`| ${c.name} | ${bytes > 0 ? `${(bytes / 1024).toFixed(0)} KiB` : 'dirs'} | ${last.objects} | `
      + `${last.errors} | ${last.findings} | `
      + `${ms(median(runs.map(r => r.readMs)))} | ${ms(median(runs.map(r => r.validateMs)))} | `
      + `${ms(median(runs.map(r => r.wallMs)))} |`);
    process.stderr.write(`${c.name}: done\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const table = [
  `Validator speed, Node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'}; median of `
    + `${RUNS} runs after a warm-up, ms.`,
  '',
  '| Case | Size | Objects | YAML errors | Findings | Read | Validate | Whole process |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
  '',
].join('\n');
process.stdout.write(table);
writeFileSync(join(buildDir, 'validator.md'), table);
