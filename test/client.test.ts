import { Testing } from 'cdk8s';
import { DurableApi, DurableClient, DurableTaskRole, DurableWorker, TaskHubTenant } from '../lib';
import { IMAGE, all, container, identity, namespacedChart, one, scheduler, synthValid } from './util';

describe('DurableClient', () => {
  test('a hardened Deployment of 1 replica with its ServiceAccount: no Service, no probes, no autoscaler', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    const client = new DurableClient(chart, 'Producer', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity() });
    const manifests = synthValid(chart);
    // THEN
    expect(manifests.map(m => m.kind)).toEqual(['ServiceAccount', 'Deployment']);
    const deployment = one(manifests, 'Deployment');
    expect(deployment.metadata.name).toBe('durable-client');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.metadata.labels['app.kubernetes.io/component']).toBe('client');
    expect(container(deployment).readinessProbe).toBeUndefined();
    expect(all(manifests, 'Service')).toEqual([]);
    expect(client.requiredRole).toBe(DurableTaskRole.DATA_CONTRIBUTOR);
  });

  test('each workload says which built-in role its identity needs on the task hub', () => {
    // GIVEN
    const chart = namespacedChart();
    const binding = { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' };
    // WHEN / THEN
    expect(new DurableWorker(chart, 'Worker', binding).requiredRole).toEqual(DurableTaskRole.WORKER);
    expect(new DurableApi(chart, 'Api', binding).requiredRole.roleDefinitionId).toBe('0ad04412-c4d5-4796-b79c-f76d14c8d402');
    expect(DurableTaskRole.WORKER.roleDefinitionId).toBe('80d0d6b0-f522-40a4-8886-a5a11720c375');
    expect(DurableTaskRole.DATA_READER.roleName).toBe('Durable Task Data Reader');
  });

  test('a tenant adds a client with its API identity', () => {
    // GIVEN
    const app = Testing.app();
    const tenant = new TaskHubTenant(app, 'tenant-a', {
      namespaceName: 'tenant-a', taskHub: 'tenant-a', scheduler: scheduler(), apiIdentity: identity(),
    });
    // WHEN
    const client = tenant.addClient('Producer', { image: IMAGE });
    // THEN
    expect(tenant.clients).toEqual([client]);
    expect(client.serviceAccount.identity?.clientId).toBe(identity().clientId);
  });
});
