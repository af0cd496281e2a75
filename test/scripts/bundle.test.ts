import * as fs from 'fs';
import * as path from 'path';

// scripts/bundle.cjs runs this repo's TypeScript (npm run synth, the cdk8s plugin, the examples) and reuses a bundle
// while nothing it was built from changed. These tests prove that an edit is never missed.
const { bundle, root } = require('../../scripts/bundle.cjs') as {
  bundle: (entry: string, name: string) => string;
  root: string;
};

/** A folder under .build/ (inside the repository, as bundle() takes paths relative to it) with `files`. */
function project(files: Record<string, string>): { dir: string; write: (file: string, text: string) => void } {
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

/** Bundles `<dir>/main.ts`; returns the value it exports (the bundle's text, which sets it once) and its path. */
function run(dir: string): { value: string; outfile: string } {
  const rel = path.relative(root, dir);
  const outfile = bundle(path.join(rel, 'main.ts'), path.join(rel, 'out'));
  const values = [...fs.readFileSync(outfile, 'utf8').matchAll(/value = "(\w+)"/g)].map(m => m[1]);
  expect(values).toHaveLength(1);
  return { value: values[0], outfile };
}

describe('scripts/bundle.cjs', () => {
  let dirs: string[] = [];
  afterEach(() => {
    dirs.forEach(d => fs.rmSync(d, { recursive: true, force: true }));
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

  test('rebuilds when an imported file changes, also to text of the same length', () => {
    // GIVEN
    const { dir, write } = project({ 'main.ts': "export { value } from './dep';", 'dep.ts': "export const value = 'one';" });
    dirs.push(dir);
    expect(run(dir).value).toBe('one');
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
    expect(run(dir).value).toBe('js');
    // WHEN dep.ts appears (esbuild prefers it), in a folder whose time says it changed
    write('dep.ts', "export const value = 'ts';");
    fs.utimesSync(dir, new Date(), new Date(Date.now() - 30_000));
    // THEN
    expect(run(dir).value).toBe('ts');
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
