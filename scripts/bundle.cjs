'use strict';
// One way to run this repo's TypeScript without a build step: esbuild bundles an entry point (transpile only,
// no type-check; `npm test` type-checks) into .build/, leaving node_modules packages external.
// CommonJS so both ESM scripts and CommonJS entry points (the cdk8s plugin) can use it.
//
// A bundle is reused while it is fresh: next to it, `<bundle>.inputs.json` records the size and mtime of every file
// esbuild read (its metafile), of the folders holding them (a file added or removed there may change what an import
// resolves to), of tsconfig.json and package.json, and the esbuild version and options. Any change rebuilds it, so
// an edit is never missed; an unchanged checkout skips esbuild (~0.4 s for the validator with its schemas).
const { build, buildSync } = require('esbuild');
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const ESBUILD_VERSION = require('esbuild/package.json').version;
/** Files that change a bundle without being one of its inputs. */
const SETTINGS = ['tsconfig.json', 'package.json'].map(f => join(root, f));

function options(entry, name, extra = {}) {
  return {
    ...extra,
    absWorkingDir: root,
    entryPoints: [join(root, entry)],
    outfile: join(root, '.build', `${name}.js`),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // kubernetes-models, cdk8s, ... stay external: resolved from node_modules, loaded lazily where they are.
    packages: 'external',
    logLevel: 'warning',
    metafile: true,
  };
}

/** Size and modification time of `path`, or `missing`. */
function stamp(path) {
  try {
    const s = statSync(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

const recordOf = opts => `${opts.outfile}.inputs.json`;
const keyOf = opts => JSON.stringify({ esbuild: ESBUILD_VERSION, opts });

/** Whether the bundle of `opts` exists and none of what it was built from changed since. */
function isFresh(opts) {
  let record;
  try {
    record = JSON.parse(readFileSync(recordOf(opts), 'utf8'));
  } catch {
    return false;
  }
  return record.key === keyOf(opts) && record.output === stamp(opts.outfile)
    && Object.entries(record.stamps).every(([path, s]) => stamp(path) === s);
}

/**
 * File times come from the kernel's coarse clock (a few ms behind `Date.now()`): a file changed this close to the
 * start of a build may have changed while esbuild read it.
 */
const CLOCK_MARGIN_MS = 1000;

/**
 * Records what the bundle was built from, unless an input changed shortly before or while esbuild ran (then the
 * bundle may hold the older text, and the next call builds again).
 */
function remember(opts, metafile, startedMs) {
  const inputs = Object.keys(metafile.inputs).map(p => resolve(root, p));
  const paths = [...new Set([...inputs, ...inputs.map(p => dirname(p)), ...SETTINGS])].sort();
  if (paths.some(p => (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= startedMs - CLOCK_MARGIN_MS)) {
    return;
  }
  const stamps = Object.fromEntries(paths.map(p => [p, stamp(p)]));
  writeFileSync(recordOf(opts), JSON.stringify({ key: keyOf(opts), output: stamp(opts.outfile), stamps }, null, 1));
}

/**
 * Bundles `entry` (a path relative to the repo root) to `.build/<name>.js`, unless that bundle is fresh, and returns
 * the bundle's path. `extra` adds esbuild options (e.g. `alias` for the examples, which import the library by its
 * package name).
 */
function bundle(entry, name, extra) {
  const opts = options(entry, name, extra);
  if (!isFresh(opts)) {
    const started = Date.now();
    remember(opts, buildSync(opts).metafile, started);
  }
  return opts.outfile;
}

/** Like bundle(), but esbuild works in its own process while the caller goes on (e.g. loads cdk8s). */
async function bundleAsync(entry, name) {
  const opts = options(entry, name);
  if (!isFresh(opts)) {
    const started = Date.now();
    remember(opts, (await build(opts)).metafile, started);
  }
  return opts.outfile;
}

module.exports = { bundle, bundleAsync, root };
