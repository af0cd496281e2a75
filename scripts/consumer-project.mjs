// Creates a project the way `cdk8s init typescript-app` does, from the template files that ship in cdk8s-cli
// (node_modules/cdk8s-cli/templates/typescript-app) and the versions cdk8s-cli would fill in, then adds the
// packages under test. `cdk8s init` itself cannot run offline: its hook runs `cdk8s import k8s`, which downloads
// the Kubernetes schema. Nothing here uses imports/k8s.ts, so the project is otherwise what init creates:
// cdk8s-plus-33, TypeScript 5.9, ts-node/ts-jest, `app: npx ts-node main.ts`, dist/ in .gitignore.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The values `cdk8s init` substitutes (cdk8s-cli lib/cli/cmds/init.js determineDeps()), from cdk8s-cli itself. */
function templateValues(name) {
  const cliPkg = require.resolve('cdk8s-cli/package.json');
  const cliRequire = createRequire(cliPkg);
  const cli = JSON.parse(readFileSync(cliPkg, 'utf8'));
  return {
    $base: name,
    cdk8s_core_version: cliRequire('cdk8s/package.json').version,
    cdk8s_plus_version: cliRequire('cdk8s-plus-33/package.json').version,
    constructs_version: cli.dependencies.constructs.replace('^', ''),
    cdk8s_cli_spec: `^${cli.version}`,
  };
}

function copyTemplate(from, to, values) {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    if (entry.startsWith('.hooks')) continue; // init's post hook: npm install + cdk8s import, replaced below
    const src = join(from, entry);
    const dest = join(to, entry.replace('{{}}', ''));
    if (statSync(src).isDirectory()) {
      copyTemplate(src, dest, values);
    } else {
      const text = readFileSync(src, 'utf8').replace(/\{\{\s*(\$?\w+)\s*\}\}/g, (m, key) => values[key] ?? m);
      writeFileSync(dest, text);
    }
  }
}

export function run(cmd, args, cwd, options = {}) {
  const r = spawnSync(cmd, args, {
    cwd, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false', ...options.env },
  });
  if (r.status !== 0 && !options.allowFailure) {
    throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) failed with exit ${r.status ?? r.signal}:\n`
      + `${r.stdout ?? ''}${r.stderr ?? ''}`.trim());
  }
  return r;
}

/**
 * Creates the project in `dir` and installs it plus `dependencies` / `devDependencies` (name -> spec, e.g.
 * `file:/tmp/cdk8s-durable-task-0.1.0.tgz`). Our peer cdk8s-plus-28 goes next to the template's cdk8s-plus-33.
 */
export function createConsumerProject(dir, { name = 'consumer', dependencies = {}, devDependencies = {} } = {}) {
  const template = join(dirname(require.resolve('cdk8s-cli/package.json')), 'templates', 'typescript-app');
  copyTemplate(template, dir, templateValues(name));
  const pkgFile = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const peer = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).peerDependencies;
  pkg.dependencies = { ...pkg.dependencies, 'cdk8s-plus-28': peer['cdk8s-plus-28'], ...dependencies };
  pkg.devDependencies = { ...pkg.devDependencies, ...devDependencies };
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], dir);
  return pkg;
}
