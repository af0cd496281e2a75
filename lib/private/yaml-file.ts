import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';

/** The part of the `yaml` package (2.x) this module uses. */
interface YamlParser {
  parseAllDocuments(text: string, options: { version: '1.1' }): Array<{
    readonly errors: ReadonlyArray<{ readonly message: string }>;
    toJSON(): unknown;
  }>;
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
  const documents = parser.parseAllDocuments(fs.readFileSync(filePath, 'utf8'), { version: '1.1' });
  const error = documents.flatMap(d => d.errors)[0];
  if (error !== undefined) {
    throw new Error(`${path.basename(filePath)}: not valid YAML: ${error.message}`);
  }
  // Empty documents are dropped, as cdk8s's Yaml.load drops them.
  return documents.map(d => d.toJSON()).filter(d => d !== null && d !== undefined
    && !(Array.isArray(d) && d.length === 0) && !(typeof d === 'object' && Object.keys(d).length === 0));
}
