import { App, Testing } from 'cdk8s';
import { DurableApp, DurableServiceAccount, KedaTrigger, Scaling, TaskHubTenant, WorkloadIdentity } from '../lib';
import { CLIENT_ID, IMAGE, OTHER_CLIENT_ID, all, container, one, scheduler, synthValid } from './util';

function tenant(app: App = Testing.app(),
  props: Partial<{ identity: WorkloadIdentity; apiIdentity: WorkloadIdentity }> = {}) {
  return new TaskHubTenant(app, 'tenant-a', {
    namespaceName: 'tenant-a',
    taskHub: 'tenant-a',
    scheduler: scheduler(),
    identity: props.identity ?? WorkloadIdentity.fromClientId(CLIENT_ID),
    apiIdentity: props.apiIdentity,
  });
}

describe('TaskHubTenant', () => {
  test('a namespace bound to one task hub, with its baseline and workloads', () => {
    // GIVEN
    const t = tenant();
    // WHEN
    t.addWorker('Worker', { image: IMAGE, scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }) });
    t.addApi('Api', { image: IMAGE });
    // THEN
    const manifests = synthValid(t);
    expect(manifests).toMatchSnapshot();
    expect(new Set(manifests.filter(m => m.kind !== 'Namespace').map(m => m.metadata.namespace))).toEqual(new Set(['tenant-a']));
    expect(one(manifests, 'Namespace').metadata.name).toBe('tenant-a');
    for (const deployment of all(manifests, 'Deployment')) {
      expect(container(deployment).env).toContainEqual({ name: 'TASKHUB_NAME', value: 'tenant-a' });
    }
    expect(t.workers.map(w => w.name)).toEqual(['durable-worker']);
    expect(t.apis.map(a => a.name)).toEqual(['durable-api']);
  });

  test('API and worker get separate ServiceAccounts; the API can have its own identity', () => {
    // GIVEN
    const t = tenant(Testing.app(), { apiIdentity: WorkloadIdentity.fromClientId(OTHER_CLIENT_ID) });
    // WHEN
    const worker = t.addWorker('Worker', { image: IMAGE });
    const api = t.addApi('Api', { image: IMAGE });
    // THEN
    const accounts = all(synthValid(t), 'ServiceAccount');
    expect(accounts.map(a => [a.metadata.name, a.metadata.annotations['azure.workload.identity/client-id']])).toEqual([
      ['durable-worker', CLIENT_ID],
      ['durable-api', OTHER_CLIENT_ID],
    ]);
    expect(worker.federatedSubject).toBe('system:serviceaccount:tenant-a:durable-worker');
    expect(api.federatedSubject).toBe('system:serviceaccount:tenant-a:durable-api');
  });

  test('sharing one ServiceAccount between API and worker is explicit', () => {
    // GIVEN
    const t = tenant();
    const shared = new DurableServiceAccount(t, 'Shared', { name: 'tenant-a-app', identity: WorkloadIdentity.fromClientId(CLIENT_ID) });
    // WHEN
    t.addWorker('Worker', { image: IMAGE, serviceAccount: shared });
    t.addApi('Api', { image: IMAGE, serviceAccount: shared });
    // THEN
    const manifests = synthValid(t);
    expect(all(manifests, 'ServiceAccount').map(a => a.metadata.name)).toEqual(['tenant-a-app']);
    expect(all(manifests, 'Deployment').map(d => d.spec.template.spec.serviceAccountName)).toEqual(['tenant-a-app', 'tenant-a-app']);
  });

  test('one YAML file per tenant, named after the chart id', () => {
    // GIVEN
    const app = Testing.app();
    tenant(app).addWorker('Worker', { image: IMAGE });
    new TaskHubTenant(app, 'tenant-b', { namespaceName: 'tenant-b', taskHub: 'tenant-b', scheduler: scheduler() }).addWorker('Worker', { image: IMAGE });
    // WHEN
    app.synth();
    // THEN
    const fs = require('fs') as typeof import('fs');
    expect(fs.readdirSync(app.outdir).sort()).toEqual(['tenant-a.k8s.yaml', 'tenant-b.k8s.yaml']);
  });
});

describe('TaskHubTenant options', () => {
  test('are the props it was built with, baseline settings included (a shallow copy)', () => {
    // GIVEN tenant props with an identity and baseline settings
    const props = {
      namespaceName: 'tenant-a', taskHub: 'hub-a', scheduler: scheduler(),
      identity: WorkloadIdentity.fromClientId(CLIENT_ID),
      baseline: { createNamespace: false, quota: { requestsCpu: '32' }, httpsEgressCidrs: ['10.1.0.0/16'] },
    };
    // WHEN the tenant is built
    const t = new TaskHubTenant(Testing.app(), 'tenant-a', props);
    // THEN its options repeat them, and a second tenant built from them renders the same objects
    expect(t.options).toEqual(props);
    expect(t.options).not.toBe(props);
    expect(t.options.baseline).toBe(props.baseline);
    expect(Testing.synth(new TaskHubTenant(Testing.app(), 'tenant-a', t.options))).toEqual(Testing.synth(t));
  });

  test('keep createBaseline false and an absent baseline as given', () => {
    const t = new TaskHubTenant(Testing.app(), 'tenant-a', { namespaceName: 'tenant-a', taskHub: 'tenant-a',
      scheduler: scheduler(), createBaseline: false });
    expect(t.options.createBaseline).toBe(false);
    expect(t.options.baseline).toBeUndefined();
  });
});

describe('TaskHubTenant in a namespace the platform owns', () => {
  test('adopts the namespace: no Namespace object, or no baseline at all', () => {
    // GIVEN / WHEN
    const app = Testing.app();
    const adopted = new TaskHubTenant(app, 'tenant-a', {
      namespaceName: 'tenant-a', taskHub: 'tenant-a', scheduler: scheduler(), baseline: { createNamespace: false },
    });
    const bare = new TaskHubTenant(app, 'tenant-b', {
      namespaceName: 'tenant-b', taskHub: 'tenant-b', scheduler: scheduler(), createBaseline: false,
    });
    bare.addWorker('Worker', { image: IMAGE, scaling: Scaling.fixedReplicas(1) });
    // THEN
    expect(Testing.synth(adopted).map(m => m.kind)).not.toContain('Namespace');
    expect(bare.baseline).toBeUndefined();
    expect(Testing.synth(bare).map(m => m.kind)).toEqual(['ServiceAccount', 'Deployment']);
  });

  test('fails when two tenants without baselines share a namespace', () => {
    // GIVEN
    const app = Testing.app();
    new TaskHubTenant(app, 'tenant-a', { namespaceName: 'shared', taskHub: 'tenant-a', scheduler: scheduler(), createBaseline: false });
    // WHEN / THEN
    expect(() => new TaskHubTenant(app, 'tenant-b', {
      namespaceName: 'shared', taskHub: 'tenant-b', scheduler: scheduler(), createBaseline: false,
    })).toThrow(`tenant-b: 'namespaceName' ("shared") is already the namespace of tenant tenant-a: every tenant needs a namespace of its own; for several clusters that reuse namespace names, build one app per cluster (e.g. new DurableApp({ outdir: 'dist/<cluster>' }) for each): each app checks its own names`);
  });
});

describe('TaskHubTenant on an App that cdk8s synthesizes with every pass', () => {
  /** Adds `count` tenants to `app`; returns the paths that got a warning. */
  function addTenants(app: App, count: number): string[] {
    for (let i = 1; i <= count; i++) {
      const name = `tenant-${i}`;
      new TaskHubTenant(app, name, { namespaceName: name, taskHub: name, scheduler: scheduler() });
    }
    return app.node.findAll().filter(c => c.node.metadata.some(m => m.type === 'warning')).map(c => c.node.path);
  }

  /** A user's App subclass with a synth() of its own, which the library leaves to cdk8s. */
  class AuditedApp extends App {
    public override synth(): void {
      super.synth();
    }
  }

  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('warns once, at the 100th tenant, that synth grows with the square of the tenants, and names DurableApp', () => {
    // GIVEN / WHEN
    const warned = addTenants(new AuditedApp({ outdir: 'unused' }), 101);
    // THEN
    expect(warned).toEqual(['tenant-100']);
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(new RegExp('^\\[warning\\] tenant-100: 100 tenants '
      + 'on an App whose class overrides synth\\(\\) or synthYaml\\(\\), .* Extend DurableApp instead of App: the same '
      + 'output\\.$')));
  });

  test('does not warn on an app another copy of the library made linear (its mark is Symbol.for)', () => {
    // GIVEN an app that a DurableApp of another copy of the library would be: marked, with a synth() of its own
    const app = new AuditedApp({ outdir: 'unused' });
    Object.defineProperty(app, Symbol.for('cdk8s-durable-task.LinearSynth.v1'), { value: true });
    // WHEN / THEN
    expect(addTenants(app, 101)).toEqual([]);
  });

  test('does not warn on the plain App or a DurableApp, which synthesize linearly', () => {
    expect(addTenants(Testing.app(), 101)).toEqual([]);
    expect(addTenants(new DurableApp({ outdir: 'unused' }), 101)).toEqual([]);
    expect(console.warn).not.toHaveBeenCalled();
  });
});
