import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// scripts/snippets.mjs feeds the consumer test every TypeScript snippet a user would copy. A Markdown file it does
// not read has snippets nobody compiles (validation/README.md's did not compile in a cdk8s-init project).
const root = path.join(__dirname, '..', '..');

interface Entry { readonly from: string; readonly file?: string; readonly count?: number }
interface Manifest {
  readonly sources: string[];
  readonly main: Entry;
  readonly apps: Entry[];
  readonly modules: Entry[];
  readonly fragments: Entry[];
  readonly skipped: Entry[];
}

/** The ```ts blocks of a Markdown file (as scripts/snippets.mjs finds them). */
function tsBlocks(file: string): number {
  return fs.readFileSync(path.join(root, file), 'utf8').split('\n').filter(l => /^\s*```(ts|typescript)\s*$/.test(l))
    .length;
}

let out: string;
let manifest: Manifest;
beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-test-'));
  manifest = JSON.parse(execFileSync(process.execPath, [path.join(root, 'scripts', 'snippets.mjs'), out],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Manifest;
});
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

describe('scripts/snippets.mjs', () => {
  test('reads every committed Markdown file with a TypeScript block (API.md is generated)', () => {
    // GIVEN the committed Markdown files that hold a ```ts block
    const withTs = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' }).split('\n')
      .filter(f => f !== '' && f !== 'API.md' && fs.existsSync(path.join(root, f)) && tsBlocks(f) > 0);
    // WHEN snippets.mjs extracts (beforeAll)
    // THEN it read each of them
    expect(withTs).toContain('validation/README.md');
    expect(withTs.filter(f => !manifest.sources.includes(f))).toEqual([]);
  });

  test('accounts for every block of every file it reads', () => {
    // GIVEN the blocks per file, and the preamble blocks (declarations the fragments continue from)
    const total = manifest.sources.reduce((n, f) => n + tsBlocks(f), 0);
    const preambles = fs.readFileSync(path.join(root, 'README.md'), 'utf8').split('\n')
      .filter(l => /<!--\s*snippet:\s*preamble\s*-->/.test(l)).length;
    // WHEN counting what the manifest lists
    const listed = 1 + manifest.apps.length + manifest.modules.length + manifest.skipped.length
      + manifest.fragments.reduce((n, f) => n + (f.count ?? 0), 0);
    // THEN nothing is dropped
    expect(listed + preambles).toBe(total);
  });

  test('a block marked module is a file of its own, compiled and not run', () => {
    // GIVEN validation/README.md, whose Library blocks import the validator package (WHEN: beforeAll)
    const modules = manifest.modules.filter(m => m.from.startsWith('validation/README.md:'));
    // THEN each is its own file, written with the package's import, and not among the apps that are run
    expect(modules.length).toBe(2);
    for (const m of modules) {
      expect(m.file).toMatch(/^validation-readme-\d+\.ts$/);
      expect(fs.readFileSync(path.join(out, m.file!), 'utf8')).toContain("from 'cdk8s-durable-task-validator'");
    }
    expect(manifest.apps.some(a => a.from.startsWith('validation/'))).toBe(false);
  });

  test('every name of the library a fragment file uses is imported there (else only the consumer test finds it)', () => {
    // GIVEN the library's exports, and the fragment files (WHEN: beforeAll)
    const exported = Object.keys(require('../../lib') as object);
    // THEN each name a fragment file uses outside its import lines is imported from the package
    const missing = manifest.fragments.flatMap(f => {
      const text = fs.readFileSync(path.join(out, f.file!), 'utf8');
      const imported = [...text.matchAll(/^import \{([^}]*)\} from 'cdk8s-durable-task';$/gm)]
        .flatMap(m => m[1].split(',').map(n => n.trim()));
      const code = text.split('\n').filter(l => !l.startsWith('import ') && !l.startsWith('export {')).join('\n');
      return exported.filter(name => new RegExp(`\\b${name}\\b`).test(code) && !imported.includes(name))
        .map(name => `${f.file}: ${name}`);
    });
    expect(missing).toEqual([]);
  });

  test('extract(outdir, from) reads the Markdown of the checkout it is given (the consumer test: the commit)', () => {
    // GIVEN a checkout whose README's main.ts differs from this working tree's
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-checkout-'));
    const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-from-'));
    for (const f of manifest.sources) {
      fs.mkdirSync(path.dirname(path.join(checkout, f)), { recursive: true });
      fs.copyFileSync(path.join(root, f), path.join(checkout, f));
    }
    const readme = path.join(checkout, 'README.md');
    fs.writeFileSync(readme, fs.readFileSync(readme, 'utf8').replace("new MyChart(app, 'orders');",
      "new MyChart(app, 'from-the-checkout');"));
    // WHEN extracting from it
    execFileSync(process.execPath, ['--input-type=module', '-e',
      `import { extract } from ${JSON.stringify(path.join(root, 'scripts', 'snippets.mjs'))};`
      + `extract(${JSON.stringify(dest)}, ${JSON.stringify(checkout)});`]);
    // THEN main.ts is the checkout's
    expect(fs.readFileSync(path.join(dest, 'main.ts'), 'utf8')).toContain("new MyChart(app, 'from-the-checkout');");
    fs.rmSync(checkout, { recursive: true, force: true });
    fs.rmSync(dest, { recursive: true, force: true });
  });
});
