import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * A cdk8s App whose `synth()` stays linear in the number of charts.
 *
 * `App.synth()` renders each chart through `chart.toJson()`, which validates the whole app and resolves its
 * dependencies again for every chart: with hundreds of tenants (one chart each) synth time grows with the
 * square of the tenant count. `DurableApp` validates once, then renders each chart's objects in the same
 * order and to the same file names, so the output is byte-identical to `App.synth()` (tested).
 *
 * It takes the fast path only for what it reproduces exactly: `YamlOutputType.FILE_PER_CHART` (the default),
 * no construct dependencies or nested charts, and charts that do not override `toJson()`. Anything else is
 * synthesized by `App.synth()` itself.
 */
export class DurableApp extends App {
  private readonly recordMetadata: boolean;

  public constructor(props: AppProps = {}) {
    super(props);
    // Mirrors App: the cdk8s CLI asks for construct metadata through this variable when validations run.
    this.recordMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  /**
   * Synthesizes all manifests to the output directory, validating the app once.
   */
  public override synth(): void {
    const constructs = this.node.findAll();
    if (!this.canSynthLinearly(constructs)) {
      super.synth();
      return;
    }
    fs.mkdirSync(this.outdir, { recursive: true });
    validateAll(constructs);
    const written: ApiObject[] = [];
    for (const chart of this.charts) {
      const objects = new DependencyGraph(chart.node).topology()
        .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
      written.push(...objects);
      Yaml.save(path.join(this.outdir, `${Names.toDnsLabel(chart)}${this.outputFileExtension}`), objects.map(o => o.toJson()));
    }
    if (this.recordMetadata) {
      const resources: Record<string, { path: string }> = {};
      for (const apiObject of written) {
        resources[apiObject.name] = { path: apiObject.node.path };
      }
      fs.writeFileSync(path.join(this.outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
    }
  }

  private canSynthLinearly(constructs: IConstruct[]): boolean {
    if (this.yamlOutputType !== YamlOutputType.FILE_PER_CHART) {
      return false;
    }
    return constructs.every(c => c.node.dependencies.length === 0
      && !(c instanceof Chart && (c.node.scope instanceof Chart || c.toJson !== Chart.prototype.toJson)));
  }
}

/** App.synth's validation, once: every construct's validations, reported with the construct path. */
function validateAll(constructs: IConstruct[]): void {
  const errors: string[] = [];
  for (const construct of constructs) {
    for (const error of construct.node.validate()) {
      errors.push(`[${construct.node.path}] ${error}`);
    }
  }
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}
