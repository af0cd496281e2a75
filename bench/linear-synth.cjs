// Diagnostic preload (node -r bench/linear-synth.cjs): makes cdk8s's App.synth() linear, to separate this
// library's cost from cdk8s's own. cdk8s 2.x App.synth() validates the app and resolves its dependencies
// once, then calls chart.toJson() per chart, and Chart.toJson() -> App._synthChart() validates the whole
// app and resolves its dependencies AGAIN, for every chart: (charts + 1) full passes, O(charts x constructs).
// Inside synth() this preload skips the repeated passes (they already ran once); the output is the same.
'use strict';
const { ApiObject, App, Chart, DependencyGraph } = require('cdk8s');

const synthChart = App._synthChart;
const synth = App.prototype.synth;
let depth = 0;

App.prototype.synth = function linearSynth() {
  depth++;
  try {
    return synth.call(this);
  } finally {
    depth--;
  }
};

App._synthChart = function synthChartOnce(chart) {
  if (depth === 0) {
    return synthChart.call(this, chart);
  }
  return new DependencyGraph(chart.node).topology()
    .filter(x => x instanceof ApiObject)
    .filter(x => Chart.of(x) === chart)
    .map(x => x.toJson());
};
