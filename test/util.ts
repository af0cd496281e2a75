import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { DurableApp, DurableTaskScheduler, NamespaceBaseline, WorkloadIdentity } from '../lib';
import { formatFinding, validateManifests } from '../validation/index';

export const ENDPOINT = 'https://orders.westus2.durabletask.io';
export const CLIENT_ID = '00000000-0000-0000-0000-000000000001';
export const OTHER_CLIENT_ID = '00000000-0000-0000-0000-000000000002';
export const TENANT_ID = '00000000-0000-0000-0000-0000000000aa';
export const IMAGE = 'myregistry.azurecr.io/orders-worker:1.4.2';

export const scheduler = (): DurableTaskScheduler => DurableTaskScheduler.fromEndpoint(ENDPOINT);
export const identity = (clientId = CLIENT_ID): WorkloadIdentity => WorkloadIdentity.fromClientId(clientId);

/**
 * A DurableApp writing to a fresh temporary folder, like Testing.app(): apps with output folders (the reference app
 * with its tenants file) need a DurableApp, which moves the files into them.
 */
export function durableTestApp(): DurableApp {
  return new DurableApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s.outdir.')) });
}

/** A regex that matches exactly this message (toThrow(string) would accept any message containing it). */
export function exactly(message: string): RegExp {
  return new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** A chart with a namespace, as every workload needs one. */
export function namespacedChart(namespace = 'durable-system', app: App = Testing.app()): Chart {
  return new Chart(app, namespace, { namespace });
}

/** Synthesizes every chart of an app (running its validations and the manifest validator), in chart order. */
export function synthApp(app: App): any[] {
  const manifests = app.charts.flatMap(chart => Testing.synth(chart));
  expectValidInContext(manifests);
  return manifests;
}

/**
 * Synthesizes a chart, runs the app's validations and the manifest validator, and returns the chart's
 * objects. Workloads are meant to live in a namespace with the baseline (default-deny policies), so a chart
 * without its own Namespace object is validated together with a NamespaceBaseline for its namespace.
 */
export function synthValid(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  expectValidInContext(manifests);
  return manifests;
}

/**
 * Asserts that the manifests pass the validator once deployed as intended: every namespace they use that
 * they do not create themselves (or adopt with a baseline) gets the NamespaceBaseline (whose default-deny policies
 * the validator requires).
 */
export function expectValidInContext(manifests: readonly any[]): void {
  // A namespace has its baseline when the manifests create it, or adopt it with a baseline (its quota is there).
  const created = new Set(manifests.filter(m => m.kind === 'Namespace'
    || (m.kind === 'ResourceQuota' && m.metadata.name === 'durable-task-quota'))
    .map(m => (m.kind === 'Namespace' ? m.metadata.name : m.metadata.namespace)));
  const used = new Set<string>(manifests.map(m => m.metadata?.namespace).filter((ns): ns is string => typeof ns === 'string'));
  const baselines = [...used].filter(ns => !created.has(ns)).flatMap(baselineFor);
  expectValid([...baselines, ...manifests]);
}

function baselineFor(namespace: string): any[] {
  const chart = namespacedChart(namespace, Testing.app());
  new NamespaceBaseline(chart, 'Baseline', { namespaceName: namespace });
  return Testing.synth(chart);
}

/** Asserts that the manifests pass the schema, Pod Security and cross-object validator. */
export function expectValid(manifests: readonly unknown[]): void {
  expect(validateManifests(manifests).map(formatFinding)).toEqual([]);
}

/** The one object of a kind (and name, when given); fails when there is not exactly one. */
export function one(manifests: any[], kind: string, name?: string): any {
  const found = manifests.filter(m => m.kind === kind && (name === undefined || m.metadata?.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}

/** Every object of a kind. */
export function all(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

/** The first container of a workload's pod template. */
export function container(deployment: any): any {
  return deployment.spec.template.spec.containers[0];
}
