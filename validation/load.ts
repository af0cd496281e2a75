/** Reads manifest files (multi-document YAML) for the CLI and the cdk8s plugin, keeping source positions. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { parsePath } from './path';

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
 * Parses files as YAML 1.1, like kubectl (sigs.k8s.io/yaml): `yes`/`on` are booleans and `0644` is octal,
 * so a value the API server would mistype is caught here too.
 */
export function loadFiles(files: readonly string[]): LoadResult {
  const documents: LoadedDocument[] = [];
  const errors: LoadError[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const lineCounter = new LineCounter();
    const docs: readonly Document.Parsed[] = parseAllDocuments(text, { version: '1.1', lineCounter, prettyErrors: false });
    docs.forEach((doc, position) => {
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          const pos = lineCounter.linePos(e.pos[0]);
          errors.push({ file, line: pos.line, column: pos.col, message: e.message.split('\n')[0] });
        }
        return;
      }
      const object: unknown = doc.toJS({ maxAliasCount: 1000 });
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
