/** Reads manifest files (multi-document YAML) for the CLI and the cdk8s plugin, keeping source positions. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Alias, Document, LineCounter, parseAllDocuments, visit } from 'yaml';
import { parsePath } from './path';
import { kubectlTags } from './yaml-compat';

/** One non-empty YAML document. */
export interface LoadedDocument {
  readonly file: string;
  /** Position of the document in its file (0-based, counting empty documents). */
  readonly position: number;
  readonly object: unknown;
  /** 1-based line of `field` (a `Finding.field`) in this document, or of its closest existing parent. */
  lineOf(field: string | undefined): number;
}

export interface LoadError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface LoadResult {
  readonly files: readonly string[];
  readonly documents: readonly LoadedDocument[];
  readonly errors: readonly LoadError[];
}

const YAML_FILE = /\.ya?ml$/i;

/** Expands directories (recursively, sorted) to their *.yaml / *.yml files; files are kept as given. */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (p: string, explicit: boolean): void => {
    const st = fs.statSync(p);
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(p, name), false);
      }
    } else if (explicit || YAML_FILE.test(p)) {
      out.push(p);
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}

/**
 * Aliases one document may expand before it is rejected as an alias bomb ("billion laughs"); go-yaml v2
 * rejects excessive aliasing too (decode.go `allowedAliasRatio`), with a ratio rather than a count.
 */
const MAX_ALIAS_COUNT = 1000;

/** Options of the `yaml` parser that read documents the way kubectl does (see yaml-compat.ts). */
export const KUBECTL_YAML = { version: '1.1', customTags: kubectlTags } as const;

/**
 * Parses files like kubectl (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 booleans and nulls (`yes`/`on`
 * are booleans), go-yaml's numbers (`0644` and `0o644` are 420, `1:20` is a string), duplicate keys,
 * unresolved or cross-document aliases, bad merge keys and alias bombs are errors of their document only.
 */
export function loadFiles(files: readonly string[]): LoadResult {
  const documents: LoadedDocument[] = [];
  const errors: LoadError[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      errors.push({ file, line: 1, column: 1, message: `cannot read the file: ${errorMessage(e)}` });
      continue;
    }
    const lineCounter = new LineCounter();
    const docs: readonly Document.Parsed[] = parseAllDocuments(text,
      { ...KUBECTL_YAML, lineCounter, prettyErrors: false });
    docs.forEach((doc, position) => {
      const error = (offset: number, message: string): void => {
        const pos = lineCounter.linePos(offset);
        errors.push({ file, line: pos.line, column: pos.col, message });
      };
      if (doc.errors.length > 0) {
        for (const e of doc.errors) error(e.pos[0], parserMessage(e.message));
        return;
      }
      let object: unknown;
      try {
        object = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        // Composing errors the parser leaves to toJS: an alias to an anchor of another document (kubectl:
        // "unknown anchor"), a merge key whose source is not a map, too many aliases.
        error(unresolvedAlias(doc) ?? doc.range[0], `document ${position + 1}: ${errorMessage(e).split('\n')[0]}`);
        return;
      }
      if (object === null || object === undefined) return;
      const start = doc.contents?.range?.[0] ?? 0;
      documents.push({
        file,
        position,
        object,
        lineOf(field: string | undefined): number {
          const segments = field ? parsePath(field) : [];
          // The deepest node that exists: a missing required field points at its parent.
          for (let n = segments.length; n >= 0; n--) {
            const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
            if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
          }
          return lineCounter.linePos(start).line;
        },
      });
    });
  }
  return { files, documents, errors };
}

/** Offset of the first alias in `doc` without an anchor before it (in the same document), if any. */
function unresolvedAlias(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node: Alias) {
      if (node.resolve(doc) !== undefined) return undefined;
      found = node.range?.[0];
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * First line of a parser error. The parser is recursive and reports running out of stack (nesting deeper
 * than about 800 levels) as an error at that position; say what it means.
 */
function parserMessage(message: string): string {
  const first = message.split('\n')[0];
  return first.startsWith('Maximum call stack size exceeded')
    ? `nesting too deep to read${first.slice('Maximum call stack size exceeded'.length)} (this `
      + `reader stops at about 800 levels)`
    : first;
}

/** Message of a thrown value (errors of another realm, e.g. under a test runner, are not `instanceof Error`). */
function errorMessage(e: unknown): string {
  const message = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(e);
}
