import { ApiObject, App, Chart, DependencyGraph } from 'cdk8s';

/** cdk8s 2.x's renderer of one chart: `Chart.toJson()` calls `App._synthChart(chart)`. */
type SynthChart = (this: unknown, chart: Chart) => any[];

/** The static of cdk8s's App this module replaces for the duration of one synth. */
interface AppStatics {
  _synthChart?: SynthChart;
}

/**
 * Whether `method` (App.prototype.synth or synthYaml) validates the app and resolves its dependencies before it
 * renders the first chart. Read from its source: a cdk8s that changes this order fails the check, and the app is
 * synthesized by cdk8s alone.
 */
function passesBeforeRendering(method: unknown): boolean {
  if (typeof method !== 'function') {
    return false;
  }
  const source = String(method);
  const render = source.search(/\.toJson\(\)|chartToKube\(/);
  const validate = source.search(/\bvalidate\(this\b/);
  const resolve = source.search(/\bresolveDependencies\(this\b/);
  return render !== -1 && validate !== -1 && resolve !== -1 && validate < render && resolve < render;
}

/**
 * Whether `synthChart` is the renderer this module expects: it resolves dependencies and validates the whole app,
 * then renders the chart's objects, and nothing else.
 */
function isExpectedRenderer(synthChart: unknown): synthChart is SynthChart {
  if (typeof synthChart !== 'function' || synthChart.length !== 1) {
    return false;
  }
  const body = String(synthChart).replace(/\/\/[^\n]*/g, '').replace(/\s+/g, ' ');
  return /^_synthChart\(chart\) \{ const app = App\.of\(chart\); const cache = new SynthRequestCache\(\); resolveDependencies\(app, cache\); validate\(app, cache\); return chartToKube\(chart\)\.map\(obj => obj\.toJson\(\)\); \}$/
    .test(body);
}

/** What `chartToKube(chart)` renders: the chart's own API objects (not those of nested charts), in dependency order. */
function renderChart(chart: Chart): any[] {
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart)
    .map(o => o.toJson());
}

/**
 * Runs an app's synth with cdk8s's repeated whole-app passes skipped, when that is safe (see DurableApp).
 *
 * While `App.synth()` runs, `App._synthChart` is replaced by a renderer that skips the passes for charts of this
 * app once the app has been validated in this synth (counted by a validation on the app itself), and calls the
 * original for anything else. The original is restored when synth ends, even when it throws. Each synth runs inside
 * `around` (the registry's per-synth index of the app).
 */
export class LinearSynth {
  private validationPasses = 0;

  public constructor(private readonly app: App, private readonly around: (synth: () => void) => void) {
    app.node.addValidation({
      validate: () => {
        this.validationPasses++;
        return [];
      },
    });
  }

  /** Runs `synth` (App.prototype.synth or synthYaml, called on the app) linearly if cdk8s is as expected. */
  public run(synth: () => void, method: unknown): void {
    this.around(() => this.runLinearly(synth, method));
  }

  private runLinearly(synth: () => void, method: unknown): void {
    const statics = App as unknown as AppStatics;
    const original = statics._synthChart;
    if (!isExpectedRenderer(original) || !passesBeforeRendering(method)) {
      synth();
      return;
    }
    const app = this.app;
    const passesAtStart = this.validationPasses;
    const counter = (): number => this.validationPasses;
    statics._synthChart = function linearSynthChart(this: unknown, chart: Chart): any[] {
      if (App.of(chart) !== app || counter() === passesAtStart) {
        return original.call(this, chart);
      }
      return renderChart(chart);
    };
    try {
      synth();
    } finally {
      statics._synthChart = original;
    }
  }
}

/** Key of the LinearSynth of an app linearizeApp changed: on the app itself, so it lives and dies with the app. */
const LINEARIZED = Symbol('cdk8s-durable-task.linearized');

/**
 * Marks an app that synthesizes linearly (a DurableApp, or an app linearizeApp changed). `Symbol.for`: every copy of
 * this library loaded into one process sees the mark another copy set.
 */
const LINEAR_SYNTH = Symbol.for('cdk8s-durable-task.LinearSynth.v1');

/** Marks `app` as one that synthesizes linearly. */
export function markLinear(app: App): void {
  Object.defineProperty(app, LINEAR_SYNTH, { value: true });
}

/** Whether `scope` is an app that synthesizes linearly (see markLinear), by whichever copy of this library. */
export function isLinear(scope: object): boolean {
  return LINEAR_SYNTH in scope;
}

function linearSynthOf(app: App): LinearSynth | undefined {
  return (app as unknown as Record<symbol, LinearSynth | undefined>)[LINEARIZED];
}

/**
 * The class linearizeApp gives an app: a subclass of the app's own class, whose synth() and synthYaml() run the
 * inherited ones (cdk8s's own) through the app's LinearSynth. A class rather than methods on the instance, because the
 * jsii kernel (Python, Java, .NET) calls the method of the object's class (`instance.constructor.prototype[method]`,
 * @jsii/kernel `#findInvokeTarget`).
 */
function linearizedClass(base: typeof App): typeof App {
  return class LinearizedApp extends base {
    public override synth(): void {
      const linear = linearSynthOf(this);
      if (linear === undefined) {
        // An instance made with `new (app.constructor)(...)`, which linearizeApp never saw: cdk8s's own synth.
        return super.synth();
      }
      linear.run(() => super.synth(), App.prototype.synth);
    }

    public override synthYaml(): string {
      const linear = linearSynthOf(this);
      if (linear === undefined) {
        return super.synthYaml();
      }
      let yaml = '';
      linear.run(() => {
        yaml = super.synthYaml();
      }, App.prototype.synthYaml);
      return yaml;
    }
  };
}

/**
 * Gives an app the linear synth of DurableApp, so that an app does not pay for this library's construct tree in
 * cdk8s's repeated whole-app passes: the app's class becomes a subclass of it (linearizedClass) that only runs
 * synth() and synthYaml() through a LinearSynth, inside `around` (the registry's per-synth index). Only an app whose
 * synth() and synthYaml() are cdk8s's own is changed: one whose class overrides either (DurableApp, a user's
 * subclass) or that has them on the instance (the jsii kernel defines a Python/Java/.NET subclass's overrides there)
 * keeps them (isLinear tells which apps synthesize linearly). `App.prototype.synth.call(app)` is cdk8s's own synth.
 */
export function linearizeApp(app: App, around: (synth: () => void) => void): void {
  if (isLinear(app)) {
    return;
  }
  const hasOwn = (name: string): boolean => Object.prototype.hasOwnProperty.call(app, name);
  if (app.synth !== App.prototype.synth || app.synthYaml !== App.prototype.synthYaml
    || hasOwn('synth') || hasOwn('synthYaml')) {
    return;
  }
  Object.defineProperty(app, LINEARIZED, { value: new LinearSynth(app, around) });
  Object.setPrototypeOf(app, linearizedClass(app.constructor as typeof App).prototype);
  markLinear(app);
}
