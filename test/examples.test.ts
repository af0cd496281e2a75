import { Testing } from 'cdk8s';
import { build as buildAzure } from '../examples/azure-identities/main';
import { build as buildGitOps } from '../examples/gitops/main';
import { build as buildTenants } from '../examples/tenants-file/main';
import { durableTestApp, synthApp } from './util';

describe('examples', () => {
  test('tenants-file: three tenants from the YAML file (one in a namespace the platform owns), valid manifests', () => {
    const app = Testing.app();
    const tenants = buildTenants(app);
    expect(tenants.map(t => [t.namespaceName, t.taskHub])).toEqual([['contoso', 'contoso'], ['fabrikam-orders', 'fabrikam'],
      ['tenant-northwind', 'northwind']]);
    const manifests = synthApp(app);
    expect(manifests.filter(o => o.kind === 'Deployment').map(o => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'contoso/durable-worker', 'contoso/durable-api', 'fabrikam-orders/durable-worker-orchestration', 'fabrikam-orders/durable-worker-activity',
      'tenant-northwind/durable-worker',
    ]);
    // northwind's namespace is the platform's: its quota, limits and policies, but no Namespace object.
    expect(manifests.filter(o => o.kind === 'Namespace').map(o => o.metadata.name)).toEqual(['contoso', 'fabrikam-orders']);
    expect(manifests.filter(o => o.kind === 'ResourceQuota').map(o => o.metadata.namespace)).toContain('tenant-northwind');
  });

  test('gitops: one Application, GitRepository and Kustomization per tenant, valid against the CRD schemas', () => {
    const app = durableTestApp();
    const gitops = buildGitOps(app);
    const objects = synthApp(app).filter(o => /argoproj|fluxcd/.test(o.apiVersion));
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Application/contoso', 'GitRepository/contoso', 'Kustomization/contoso',
      'Application/fabrikam', 'GitRepository/fabrikam', 'Kustomization/fabrikam',
      'Application/northwind', 'GitRepository/northwind', 'Kustomization/northwind',
    ]);
    expect(gitops.length).toBe(3);
    expect(objects[5].spec).toMatchObject({ path: './examples/gitops/dist/fabrikam', dependsOn: [{ name: 'infra-keda' }] });
  });

  test('azure-identities: ASO objects valid against the CRD schemas, and a plan with both identities', () => {
    const app = Testing.app();
    const { plan } = buildAzure(app);
    const aso = synthApp(app).filter(o => o.apiVersion.includes('.azure.com/'));
    expect(aso.map(o => o.kind)).toEqual(['FederatedIdentityCredential', 'RoleAssignment', 'UserAssignedIdentity',
      'FederatedIdentityCredential', 'RoleAssignment']);
    expect(plan.identities.map(i => i.subjects)).toEqual([['system:serviceaccount:orders:durable-api'], ['system:serviceaccount:orders:durable-worker']]);
    // The worker's identity is created by ASO in the same pull request, in the worker's namespace (the chart's).
    expect(plan.identities[1].clientIdConfigMap).toBe('orders/orders-worker-identity:clientId');
    expect(new Set(aso.map(o => o.metadata.namespace))).toEqual(new Set(['orders']));
  });
});
