// `npm run bench`: synthesis benchmark of this library against a hand-written cdk8s app and the start-up floor.
//
//   node bench/run.mjs [--runs 7] [--runs-large 5] [--sizes 1,10,100,1000] [--timeout 120] [--long 60]
//                      [--no-profile] [--no-diagnostic] [--no-write] [--quick] [--report-only]
//                      [--no-validator] [--no-consumer]
//
// --report-only rewrites bench/RESULTS.md from the raw results of the last run (.build/bench/results.json).
//
// Baseline (c) needs ts-node: a devDependency of the project, or BENCH_TS_NODE_PREFIX=<dir> where
// <dir>/node_modules/.bin/ts-node exists (then it runs as `npx --prefix <dir> ts-node main.ts`).
//
// Every measurement is a whole process (node start-up included), spawned fresh per run after one warm-up run,
// timed from spawn to exit; the median is reported. Peak RSS comes from `/usr/bin/time -f %M` (GNU time: the
// largest process of the tree) or, without it, from the app itself (process.resourceUsage().maxRSS).
// The apps are bundled once with esbuild into .build/bench/ (as scripts/synth.mjs does for main.ts).
// Results go to stdout and bench/RESULTS.md (its "Method" section explains the choices).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { formatSummary, summarize } from './profile.mjs';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const buildDir = join(root, '.build', 'bench');
const require = createRequire(join(root, 'package.json'));
const { bundle: bundleApp } = require('./scripts/bundle.cjs');

// ---------------------------------------------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = name => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? fallback : argv[i + 1];
};
const quick = flag('quick');
const RUNS = Number(option('runs', quick ? 5 : 7));
const RUNS_LARGE = Number(option('runs-large', 5));
const SIZES = option('sizes', quick ? '1,10,100' : '1,10,100,1000').split(',').map(Number);
const TIMEOUT_S = Number(option('timeout', 120));
// A case whose warm-up run takes longer than this is reported from that one run (keeps the bench ~10 min).
const LONG_S = Number(option('long', 60));
const DIAGNOSTIC = !flag('no-diagnostic');
const REPORT_ONLY = flag('report-only');
const RAW = join(buildDir, 'results.json');
const saved = REPORT_ONLY ? JSON.parse(readFileSync(RAW, 'utf8')) : undefined;
const PROFILE = !flag('no-profile');
const WRITE = !flag('no-write');
if (RUNS < 5 || RUNS_LARGE < 5) {
  console.warn('warning: fewer than 5 timed runs per case');
}

// ---------------------------------------------------------------------------------------------------- helpers
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtS = ms => (ms === undefined ? '–' : `${(ms / 1000).toFixed(3)}`);
const fmtX = x => (x === undefined || !Number.isFinite(x) ? '–' : `${x.toFixed(2)}×`);
const fmtMiB = kib => (kib === undefined ? '–' : `${(kib / 1024).toFixed(0)}`);
const versionOf = pkg => {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return undefined;
  }
};
const tmpBase = mkdtempSync(join(os.tmpdir(), 'cdk8s-bench-'));
let tmpCounter = 0;
const freshDir = () => {
  const dir = join(tmpBase, `out-${++tmpCounter}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Files, objects and bytes of the manifests in `dir` (tenant folders included), plus a hash of their contents. */
function countOutput(dir) {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.k8s.yaml')).sort();
  const hash = createHash('sha256');
  let objects = 0;
  let bytes = 0;
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    bytes += statSync(join(dir, f)).size;
    objects += text.split(/^---$/m).filter(doc => doc.trim() !== '').length;
    hash.update(f).update('\0').update(text).update('\0');
  }
  return { files: files.length, objects, bytes, hash: hash.digest('hex') };
}

/** Whether GNU time works here (it reports the peak RSS of the largest process of the tree). */
function detectGnuTime() {
  if (!existsSync('/usr/bin/time')) return false;
  const out = join(tmpBase, 'time-probe');
  const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, process.execPath, '-e', '0']);
  try {
    return r.status === 0 && /^\d+$/m.test(readFileSync(out, 'utf8'));
  } catch {
    return false;
  }
}
const GNU_TIME = detectGnuTime();

/**
 * Runs a command once as a whole process (its own process group, killed as a group on timeout).
 * Returns wall ms, peak RSS KiB, the app's JSON report line (if any) and the exit status.
 */
function runOnce({ cmd, args, cwd = root, env = {} }, timeoutS) {
  const rssFile = join(tmpBase, `rss-${++tmpCounter}`);
  const [file, fileArgs] = GNU_TIME ? ['/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args]] : [cmd, args];
  return new Promise(resolvePromise => {
    const started = performance.now();
    // An `undefined` value removes the variable (e.g. NODE_EXTRA_CA_CERTS for the diagnostic cases).
    const childEnv = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined));
    const child = spawn(file, fileArgs, {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', d => (stdout += d));
    child.stderr.on('data', d => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutS * 1000);
    child.on('exit', () => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      child.on('close', status => {
        let report;
        for (const line of stdout.split('\n')) {
          if (line.startsWith('{"loadMs"')) report = JSON.parse(line);
        }
        let rssKiB = report?.maxRssKiB;
        if (GNU_TIME) {
          try {
            const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
            rssKiB = Number(lines[lines.length - 1]);
          } catch {
            // killed before time wrote it
          }
          rmSync(rssFile, { force: true });
        }
        resolvePromise({ wallMs, rssKiB, report, status, timedOut, stderr });
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------- build
let buildMs = saved?.buildMs ?? 0;
if (!REPORT_ONLY) {
  console.log('building bench apps with esbuild ...');
  const buildStarted = performance.now();
  // The same esbuild settings as `npm run synth` (scripts/bundle.cjs), into .build/bench/.
  for (const [name, entry] of Object.entries({
    ours: 'bench/apps/ours.ts',
    handwritten: 'bench/apps/handwritten.ts',
    floor: 'bench/apps/floor.ts',
    reference: 'main.ts',
  })) {
    bundleApp(entry, `bench/${name}`);
  }
  buildMs = performance.now() - buildStarted;
}
const bundle = name => join(buildDir, `${name}.js`);
const node = process.execPath;
const cdk8sBin = join(root, 'node_modules', '.bin', 'cdk8s');
const linearSynth = join(root, 'bench', 'linear-synth.cjs');
const npmCmd = 'npm';

// A throw-away package whose scripts run the floor and the synth script, so `npm run` costs the same for both.
const npmDir = join(tmpBase, 'npm-pkg');
mkdirSync(npmDir);
writeFileSync(join(npmDir, 'package.json'), JSON.stringify({
  name: 'cdk8s-bench-npm-run',
  private: true,
  scripts: {
    floor: `node ${JSON.stringify(bundle('floor'))}`,
    synth: `node ${JSON.stringify(join(root, 'scripts', 'synth.mjs'))}`,
  },
}, null, 2));

// ts-node for baseline (c): a devDependency of the project, or a prefix given by BENCH_TS_NODE_PREFIX.
function tsNodeApp() {
  if (existsSync(join(root, 'node_modules', '.bin', 'ts-node'))) {
    return { app: 'npx ts-node main.ts', version: versionOf('ts-node'), how: 'project devDependency' };
  }
  const prefix = process.env.BENCH_TS_NODE_PREFIX;
  if (prefix && existsSync(join(prefix, 'node_modules', '.bin', 'ts-node'))) {
    const version = JSON.parse(readFileSync(join(prefix, 'node_modules', 'ts-node', 'package.json'), 'utf8')).version;
    return { app: `npx --prefix ${prefix} ts-node main.ts`, version, how: `BENCH_TS_NODE_PREFIX=${prefix}` };
  }
  return undefined;
}
const tsNode = saved ? saved.tsNode : tsNodeApp();

// ---------------------------------------------------------------------------------------------------- cases
/**
 * @type {Array<{id: string, label: string, group: string, runs: number, spec: (outdir: string) => object,
 *   tenants?: number, app?: string, outdir?: boolean}>}
 */
const cases = [];
const add = c => cases.push({ outdir: true, ...c });
add({ id: 'floor', label: 'floor (b): node + require(cdk8s-plus-28)', group: 'small', runs: RUNS, outdir: false,
  spec: () => ({ cmd: node, args: [bundle('floor')] }) });
add({ id: 'reference', label: 'reference app (bundled main.ts)', group: 'small', runs: RUNS, app: 'reference',
  spec: outdir => ({ cmd: node, args: [bundle('reference')], env: { CDK8S_OUTDIR: outdir } }) });
for (const n of SIZES) {
  const group = n >= 1000 ? 'large' : 'small';
  const runs = n >= 1000 ? RUNS_LARGE : RUNS;
  add({ id: `ours-${n}`, label: `ours, ${n} tenant${n > 1 ? 's' : ''}`, group, runs, tenants: n, app: 'ours',
    spec: outdir => ({ cmd: node, args: [bundle('ours'), String(n)], env: { CDK8S_OUTDIR: outdir } }) });
  add({ id: `handwritten-${n}`, label: `hand-written (a), ${n} tenant${n > 1 ? 's' : ''}`, group, runs,
    tenants: n, app: 'handwritten',
    spec: outdir => ({ cmd: node, args: [bundle('handwritten'), String(n)], env: { CDK8S_OUTDIR: outdir } }) });
}
{
  // Ours on the plain cdk8s App, as a user who does not know DurableApp synthesizes it: its constructs must cost no
  // more than hand-written ones there (the library gives such an app DurableApp's linear synth).
  const n = Math.max(...SIZES);
  const group = n >= 1000 ? 'large' : 'small';
  const runs = n >= 1000 ? RUNS_LARGE : RUNS;
  add({ id: `ours-${n}-plain`, label: `ours, ${n} tenants, on the plain cdk8s App`, group, runs,
    tenants: n, app: 'ours-plain',
    spec: outdir => ({ cmd: node, args: [bundle('ours'), String(n)], env: { CDK8S_OUTDIR: outdir,
      BENCH_PLAIN_APP: '1' } }) });
}
if (DIAGNOSTIC) {
  // Diagnostic that separates ours from cdk8s's own cost: hand-written with the re-validation removed
  // (bench/linear-synth.cjs), i.e. synthesized linearly as DurableApp does.
  const n = Math.max(...SIZES);
  const group = n >= 1000 ? 'large' : 'small';
  const runs = n >= 1000 ? RUNS_LARGE : RUNS;
  add({ id: `handwritten-${n}-linear`, label: `hand-written (a), ${n} tenants, diagnostic: linear cdk8s synth`, group,
    runs, tenants: n, app: 'handwritten-linear',
    spec: outdir => ({ cmd: node, args: ['-r', linearSynth, bundle('handwritten'), String(n)],
      env: { CDK8S_OUTDIR: outdir } }) });
  // And the reverse: ours on the plain App with cdk8s's own App.synth() (every repeated whole-app pass), which is
  // what an app whose class overrides synth() gets: what our construct tree costs in those passes.
  add({ id: `ours-${n}-cdk8s`, label: `ours, ${n} tenants, diagnostic: plain App with cdk8s's own synth`, group,
    runs, tenants: n, app: 'ours-cdk8s',
    spec: outdir => ({ cmd: node, args: [bundle('ours'), String(n)], env: { CDK8S_OUTDIR: outdir,
      BENCH_PLAIN_APP: '1', BENCH_CDK8S_SYNTH: '1' } }) });
}
add({ id: 'npm-synth', label: '`npm run synth` (project, reference app, esbuild included)', group: 'small',
  runs: RUNS, app: 'reference',
  spec: outdir => ({ cmd: npmCmd, args: ['run', 'synth'], env: { CDK8S_OUTDIR: outdir } }) });
add({ id: 'npm-synth-tmp', label: '`npm run synth` (same script, throw-away package)', group: 'small',
  runs: RUNS, app: 'reference',
  spec: outdir => ({ cmd: npmCmd, args: ['run', 'synth'], cwd: npmDir, env: { CDK8S_OUTDIR: outdir } }) });
add({ id: 'npm-floor', label: '`npm run floor` (floor (b), throw-away package)', group: 'small',
  runs: RUNS, outdir: false,
  spec: () => ({ cmd: npmCmd, args: ['run', 'floor'], cwd: npmDir }) });
add({ id: 'cli-version', label: '`cdk8s --version` (CLI start-up alone)', group: 'small', runs: RUNS, outdir: false,
  spec: () => ({ cmd: cdk8sBin, args: ['--version', '--no-check-upgrade'] }) });
add({ id: 'cdk8s-synth', label: '`cdk8s synth` (cdk8s.yaml app: node scripts/synth.mjs)', group: 'small',
  runs: RUNS, app: 'reference',
  spec: outdir => ({ cmd: cdk8sBin, args: ['synth', '--no-check-upgrade', '-o', outdir] }) });
// The same command without the validation plugin: the CLI and the app alone, the least any validating run can take.
if (DIAGNOSTIC) {
  add({ id: 'cdk8s-synth-no-validate', label: '`cdk8s synth --no-validate` (diagnostic: CLI and app, no plugin)',
    group: 'small', runs: RUNS, app: 'reference',
    spec: outdir => ({ cmd: cdk8sBin, args: ['synth', '--no-check-upgrade', '--no-validate', '-o', outdir] }) });
}
add({ id: 'node-start', label: '`node -e 0` (Node start-up alone)', group: 'small', runs: RUNS, outdir: false,
  spec: () => ({ cmd: node, args: ['-e', '0'] }) });
// Node reads the file NODE_EXTRA_CA_CERTS names (a proxy's CA bundle, common on corporate machines) at every start;
// `cdk8s synth` starts two Node processes (the CLI and the app). Measured without it too, as a diagnostic.
if (DIAGNOSTIC && process.env.NODE_EXTRA_CA_CERTS) {
  add({ id: 'node-start-no-ca', label: '`node -e 0` without NODE_EXTRA_CA_CERTS (diagnostic)', group: 'small',
    runs: RUNS, outdir: false,
    spec: () => ({ cmd: node, args: ['-e', '0'], env: { NODE_EXTRA_CA_CERTS: undefined } }) });
  add({ id: 'cdk8s-synth-no-ca', label: '`cdk8s synth` without NODE_EXTRA_CA_CERTS (diagnostic)', group: 'small',
    runs: RUNS, app: 'reference',
    spec: outdir => ({ cmd: cdk8sBin, args: ['synth', '--no-check-upgrade', '-o', outdir],
      env: { NODE_EXTRA_CA_CERTS: undefined } }) });
}
add({ id: 'npx-cdk8s-synth', label: '`npx cdk8s synth`', group: 'small', runs: RUNS, app: 'reference',
  spec: outdir => ({ cmd: 'npx', args: ['cdk8s', 'synth', '--no-check-upgrade', '-o', outdir] }) });
if (tsNode) {
  add({ id: 'ts-node', label: `(c) \`cdk8s synth --app "${tsNode.app.replace(/--prefix \S+ /, '')}"\` (cdk8s init way)`, group: 'large', runs: RUNS_LARGE, app: 'reference',
    spec: outdir => ({ cmd: cdk8sBin, args: ['synth', '--no-check-upgrade', '--app', tsNode.app, '-o', outdir] }) });
}

// ---------------------------------------------------------------------------------------------------- run
const results = new Map(cases.map(c => [c.id, { case: c, runs: [], timedOut: false,
  failed: undefined, output: undefined }]));

async function measure(c, warmup) {
  const r = results.get(c.id);
  if (r.timedOut || r.failed) return;
  const outdir = c.outdir ? freshDir() : undefined;
  const res = await runOnce(c.spec(outdir), TIMEOUT_S);
  if (res.timedOut) {
    r.timedOut = true;
    console.log(`  ${c.label}: timed out after ${TIMEOUT_S} s (${warmup ? 'warm-up' : 'timed run'}); no further runs`);
  } else if (res.status !== 0) {
    r.failed = `exit ${res.status}: ${res.stderr.split('\n').filter(l => !/npm warn/i.test(l)).slice(-5).join(' | ')}`;
    console.log(`  ${c.label}: FAILED ${r.failed}`);
  } else if (warmup) {
    if (outdir) r.output = countOutput(outdir);
    if (res.wallMs > LONG_S * 1000) {
      // Too slow to repeat within the bench's time budget: report this one run.
      r.runs.push(res);
      r.long = true;
      console.log(`  ${c.label}: warm-up took ${(res.wallMs / 1000).toFixed(1)} s (> ${LONG_S} s); `
        + `reported from this single run`);
    }
  } else if (r.long) {
    // already reported from the warm-up
  } else {
    r.runs.push(res);
  }
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}

async function runGroup(group) {
  const members = cases.filter(c => c.group === group);
  console.log(`warm-up (${group}) ...`);
  for (const c of members) await measure(c, true);
  const rounds = Math.max(...members.map(c => c.runs));
  for (let round = 1; round <= rounds; round++) {
    process.stdout.write(`round ${round}/${rounds} (${group}) ...\n`);
    // Round-robin: every case once per round, so drift on the machine hits all cases alike.
    for (const c of members) {
      if (round <= c.runs) await measure(c, false);
    }
  }
}

/** The library version measured: commit, and whether lib/, app/ or main.ts had uncommitted changes. */
function sourceState() {
  const git = args => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const commit = git(['rev-parse', '--short', 'HEAD']).stdout?.trim();
  const dirty = git(['status', '--porcelain', '--', 'lib', 'app', 'main.ts', 'imports']).stdout?.trim();
  return commit ? { commit, dirty: Boolean(dirty) } : undefined;
}
const source = saved ? saved.source : sourceState();
const loadBefore = saved?.loadBefore ?? os.loadavg();
const started = Date.now();
if (saved) {
  for (const r of saved.results) {
    const target = results.get(r.id);
    if (target) {
      Object.assign(target, { runs: r.runs, timedOut: r.timedOut, failed: r.failed,
        output: r.output, long: r.long });
    }
  }
} else {
  await runGroup('small');
  await runGroup('large');
}

// ---------------------------------------------------------------------------------------------------- profile
const stats = id => {
  const r = results.get(id);
  if (!r || r.runs.length === 0) return undefined;
  const walls = r.runs.map(x => x.wallMs);
  const reports = r.runs.map(x => x.report).filter(Boolean);
  return {
    median: median(walls),
    min: Math.min(...walls),
    max: Math.max(...walls),
    rss: Math.max(...r.runs.map(x => x.rssKiB ?? 0)) || undefined,
    n: walls.length,
    load: reports.length ? median(reports.map(x => x.loadMs)) : undefined,
    construct: reports.length ? median(reports.map(x => x.constructMs)) : undefined,
    synth: reports.length ? median(reports.map(x => x.synthMs)) : undefined,
  };
};

const profiles = saved?.profiles ?? [];
const largest = Math.max(...SIZES);
const ours1000 = stats(`ours-${largest}`);
const hw1000 = stats(`handwritten-${largest}`);
const plain1000 = stats(`ours-${largest}-plain`);
const largeTargetMissed = !ours1000 || !hw1000 || ours1000.median > 0.5 * hw1000.median
  || !plain1000 || plain1000.median > 1.2 * hw1000.median;
if (!saved && PROFILE && largeTargetMissed) {
  // Profile the largest size ours finished within 20 s (keeps the bench ~10 min), and hand-written at the same size.
  const done = SIZES.filter(n => (stats(`ours-${n}`)?.median ?? Infinity) < 20_000);
  const n = done.length ? Math.max(...done) : undefined;
  if (n !== undefined) {
    const profDir = join(buildDir, 'prof');
    rmSync(profDir, { recursive: true, force: true });
    for (const app of ['ours', 'handwritten']) {
      const dir = join(profDir, app);
      const outdir = freshDir();
      console.log(`profiling ${app} at ${n} tenants (node --cpu-prof) ...`);
      spawnSync(node, ['--cpu-prof', '--cpu-prof-dir', dir, bundle(app), String(n)],
        { env: { ...process.env, CDK8S_OUTDIR: outdir }, stdio: 'ignore' });
      rmSync(outdir, { recursive: true, force: true });
      const file = readdirSync(dir).find(f => f.endsWith('.cpuprofile'));
      if (file) profiles.push({ app, n, file: join(dir, file), text: formatSummary(summarize(join(dir, file)), 12) });
    }
  }
}
const elapsedS = saved?.elapsedS ?? (Date.now() - started) / 1000;
const loadAfter = saved?.loadAfter ?? os.loadavg();
rmSync(tmpBase, { recursive: true, force: true });
const runDate = saved?.date ?? new Date().toISOString();
const opts = saved?.options ?? { runs: RUNS, runsLarge: RUNS_LARGE, timeout: TIMEOUT_S, long: LONG_S };
if (!saved) {
  writeFileSync(RAW, JSON.stringify({
    date: runDate, options: opts, source, buildMs, elapsedS, loadBefore, loadAfter, tsNode, profiles, gnuTime: GNU_TIME,
    results: [...results.values()].map(r => ({ id: r.case.id, runs: r.runs.map(({ stderr: _stderr, ...rest }) => rest),
      timedOut: r.timedOut, failed: r.failed, output: r.output, long: r.long })),
  }, null, 1));
}

// ---------------------------------------------------------------------------------------------------- report
const floor = stats('floor');
const lines = [];
const row = cells => lines.push(`| ${cells.join(' | ')} |`);

row(['case', 'runs', 'median s', 'min–max s', 'peak RSS MiB', 'files', 'objects', 'YAML bytes', 'ours / hand-written',
  '/ floor (b)', 'in-process load / construct / synth ms']);
row(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']);
for (const c of cases) {
  const r = results.get(c.id);
  const s = stats(c.id);
  const out = r.output;
  let vsHand;
  if (c.app?.startsWith('ours')) {
    const h = stats(`handwritten-${c.tenants}`);
    if (s && h) vsHand = s.median / h.median;
  }
  const wall = s ? fmtS(s.median) : r.timedOut ? `> ${opts.timeout} (timed out)` : r.failed ? 'failed' : '–';
  row([
    c.label,
    s ? `${s.n}${results.get(c.id).long ? ' (slow: no warm-up)' : ''}` : '0',
    wall,
    s ? `${fmtS(s.min)}–${fmtS(s.max)}` : '–',
    fmtMiB(s?.rss),
    out ? String(out.files) : '–',
    out ? String(out.objects) : '–',
    out ? String(out.bytes) : '–',
    c.app?.startsWith('ours') ? fmtX(vsHand) : '',
    s && floor && c.id !== 'floor' ? fmtX(s.median / floor.median) : '',
    s?.load !== undefined ? `${s.load.toFixed(0)} / ${s.construct.toFixed(0)} / ${s.synth.toFixed(0)}` : '',
  ]);
}

// Identical output of ours and hand-written (the fairness check of baseline (a)).
const identical = [];
for (const n of SIZES) {
  const a = results.get(`ours-${n}`).output;
  const b = results.get(`handwritten-${n}`).output;
  identical.push(`${n}: ${a && b ? (a.hash === b.hash ? 'byte-identical' : 'DIFFERENT') : 'not compared (no output)'}`);
}
const refOut = results.get('reference').output;
const sameRef = ['npm-synth', 'cdk8s-synth', 'cdk8s-synth-no-validate', 'ts-node'].filter(id => results.get(id)?.output)
  .map(id => `${id}: ${results.get(id).output.hash === refOut?.hash ? 'same' : 'DIFFERENT'}`);

// Growth: marginal cost per tenant, and the exponent k of t(N) - t(1) ~ N^k between sizes.
const growth = [];
const base = app => stats(`${app}-1`)?.median;
for (const app of ['ours', 'handwritten']) {
  for (const n of SIZES.filter(x => x > 1)) {
    const s = stats(`${app}-${n}`);
    if (s && base(app) !== undefined) growth.push({ app, n, perTenantMs: (s.median - base(app)) / (n - 1) });
  }
}
/** t(n) from a fit t(N) = t(1) + b (N − 1) + c (N² − 1) through the 1, 10 and 100-tenant medians. */
const quadraticEstimate = (app, n) => {
  const t1 = base(app);
  const s10 = stats(`${app}-10`);
  const s100 = stats(`${app}-100`);
  if (t1 === undefined || !s10 || !s100) return undefined;
  const y10 = s10.median - t1;
  const y100 = s100.median - t1;
  const det = 9 * 9999 - 99 * 99;
  const b = (y10 * 9999 - 99 * y100) / det;
  const c = (9 * y100 - 99 * y10) / det;
  return t1 + b * (n - 1) + c * (n * n - 1);
};
const exponent = (app, a, b) => {
  const sa = stats(`${app}-${a}`);
  const sb = stats(`${app}-${b}`);
  if (!sa || !sb || base(app) === undefined) return undefined;
  return Math.log((sb.median - base(app)) / (sa.median - base(app))) / Math.log(b / a);
};

// Targets.
const targets = [];
const target = (name, value, limit, pass, note = '') => targets.push({ name, value, limit, pass, note });
const npmSynth = stats('npm-synth');
const npmFloor = stats('npm-floor');
if (npmSynth && npmFloor) {
  target('`npm run synth` (reference app) ≤ 1.5× the floor, both via `npm run`',
    `${fmtS(npmSynth.median)} s / ${fmtS(npmFloor.median)} s = ${fmtX(npmSynth.median / npmFloor.median)}`, '≤ 1.50×',
    npmSynth.median / npmFloor.median <= 1.5);
}
const cliSynth = stats('cdk8s-synth');
if (cliSynth) target('`cdk8s synth` (reference app)', `${fmtS(cliSynth.median)} s`, '≤ 1.7 s', cliSynth.median <= 1700);
const cliStart = stats('cli-version');
if (cliSynth && cliStart) {
  // Issue 5 set 1.7 s when the CLI alone took ~1 s to start: 0.7 s for what runs beyond the CLI's own start-up (the
  // app and the validation plugin), which this project controls; the CLI's start-up varies with the machine.
  target('`cdk8s synth` minus `cdk8s --version` (the app and the validation plugin)',
    `${fmtS(cliSynth.median)} s − ${fmtS(cliStart.median)} s = ${fmtS(cliSynth.median - cliStart.median)} s`, '≤ 0.7 s',
    cliSynth.median - cliStart.median <= 700);
}
const cliNoValidate = stats('cdk8s-synth-no-validate');
if (cliNoValidate) {
  // Without the plugin, the run is the CLI's start-up and the app: no validation plugin, however fast, can bring a
  // validating `cdk8s synth` below this on the same machine.
  const plugin = cliSynth ? `; the validation plugin adds ${fmtS(cliSynth.median - cliNoValidate.median)} s` : '';
  target('diagnostic: `cdk8s synth --no-validate` (the CLI and the app: the least a validating run can take)',
    `${fmtS(cliNoValidate.median)} s${plugin}`, '≤ 1.7 s', cliNoValidate.median <= 1700,
    'diagnostic: where this misses, no validation plugin can meet the 1.7 s target on this machine');
}
const cliSynthNoCa = stats('cdk8s-synth-no-ca');
const nodeStart = stats('node-start');
const nodeStartNoCa = stats('node-start-no-ca');
if (cliSynthNoCa && nodeStart && nodeStartNoCa) {
  const start = `\`node -e 0\` ${fmtS(nodeStart.median)} s with it, ${fmtS(nodeStartNoCa.median)} s without`;
  target('diagnostic: `cdk8s synth` without NODE_EXTRA_CA_CERTS',
    `${fmtS(cliSynthNoCa.median)} s (each Node start reads the CA bundle: ${start})`, '≤ 1.7 s',
    cliSynthNoCa.median <= 1700, 'diagnostic: this machine sets NODE_EXTRA_CA_CERTS');
}
const npxSynth = stats('npx-cdk8s-synth');
if (npxSynth) {
  target('`npx cdk8s synth` (reference app)', `${fmtS(npxSynth.median)} s`, '≤ 1.7 s',
    npxSynth.median <= 1700, 'informative: npx adds its own start-up');
}
if (SIZES.includes(1000)) {
  const o = stats('ours-1000');
  const h = stats('handwritten-1000');
  const op = stats('ours-1000-plain');
  const est = quadraticEstimate('ours', 1000);
  target('1000 tenants: ours with DurableApp ≤ 0.5× hand-written (a) on the plain App',
    o && h ? `${fmtS(o.median)} s / ${fmtS(h.median)} s = ${fmtX(o.median / h.median)}`
    : `ours timed out (> ${opts.timeout} s)${est ? `; a quadratic fit through 1, 10 and 100 tenants predicts `
      + `≈ ${(est / 1000).toFixed(0)} s${h ? ` = ${fmtX(est / h.median)}` : ''}` : ''}`,
    '≤ 0.50×', Boolean(o && h && o.median <= 0.5 * h.median));
  target('1000 tenants: ours on the plain App ≤ 1.2× hand-written (a) on the plain App',
    op && h ? `${fmtS(op.median)} s / ${fmtS(h.median)} s = ${fmtX(op.median / h.median)}` : 'not measured',
    '≤ 1.20×', Boolean(op && h && op.median <= 1.2 * h.median));
  const o100 = growth.find(g => g.app === 'ours' && g.n === 100);
  const o1000 = growth.find(g => g.app === 'ours' && g.n === 1000);
  target('ours grows linearly (ms per tenant at 100 vs 1000)',
    `${o100 ? o100.perTenantMs.toFixed(1) : '–'} ms vs ${o1000 ? o1000.perTenantMs.toFixed(1) : '–'} ms per tenant`,
    'about equal (≤ 1.25×)', Boolean(o100 && o1000 && o1000.perTenantMs <= 1.25 * o100.perTenantMs),
    o1000 ? '' : '1000 tenants did not finish');
  target('1000 tenants: ours peak RSS',
    o?.rss ? `${fmtMiB(o.rss)} MiB` : 'not measured (timed out)',
    '≤ 1024 MiB', Boolean(o?.rss && o.rss <= 1024 * 1024), o?.rss ? '' : 'not measured');
  const hl = stats('handwritten-1000-linear');
  if (o && hl) {
    target(
      'diagnostic: 1000 tenants, ours ≤ 1.2× hand-written also synthesized linearly (same algorithm as DurableApp)',
      `${fmtS(o.median)} s / ${fmtS(hl.median)} s = ${fmtX(o.median / hl.median)}`, '≤ 1.20×',
      o.median <= 1.2 * hl.median, 'diagnostic');
  }
  const oc = stats('ours-1000-cdk8s');
  if (oc && h) {
    target('diagnostic: 1000 tenants, ours ≤ 1.2× hand-written (a), both with cdk8s\'s own synth (an App whose class '
      + 'overrides synth())', `${fmtS(oc.median)} s / ${fmtS(h.median)} s = ${fmtX(oc.median / h.median)}`, '≤ 1.20×',
    oc.median <= 1.2 * h.median, 'diagnostic: the construct tree\'s cost in the repeated passes');
  }
}

const cpu = os.cpus();
const machine = [
  `- Date: ${runDate}${source ? `; library at commit ${source.commit}`
    + `${source.dirty ? ' with uncommitted changes in lib/, app/, main.ts or imports/' : ''}` : ''}`,
  `- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, `
    + `${os.type()} ${os.release()} (${os.arch()})`,
  `- Node ${process.version}, npm ${spawnSync(npmCmd, ['--version'], { encoding: 'utf8' }).stdout.trim()}; `
    + `cdk8s ${versionOf('cdk8s')}, cdk8s-plus-28 ${versionOf('cdk8s-plus-28')}, `
    + `constructs ${versionOf('constructs')}, cdk8s-cli ${versionOf('cdk8s-cli')}, esbuild ${versionOf('esbuild')}, `
    + `typescript ${versionOf('typescript')}`
    + `${tsNode ? `, ts-node ${tsNode.version} (${tsNode.how})` : ', ts-node: not installed, baseline (c) skipped'}`,
  `- Runs: ${opts.runs} timed runs per case after 1 warm-up (${opts.runsLarge} for 1000 tenants and for ts-node), `
    + `round-robin; per-run timeout ${opts.timeout} s; peak RSS from `
    + `${GNU_TIME
      ? '`/usr/bin/time -f %M` (largest process of the tree)'
      : 'process.resourceUsage().maxRSS of the app'}`,
  `- Bench wall time: ${elapsedS.toFixed(0)} s (plus ${buildMs.toFixed(0)} ms esbuild for the 4 bundles); `
    + `load average (1 min) ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after`
    + `${loadBefore[0] > 0.5 || loadAfter[0] > 2.5
      ? ' — other work was running on this 2-core machine, so absolute times are inflated; '
        + 'the round-robin order keeps the ratios fair'
      : ''}`,
];

// Sub-benchmarks with their own scripts: each writes a Markdown table to .build/bench/<name>.md.
const extras = [];
for (const [script, title, skip] of [
  ['validator.mjs', 'Validator on large and deep input', 'no-validator'],
  ['consumer-synth.mjs', 'Synth in a `cdk8s init` project: app runners', 'no-consumer'],
]) {
  const file = join(buildDir, script.replace(/\.mjs$/, '.md'));
  if (!REPORT_ONLY && !flag(skip) && existsSync(join(root, 'bench', script))) {
    console.log(`running bench/${script} ...`);
    rmSync(file, { force: true });
    const run = spawnSync(node, [join(root, 'bench', script)], { stdio: 'inherit' });
    if (run.status !== 0) console.warn(`bench/${script} failed (exit ${run.status})`);
  }
  if (existsSync(file)) extras.push({ title, script, text: readFileSync(file, 'utf8').trim() });
}

const md = [];
md.push('# Synthesis benchmark', '');
md.push('Generated by `npm run bench` (`node bench/run.mjs`); do not edit by hand.', '');
md.push(...machine, '');
md.push('## Results', '');
md.push(...lines, '');
md.push(`Each tenant: a TaskHubTenant (Namespace, ResourceQuota, LimitRange, 3 NetworkPolicies) with a KEDA-scaled `
  + `worker (ServiceAccount, ScaledObject, Deployment, PodDisruptionBudget) and an HPA-scaled worker (ServiceAccount, `
  + `HorizontalPodAutoscaler, Deployment, PodDisruptionBudget): 14 objects, one file per tenant.`, '');
md.push(`Output of ours vs hand-written (a) per tenant count: ${identical.join('; ')}.`);
if (sameRef.length) {
  md.push(`Output of the reference app via other launchers vs the bundled run: `
    + `${sameRef.join('; ')}.`);
}
md.push('');
md.push('### Growth', '');
md.push('| app | tenants | marginal ms per tenant ((t(N) − t(1)) / (N − 1)) |', '| --- | ---: | ---: |');
for (const g of growth) md.push(`| ${g.app} | ${g.n} | ${g.perTenantMs.toFixed(2)} |`);
md.push('');
for (const app of ['ours', 'handwritten']) {
  const parts = [];
  for (const [a, b] of [[10, 100], [100, 1000]]) {
    const k = exponent(app, a, b);
    if (k !== undefined) parts.push(`${a}→${b}: N^${k.toFixed(2)}`);
  }
  if (parts.length) md.push(`- ${app}: t(N) − t(1) grows as ${parts.join(', ')} (1.00 = linear)`);
}
md.push('');
md.push('## Targets', '');
md.push('| target | measured | limit | result |', '| --- | --- | --- | --- |');
for (const t of targets) {
  md.push(`| ${t.name} | ${t.value} | ${t.limit} | `
    + `${t.pass ? 'pass' : '**MISS**'}${t.note ? ` (${t.note})` : ''} |`);
}
md.push('');
for (const e of extras) {
  md.push(`## ${e.title}`, '', `From \`node bench/${e.script}\` (run by \`npm run bench\`).`, '', e.text, '');
}
md.push('## Method', '');
md.push(
  '- Every run is a whole process spawned by `bench/run.mjs` (wall time from spawn to exit, node start-up included), '
    + 'into a fresh temporary output directory. Cases run round-robin after one warm-up run each; the '
    + 'table shows the median.',
  '- The apps are bundled once with esbuild (bundle, platform node, `packages: external`, as `scripts/synth.mjs` does) '
    + 'into `.build/bench/`: `ours.js` (bench/apps/ours.ts, this library), `handwritten.js` '
    + '(bench/apps/handwritten.ts, the same objects on the cdk8s-plus-28 `k8s` L1 classes and the imported KEDA '
    + 'ScaledObject, no validation), `floor.js` (`require(\'cdk8s-plus-28\')` only) and `reference.js` (main.ts).',
  '- `npm run synth` vs the floor: `npm run` itself costs a few hundred ms, so the floor is launched the same way: a '
    + 'throw-away package.json with scripts `floor` (`node .build/bench/floor.js`) and `synth` (`node '
    + 'scripts/synth.mjs`), both run with `npm run`. The target ratio uses the real `npm run synth` in the project '
    + '(with `CDK8S_OUTDIR` pointing to a temporary directory; esbuild transpiles main.ts on every run, so no stale '
    + 'build) over `npm run floor`; the throw-away package\'s `npm run synth` row shows the two '
    + 'launchers cost the same.',
  '- `cdk8s synth` runs `node_modules/.bin/cdk8s synth --no-check-upgrade -o <tmp>` in the project (cdk8s.yaml `app: '
    + 'node scripts/synth.mjs`); a global `cdk8s` is the same. Baseline (c) passes `--app "npx ts-node main.ts"` on '
    + 'the command line (the cdk8s init default: type-checking ts-node); the project\'s cdk8s.yaml is never changed. '
    + 'The `--no-validate` row skips the validation plugin (cdk8s.yaml `validations:`): what is left is the CLI\'s '
    + 'start-up, the app, and the CLI\'s own work around it.',
  '- Node reads the CA bundle that NODE_EXTRA_CA_CERTS names (set where a proxy re-signs TLS, as on this machine and '
    + 'many corporate ones) at every process start, before any code runs; `cdk8s synth` starts two Node processes. '
    + 'When it is set, the "without NODE_EXTRA_CA_CERTS" rows remove it from the environment of those runs only.',
  '- Objects are counted as the YAML documents of the written files; bytes are the file sizes.',
  '- Marginal ms per tenant uses the 1-tenant run as the fixed cost; linear growth means it stays the same '
    + 'from 100 to 1000 tenants.',
  `- A case that times out (${opts.timeout} s) is killed with its process group and not repeated; a case whose warm-up `
    + `takes more than ${opts.long} s is reported from that single run.`,
  '- "diagnostic: linear cdk8s synth" rows preload `bench/linear-synth.cjs`, which stops cdk8s 2.x from validating the '
    + 'whole app and resolving its dependencies again for every chart inside `App.synth()` (`App._synthChart`, called '
    + 'by `Chart.toJson()`); the output is byte-identical. The difference between a normal row and its diagnostic row '
    + 'is cdk8s\'s own O(charts × constructs) cost.',
);
md.push('');
if (profiles.length) {
  md.push('## Profiles', '');
  md.push(`The 1000-tenant target is missed, so \`node --cpu-prof\` profiled both apps at ${profiles[0].n} tenants `
    + `(files in \`.build/bench/prof/\`; summarize with \`node bench/profile.mjs <file>\`). Owners: \`lib/*.ts\` is `
    + `this library, \`cdk8s\`/\`constructs\`/\`yaml\` are dependencies. Inclusive time counts a `
    + `function once per sample.`, '');
  for (const p of profiles) {
    md.push(`### ${p.app}, ${p.n} tenants`, '', '```', p.text, '```', '');
  }
}
const markdown = md.join('\n');

console.log('');
console.log(machine.join('\n'));
console.log('');
console.log(lines.join('\n'));
console.log('');
console.log(`ours vs hand-written output: ${identical.join('; ')}`);
console.log('');
for (const t of targets) {
  console.log(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.value} (limit `
    + `${t.limit})${t.note ? ` [${t.note}]` : ''}`);
}
for (const p of profiles) {
  console.log(`\nprofile ${p.app} ${p.n} tenants: `
    + `${p.file}\n${p.text.split('\n').slice(0, 14).join('\n')}`);
}
if (WRITE) {
  writeFileSync(join(root, 'bench', 'RESULTS.md'), `${markdown}\n`);
  console.log('\nwrote bench/RESULTS.md');
}
