import * as fs from 'fs';
import * as path from 'path';

// scripts/bundle.cjs runs this repo's TypeScript (npm run synth, the cdk8s plugin, npm run validate) and reuses a
// bundle while nothing it was built from changed. These tests show that an edit is not missed.
const { bundle, root } = require('../../scripts/bundle.cjs') as {
  bundle: (entry: string, name: string) => string;
  root: string;
};

/** A folder under .build/ (inside the repository, as bundle() takes paths relative to it) with `files`. */
function project(files: Record<string, string>): { dir: string; write: (file: string, text: string) => void } {
  fs.mkdirSync(path.join(root, '.build'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, '.build', 'bundle-test.'));
  // Files older than the bundle's clock margin, as files are that were saved before a synth.
  const past = new Date(Date.now() - 60_000);
  const write = (file: string, text: string): void => {
    fs.writeFileSync(path.join(dir, file), text);
    fs.utimesSync(path.join(dir, file), past, past);
    fs.utimesSync(dir, past, past);
  };
  Object.entries(files).forEach(([file, text]) => write(file, text));
  return { dir, write };
}

/**
 * Bundles `<dir>/main.ts` into `<dir>.js` (outside the folder, whose time would change); returns the value it exports
 * (the bundle's text sets it once) and the bundle's path.
 */
function run(dir: string): { value: string; outfile: string } {
  const outfile = bundle(path.join(path.relative(root, dir), 'main.ts'), path.basename(dir));
  expect(outfile).toBe(`${dir}.js`);
  const values = [...fs.readFileSync(outfile, 'utf8').matchAll(/value = "(\w+)"/g)].map(m => m[1]);
  expect(values).toHaveLength(1);
  return { value: values[0], outfile };
}

describe('scripts/bundle.cjs', () => {
  let dirs: string[] = [];
  afterEach(() => {
    dirs.flatMap(d => [d, `${d}.js`, `${d}.js.inputs.json`]).forEach(f => fs.rmSync(f, { recursive: true, force: true }));
    dirs = [];
  });

  test('reuses a bundle when nothing it was built from changed', () => {
    // GIVEN a bundle
    const { dir } = project({ 'main.ts': "export { value } from './dep';", 'dep.ts': "export const value = 'one';" });
    dirs.push(dir);
    const first = run(dir);
    const built = fs.statSync(first.outfile).mtimeMs;
    // WHEN
    const second = run(dir);
    // THEN
    expect(second.value).toBe('one');
    expect(fs.statSync(second.outfile).mtimeMs).toBe(built);
  });

  test('builds into an output folder that does not exist yet (.build/ in a fresh clone)', () => {
    // GIVEN a project, and an output folder that is not there
    const { dir } = project({ 'main.ts': "export const value = 'fresh';" });
    const missing = `${dir}-out`;
    dirs.push(dir, missing);
    expect(fs.existsSync(missing)).toBe(false);
    // WHEN
    const outfile = bundle(path.join(path.relative(root, dir), 'main.ts'), path.join(path.basename(missing), 'main'));
    // THEN
    expect(outfile).toBe(path.join(missing, 'main.js'));
    expect(fs.readFileSync(outfile, 'utf8')).toContain('fresh');
  });

  test('rebuilds when an imported file changes, also to text of the same length', () => {
    // GIVEN
    const { dir, write } = project({ 'main.ts': "export { value } from './dep';", 'dep.ts': "export const value = 'one';" });
    dirs.push(dir);
    const { value, outfile } = run(dir);
    expect(value).toBe('one');
    expect(fs.existsSync(`${outfile}.inputs.json`)).toBe(true);
    // WHEN
    write('dep.ts', "export const value = 'two';");
    fs.utimesSync(path.join(dir, 'dep.ts'), new Date(), new Date(Date.now() - 30_000));
    // THEN
    expect(run(dir).value).toBe('two');
  });

  test('rebuilds when a file added next to an input changes what an import resolves to', () => {
    // GIVEN main.ts imports './dep', which resolves to dep.js
    const { dir, write } = project({ 'main.ts': "export { value } from './dep';", 'dep.js': 'export const value = "js";' });
    dirs.push(dir);
    const { value, outfile } = run(dir);
    expect(value).toBe('js');
    expect(fs.existsSync(`${outfile}.inputs.json`)).toBe(true);
    // WHEN dep.ts appears (esbuild prefers it), in a folder whose time says it changed
    write('dep.ts', "export const value = 'ts';");
    fs.utimesSync(dir, new Date(), new Date(Date.now() - 30_000));
    // THEN
    expect(run(dir).value).toBe('ts');
  });

  test('reuses a bundle when a folder next to an input is deleted and made again (cdk8s synth and its outdir)', () => {
    // GIVEN a bundle of a folder that holds an output folder
    const { dir } = project({ 'main.ts': "export { value } from './dep';", 'dep.ts': "export const value = 'one';" });
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'dist'));
    const first = run(dir);
    const built = fs.statSync(first.outfile).mtimeMs;
    // WHEN the output folder is deleted and made again, which changes the times of the folder holding main.ts
    fs.rmSync(path.join(dir, 'dist'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'dist'));
    // THEN
    expect(run(dir).value).toBe('one');
    expect(fs.statSync(first.outfile).mtimeMs).toBe(built);
  });

  test('rebuilds when a file is replaced by one of the same size and modification time (cp -p, tar x)', () => {
    // GIVEN
    const { dir } = project({ 'main.ts': "export { value } from './dep';", 'dep.ts': "export const value = 'one';" });
    dirs.push(dir);
    const { outfile } = run(dir);
    expect(fs.existsSync(`${outfile}.inputs.json`)).toBe(true);
    const before = fs.statSync(path.join(dir, 'dep.ts'));
    // WHEN another file with the same size and mtime takes its place
    fs.writeFileSync(path.join(dir, 'dep.ts.new'), "export const value = 'two';");
    fs.utimesSync(path.join(dir, 'dep.ts.new'), before.atime, before.mtime);
    fs.renameSync(path.join(dir, 'dep.ts.new'), path.join(dir, 'dep.ts'));
    fs.utimesSync(dir, before.atime, before.mtime);
    // THEN
    expect(run(dir).value).toBe('two');
  });

  test('builds again, and does not record, when an input changed just before the build', () => {
    // GIVEN a source saved now (within the clock margin)
    const { dir } = project({ 'main.ts': "export const value = 'now';" });
    dirs.push(dir);
    fs.utimesSync(path.join(dir, 'main.ts'), new Date(), new Date());
    // WHEN
    const { outfile } = run(dir);
    // THEN
    expect(fs.existsSync(`${outfile}.inputs.json`)).toBe(false);
  });
});
