import { App, AppProps } from 'cdk8s';
import { checkAppProps, checkOutdir } from './private/app-props';
import { LinearSynth, markLinear } from './private/linear-synth';
import { moveIntoFolders } from './private/output-folders';
import { DurableRegistry } from './private/registry';

/**
 * A cdk8s App whose `synth()` stays linear in the number of charts, and which can write charts into output folders.
 *
 * `App.synth()` validates the app and resolves its dependencies once, then renders each chart through
 * `chart.toJson()`, which validates the whole app and resolves its dependencies **again**, for every chart: with
 * hundreds of tenants (one chart each) synth time grows with the square of the tenant count. `DurableApp` runs
 * `App.synth()` itself, and only while it runs skips those repeated whole-app passes (they already ran once, and
 * neither changes the tree). cdk8s renders every chart, names the files and writes the construct metadata as
 * always, so the output is the same as `App.synth()` for every output type (tested, on the pinned and the newest
 * cdk8s 2.x).
 *
 * It fails safe: the skip is taken only while cdk8s's internals are what it expects (`App.synth()` validates and
 * resolves dependencies before it renders a chart, and renders through `App._synthChart`), checked at every synth;
 * otherwise `synth()` is exactly `App.synth()`.
 *
 * A plain `App` that holds a construct of this library gets the same linear synth: the first such construct gives
 * the app an internal subclass of its class whose `synth()` and `synthYaml()` do the same, and nothing else. An app
 * whose class overrides `synth()` or `synthYaml()` is left as it is: extend `DurableApp` instead of `App` to keep it
 * linear. `DurableApp` also writes charts into output folders, which the plain `App` cannot.
 *
 * Output folders: a chart placed in a folder (`GitOpsDeliveryProps.folder`) is moved into `<outdir>/<folder>/` after
 * cdk8s writes it, so that each tenant's files can share one folder. The plain `App` writes every file into outdir.
 */
export class DurableApp extends App {
  private readonly linear: LinearSynth;

  public constructor(props: AppProps = {}) {
    super(checkAppProps(props));
    if (typeof this.outdir !== 'string' || this.outdir.length === 0) {
      // From CDK8S_OUTDIR: an empty variable.
      checkAppProps({ outdir: this.outdir });
    }
    this.linear = new LinearSynth(this, synth => withRegistryIndex(this, synth));
    markLinear(this);
  }

  /**
   * Synthesizes all manifests to the output directory, validating the app once, and moves the files of charts
   * placed in output folders into them.
   */
  public override synth(): void {
    checkOutdir(this.outdir);
    this.linear.run(() => super.synth(), App.prototype.synth);
    moveIntoFolders(this);
  }

  /**
   * Synthesizes the app into a YAML string, validating the app once.
   */
  public override synthYaml(): string {
    let yaml = '';
    this.linear.run(() => {
      yaml = super.synthYaml();
    }, App.prototype.synthYaml);
    return yaml;
  }
}

/** Runs `synth` inside the registry's per-synth index of `app`, when a construct of this library made one. */
function withRegistryIndex(app: App, synth: () => void): void {
  const registry = DurableRegistry.find(app);
  if (registry) {
    registry.withAutoscalerIndex(synth);
  } else {
    synth();
  }
}
