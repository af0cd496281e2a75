'use strict';
// One way to run this repo's TypeScript without a build step: esbuild bundles an entry point (transpile only,
// no type-check; `npm test` type-checks) into .build/, leaving node_modules packages external.
// CommonJS so both ESM scripts and CommonJS entry points (the cdk8s plugin) can use it.
//
// A bundle is reused while it is fresh: next to it, `<bundle>.inputs.json` records the stamp (size, mtime, ctime,
// inode) of every file esbuild read (its metafile) and of the package.json and tsconfig.json files esbuild may read in
// their folders and above them, the names in the folders holding them (a file added or removed there may change what
// an import resolves to), plus the esbuild version, the options, and the stamp of the bundle it wrote. A change to
// any of them (an edit, a checkout, a file restored with an older mtime: its ctime and inode change) rebuilds it. An
// unchanged checkout skips esbuild (~0.4 s for the validator with its schemas, ~0.15 s for main.ts).
//
// Folders are compared by the names in them, not by their times: `cdk8s synth` deletes and re-creates dist/ in the
// repository root (main.ts's folder) before every run, which changes the root's times but not what main.ts imports.
const { mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const ESBUILD_VERSION = require('esbuild/package.json').version;
/** esbuild's API, loaded only when a bundle is built (~14 ms that a fresh bundle does not need). */
const esbuild = () => require('esbuild');

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
    // Written by write(), so that a bundle appears whole, and is known to be the one this call built.
    write: false,
  };
}

/** Size, modification and change times, and inode of `path`, or `missing`. */
function stamp(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : 'missing';
}

/** The stamp of a bundle: as stamp(), without the change time, which the rename that puts it in place updates. */
function outputStamp(s) {
  return s ? `${s.size}:${s.mtimeMs}:${s.ino}` : 'missing';
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
  return record.key === keyOf(opts) && record.output === outputStamp(statSync(opts.outfile, { throwIfNoEntry: false }))
    && Object.entries(record.stamps).every(([path, s]) => stamp(path) === s)
    && Object.entries(record.listings ?? {}).every(([dir, names]) => listing(dir) === names);
}

/** The names in folder `dir`, sorted, a folder's with a trailing `/`, or `missing`. */
function listing(dir) {
  try {
    return readdirSync(dir, { withFileTypes: true }).map(e => (e.isDirectory() ? `${e.name}/` : e.name)).sort()
      .join('\n');
  } catch {
    return 'missing';
  }
}

/** The folders the last recorded build of `opts` depended on (none if there is no record). */
function recordedFolders(opts) {
  try {
    return Object.keys(JSON.parse(readFileSync(recordOf(opts), 'utf8')).listings ?? {});
  } catch {
    return [];
  }
}

/**
 * Writes `text` to `file` through a temporary file and a rename, so readers see the old or the new file, whole;
 * returns the stat of what it wrote (a rename keeps the inode).
 */
function writeWhole(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  // .build/ does not exist in a fresh clone.
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(tmp, text);
  const written = statSync(tmp);
  renameSync(tmp, file);
  return written;
}

/** `dir` and the folders above it up to the repository root. */
function upToRoot(dir) {
  const dirs = [];
  for (; !relative(root, dir).startsWith('..'); dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === root) break;
  }
  return dirs;
}

/**
 * What a bundle of `inputs` depends on besides them: their folders (a file added or removed there may change what an
 * import resolves to), and the package.json (`type`, `sideEffects`, `imports`) and tsconfig.json files esbuild may
 * read in those folders and above them.
 */
function surroundings(inputs) {
  const folders = [...new Set(inputs.map(p => dirname(p)))].sort();
  const settings = new Set(folders.flatMap(upToRoot).flatMap(dir => [join(dir, 'package.json'),
    join(dir, 'tsconfig.json')]));
  return { folders, settings: [...settings] };
}

/**
 * File times come from the kernel's coarse clock (a few ms behind `Date.now()`): a file changed this close to the
 * start of a build may have changed while esbuild read it.
 */
const CLOCK_MARGIN_MS = 1000;

/**
 * The names in the folders a build of `opts` will likely read (the entry's folder and those of the last recorded
 * build), listed before esbuild runs: a file added while it runs then differs from the record, and the next call
 * builds again.
 */
function listBefore(opts) {
  const dirs = new Set([dirname(opts.entryPoints[0]), ...recordedFolders(opts)]);
  return new Map([...dirs].map(dir => [dir, listing(dir)]));
}

/**
 * Writes the bundle esbuild built, then records what it was built from, unless an input changed shortly before or
 * while esbuild ran (then the bundle may hold the older text, and the next call builds again). A folder listed
 * before the build is recorded with that listing; one that was not (a folder new to this build) is listed now, and
 * only if its time says it did not change since shortly before the build. The bundle's own stamp is taken from the
 * file this call wrote (a rename keeps its inode): if another process replaces the bundle afterwards, the stamps
 * differ and the next call builds again.
 */
function writeAndRemember(opts, result, startedMs, listedBefore) {
  const written = writeWhole(opts.outfile, result.outputFiles[0].contents);
  const inputs = Object.keys(result.metafile.inputs).map(p => resolve(root, p));
  const { folders, settings } = surroundings(inputs);
  const files = [...new Set([...inputs, ...settings])].sort();
  const unlisted = folders.filter(dir => !listedBefore.has(dir));
  if ([...files, ...unlisted].some(p => (statSync(p, { throwIfNoEntry: false })?.mtimeMs ?? 0)
    >= startedMs - CLOCK_MARGIN_MS)) {
    return;
  }
  const stamps = Object.fromEntries(files.map(p => [p, stamp(p)]));
  const listings = Object.fromEntries(folders.map(dir => [dir, listedBefore.get(dir) ?? listing(dir)]));
  writeWhole(recordOf(opts), JSON.stringify({ key: keyOf(opts), output: outputStamp(written), stamps, listings },
    null, 1));
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
    const listed = listBefore(opts);
    writeAndRemember(opts, esbuild().buildSync(opts), started, listed);
  }
  return opts.outfile;
}

/** Like bundle(), but esbuild works in its own process while the caller goes on (e.g. loads cdk8s). */
async function bundleAsync(entry, name) {
  const opts = options(entry, name);
  if (!isFresh(opts)) {
    const started = Date.now();
    const listed = listBefore(opts);
    writeAndRemember(opts, await esbuild().build(opts), started, listed);
  }
  return opts.outfile;
}

module.exports = { bundle, bundleAsync, root };
