import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Names } from 'cdk8s';
import { DurableRegistry } from './registry';

/**
 * The file name cdk8s gives `chart` with one file per chart: its DNS label plus the output extension, prefixed with
 * its index among the app's charts (`0001-`) when charts depend on each other (cdk8s's IndexedChartNamer).
 */
function writtenName(app: App, charts: readonly Chart[], chart: Chart, indexed: boolean): string {
  const plain = `${Names.toDnsLabel(chart)}${app.outputFileExtension}`;
  return indexed ? `${String(charts.indexOf(chart)).padStart(4, '0')}-${plain}` : plain;
}

/**
 * Whether cdk8s numbers the chart files (`0000-<chart>.k8s.yaml`): when a chart depends on another chart, nested
 * charts included. Meaningful once synth has resolved the app's dependencies, which records each of those as a
 * dependency of one chart on another.
 */
export function numbersChartFiles(charts: readonly Chart[]): boolean {
  return charts.some(chart => chart.node.dependencies.some(d => Chart.of(d) !== chart));
}

/**
 * Moves the file of every chart placed in an output folder (see DurableRegistry.placeInFolder) from the outdir into
 * `<outdir>/<folder>/<chart name><extension>`, after cdk8s wrote the files. In the folder the file keeps the name
 * without cdk8s's index prefix: the GitOps objects that apply the folder name the files, and Argo CD and Flux order
 * what they apply by kind, not by file name.
 */
export function moveIntoFolders(app: App): void {
  const placed = DurableRegistry.find(app)?.outputFolders();
  if (placed === undefined || placed.size === 0) {
    return;
  }
  const charts = app.charts;
  const indexed = numbersChartFiles(charts);
  for (const [chart, folder] of placed) {
    if (!(chart instanceof Chart) || !charts.includes(chart)) {
      continue;
    }
    // Only the name cdk8s used in this synth: a file of the other name is stale, from an earlier run.
    const from = path.join(app.outdir, writtenName(app, charts, chart, indexed));
    if (!fs.existsSync(from)) {
      throw new Error(`${chart.node.path}: cdk8s wrote no file ${from} for the chart, so it cannot be moved into its `
        + `output folder ${JSON.stringify(folder)}`);
    }
    const to = path.join(app.outdir, folder, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  }
}
