/**
 * cdk8s-durable-task-validate [--default-namespace NS] [--disable RULE[,RULE...]] [PATH...]
 *
 * Validates every *.yaml/*.yml under the given directories and the given files (default: dist/) as one
 * manifest set. Prints one line per finding and a summary; exit code 1 when there is any finding.
 * Run through `node validation/run.mjs` (bundles this file on the fly, no build step).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFinding, rulesMarkdown, validateManifests } from './index';
import { collectFiles, loadFiles } from './load';
import { RULES } from './rules';

export interface CliIo {
  readonly cwd: string;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

// The package's command (`bin` in package.json); in this repository the same CLI is `node validation/run.mjs`.
const USAGE = 'usage: cdk8s-durable-task-validate [--default-namespace NS] [--disable RULE[,RULE...]] [--verbose] '
  + `[--rules | --rules-markdown] [PATH...]

Validates the Kubernetes manifests in PATH (directories are searched for *.yaml/*.yml; default: dist/)
as one set: strict schema (Kubernetes 1.33 and the CRDs listed in the validator's README), Pod Security
Standards (restricted) and cross-object references. Exits 1 when anything is found, 2 on a usage error.

  --default-namespace NS   namespace of objects without metadata.namespace (default: default)
  --disable RULES          comma-separated rule ids to skip
  --verbose                also list every file with its object count (default: findings and one summary line)
  --rules                  list the rules and exit
  --rules-markdown         print the rule table of validation/README.md and exit`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Runs the CLI; returns the exit code (0 clean, 1 findings, 2 usage error). */
export function main(argv: readonly string[], io: CliIo = defaultIo()): number {
  const paths: string[] = [];
  const disable: string[] = [];
  let defaultNamespace: string | undefined;
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      return eq >= 0 ? a.slice(eq + 1) : argv[++i];
    };
    if (a === '-h' || a === '--help') {
      io.out(USAGE);
      return 0;
    } else if (a === '--rules') {
      for (const r of RULES) io.out(`${r.id.padEnd(38)} ${r.description}`);
      return 0;
    } else if (a === '--rules-markdown') {
      io.out(rulesMarkdown().trimEnd());
      return 0;
    } else if (a === '--verbose') {
      verbose = true;
    } else if (a === '--default-namespace' || a.startsWith('--default-namespace=')) {
      defaultNamespace = value();
    } else if (a === '--disable' || a.startsWith('--disable=')) {
      disable.push(...(value() ?? '').split(',').map(s => s.trim()).filter(Boolean));
    } else if (a.startsWith('-')) {
      io.err(`unknown option ${a}\n${USAGE}`);
      return 2;
    } else {
      paths.push(a);
    }
  }
  const unknownRules = disable.filter(id => !RULES.some(r => r.id === id));
  if (unknownRules.length > 0) {
    io.err(`unknown rule id(s) in --disable: ${unknownRules.join(', ')} (see --rules)`);
    return 2;
  }

  const targets = (paths.length > 0 ? paths : ['dist']).map(p => path.resolve(io.cwd, p));
  const missing = targets.filter(p => !fs.existsSync(p));
  if (missing.length > 0) {
    io.err(`not found: ${missing.map(p => path.relative(io.cwd, p) || '.').join(', ')}`);
    return 2;
  }
  const files = collectFiles(targets);
  const loaded = loadFiles(files);
  const rel = (f: string): string => path.relative(io.cwd, f) || f;
  if (verbose) {
    for (const f of files) io.out(`${rel(f)}: ${plural(loaded.documents.filter(d => d.file === f).length, 'object')}`);
  }

  let count = 0;
  for (const e of loaded.errors) {
    io.out(`${rel(e.file)}:${e.line}:${e.column}: ${e.message} (yaml-syntax)`);
    count++;
  }
  const findings = validateManifests(loaded.documents.map(d => d.object), {
    defaultNamespace, disable, sources: loaded.documents,
  });
  for (const f of findings) {
    const doc = f.index !== undefined ? loaded.documents[f.index] : undefined;
    io.out(`${doc ? `${rel(doc.file)}:${doc.lineOf(f.field)}: ` : ''}${formatFinding(f)}`);
    count++;
  }
  io.out(`validated ${plural(loaded.documents.length, 'object')} in ${plural(files.length, 'file')}: `
    + `${plural(count, 'finding')}`);
  return count > 0 ? 1 : 0;
}

function defaultIo(): CliIo {
  return {
    cwd: process.cwd(),
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`),
  };
}
