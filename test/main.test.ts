import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildReferenceApp } from '../app/reference-app';
import { DEFAULT_SETTINGS, loadSettings } from '../app/settings';
import { all, container, expectValid, one, synthApp } from './util';

describe('reference app', () => {
  const app = Testing.app();
  const ref = buildReferenceApp(app, DEFAULT_SETTINGS);
  const manifests = synthApp(app);

  test('synthesizes valid manifests (snapshot)', () => {
    expectValid(manifests);
    expect(manifests).toMatchSnapshot();
  });

  test('durable-system: API with 2 replicas behind an nginx Ingress with TLS', () => {
    const system = manifests.filter(m => m.metadata.namespace === 'durable-system' || m.metadata.name === 'durable-system');
    expect(one(system, 'Namespace').metadata.name).toBe('durable-system');
    expect(one(system, 'Deployment', 'durable-api').spec.replicas).toBe(2);
    const ingress = one(system, 'Ingress');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules[0].host).toBe('durable-api.example.com');
    expect(ingress.spec.tls).toEqual([{ hosts: ['durable-api.example.com'], secretName: 'durable-api-tls' }]);
    expect(all(system, 'NetworkPolicy').map(p => p.metadata.name)).toEqual([
      'default-deny-all', 'allow-dns-egress', 'allow-https-egress', 'durable-api-allow-ingress-controller', 'durable-api-allow-acme-http01',
    ]);
  });

  test('durable-system: workers autoscaled 3-20 by an HPA, on task hub default with workload identity', () => {
    const hpa = one(manifests, 'HorizontalPodAutoscaler', 'durable-worker');
    expect(hpa.metadata.namespace).toBe('durable-system');
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
    const worker = one(manifests.filter(m => m.metadata.namespace === 'durable-system'), 'Deployment', 'durable-worker');
    expect(container(worker).env).toEqual([
      { name: 'DTS_ENDPOINT', value: DEFAULT_SETTINGS.schedulerEndpoint },
      { name: 'TASKHUB_NAME', value: 'default' },
    ]);
    expect(worker.spec.template.metadata.labels['azure.workload.identity/use']).toBe('true');
    expect(ref.worker.federatedSubject).toBe('system:serviceaccount:durable-system:durable-worker');
    expect(ref.api.federatedSubject).toBe('system:serviceaccount:durable-system:durable-api');
  });

  test('one namespace per tenant, bound to its own task hub; tenant-a scales with KEDA', () => {
    expect(ref.tenants.map(t => [t.namespaceName, t.taskHub])).toEqual([['tenant-a', 'tenant-a'], ['tenant-b', 'tenant-b']]);
    const scaledObject = one(manifests, 'ScaledObject');
    expect(scaledObject.metadata.namespace).toBe('tenant-a');
    for (const t of ref.tenants) {
      const deployments = all(manifests.filter(m => m.metadata.namespace === t.namespaceName), 'Deployment');
      expect(deployments.length).toBeGreaterThan(0);
      for (const d of deployments) {
        expect(container(d).env).toContainEqual({ name: 'TASKHUB_NAME', value: t.taskHub });
      }
    }
  });

  test('dist/ is what the committed sources synthesize (run `npm run synth` after a change)', () => {
    const dist = path.join(__dirname, '..', 'dist');
    const files = fs.readdirSync(dist).filter(f => f.endsWith('.k8s.yaml')).sort();
    expect(files).toEqual(['durable-system.k8s.yaml', 'tenant-a.k8s.yaml', 'tenant-b.k8s.yaml']);
    const committed = files.flatMap(f => parseAllDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).map(d => d.toJSON()));
    expect(committed).toEqual(manifests);
  });
});

describe('reference settings', () => {
  test('defaults are the documented examples', () => {
    expect(loadSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  test('environment variables override each value', () => {
    const settings = loadSettings({
      DURABLE_SCHEDULER_ENDPOINT: 'https://prod.westeurope.1.durabletask.io',
      DURABLE_WORKER_IMAGE: 'acr.example.io/worker:2.0.0',
      DURABLE_API_HOST: 'api.contoso.com',
      DURABLE_TENANTS: 'contoso:contoso-hub:cccccccc-cccc-cccc-cccc-cccccccccccc',
    });
    expect(settings.schedulerEndpoint).toBe('https://prod.westeurope.1.durabletask.io');
    expect(settings.workerImage).toBe('acr.example.io/worker:2.0.0');
    expect(settings.apiHost).toBe('api.contoso.com');
    expect(settings.tenants).toEqual([{ namespace: 'contoso', taskHub: 'contoso-hub', clientId: 'cccccccc-cccc-cccc-cccc-cccccccccccc' }]);
    expect(settings.apiImage).toBe(DEFAULT_SETTINGS.apiImage);
  });

  test('fails when a DURABLE_TENANTS entry is malformed', () => {
    expect(() => loadSettings({ DURABLE_TENANTS: 'contoso:hub' })).toThrow('DURABLE_TENANTS entry "contoso:hub" must be "namespace:taskHub:clientId"');
  });
});
