/**
 * Workload fields of the tenants file that mirror the workload options under the same names: imagePullSecrets.
 * Accepted inputs with their rendered output; the failing inputs are in test/catalogue.test.ts.
 */
import { Testing } from 'cdk8s';
import { TenantsFile } from '../lib';
import { ENDPOINT, IMAGE, exactly, synthApp } from './util';

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
