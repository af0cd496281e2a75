import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';

/** A node of a parsed YAML document, as far as this module reads it (`yaml` 2.x: Scalar, YAMLMap, YAMLSeq, Alias). */
interface YamlNode {
  readonly items?: ReadonlyArray<YamlNode | { readonly key: YamlNode | null; readonly value: YamlNode | null }>;
  readonly value?: unknown;
  /** A scalar's text as written (plain scalars), e.g. `0123` for the number 83. */
  readonly source?: string;
  readonly type?: string;
}

/** The part of the `yaml` package (2.x) this module uses. */
interface YamlParser {
  parseAllDocuments(text: string, options: { version: '1.1' }): Array<{
    readonly errors: ReadonlyArray<{ readonly message: string }>;
    readonly contents: YamlNode | null;
    toJSON(): unknown;
    toJS(): unknown;
  }>;
}

/**
 * A YAML document's data, with Dates left as Dates (YAML 1.1 reads `2026-01-01` as a timestamp, which `toJSON` would
 * turn into a string silently), and the text of each unquoted scalar YAML read as something other than a string
 * (a number, a boolean, null or a date), by field path as `tenants[0].workers[1].env[0].value`.
 */
export interface TypedYamlDocument {
  readonly data: unknown;
  readonly typedScalars: ReadonlyMap<string, string>;
}

/**
 * The YAML parser cdk8s bundles (`cdk8s/node_modules/yaml`), if this cdk8s has one where cdk8s itself finds it.
 * Resolved from cdk8s's own folder, so it is cdk8s's copy, not whatever `yaml` the project has.
 */
function cdk8sYamlParser(): YamlParser | undefined {
  try {
    const cdk8sDir = path.dirname(require.resolve('cdk8s'));
    return require(require.resolve('yaml', { paths: [cdk8sDir] })) as YamlParser;
  } catch {
    return undefined;
  }
}

/**
 * The non-empty documents of a local YAML file as {@link TypedYamlDocument}s, read as {@link readYamlDocuments} reads
 * them. Without cdk8s's bundled parser, the documents of `Yaml.load`, with no scalar texts.
 */
export function readTypedYamlDocuments(filePath: string): TypedYamlDocument[] {
  const parser = cdk8sYamlParser();
  if (parser === undefined) {
    return Yaml.load(filePath).map(data => ({ data, typedScalars: new Map() }));
  }
  return parse(parser, filePath).map(d => {
    const typedScalars = new Map<string, string>();
    collectTypedScalars(d.contents, '', typedScalars);
    return { data: d.toJS(), typedScalars };
  }).filter(d => !isEmpty(d.data));
}

/** Records the plain scalars under `node` that YAML typed as something other than a string (aliases not followed). */
function collectTypedScalars(node: YamlNode | null | undefined, path: string, out: Map<string, string>): void {
  if (node == null) return;
  if (Array.isArray(node.items)) {
    node.items.forEach((item, i) => {
      if (item !== null && 'key' in item) {
        const key = item.key?.value;
        // A merge key (`<<: *base`) brings in fields of an anchor: they have their texts where the anchor is.
        if (typeof key === 'string' && key !== '<<') {
          collectTypedScalars(item.value, path === '' ? key : `${path}.${key}`, out);
        }
      } else {
        collectTypedScalars(item as YamlNode, `${path}[${i}]`, out);
      }
    });
    return;
  }
  if (node.type === 'PLAIN' && typeof node.source === 'string' && typeof node.value !== 'string') {
    out.set(path, node.source);
  }
}

function parse(parser: YamlParser, filePath: string): ReturnType<YamlParser['parseAllDocuments']> {
  const documents = parser.parseAllDocuments(fs.readFileSync(filePath, 'utf8'), { version: '1.1' });
  const error = documents.flatMap(d => d.errors)[0];
  if (error !== undefined) {
    throw new Error(`${path.basename(filePath)}: not valid YAML: ${error.message}`);
  }
  return documents;
}

/** An empty document (cdk8s's Yaml.load drops them). */
function isEmpty(d: unknown): boolean {
  return d === null || d === undefined || (Array.isArray(d) && d.length === 0)
    || (typeof d === 'object' && !(d instanceof Date) && Object.keys(d).length === 0);
}

/**
 * The non-empty documents of a local YAML file, read as cdk8s reads YAML (its bundled parser, YAML 1.1).
 *
 * `Yaml.load` of cdk8s reads a file through a child Node process (it is written for URLs), which costs about 200 ms
 * per file; this reads the file directly and fails with the parser's first error, naming the file. Without a
 * bundled parser (another cdk8s), it falls back to `Yaml.load`.
 */
export function readYamlDocuments(filePath: string): unknown[] {
  const parser = cdk8sYamlParser();
  if (parser === undefined) {
    return Yaml.load(filePath);
  }
  // Empty documents are dropped, as cdk8s's Yaml.load drops them.
  return parse(parser, filePath).map(d => d.toJSON()).filter(d => !isEmpty(d));
}
