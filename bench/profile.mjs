// Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self and inclusive time per owner (this library's
// source files, the bench app, cdk8s, constructs, yaml, node internals, GC) and per function.
//
//   node bench/profile.mjs <file.cpuprofile> [top]
//
// Code of an esbuild bundle is attributed to its source file through the `// path/to/file.ts` comments
// esbuild writes before each module, so lib/*.ts shows up by file without source maps.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Maps a bundle's 0-based line numbers to the source file esbuild inlined there. */
function bundleIndex(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const marks = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\/\/ ((?:[\w.@-]+\/)*[\w.@-]+\.[cm]?[jt]sx?)$/.exec(line);
    if (m) marks.push([i, m[1]]);
  });
  return line => {
    let found;
    for (const [start, source] of marks) {
      if (start > line) break;
      found = source;
    }
    return found;
  };
}

const bundles = new Map();

function ownerOf(callFrame) {
  const { url, functionName, lineNumber } = callFrame;
  if (!url) {
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)' || functionName === '(idle)' || functionName === '(root)') return functionName;
    return '(native)';
  }
  const nm = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.startsWith('file://') && /\/\.build\/.*\.js$/.test(url)) {
    const path = fileURLToPath(url);
    if (!bundles.has(path)) bundles.set(path, bundleIndex(path));
    const source = bundles.get(path)?.(lineNumber);
    return source ?? 'bundle';
  }
  return url.replace(/^file:\/\//, '');
}

/** Self and inclusive ms per owner and per function. */
export function summarize(profilePath) {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8'));
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const owners = new Map();
  const functions = new Map();
  const bump = (map, key, field, ms, extra) => {
    const e = map.get(key) ?? { key, self: 0, total: 0, ...extra };
    e[field] += ms;
    map.set(key, e);
  };
  let totalMs = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the next delta to sample i (V8's convention).
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (ms <= 0) continue;
    totalMs += ms;
    const leaf = byId.get(samples[i]);
    const seenOwners = new Set();
    const seenFns = new Set();
    let first = true;
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const cf = byId.get(id).callFrame;
      const owner = ownerOf(cf);
      const fn = `${cf.functionName || '(anonymous)'} [${owner}:${cf.lineNumber + 1}]`;
      if (first) {
        bump(owners, owner, 'self', ms);
        bump(functions, fn, 'self', ms, { owner });
        first = false;
      }
      if (!seenOwners.has(owner)) {
        seenOwners.add(owner);
        bump(owners, owner, 'total', ms);
      }
      if (!seenFns.has(fn)) {
        seenFns.add(fn);
        bump(functions, fn, 'total', ms, { owner });
      }
    }
  }
  return { totalMs, owners: [...owners.values()], functions: [...functions.values()] };
}

/** A plain-text report of `summarize`. */
export function formatSummary(summary, top = 15) {
  const pct = ms => `${((100 * ms) / summary.totalMs).toFixed(1).padStart(5)}%`;
  const lines = [`sampled ${summary.totalMs.toFixed(0)} ms`, '', 'by owner (self / inclusive):'];
  for (const o of [...summary.owners].sort((a, b) => b.self - a.self).slice(0, top)) {
    lines.push(`  ${o.key.padEnd(34)} self ${o.self.toFixed(0).padStart(7)} ms ${pct(o.self)}   incl `
      + `${o.total.toFixed(0).padStart(7)} ms ${pct(o.total)}`);
  }
  lines.push('', 'functions by self time:');
  for (const f of [...summary.functions].sort((a, b) => b.self - a.self).slice(0, top)) {
    lines.push(`  ${pct(f.self)} ${f.self.toFixed(0).padStart(7)} ms  ${f.key}`);
  }
  lines.push('', 'functions by inclusive time:');
  for (const f of [...summary.functions].sort((a, b) => b.total - a.total).slice(0, top * 2)) {
    lines.push(`  ${pct(f.total)} ${f.total.toFixed(0).padStart(7)} ms  ${f.key}`);
  }
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node bench/profile.mjs <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(formatSummary(summarize(file), Number(top ?? 15)));
}
