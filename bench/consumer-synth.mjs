#!/usr/bin/env node
// How long `cdk8s synth` takes in a user's project, by the `app:` command in cdk8s.yaml.
//
// Builds a `cdk8s init typescript-app`-shaped project (scripts/consumer-project.mjs) in a temporary folder,
// installs this checkout's packed library into it, makes the README's quick-start chart its main.ts, and times
// whole processes (median of N runs, after one warm-up run each):
//   - `cdk8s synth --no-check-upgrade` with each `app:` command below (what a user waits for), and
//   - the `app:` command alone (the TypeScript runner's share).
// Prints a Markdown table and writes it to .build/bench/consumer-synth.md.
//
// Usage: node bench/consumer-synth.mjs [--runs N]   (default 5)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsumerProject, root, run } from '../scripts/consumer-project.mjs';
import { extract } from '../scripts/snippets.mjs';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error(`--runs must be a positive integer, got ${process.argv[runsArg + 1]}`);
}

/** `app:` commands compared; the first is what `cdk8s init typescript-app` writes. */
const RUNNERS = [
  { app: 'npx ts-node main.ts', note: 'the `cdk8s init` default: type-checks on every synth' },
  { app: 'npx ts-node --transpile-only main.ts', note: 'ts-node without the type-check' },
  { app: 'npx tsx main.ts', note: 'recommended: esbuild transpile, no type-check' },
];

const work = mkdtempSync(join(tmpdir(), 'consumer-synth-'));
try {
  const pack = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root).stdout)[0];
  const project = join(work, 'project');
  createConsumerProject(project, {
    dependencies: { 'cdk8s-durable-task': `file:${join(work, pack.filename)}` },
    devDependencies: { tsx: '^4.23.15' },
  });
  const manifest = extract(join(work, 'snippets'));
  writeFileSync(join(project, 'main.ts'), readFileSync(join(work, 'snippets', manifest.main.file), 'utf8'));
  const versions = ['typescript', 'ts-node', 'tsx', 'cdk8s-cli'].map(p =>
    `${p} ${JSON.parse(readFileSync(join(project, 'node_modules', p, 'package.json'), 'utf8')).version}`);

  const cdk8sYaml = readFileSync(join(project, 'cdk8s.yaml'), 'utf8');
  const rows = [];
  for (const r of RUNNERS) {
    writeFileSync(join(project, 'cdk8s.yaml'), cdk8sYaml.replace(/^app: .*$/m, `app: ${r.app}`));
    const synth = median(time(['npx', 'cdk8s', 'synth', '--no-check-upgrade'], project, {}));
    const alone = median(time(r.app.split(' '), project, { CDK8S_OUTDIR: join(work, 'out') }));
    rows.push(`| \`app: ${r.app}\` | ${sec(synth)} | ${sec(alone)} | ${r.note} |`);
  }
  const table = [
    `Median of ${RUNS} runs (after one warm-up), whole processes, Node ${process.version}, ${versions.join(', ')};`,
    'main.ts: the README quick start (MyChart: NamespaceBaseline + DurableWorker, 10 objects).',
    '',
    '| cdk8s.yaml | `cdk8s synth` | app alone | |',
    '| --- | ---: | ---: | --- |',
    ...rows,
    '',
  ].join('\n');
  console.log(table);
  mkdirSync(join(root, '.build', 'bench'), { recursive: true });
  writeFileSync(join(root, '.build', 'bench', 'consumer-synth.md'), table);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** Wall-clock milliseconds of RUNS runs of a command (after a warm-up run); fails on a non-zero exit. */
function time(argv, cwd, env) {
  const once = () => {
    const t = process.hrtime.bigint();
    const r = spawnSync(argv[0], argv.slice(1),
      { cwd, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} failed:\n${r.stdout}${r.stderr}`);
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  once();
  return Array.from({ length: RUNS }, once);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function sec(ms) {
  return `${(ms / 1000).toFixed(2)} s`;
}
