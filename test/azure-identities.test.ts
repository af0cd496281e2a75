import { Chart, Testing } from 'cdk8s';
import {
  AzureIdentities, AzureIdentitiesProps, DurableApi, DurableServiceAccount, DurableTaskRole, DurableTaskScheduler,
  DurableWorker, IdentityPlan, KedaTrigger, Scaling, WorkloadIdentity,
} from '../lib';
import { formatFinding, validateManifests } from '../validation';
import { CLIENT_ID, ENDPOINT, IMAGE, OTHER_CLIENT_ID, expectValid, identity, namespacedChart, scheduler, synthValid } from './util';

const SUB = '00000000-0000-0000-0000-00000000000a';
const SCHEDULERS = [{ endpoint: ENDPOINT, subscriptionId: SUB, resourceGroup: 'orders-rg', schedulerName: 'orders' }];
const HUB = `/subscriptions/${SUB}/resourceGroups/orders-rg/providers/Microsoft.DurableTask/schedulers/orders/taskHubs/orders`;
const ISSUER = 'https://westus2.oic.prod-aks.azure.com/tenant/cluster/';
const PROPS: AzureIdentitiesProps = { namespaceName: 'azure-identities', oidcIssuerUrl: ISSUER, schedulers: SCHEDULERS };
const IDENTITY_ID = `/subscriptions/${SUB}/resourceGroups/orders-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders`;
const PRINCIPAL = '00000000-0000-0000-0000-0000000000bb';

function workloads() {
  const app = Testing.app();
  const chart = namespacedChart('orders', app);
  const worker = new DurableWorker(chart, 'worker', {
    image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(),
    scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }),
  });
  const api = new DurableApi(chart, 'api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(OTHER_CLIENT_ID) });
  return { app, worker, api };
}

// The Durable Task scaler warns that upstream KEDA lacks it; not what these tests are about.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

describe('AzureIdentities', () => {
  test('an identity ASO creates: UserAssignedIdentity exporting its ids, credentials for the workload and KEDA, roles on the hub', () => {
    // GIVEN
    const { app, worker } = workloads();
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    // WHEN
    azure.addIdentity({ name: 'orders-worker', workloads: [worker], create: { subscriptionId: SUB, resourceGroup: 'orders-rg', location: 'westus2' } });
    const objects = Testing.synth(azure);
    // THEN
    expectValid(objects);
    expect(objects.map(o => `${o.apiVersion} ${o.kind} ${o.metadata.name}`)).toEqual([
      'managedidentity.azure.com/v1api20230131 UserAssignedIdentity orders-worker',
      'managedidentity.azure.com/v1api20230131 FederatedIdentityCredential orders-worker-orders-durable-worker',
      'managedidentity.azure.com/v1api20230131 FederatedIdentityCredential orders-worker-keda-keda-operator',
      'authorization.azure.com/v1api20220401 RoleAssignment orders-worker-orders-worker',
      // The worker's DTS trigger authenticates as the worker's identity: Durable Task Worker is not documented as
      // covering reads of the backlog, so Data Reader too.
      'authorization.azure.com/v1api20220401 RoleAssignment orders-worker-orders-data-reader',
    ]);
    expect(objects[0].spec).toEqual({
      owner: { armId: `/subscriptions/${SUB}/resourceGroups/orders-rg` },
      location: 'westus2',
      operatorSpec: { configMaps: {
        clientId: { name: 'orders-worker-identity', key: 'clientId' },
        principalId: { name: 'orders-worker-identity', key: 'principalId' },
        tenantId: { name: 'orders-worker-identity', key: 'tenantId' },
      } },
    });
    expect(objects[1].spec).toEqual({
      owner: { name: 'orders-worker' }, audiences: ['api://AzureADTokenExchange'], issuer: ISSUER,
      subject: 'system:serviceaccount:orders:durable-worker',
    });
    expect(objects[2].spec.subject).toBe('system:serviceaccount:keda:keda-operator');
    expect(objects[3].spec).toEqual({
      owner: { armId: HUB },
      roleDefinitionReference: { armId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${DurableTaskRole.WORKER.roleDefinitionId}` },
      principalType: 'ServicePrincipal',
      principalIdFromConfig: { name: 'orders-worker-identity', key: 'principalId' },
    });
  });

  test("a KEDA trigger's own identity: a credential for the KEDA operator and Data Reader on the hub", () => {
    // GIVEN a worker whose Durable Task trigger authenticates as an identity of its own
    const app = Testing.app();
    const worker = new DurableWorker(namespacedChart('orders', app), 'worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(),
      scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler({ identity: identity(OTHER_CLIENT_ID) })] }),
    });
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    // WHEN
    azure.addIdentity({ name: 'orders-scaler', scalerOf: [worker], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } });
    const objects = Testing.synth(azure);
    // THEN: what IdentityPlan lists for that identity (the KEDA operator subject, Data Reader on the hub)
    expectValid(objects);
    expect(objects.map(o => `${o.kind} ${o.metadata.name} ${o.spec.subject ?? o.spec.roleDefinitionReference.armId.split('/').pop()}`)).toEqual([
      'FederatedIdentityCredential orders-scaler-keda-keda-operator system:serviceaccount:keda:keda-operator',
      `RoleAssignment orders-scaler-orders-data-reader ${DurableTaskRole.DATA_READER.roleDefinitionId}`,
    ]);
    expect(objects[1].spec).toMatchObject({ owner: { armId: HUB }, principalId: PRINCIPAL });
    const plan = IdentityPlan.of(app, { schedulers: SCHEDULERS }).toJson().identities[1];
    expect([plan.subjects, plan.roles.map((r: { roleDefinitionId: string }) => r.roleDefinitionId)]).toEqual([
      ['system:serviceaccount:keda:keda-operator'], [DurableTaskRole.DATA_READER.roleDefinitionId],
    ]);
  });

  test('fails when a scalerOf workload has no trigger identity of its own, or needs nothing at all', () => {
    // GIVEN a worker whose trigger authenticates as the worker's own identity
    const { app, worker } = workloads();
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    const existing = { resourceId: IDENTITY_ID, principalId: PRINCIPAL };
    // WHEN / THEN
    expect(() => azure.addIdentity({ name: 'orders-scaler', scalerOf: [worker], existing })).toThrow(
      "orders-azure: identity \"orders-scaler\": 'scalerOf' (orders/worker) has no KEDA trigger that authenticates with "
      + "an identity other than the workload's own");
    expect(() => azure.addIdentity({ name: 'nothing', existing })).toThrow(
      "orders-azure: identity \"nothing\": give the DurableWorkers and DurableApis that use it in 'workloads' (or "
      + "those whose KEDA triggers authenticate as it in 'scalerOf')");
  });

  test('an existing identity: credentials owned by its resource id, the role assigned to its principal id', () => {
    // GIVEN
    const { app, api } = workloads();
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    // WHEN
    azure.addIdentity({ name: 'orders-api', workloads: [api], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } });
    const objects = Testing.synth(azure);
    // THEN
    expectValid(objects);
    expect(objects.map(o => o.kind)).toEqual(['FederatedIdentityCredential', 'RoleAssignment']);
    expect(objects[0].spec.owner).toEqual({ armId: IDENTITY_ID });
    expect(objects[1].spec.principalId).toBe(PRINCIPAL);
    const roleId = DurableTaskRole.DATA_CONTRIBUTOR.roleDefinitionId;
    expect(objects[1].spec.roleDefinitionReference.armId.endsWith(roleId)).toBe(true);
  });

  test('the validator rejects ASO objects with an unknown field, a wrong type or an unserved version', () => {
    const { app, api } = workloads();
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    azure.addIdentity({ name: 'orders-api', workloads: [api], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } });
    const [credential, role] = Testing.synth(azure);
    const findings = (o: any) => validateManifests([o]).map(formatFinding).join('\n');
    expect(findings({ ...credential, spec: { ...credential.spec, audience: ['x'] } })).toMatch(/spec.audience: unknown field/);
    expect(findings({ ...credential, spec: { ...credential.spec, audiences: 'x' } })).toMatch(/spec.audiences.*must be array/);
    expect(findings({ ...role, apiVersion: 'authorization.azure.com/v1' })).toMatch(/is not served/);
    expect(findings({ ...role, spec: { ...role.spec, owner: { armId: 'not-an-id' } } })).toMatch(/spec.owner.armId.*must match pattern/);
  });

  test.each([
    ['neither create nor existing is given', (a: AzureIdentities, w: DurableWorker) => a.addIdentity({ name: 'x', workloads: [w] }),
      "orders-azure: identity \"x\": has neither 'create' nor 'existing': give exactly one of 'create' (ASO creates the identity) and 'existing' (reference one)"],
    ['both create and existing are given', (a: AzureIdentities, w: DurableWorker) => a.addIdentity({
      name: 'x', workloads: [w], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL },
      create: { subscriptionId: SUB, resourceGroup: 'orders-rg', location: 'westus2' },
    }), "orders-azure: identity \"x\": has both 'create' and 'existing': give exactly one of 'create' (ASO creates the identity) and 'existing' (reference one)"],
    ['a workload is not a Durable workload', (a: AzureIdentities) => a.addIdentity({ name: 'x', workloads: [a], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } }),
      "orders-azure: identity \"x\": 'workloads[0]' (orders-azure) must be a DurableWorker or DurableApi (or a construct that holds some)"],
    ['the resource id is not an identity', (a: AzureIdentities, w: DurableWorker) => a.addIdentity({ name: 'x', workloads: [w], existing: { resourceId: '/subscriptions/x', principalId: PRINCIPAL } }),
      "orders-azure: identity \"x\": 'existing.resourceId' (\"/subscriptions/x\") must be the resource id of a user-assigned identity: "
      + '/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>'],
    ['the location is not a region name', (a: AzureIdentities, w: DurableWorker) => a.addIdentity({ name: 'x', workloads: [w], create: { subscriptionId: SUB, resourceGroup: 'rg', location: 'west-us-2' } }),
      "orders-azure: identity \"x\": 'create.location' (\"west-us-2\") must be an Azure region: its name, e.g. \"westus2\", or its display name, e.g. \"West US 2\""],
  ])('fails when %s', (_, given, message) => {
    const { app, worker } = workloads();
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    expect(() => given(azure, worker)).toThrow(message);
  });

  test.each([['West US 2', 'westus2'], ['WestUS2', 'westus2'], ['westeurope', 'westeurope']])(
    'a region given as %s is rendered as ARM names it (%s)', (location, name) => {
      // GIVEN
      const { app, worker } = workloads();
      const azure = new AzureIdentities(app, 'orders-azure', PROPS);
      // WHEN: ARM compares locations without case and spaces, and answers with the name
      azure.addIdentity({ name: 'orders-worker', workloads: [worker], create: { subscriptionId: SUB, resourceGroup: 'orders-rg', location } });
      const objects = Testing.synth(azure);
      // THEN ASO's spec.location matches the status.location ARM reports
      expectValid(objects);
      expect(objects[0].spec.location).toBe(name);
    });

  test('fails when an AKS OIDC issuer lacks its trailing slash (Entra ID compares the issuer exactly)', () => {
    // GIVEN the issuer as AKS prints it, without its final '/'
    const issuer = 'https://westus2.oic.prod-aks.azure.com/tenant/cluster';
    // WHEN / THEN
    expect(() => new AzureIdentities(Testing.app(), 'a', { ...PROPS, oidcIssuerUrl: issuer })).toThrow(
      `a: 'oidcIssuerUrl' ("${issuer}") is an AKS OIDC issuer without its trailing '/': AKS tokens name the issuer `
      + "with it, and Entra ID compares the federated credential's issuer exactly; write "
      + `"${issuer}/" (as az aks show --query oidcIssuerProfile.issuerUrl prints it)`);
  });

  test.each([
    ['an AKS issuer with its slash', 'https://westus2.oic.prod-aks.azure.com/tenant/cluster/'],
    ['the former AKS issuer host with its slash', 'https://oidc.prod-aks.azure.com/cluster/'],
    ['another issuer without a slash (written as it issues tokens)', 'https://issuer.example.com/cluster'],
  ])('the issuer is used exactly as given: %s', (_, issuer) => {
    // GIVEN
    const { app, worker } = workloads();
    const azure = new AzureIdentities(app, 'a', { ...PROPS, oidcIssuerUrl: issuer });
    // WHEN
    azure.addIdentity({ name: 'x', workloads: [worker], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } });
    // THEN
    const credential = Testing.synth(azure).find(o => o.kind === 'FederatedIdentityCredential')!;
    expect(credential.spec.issuer).toBe(issuer);
  });

  test('fails when the issuer is not an https URL, or a scheduler is not described', () => {
    expect(() => new AzureIdentities(Testing.app(), 'a', { ...PROPS, oidcIssuerUrl: 'http://issuer' })).toThrow(
      "a: 'oidcIssuerUrl' (\"http://issuer\") must be an https:// URL, e.g. \"https://westus2.oic.prod-aks.azure.com/<tenant>/<guid>/\"");
    const { app, worker } = workloads();
    const azure = new AzureIdentities(app, 'a', { ...PROPS, schedulers: [{ ...SCHEDULERS[0], endpoint: 'https://other.westus2.durabletask.io' }] });
    expect(() => azure.addIdentity({ name: 'x', workloads: [worker], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } })).toThrow(
      `orders/worker: 'schedulers' names no Azure resource for the scheduler "${ENDPOINT}" this workload connects to: `
      + 'add { endpoint, subscriptionId, resourceGroup, schedulerName } for it');
  });
});

describe('AzureIdentities: names Azure accepts, one identity per client id, one ASO object per Azure resource', () => {
  const EXISTING = { resourceId: IDENTITY_ID, principalId: PRINCIPAL };
  const CREATE = { subscriptionId: SUB, resourceGroup: 'orders-rg', location: 'westus2' };
  // Azure's rule for federated credential names (ASO's azureName pattern; ASO uses metadata.name when it is unset).
  const CREDENTIAL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

  function workerIn(app: ReturnType<typeof Testing.app>, namespace: string, props: Record<string, unknown> = {}, id = 'worker') {
    const chart = app.node.tryFindChild(namespace) as Chart ?? namespacedChart(namespace, app);
    return new DurableWorker(chart, id, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(), ...props });
  }

  test.each([
    ['letters of any script', 'rg-café-ресурсы'],
    ['parentheses, dots and underscores', 'RG_Platform.Prod(US)'],
    ['90 characters', 'r'.repeat(90)],
  ])('accepts resource group names Azure accepts: %s', (_, group) => {
    // GIVEN Azure's rule: 1-90 Unicode letters or digits, '_', '-', '.', '(' or ')', not ending in '.'
    const app = Testing.app();
    const schedulers = [{ ...SCHEDULERS[0], resourceGroup: group }];
    // WHEN
    const azure = new AzureIdentities(app, 'orders-azure', { ...PROPS, namespaceName: 'orders', schedulers });
    azure.addIdentity({ name: 'orders-workers', workloads: [workerIn(app, 'orders')], create: { ...CREATE, resourceGroup: group } });
    // THEN
    const manifests = synthValid(azure);
    expect(manifests.find(m => m.kind === 'UserAssignedIdentity').spec.owner.armId).toBe(`/subscriptions/${SUB}/resourceGroups/${group}`);
    expect(manifests.find(m => m.kind === 'RoleAssignment').spec.owner.armId).toContain(`/resourceGroups/${group}/providers/`);
  });

  test.each([
    ['91 characters', 'r'.repeat(91)],
    ['91 UTF-16 units (Azure counts as .NET does)', `${'r'.repeat(89)}😀`],
    ['a period at the end', 'rg.'],
    ['a space', 'r g'],
    ['a symbol that is no letter or digit', 'rg-€'],
  ])('fails when a resource group name has %s', (_, group) => {
    // GIVEN / WHEN / THEN
    expect(() => new AzureIdentities(Testing.app(), 'orders-azure', { ...PROPS, schedulers: [{ ...SCHEDULERS[0], resourceGroup: group }] }))
      .toThrow(new Error(`orders-azure: 'schedulers[0].resourceGroup' (${JSON.stringify(group)}) must be an Azure resource name: `
        + "1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'"));
  });

  test('one existing principal may hold the same role on two task hubs, and two roles on one hub', () => {
    // GIVEN one existing Azure identity for a worker of hub "orders" and an API and a worker of hub "billing"
    const app = Testing.app();
    const orders = workerIn(app, 'orders');
    const billing = workerIn(app, 'billing', { taskHub: 'billing' });
    const api = new DurableApi(app.node.findChild('billing') as Chart, 'api',
      { image: IMAGE, scheduler: scheduler(), taskHub: 'billing', identity: identity() });
    // WHEN they are added in two charts
    const one = new AzureIdentities(app, 'one', { ...PROPS, namespaceName: 'orders' });
    one.addIdentity({ name: 'orders', workloads: [orders], existing: EXISTING });
    const two = new AzureIdentities(app, 'two', { ...PROPS, namespaceName: 'billing' });
    two.addIdentity({ name: 'billing', workloads: [billing, api], existing: EXISTING });
    // THEN every (scope, role, principal) is assigned once
    const roles = [one, two].flatMap(c => Testing.synth(c)).filter(o => o.kind === 'RoleAssignment');
    expect(roles.map(r => `${r.spec.owner.armId.split('/').pop()} ${r.spec.roleDefinitionReference.armId.split('/').pop()}`))
      .toEqual([`orders ${DurableTaskRole.WORKER.roleDefinitionId}`, `billing ${DurableTaskRole.WORKER.roleDefinitionId}`,
        `billing ${DurableTaskRole.DATA_CONTRIBUTOR.roleDefinitionId}`]);
  });

  test('credential names over 120 characters or with a dot get a stable hash instead of being rejected by Azure', () => {
    // GIVEN a 63-character namespace, a 63-character identity and a ServiceAccount name with dots
    const build = () => {
      const app = Testing.app();
      const namespace = `n${'x'.repeat(62)}`;
      const long = workerIn(app, namespace);
      const dotted = workerIn(app, 'orders', {
        identity: undefined,
        serviceAccount: DurableServiceAccount.fromServiceAccountName('orders.app', { identity: identity() }),
      });
      const azure = new AzureIdentities(app, 'orders-azure', PROPS);
      // WHEN
      azure.addIdentity({ name: `i${'d'.repeat(62)}`, workloads: [long, dotted], existing: EXISTING });
      return Testing.synth(azure).filter(o => o.kind === 'FederatedIdentityCredential');
    };
    const credentials = build();
    // THEN every name is a valid Azure credential name, unique, and the same in the next synth
    const names = credentials.map(c => c.metadata.name);
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(CREDENTIAL_NAME);
    expect(new Set(names).size).toBe(2);
    expect(names[0]).toMatch(/^i[d]{62}-n[x]{44}-[0-9a-f]{10}$/);
    expect(names[0]).toHaveLength(120);
    expect(names[1]).toMatch(/^i[d]{62}-orders-orders-app-[0-9a-f]{10}$/);
    expect(build().map(c => c.metadata.name)).toEqual(names);
    expect(credentials.map(c => c.spec.subject)).toEqual(expect.arrayContaining([
      `system:serviceaccount:n${'x'.repeat(62)}:durable-worker`, 'system:serviceaccount:orders:orders.app']));
  });

  test('two subjects whose readable credential names are the same get one each', () => {
    // GIVEN ServiceAccount "durable-worker" in namespace "a-b" and "b-durable-worker" in namespace "a"
    const app = Testing.app();
    const one = workerIn(app, 'a-b');
    const two = workerIn(app, 'a', { identity: undefined, serviceAccount: DurableServiceAccount.fromServiceAccountName('b-durable-worker',
      { identity: identity() }) });
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    // WHEN
    azure.addIdentity({ name: 'x', workloads: [one, two], existing: EXISTING });
    // THEN
    const names = Testing.synth(azure).filter(o => o.kind === 'FederatedIdentityCredential').map(o => o.metadata.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^x-a-b-durable-worker-[0-9a-f]{10}$/);
  });

  test('one identity with a role on task hubs of the same name in two schedulers gets both role assignments', () => {
    // GIVEN two workers on hub "orders" of two schedulers, both logging in as one identity
    const app = Testing.app();
    const west = workerIn(app, 'orders');
    const other = 'https://orders.westeurope.durabletask.io';
    const east = workerIn(app, 'orders', { name: 'east', scheduler: DurableTaskScheduler.fromEndpoint(other) }, 'east');
    const azure = new AzureIdentities(app, 'orders-azure', {
      ...PROPS, schedulers: [...SCHEDULERS, { ...SCHEDULERS[0], endpoint: other, schedulerName: 'orders-eu' }],
    });
    // WHEN
    azure.addIdentity({ name: 'orders-worker', workloads: [west, east], existing: EXISTING });
    // THEN
    const roles = Testing.synth(azure).filter(o => o.kind === 'RoleAssignment');
    expect(roles.map(r => r.spec.owner.armId)).toEqual([HUB, HUB.replace('schedulers/orders/', 'schedulers/orders-eu/')]);
    expect(roles.map(r => r.metadata.name)).toEqual([
      expect.stringMatching(/^orders-worker-orders-worker-[0-9a-f]{10}$/),
      expect.stringMatching(/^orders-worker-orders-worker-[0-9a-f]{10}$/),
    ]);
    expect(new Set(roles.map(r => r.metadata.name)).size).toBe(2);
  });

  test.each<[string, (app: ReturnType<typeof Testing.app>) => void, string]>([
    ['the workloads of one identity log in as different client ids', app => {
      const worker = workerIn(app, 'orders');
      const api = new DurableApi(app.node.findChild('orders') as Chart, 'api',
        { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(OTHER_CLIENT_ID) });
      new AzureIdentities(app, 'orders-azure', PROPS).addIdentity({ name: 'x', workloads: [worker, api], existing: EXISTING });
    }, `orders-azure: identity "x": its workloads log in as different identities (orders/worker as client id ${CLIENT_ID}, `
      + `orders/api as client id ${OTHER_CLIENT_ID}), but an identity's credentials and roles serve only the pods that `
      + 'use its client id: add one identity per client id'],
    ['a workload of an identity has no workload identity', app => {
      const worker = workerIn(app, 'orders', { identity: undefined });
      new AzureIdentities(app, 'orders-azure', PROPS).addIdentity({ name: 'x', workloads: [worker], existing: EXISTING });
    }, 'orders-azure: identity "x": orders/worker has no workload identity, so its pods never log in as this one: give '
      + "it 'identity' (or a 'serviceAccount' with one)"],
    ['an identity name is added twice to one namespace', app => {
      const worker = workerIn(app, 'orders');
      const azure = new AzureIdentities(app, 'orders-azure', PROPS);
      azure.addIdentity({ name: 'x', workloads: [worker], existing: EXISTING });
      azure.addIdentity({ name: 'x', workloads: [worker], create: CREATE });
    }, 'orders-azure: identity "x": an identity of this name is in namespace "azure-identities" already (identity "x" of '
      + 'orders-azure): give each identity its own name'],
    ['the names of two identities\' credentials meet', app => {
      const azure = new AzureIdentities(app, 'orders-azure', PROPS);
      azure.addIdentity({ name: 'a', workloads: [workerIn(app, 'b-x')], existing: EXISTING });
      const other = `/subscriptions/${SUB}/resourceGroups/orders-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/bbb`;
      azure.addIdentity({ name: 'a-b', workloads: [workerIn(app, 'x', { identity: identity(OTHER_CLIENT_ID) })],
        existing: { resourceId: other, principalId: PRINCIPAL } });
    }, 'orders-azure: identity "a-b": its FederatedIdentityCredential would be named "a-b-x-durable-worker", the name '
      + `of one that identity "a" of orders-azure has in namespace "azure-identities": give one of the identities another 'name'`],
    ['two charts give one Azure identity credentials of the same name', app => {
      // Different namespaces and subjects, but "a" + "b-c" and "a-b" + "c" read the same.
      new AzureIdentities(app, 'one', { ...PROPS, namespaceName: 'one' })
        .addIdentity({ name: 'a', workloads: [workerIn(app, 'b-c')], existing: EXISTING });
      new AzureIdentities(app, 'two', { ...PROPS, namespaceName: 'two' })
        .addIdentity({ name: 'a-b', workloads: [workerIn(app, 'c', { taskHub: 'billing' })], existing: EXISTING });
    }, 'two: identity "a-b": its FederatedIdentityCredential would be named "a-b-c-durable-worker" in Azure, the name '
      + `of one that one gives the same Azure identity (${IDENTITY_ID}) for another subject: give one of the identities another 'name'`],
    ['two charts create the same Azure identity', app => {
      const worker = workerIn(app, 'orders');
      new AzureIdentities(app, 'one', PROPS).addIdentity({ name: 'orders', workloads: [worker], create: CREATE });
      new AzureIdentities(app, 'two', { ...PROPS, namespaceName: 'other' })
        .addIdentity({ name: 'orders', workloads: [worker], create: CREATE });
    }, `two: identity "orders": one creates this Azure identity (/subscriptions/${SUB}/resourceGroups/orders-rg/providers/`
      + 'Microsoft.ManagedIdentity/userAssignedIdentities/orders) already, and pruning either ASO object would delete '
      + "it: create it once, and reference it elsewhere with 'existing'"],
    ['two identities federate one Azure identity with the same subject', app => {
      const worker = workerIn(app, 'orders');
      const azure = new AzureIdentities(app, 'orders-azure', PROPS);
      azure.addIdentity({ name: 'one', workloads: [worker], existing: EXISTING });
      azure.addIdentity({ name: 'two', workloads: [worker], existing: { ...EXISTING, resourceId: IDENTITY_ID.toUpperCase() } });
    }, `orders-azure: identity "two": identity "one" of orders-azure federates the same Azure identity (${IDENTITY_ID.toUpperCase()}) with `
      + 'system:serviceaccount:orders:durable-worker already, and Azure takes one credential per issuer and subject on '
      + `an identity: add the 'workloads' to one addIdentity`],
    ['two identities assign the same role on the same task hub to one existing principal', app => {
      // Two namespaces, one existing Azure identity: different subjects (allowed), the same role on the same hub.
      new AzureIdentities(app, 'one', { ...PROPS, namespaceName: 'orders' })
        .addIdentity({ name: 'orders', workloads: [workerIn(app, 'orders')], existing: EXISTING });
      new AzureIdentities(app, 'two', { ...PROPS, namespaceName: 'billing' })
        .addIdentity({ name: 'billing', workloads: [workerIn(app, 'billing')],
          existing: { ...EXISTING, principalId: PRINCIPAL.toUpperCase() } });
    }, `two: identity "billing": one assigns Durable Task Worker on ${HUB} to the same principal (principal id `
      + `${PRINCIPAL.toUpperCase()}) already, and Azure keeps one role assignment per scope, role and principal (another `
      + `fails with RoleAssignmentExists): add the 'workloads' to one addIdentity`],
    ['an identity ASO creates has a name Azure rejects', app => {
      new AzureIdentities(app, 'orders-azure', PROPS).addIdentity({ name: 'ab', workloads: [workerIn(app, 'orders')], create: CREATE });
    }, "orders-azure: identity \"ab\": 'name' (\"ab\") names the identity ASO creates in Azure, which needs 3-128 letters, "
      + "digits, '-' or '_'"],
    ['an existing identity\'s resource id has a subscription that is not a GUID', app => {
      new AzureIdentities(app, 'orders-azure', PROPS).addIdentity({ name: 'x', workloads: [workerIn(app, 'orders')],
        existing: { ...EXISTING, resourceId: IDENTITY_ID.replace(SUB, 'not-a-guid') } });
    }, `orders-azure: identity "x": 'existing.resourceId' ("${IDENTITY_ID.replace(SUB, 'not-a-guid')}"): its subscription `
      + '"not-a-guid" must be a GUID like 00000000-0000-0000-0000-000000000000'],
    ['an existing identity\'s resource id has a resource group Azure rejects', app => {
      new AzureIdentities(app, 'orders-azure', PROPS).addIdentity({ name: 'x', workloads: [workerIn(app, 'orders')],
        existing: { ...EXISTING, resourceId: IDENTITY_ID.replace('orders-rg', 'r g') } });
    }, `orders-azure: identity "x": 'existing.resourceId' ("${IDENTITY_ID.replace('orders-rg', 'r g')}"): its resource `
      + "group \"r g\" must be an Azure resource group name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'"],
    ['a scheduler resource\'s endpoint is not an https URL', app => {
      new AzureIdentities(app, 'orders-azure', { ...PROPS, schedulers: [{ ...SCHEDULERS[0], endpoint: 'orders.westus2.durabletask.io' }] });
    }, "orders-azure: 'schedulers[0].endpoint' (\"orders.westus2.durabletask.io\") must be the scheduler's https:// URL "
      + 'with a host and no path, query or credentials, e.g. "https://orders.westus2.durabletask.io"'],
    ['a scheduler resource\'s endpoint is not a string', app => {
      new AzureIdentities(app, 'orders-azure', { ...PROPS, schedulers: [{ ...SCHEDULERS[0], endpoint: 42 as any }] });
    }, "orders-azure: 'schedulers[0].endpoint' (42) must be the scheduler's https:// URL with a host and no path, query "
      + 'or credentials, e.g. "https://orders.westus2.durabletask.io"'],
    ['a workload is added to a chart after addIdentity took its workloads', app => {
      const chart = workerIn(app, 'orders').node.scope as Chart;
      new AzureIdentities(app, 'orders-azure', PROPS).addIdentity({ name: 'xyz', workloads: [chart], existing: EXISTING });
      workerIn(app, 'orders', { name: 'late' }, 'late');
    }, 'orders-azure: identity "xyz": orders/late was added to orders after addIdentity, which made the identity\'s '
      + 'federated credentials and roles from the workloads it found then: add every workload before addIdentity'],
    ['the identity plan is asked for something that is not a construct', () => {
      IdentityPlan.of('app' as any, { schedulers: SCHEDULERS });
    }, 'IdentityPlan: \'scope\' ("app") must be a construct, usually the app'],
  ])('fails when %s', (_, given, message) => {
    // GIVEN
    const app = Testing.app();
    // WHEN / THEN
    expect(() => given(app)).toThrow(new Error(message));
  });
});

describe('IdentityPlan', () => {
  test('lists identity → subjects → role → scope, with the KEDA operator and a Data Reader grant for a scaler identity', () => {
    // GIVEN: the worker's DTS trigger authenticates as another identity
    const app = Testing.app();
    const chart = namespacedChart('orders', app);
    new DurableWorker(chart, 'worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(),
      scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler({ identity: identity(OTHER_CLIENT_ID) })] }),
    });
    // WHEN
    const plan = IdentityPlan.of(app, { schedulers: SCHEDULERS });
    // THEN
    expect(plan.toJson()).toEqual({ identities: [
      { clientId: CLIENT_ID, subjects: ['system:serviceaccount:orders:durable-worker'],
        roles: [{ roleName: 'Durable Task Worker', roleDefinitionId: DurableTaskRole.WORKER.roleDefinitionId, scope: HUB }], usedBy: ['orders/worker'] },
      { clientId: OTHER_CLIENT_ID, subjects: ['system:serviceaccount:keda:keda-operator'],
        roles: [{ roleName: 'Durable Task Data Reader', roleDefinitionId: DurableTaskRole.DATA_READER.roleDefinitionId, scope: HUB }],
        usedBy: ['orders/worker (KEDA trigger azure-durabletask-scheduler)'] },
    ] });
    expect(plan.toMarkdown()).toContain(`| \`${CLIENT_ID}\` | \`system:serviceaccount:orders:durable-worker\` | Durable Task Worker `
      + `(\`${DurableTaskRole.WORKER.roleDefinitionId}\`) | \`${HUB}\` |`);
  });

  test("a scaler that authenticates as the worker's identity: Data Reader next to Worker; an API's Data Contributor covers it", () => {
    // GIVEN a worker and an API whose DTS triggers authenticate as their own identities
    const app = Testing.app();
    const chart = namespacedChart('orders', app);
    const scaling = Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] });
    new DurableWorker(chart, 'worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(), scaling });
    new DurableApi(chart, 'api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(OTHER_CLIENT_ID),
      scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }),
    });
    // WHEN
    const identities = IdentityPlan.of(app, { schedulers: SCHEDULERS }).toJson().identities;
    // THEN
    expect(identities.map((i: any) => [i.clientId, i.roles.map((r: { roleName: string }) => r.roleName)])).toEqual([
      [CLIENT_ID, ['Durable Task Data Reader', 'Durable Task Worker']],
      [OTHER_CLIENT_ID, ['Durable Task Data Contributor']],
    ]);
  });

  test('fails when a scheduler resource has an invalid subscription id', () => {
    expect(() => IdentityPlan.of(Testing.app(), { schedulers: [{ ...SCHEDULERS[0], subscriptionId: 'sub' }] })).toThrow(
      "IdentityPlan: 'schedulers[0].subscriptionId' (\"sub\") must be a GUID like 00000000-0000-0000-0000-000000000000");
  });
});

describe('an identity whose client id a ConfigMap holds (one pull request with an identity ASO creates)', () => {
  const CREATE = { subscriptionId: SUB, resourceGroup: 'orders-rg', location: 'westus2' };
  const fromAso = () => WorkloadIdentity.fromClientIdConfigMap('orders-worker-identity');

  function worker(props: Record<string, unknown> = {}, namespace = 'orders', app = Testing.app()) {
    const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT, { connectionStringEnvName: 'DTS_CONNECTION_STRING' });
    const w = new DurableWorker(namespacedChart(namespace, app), 'worker', {
      image: IMAGE, scheduler, taskHub: 'orders', identity: fromAso(), ...props,
    });
    return { app, worker: w };
  }

  test('the pods read AZURE_CLIENT_ID from the ConfigMap, the connection string refers to it, the ServiceAccount names none', () => {
    // GIVEN / WHEN
    const { worker: w } = worker();
    const objects = synthValid(w.node.scope as Chart);
    // THEN
    const container = objects.find(o => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(container.env.slice(0, 2)).toEqual([
      { name: 'AZURE_CLIENT_ID', valueFrom: { configMapKeyRef: { name: 'orders-worker-identity', key: 'clientId' } } },
      { name: 'DTS_ENDPOINT', value: ENDPOINT },
    ]);
    // Kubernetes expands $(AZURE_CLIENT_ID) because the variable is defined before this one.
    expect(container.env.find((e: any) => e.name === 'DTS_CONNECTION_STRING').value).toBe(
      `Endpoint=${ENDPOINT};TaskHub=orders;Authentication=WorkloadIdentity;ClientID=$(AZURE_CLIENT_ID)`);
    const sa = objects.find(o => o.kind === 'ServiceAccount');
    expect(sa.metadata.annotations?.['azure.workload.identity/client-id']).toBeUndefined();
  });

  test('AzureIdentities in the workloads\' namespace creates the identity where its pods read the ConfigMap', () => {
    // GIVEN
    const { app, worker: w } = worker();
    const azure = new AzureIdentities(app, 'orders-azure', { ...PROPS, namespaceName: 'orders' });
    // WHEN
    azure.addIdentity({ name: 'orders-worker', workloads: [w], create: CREATE });
    // THEN ASO writes orders-worker-identity into namespace orders
    const objects = Testing.synth(azure);
    expect(objects.map(o => `${o.kind} ${o.metadata.namespace}`)).toEqual([
      'UserAssignedIdentity orders', 'FederatedIdentityCredential orders', 'RoleAssignment orders',
    ]);
    expect(objects[0].spec.operatorSpec.configMaps.clientId).toEqual({ name: 'orders-worker-identity', key: 'clientId' });
    const [planned] = IdentityPlan.of(app, { schedulers: SCHEDULERS }).identities;
    expect(planned).toMatchObject({ clientIdConfigMap: 'orders/orders-worker-identity:clientId', usedBy: ['orders/worker'] });
    expect(planned.clientId).toBeUndefined();
  });

  test('fails when the AzureIdentities chart is in another namespace than the pods that read the ConfigMap', () => {
    // GIVEN
    const { app, worker: w } = worker();
    const azure = new AzureIdentities(app, 'orders-azure', PROPS);
    // WHEN / THEN
    expect(() => azure.addIdentity({ name: 'orders-worker', workloads: [w], create: CREATE })).toThrow(
      'orders-azure: identity "orders-worker": orders/worker reads its client id (\'identity\') from ConfigMap orders-worker-identity '
      + 'in namespace "orders", but ASO writes it into the namespace of this AzureIdentities chart ("azure-identities"): '
      + 'create the identity in an AzureIdentities chart with \'namespaceName: "orders"\'');
  });

  test('fails when a KEDA trigger would authenticate as it', () => {
    expect(() => worker({ scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }) })).toThrow(
      'orders/worker: a KEDA trigger authenticates as the workload identity with the client id in ConfigMap '
      + "orders-worker-identity (key clientId), but KEDA's TriggerAuthentication needs the client id itself "
      + "(podIdentity.identityId): give the trigger an identity with a known client id (its 'identity' option, "
      + 'WorkloadIdentity.fromClientId), or use a trigger without authentication (cpu, memory)');
  });

  test('fails when the ConfigMap is not the one ASO writes for the identity, or the identity exists already', () => {
    // GIVEN
    const { app, worker: w } = worker();
    const azure = new AzureIdentities(app, 'orders-azure', { ...PROPS, namespaceName: 'orders' });
    // WHEN / THEN
    expect(() => azure.addIdentity({ name: 'orders-api', workloads: [w], create: CREATE })).toThrow(
      'orders-azure: identity "orders-api": orders/worker reads its client id (\'identity\') from ConfigMap '
      + "orders/orders-worker-identity:clientId, but ASO writes this identity's to orders-api-identity (key clientId): "
      + 'use WorkloadIdentity.fromClientIdConfigMap("orders-api-identity")');
    expect(() => azure.addIdentity({ name: 'orders-worker', workloads: [w], existing: { resourceId: IDENTITY_ID, principalId: PRINCIPAL } }))
      .toThrow('orders-azure: identity "orders-worker": orders/worker reads its client id (\'identity\') from ConfigMap '
        + 'orders/orders-worker-identity:clientId, but this identity exists already, so ASO writes no ConfigMap: use '
        + 'WorkloadIdentity.fromClientId with its client id');
  });

  test.each([
    [WorkloadIdentity.fromClientIdConfigMap('Not_A_Name'), "'identity.clientIdConfigMap.name' (\"Not_A_Name\")"],
    [WorkloadIdentity.fromClientIdConfigMap('ok', { key: 'a/b' }),
      "'identity.clientIdConfigMap.key' (\"a/b\") must be a ConfigMap key: 1-253 letters, digits, '-', '_' or '.', not '.' or '..'"],
  ])('fails when the ConfigMap reference is invalid (%#)', (bad, message) => {
    expect(() => worker({ identity: bad })).toThrow(`orders/worker: ${message}`);
  });
});
