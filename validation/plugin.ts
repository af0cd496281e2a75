/**
 * cdk8s CLI validation plugin: `cdk8s synth` runs it on the synthesized manifests when cdk8s.yaml lists it
 * under `validations:` (see validation/README.md). Loaded through validation/cdk8s-plugin.js.
 *
 * The types below mirror the plugin contract of cdk8s-cli (lib/plugins/validation.d.ts) structurally, so
 * this module does not import cdk8s-cli at run time.
 */
import * as path from 'node:path';
import { formatFinding, validateManifests } from './index';
import { LoadedDocument, loadFiles } from './load';
import { RULES } from './rules';
import { Finding, dig, str } from './types';

interface ViolatingResource {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
}

interface Violation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: readonly ViolatingResource[];
}

/** What cdk8s passes to `validate()`: the subset of cdk8s-cli's ValidationContext used here. */
export interface PluginContext {
  readonly manifests: readonly string[];
  readonly report: {
    addViolation(violation: Violation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
  /** Construct paths cdk8s recorded during synth, keyed by metadata.name only. */
  readonly metadata?: { readonly [name: string]: { readonly path: string } | undefined };
}

/** `properties:` of the cdk8s.yaml `validations:` entry. */
export interface PluginProperties {
  /** Namespace of objects without metadata.namespace. Default: `default`. */
  readonly defaultNamespace?: string;
  /** Rule ids to skip. */
  readonly disable?: readonly string[];
  /** Also print cdk8s's full report table when nothing is found. Default: one summary line. */
  readonly verbose?: boolean;
}

/** The validation plugin class named in cdk8s.yaml (`class: DurableTaskValidation`). */
export class DurableTaskValidation {
  private readonly props: PluginProperties;

  constructor(props: PluginProperties = {}) {
    const disable = props.disable ?? [];
    const unknown = disable.filter(id => !RULES.some(r => r.id === id));
    if (unknown.length > 0) {
      throw new Error(`DurableTaskValidation: unknown rule id(s) in properties.disable: ${unknown.join(', ')}`);
    }
    this.props = props;
  }

  async validate(context: PluginContext): Promise<void> {
    const loaded = loadFiles(context.manifests);
    const docs = loaded.documents;
    const findings = validateManifests(docs.map(d => d.object), {
      defaultNamespace: this.props.defaultNamespace,
      disable: this.props.disable,
      sources: docs,
    });

    if (loaded.errors.length > 0) {
      context.report.addViolation({
        ruleName: 'yaml-syntax',
        recommendation: ruleText('yaml-syntax').description,
        fix: ruleText('yaml-syntax').fix,
        violatingResources: loaded.errors.map(e => ({ resourceName: path.basename(e.file), manifestPath: e.file,
          locations: [`${e.line}:${e.column}: ${e.message}`] })),
      });
    }
    for (const violation of toViolations(findings, docs, context.metadata)) context.report.addViolation(violation);

    const total = findings.length + loaded.errors.length;
    const summary = `cdk8s-durable-task: validated ${plural(docs.length, 'object')} in `
      + `${plural(loaded.files.length, 'file')}: ${plural(total, 'finding')}`;
    context.report.submit(total > 0 ? 'failure' : 'success', { findings: String(total) });
    if (total === 0 && !this.props.verbose) {
      // cdk8s-cli prints every report with report.toString(), a ~20-line table even for a clean run
      // (cdk8s-cli lib/util.js validateApp); a clean run is this one line instead. Findings keep the full table.
      Object.defineProperty(context.report, 'toString', { value: () => summary });
    } else {
      context.logger.log(summary);
    }
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function ruleText(id: string): { description: string; fix: string } {
  return RULES.find(r => r.id === id) ?? { description: id, fix: '' };
}

/**
 * One violation per rule, one violating resource per object.
 *
 * cdk8s prints the construct path it recorded for `resourceName`, but records paths by metadata.name only:
 * objects sharing a name share one (the last recorded) path. Within a chart that is usually a sibling of the
 * same construct (the Deployment's finding shows its PodDisruptionBudget's path); when the recorded path
 * lies in another chart than the manifest file (a same-named object of another tenant), the resource is
 * named `Kind namespace/name` instead, so cdk8s prints `Construct Path: N/A` rather than a wrong one.
 * Every location line starts with the exact `Kind namespace/name` either way.
 */
export function toViolations(
  findings: readonly Finding[],
  docs: readonly LoadedDocument[],
  metadata: PluginContext['metadata'] = {},
): Violation[] {
  const byRule = new Map<string, Map<string,
    { resource: { resourceName: string; manifestPath: string }; locations: string[] }>>();
  for (const f of findings) {
    const doc = f.index !== undefined ? docs[f.index] : firstDocumentIn(docs, f);
    const manifestPath = doc?.file ?? '';
    const name = f.name ?? '<unnamed>';
    const recorded = metadata[name]?.path;
    const chart = chartOf(manifestPath);
    const trustworthy = recorded === undefined || chart === undefined || recorded.split('/')[0].toLowerCase() === chart;
    const resourceName = trustworthy ? name
      : `${f.kind ?? ''} ${f.namespace !== undefined ? `${f.namespace}/` : ''}${name}`.trim();
    const key = `${manifestPath}\u0000${f.kind ?? ''}\u0000${f.namespace ?? ''}\u0000${name}`;
    let resources = byRule.get(f.rule);
    if (!resources) byRule.set(f.rule, (resources = new Map()));
    let entry = resources.get(key);
    if (!entry) resources.set(key, (entry = { resource: { resourceName, manifestPath }, locations: [] }));
    const line = doc && f.index !== undefined ? `${path.basename(doc.file)}:${doc.lineOf(f.field)} ` : '';
    entry.locations.push(`${line}${formatFinding(f)}`);
  }
  const ordered = RULES.map(r => r.id as string).filter(id => byRule.has(id));
  return ordered.map(id => ({
    ruleName: id,
    recommendation: ruleText(id).description,
    fix: ruleText(id).fix,
    violatingResources: [...(byRule.get(id)?.values() ?? [])].map(e => ({ ...e.resource, locations: e.locations })),
  }));
}

/** Chart id of a cdk8s output file (`tenant-a.k8s.yaml`, `0001-tenant-a.k8s.yaml`), if it is one. */
function chartOf(file: string): string | undefined {
  const m = /^(?:\d{4}-)?(.+)\.k8s\.ya?ml$/.exec(path.basename(file));
  return m ? m[1].toLowerCase() : undefined;
}

/** For namespace-wide findings: the first document of that namespace (so the report names a file). */
function firstDocumentIn(docs: readonly LoadedDocument[], f: Finding): LoadedDocument | undefined {
  if (f.kind !== 'Namespace' || f.name === undefined) return undefined;
  return docs.find(d => str(dig(d.object, 'metadata', 'namespace')) === f.name) ?? docs[0];
}
