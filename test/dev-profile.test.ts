import { Testing } from 'cdk8s';
import { buildDevApp, DEV_CONNECTION_STRING_ENV } from '../app/dev-app';
import { buildReferenceApp } from '../app/reference-app';
import { loadAppSettings } from '../app/settings';
import { durableTestApp, expectValid } from './util';

/** `kind namespace/name` of an object. */
const key = (m: any) => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/** What may differ by environment in an object both profiles have; the rest must be equal. */
function withoutEnvironment(m: any): any {
  const copy = JSON.parse(JSON.stringify(m));
  delete copy.metadata.annotations?.['azure.workload.identity/client-id'];
  if (copy.metadata.annotations && Object.keys(copy.metadata.annotations).length === 0) {
    delete copy.metadata.annotations;
  }
  if (copy.kind === 'Deployment') {
    delete copy.spec.replicas;
    const pod = copy.spec.template;
    delete pod.metadata.labels['azure.workload.identity/use'];
    delete pod.spec.topologySpreadConstraints;
    for (const c of pod.spec.containers) {
      c.env = c.env.filter((v: any) => v.name !== DEV_CONNECTION_STRING_ENV && v.name !== 'DTS_ENDPOINT');
    }
  }
  return copy;
}

describe('dev profile (dist-dev/)', () => {
  const settings = loadAppSettings({});
  const prodApp = durableTestApp();
  buildReferenceApp(prodApp, settings);
  const production = prodApp.charts.flatMap(c => Testing.synth(c));
  const devApp = durableTestApp();
  const dev = buildDevApp(devApp, settings);
  const manifests = devApp.charts.flatMap(c => Testing.synth(c));

  test('passes the validator (schema, Pod Security restricted, cross-object rules)', () => {
    expectValid(manifests);
  });

  test('has the same namespaces and chart ids (file names) as production, without the Azure and GitOps files', () => {
    expect(devApp.charts.map(c => c.node.id)).toEqual(['durable-system', 'tenant-a', 'tenant-b']);
    expect(prodApp.charts.map(c => c.node.id).filter(id => !/-(azure|gitops)$/.test(id))).toEqual(devApp.charts.map(c => c.node.id));
  });

  test('adds only the emulator and the egress policies to it', () => {
    const prodKeys = new Set(production.map(key));
    expect(manifests.filter(m => !prodKeys.has(key(m))).map(key)).toEqual([
      'Deployment durable-system/dts-emulator',
      'Service durable-system/dts-emulator',
      'NetworkPolicy durable-system/dts-emulator-allow-clients',
      'NetworkPolicy durable-system/durable-api-allow-emulator-egress',
      'NetworkPolicy durable-system/durable-worker-allow-emulator-egress',
      'NetworkPolicy tenant-a/durable-worker-allow-emulator-egress',
      'NetworkPolicy tenant-b/durable-worker-orchestration-allow-emulator-egress',
      'NetworkPolicy tenant-b/durable-worker-activity-allow-emulator-egress',
    ]);
  });

  test('drops only autoscalers, disruption budgets, the Ingress with its policies, and the Azure and GitOps objects', () => {
    const devKeys = new Set(manifests.map(key));
    const azureOrGitOps = /(\.azure\.com|argoproj\.io|fluxcd\.io)\//;
    const dropped = production.filter(m => !devKeys.has(key(m)) && !azureOrGitOps.test(m.apiVersion));
    expect(dropped.map(key)).toEqual([
      'PodDisruptionBudget durable-system/durable-api',
      'Ingress durable-system/durable-api',
      'NetworkPolicy durable-system/durable-api-allow-ingress-controller',
      'NetworkPolicy durable-system/durable-api-allow-acme-http01',
      'HorizontalPodAutoscaler durable-system/durable-worker',
      'PodDisruptionBudget durable-system/durable-worker',
      'ScaledObject tenant-a/durable-worker',
      'PodDisruptionBudget tenant-a/durable-worker',
      'HorizontalPodAutoscaler tenant-b/durable-worker-orchestration',
      'PodDisruptionBudget tenant-b/durable-worker-orchestration',
      'HorizontalPodAutoscaler tenant-b/durable-worker-activity',
      'PodDisruptionBudget tenant-b/durable-worker-activity',
    ]);
  });

  test('objects of both profiles differ only in replicas, identity, topology spread and the scheduler endpoint', () => {
    const byKey = new Map(production.map(m => [key(m), m]));
    const common = manifests.filter(m => byKey.has(key(m)));
    expect(common.length).toBe(29);
    for (const m of common) {
      expect([key(m), withoutEnvironment(m)]).toEqual([key(m), withoutEnvironment(byKey.get(key(m)))]);
    }
  });

  test('every workload runs one replica against the emulator, without a workload identity', () => {
    const deployments = manifests.filter(m => m.kind === 'Deployment' && m.metadata.name !== 'dts-emulator');
    expect(deployments).toHaveLength(5);
    for (const d of deployments) {
      expect(d.spec.replicas).toBe(1);
      expect(d.spec.template.metadata.labels).not.toHaveProperty(['azure.workload.identity/use']);
      const env = Object.fromEntries(d.spec.template.spec.containers[0].env.map((v: any) => [v.name, v.value]));
      expect(env.DTS_ENDPOINT).toBe('http://dts-emulator.durable-system.svc:8080');
      expect(env[DEV_CONNECTION_STRING_ENV]).toBe(`Endpoint=http://dts-emulator.durable-system.svc:8080;TaskHub=${env.TASKHUB_NAME};Authentication=None`);
    }
    expect(dev.emulator.taskHubNames).toEqual(['default', 'tenant-a', 'tenant-b']);
  });
});
