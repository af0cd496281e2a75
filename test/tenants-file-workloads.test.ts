/**
 * Workload fields of the tenants file that mirror the workload options under the same names: imagePullSecrets, the
 * health probes and the HPA's name (scaling.name). Accepted inputs with their rendered output; the failing inputs are
 * in test/catalogue.test.ts.
 */
import Ajv2020 from 'ajv/dist/2020';
import { Testing } from 'cdk8s';
import { TenantsFile } from '../lib';
import { tenantsJsonSchema } from '../lib/private/tenants-schema';
import { ENDPOINT, IMAGE, container, exactly, synthApp } from './util';

const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(tenantsJsonSchema());
const DEFAULT_TIMING = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 };

/** A file with one tenant, acme, whose entry `patch` edits. */
function fileWith(patch: (tenant: any) => void): any {
  const tenant: any = { name: 'acme' };
  patch(tenant);
  return { schedulers: [{ name: 'orders', endpoint: ENDPOINT }], defaults: { workerImage: IMAGE, apiImage: IMAGE },
    tenants: [tenant] };
}

/** The Deployments the file renders, by name. */
function deployments(data: any): Record<string, any> {
  const app = Testing.app();
  TenantsFile.fromData('tenants.yaml', data).addTenants(app);
  const manifests = synthApp(app);
  return Object.fromEntries(manifests.filter(m => m.kind === 'Deployment').map(m => [m.metadata.name, m]));
}

describe('tenants file: imagePullSecrets', () => {
  test('a worker and an API pull their images with the Secrets named', () => {
    // GIVEN
    const data = fileWith(t => {
      t.workers = [{ imagePullSecrets: ['acr-pull', 'mirror.pull'] }];
      t.apis = [{ imagePullSecrets: ['acr-pull'] }];
    });
    // WHEN
    const d = deployments(data);
    // THEN
    expect(d['durable-worker'].spec.template.spec.imagePullSecrets).toEqual([{ name: 'acr-pull' }, { name: 'mirror.pull' }]);
    expect(d['durable-api'].spec.template.spec.imagePullSecrets).toEqual([{ name: 'acr-pull' }]);
  });

  test('an empty list and no field render no imagePullSecrets', () => {
    // GIVEN
    const data = fileWith(t => { t.workers = [{ name: 'a', imagePullSecrets: [] }, { name: 'b' }]; });
    // WHEN
    const d = deployments(data);
    // THEN
    expect(d.a.spec.template.spec.imagePullSecrets).toBeUndefined();
    expect(d.b.spec.template.spec.imagePullSecrets).toBeUndefined();
  });

  test('fails when a Secret name is not a string, at the file field', () => {
    // GIVEN
    const data = fileWith(t => { t.apis = [{ imagePullSecrets: [5] }]; });
    // WHEN / THEN
    expect(() => TenantsFile.fromData('tenants.yaml', data)).toThrow(
      exactly("tenants.yaml: tenants[0] \"acme\": 'apis[0].imagePullSecrets[0]' (5) must be a string"));
  });
});

describe('tenants file: health probes', () => {
  test('each probe type renders as the HealthProbe of that type, with its timings or the defaults', () => {
    // GIVEN
    const data = fileWith(t => {
      t.workers = [{
        port: 8080,
        readinessProbe: { type: 'grpc', port: 8080, service: 'orders.v1.Worker', periodSeconds: 5 },
        livenessProbe: { type: 'tcp', port: 8080, initialDelaySeconds: 0, timeoutSeconds: 1 },
        startupProbe: { type: 'exec', command: ['/bin/check', '--ready'], failureThreshold: 30 },
      }];
      t.apis = [{
        port: 9000,
        readinessProbe: { type: 'http', path: '/ready' },
        livenessProbe: { type: 'http', path: '/live', port: 9000, initialDelaySeconds: 15, periodSeconds: 20 },
      }];
    });
    // WHEN
    const d = deployments(data);
    // THEN
    const worker = container(d['durable-worker']);
    expect(worker.readinessProbe).toEqual({ grpc: { port: 8080, service: 'orders.v1.Worker' }, ...DEFAULT_TIMING,
      periodSeconds: 5 });
    expect(worker.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, ...DEFAULT_TIMING });
    expect(worker.startupProbe).toEqual({ exec: { command: ['/bin/check', '--ready'] }, ...DEFAULT_TIMING,
      failureThreshold: 30 });
    const api = container(d['durable-api']);
    expect(api.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 9000 }, ...DEFAULT_TIMING });
    expect(api.livenessProbe).toEqual({ httpGet: { path: '/live', port: 9000 }, ...DEFAULT_TIMING,
      initialDelaySeconds: 15, periodSeconds: 20 });
    expect(api.startupProbe).toBeUndefined();
    expect(validateSchema(data)).toBe(true);
  });

  test('a worker without probes has none; an API without probes keeps its default /healthz probes', () => {
    // GIVEN
    const data = fileWith(t => { t.workers = [{}]; t.apis = [{}]; });
    // WHEN
    const d = deployments(data);
    // THEN
    expect(container(d['durable-worker']).readinessProbe).toBeUndefined();
    expect(container(d['durable-api']).readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
  });

  test('a worker with a port and an HTTP probe without one probes that port', () => {
    // GIVEN
    const data = fileWith(t => { t.workers = [{ port: 8081, readinessProbe: { type: 'http', path: '/healthz' } }]; });
    // WHEN
    const d = deployments(data);
    // THEN
    expect(container(d['durable-worker']).readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8081 });
  });

  test.each([
    ['a field of another type', { type: 'grpc', port: 8080, path: '/x' }, "'workers[0].readinessProbe.path' (\"/x\") "
      + 'does not apply to type "grpc"; type "grpc" allows: type, port, service, initialDelaySeconds, periodSeconds, '
      + 'timeoutSeconds, failureThreshold'],
    ['no port for tcp', { type: 'tcp' }, '\'workers[0].readinessProbe.port\' is required with type "tcp"'],
    ['no command for exec', { type: 'exec' }, '\'workers[0].readinessProbe.command\' is required with type "exec"'],
    ['an empty command', { type: 'exec', command: [] },
      "'workers[0].readinessProbe.command' ([]) must have at least 1 entry"],
    ['a period of 0', { type: 'exec', command: ['x'], periodSeconds: 0 },
      "'workers[0].readinessProbe.periodSeconds' (0) must be >= 1"],
    ['an unknown type', { type: 'soap' },
      '\'workers[0].readinessProbe.type\' ("soap") must be one of "http", "grpc", "tcp", "exec"'],
  ])('fails when a probe has %s, when the file is read (the JSON Schema rejects it too)', (_, probe, message) => {
    // GIVEN
    const data = fileWith(t => { t.workers = [{ port: 8080, readinessProbe: probe }]; });
    // WHEN / THEN
    expect(() => TenantsFile.fromData('tenants.yaml', data)).toThrow(
      exactly(`tenants.yaml: tenants[0] "acme": ${message}`));
    expect(validateSchema(data)).toBe(false);
  });

  test.each([
    ['a gRPC service with a space', { workers: [{ port: 8080, readinessProbe: { type: 'grpc', port: 8080, service: 'a b' } }] },
      '\'workers[0].readinessProbe.service\' ("a b") must be a gRPC service name without spaces or control characters, '
      + 'e.g. "my.package.Worker"; leave it out to ask for the server\'s overall health'],
    ['a blank program', { workers: [{ readinessProbe: { type: 'exec', command: [' '] } }] },
      '\'workers[0].readinessProbe.command\' ([" "]) must name a program to run'],
    ['a port that is not the container\'s', { apis: [{ startupProbe: { type: 'tcp', port: 9090 } }] },
      "'apis[0].startupProbe.port' (9090) is not a port of the container (8080)"],
  ])('fails when a probe has %s, at the file field (HealthProbe\'s rule)', (_, entry, message) => {
    // GIVEN
    const data = fileWith(t => Object.assign(t, entry));
    // WHEN / THEN
    expect(() => TenantsFile.fromData('tenants.yaml', data).addTenants(Testing.app())).toThrow(
      exactly(`tenants.yaml: tenants[0] "acme": ${message}`));
  });
});

describe('tenants file: scaling.name of an HPA', () => {
  test('names the HorizontalPodAutoscaler of a worker and of an API; without it the HPA has the workload name', () => {
    // GIVEN
    const data = fileWith(t => {
      t.workers = [{ name: 'orders', scaling: { type: 'hpa', name: 'orders-hpa', maxReplicas: 5 } },
        { name: 'billing', scaling: { type: 'hpa' } }];
      t.apis = [{ scaling: { type: 'hpa', name: 'a' } }];
    });
    // WHEN
    const app = Testing.app();
    TenantsFile.fromData('tenants.yaml', data).addTenants(app);
    const hpas = synthApp(app).filter(m => m.kind === 'HorizontalPodAutoscaler');
    // THEN
    expect(hpas.map(h => [h.metadata.name, h.spec.scaleTargetRef.name]).sort()).toEqual([
      ['a', 'durable-api'], ['billing', 'billing'], ['orders-hpa', 'orders']]);
    expect(validateSchema(data)).toBe(true);
  });

  test('fails when a KEDA scaling has a name, when the file is read (the JSON Schema rejects it too)', () => {
    // GIVEN
    const data = fileWith(t => { t.workers = [{ scaling: { type: 'keda', name: 'x' } }]; });
    // WHEN / THEN
    expect(() => TenantsFile.fromData('tenants.yaml', data)).toThrow(exactly('tenants.yaml: tenants[0] "acme": '
      + "'workers[0].scaling.name' (\"x\") does not apply to type \"keda\"; type \"keda\" allows: type, minReplicas, "
      + 'maxReplicas, triggers'));
    expect(validateSchema(data)).toBe(false);
  });

  test('fails when two workloads of a tenant give their HPAs one name (the HPA rule, after the workload)', () => {
    // GIVEN
    const data = fileWith(t => {
      t.workers = [{ name: 'a', scaling: { type: 'hpa', name: 'shared' } }, { name: 'b', scaling: { type: 'hpa', name: 'shared' } }];
    });
    // WHEN / THEN
    expect(() => TenantsFile.fromData('tenants.yaml', data).addTenants(Testing.app())).toThrow(exactly(
      'tenants.yaml: tenants[0] "acme": workers[1]: acme/b: HorizontalPodAutoscaler name "shared" in namespace '
      + '"acme" is already used by acme/a: set another \'scaling.name\''));
  });
});
