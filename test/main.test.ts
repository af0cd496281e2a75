import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { renderIdentityReport } from '../app/identities';
import { buildReferenceApp } from '../app/reference-app';
import { DEFAULT_SETTINGS, loadAppSettings, loadSettings } from '../app/settings';
import { AppDiagram, DurableTaskRole, IdentityPlan } from '../lib';
import { all, container, durableTestApp, expectValid, one, synthApp } from './util';

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

});

describe('reference app from tenants.yaml (what main.ts synthesizes)', () => {
  const app = durableTestApp();
  const ref = buildReferenceApp(app, loadAppSettings({}));
  const manifests = synthApp(app);
  const SCOPE = '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/durable-demo-rg/providers/'
    + 'Microsoft.DurableTask/schedulers/durable-demo/taskHubs/';

  test('the tenant charts equal those of the compact settings: the file describes the same tenants', () => {
    // GIVEN
    const compact = Testing.app();
    buildReferenceApp(compact, DEFAULT_SETTINGS);
    // WHEN
    const fromFile = ref.tenants.map(t => Testing.synth(t));
    // THEN
    expect(fromFile).toEqual(compact.charts.slice(1).map(c => Testing.synth(c)));
  });

  test('dist/ is what the committed sources synthesize (run `npm run synth` after a change)', () => {
    const dist = path.join(__dirname, '..', 'dist');
    const files = (fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }))
      .filter(f => f.endsWith('.k8s.yaml')).sort();
    // One folder per tenant (and one for durable-system): its workloads, its Azure identities, its GitOps objects.
    expect(files).toEqual(['durable-system', 'tenant-a', 'tenant-b'].flatMap(folder => [
      `${folder}/${folder}-azure.k8s.yaml`, `${folder}/${folder}-gitops.k8s.yaml`, `${folder}/${folder}.k8s.yaml`,
    ]));
    const folderOf = (id: string) => id.replace(/-(azure|gitops)$/, '');
    const byFile = new Map(app.charts.map(c => [`${folderOf(c.node.id)}/${c.node.id}.k8s.yaml`, Testing.synth(c)]));
    for (const f of files) {
      const committed = parseAllDocuments(fs.readFileSync(path.join(dist, f), 'utf8')).map(d => d.toJSON());
      expect([f, committed]).toEqual([f, byFile.get(f)]);
    }
    expect(manifests.length).toBe([...byFile.values()].flat().length);
  });

  test('npm run identities renders the plan of what main.ts synthesizes, as JSON and as Markdown with the diagram', () => {
    // GIVEN / WHEN
    const json = JSON.parse(renderIdentityReport('json', {}));
    const markdown = renderIdentityReport('markdown', {});
    // THEN
    expect(json).toEqual(IdentityPlan.of(app, { schedulers: ref.tenantsFile!.schedulerResources }).toJson());
    expect(markdown).toContain('## Workload identities');
    expect(markdown).toContain('```mermaid\nflowchart LR');
  });

  test('the identity plan lists every workload identity with its subjects, role id and task hub scope', () => {
    // WHEN
    const plan = IdentityPlan.of(app, { schedulers: ref.tenantsFile!.schedulerResources });
    // THEN
    expect(plan.identities.map(i => [i.clientId, i.subjects,
      i.roles.map(r => [r.roleDefinitionId, r.scope])])).toEqual([
      ['22222222-2222-2222-2222-222222222222', ['system:serviceaccount:durable-system:durable-api'],
        [[DurableTaskRole.DATA_CONTRIBUTOR.roleDefinitionId, `${SCOPE}default`]]],
      ['11111111-1111-1111-1111-111111111111', ['system:serviceaccount:durable-system:durable-worker'],
        [[DurableTaskRole.WORKER.roleDefinitionId, `${SCOPE}default`]]],
      ['aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa', ['system:serviceaccount:tenant-a:durable-worker'],
        [[DurableTaskRole.WORKER.roleDefinitionId, `${SCOPE}tenant-a`]]],
      ['bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb', [
        'system:serviceaccount:tenant-b:durable-worker-activity', 'system:serviceaccount:tenant-b:durable-worker-orchestration',
      ], [[DurableTaskRole.WORKER.roleDefinitionId, `${SCOPE}tenant-b`]]],
    ]);
    expect(DurableTaskRole.WORKER.roleDefinitionId).toBe('80d0d6b0-f522-40a4-8886-a5a11720c375');
    expect(DurableTaskRole.DATA_CONTRIBUTOR.roleDefinitionId).toBe('0ad04412-c4d5-4796-b79c-f76d14c8d402');
  });

  test('the ASO charts grant what the identity plan lists: same subjects, role ids and scopes', () => {
    // GIVEN
    const plan = IdentityPlan.of(app, { schedulers: ref.tenantsFile!.schedulerResources });
    // WHEN
    const aso = ref.identities.flatMap(c => Testing.synth(c));
    // THEN
    const subjects = aso.filter(o => o.kind === 'FederatedIdentityCredential').map(o => o.spec.subject).sort();
    expect(subjects).toEqual(plan.identities.flatMap(i => i.subjects).sort());
    const grants = aso.filter(o => o.kind === 'RoleAssignment')
      .map(o => `${o.spec.roleDefinitionReference.armId.split('/').pop()} ${o.spec.owner.armId}`).sort();
    expect(grants).toEqual(plan.identities.flatMap(i => i.roles.map(r => `${r.roleDefinitionId} ${r.scope}`)).sort());
  });

  test('the diagram shows every namespace, workload, task hub, identity and exposure', () => {
    const mermaid = AppDiagram.of(app).toMermaid();
    for (const text of ['namespace durable-system', 'namespace tenant-a', 'namespace tenant-b', 'API durable-api<br/>2 replicas',
      'worker durable-worker<br/>KEDA 1-10', 'task hub tenant-b<br/>durable-demo.westus2.durabletask.io',
      'identity aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa', 'Ingress durable-api.example.com']) {
      expect(mermaid).toContain(text);
    }
    expect(mermaid.startsWith('flowchart LR\n')).toBe(true);
  });
});

describe('reference settings', () => {
  test('defaults are the documented examples', () => {
    expect(loadSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  test('the app reads tenants.yaml unless DURABLE_TENANTS gives the compact list', () => {
    expect(loadAppSettings({}).delivery?.tenantsFile).toBe('tenants.yaml');
    expect(loadAppSettings({ DURABLE_TENANTS_FILE: 'other.yaml' }).delivery?.tenantsFile).toBe('other.yaml');
    expect(loadAppSettings({ DURABLE_TENANTS: 'contoso:hub-1:cccccccc-cccc-cccc-cccc-cccccccccccc' }).delivery).toBeUndefined();
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

  test.each(['DURABLE_API_HOST', 'DURABLE_WORKER_IMAGE', 'DURABLE_GIT_REPO', 'DURABLE_OIDC_ISSUER'])(
    'fails when %s is set but empty, naming the variable', name => {
      // GIVEN a variable set to nothing (`DURABLE_API_HOST=` in a shell or a CI file)
      const env = { [name]: '' };
      // WHEN / THEN it is named, instead of the construct prop its value would reach
      expect(() => loadAppSettings(env)).toThrow(new Error(`${name} is set but empty (""): give it a value, or unset `
        + 'it for the default'));
    });

  test("fails when a tenant has the name of another tenant's Azure or GitOps chart", () => {
    // GIVEN tenants.yaml with tenant-b renamed to tenant-a-gitops
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenants-'));
    const file = path.join(dir, 'tenants.yaml');
    fs.writeFileSync(file, fs.readFileSync('tenants.yaml', 'utf8').replace('- name: tenant-b', '- name: tenant-a-gitops'));
    // WHEN / THEN
    expect(() => buildReferenceApp(Testing.app(), loadAppSettings({ DURABLE_TENANTS_FILE: file }))).toThrow(
      new Error(`${file}: tenant "tenant-a-gitops" has the name of the gitops chart of "tenant-a" (every tenant gets `
        + '"<name>-azure" and "<name>-gitops"): choose another name'));
    fs.rmSync(dir, { recursive: true });
  });

  test.each([['with a space', 'team a'], ['in upper case', 'Team-A']])(
    'fails when a tenant name %s cannot name its output folder and GitOps objects, naming the file and the entry',
    (_, name) => {
      // GIVEN tenants.yaml with tenant-b renamed (its namespace and task hub given, so only the name is wrong)
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenants-'));
      const file = path.join(dir, 'tenants.yaml');
      fs.writeFileSync(file, fs.readFileSync('tenants.yaml', 'utf8')
        .replace('- name: tenant-b', `- name: ${name}\n    namespace: tenant-b\n    taskHub: tenant-b`));
      // WHEN / THEN (it failed with GitOpsDelivery's message about 'folder', naming neither)
      expect(() => buildReferenceApp(Testing.app(), loadAppSettings({ DURABLE_TENANTS_FILE: file }))).toThrow(
        new Error(`${file}: tenants[1] "${name}": 'name' ("${name}") names the tenant's output folder and GitOps objects, `
          + "which must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or "
          + "digit ('namespace' and 'taskHub' can differ from it)"));
      fs.rmSync(dir, { recursive: true });
    });

  test('fails when the tenants file has no Azure resource for the scheduler of the durable-system workloads', () => {
    // GIVEN tenants.yaml, and durable-system on another scheduler (DURABLE_SCHEDULER_ENDPOINT)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenants-'));
    const file = path.join(dir, 'tenants.yaml');
    fs.writeFileSync(file, fs.readFileSync('tenants.yaml', 'utf8'));
    const env = { DURABLE_TENANTS_FILE: file, DURABLE_SCHEDULER_ENDPOINT: 'https://billing.eastus.durabletask.io' };
    // WHEN / THEN the file is named (not durable-system/Worker's AzureIdentities 'schedulers')
    expect(() => buildReferenceApp(Testing.app(), loadAppSettings(env))).toThrow(new Error(`${file}: schedulers: none `
      + 'with an azure section has the endpoint of the durable-system workloads ("https://billing.eastus.durabletask.io", '
      + 'DURABLE_SCHEDULER_ENDPOINT), whose Azure identities get roles on its task hub: add that scheduler with its azure '
      + 'section (subscriptionId, resourceGroup, schedulerName)'));
    fs.rmSync(dir, { recursive: true });
  });

  test("README's variable table lists every variable the settings read, each default as it is", () => {
    // GIVEN the DURABLE_* variables app/settings.ts reads, and the README's table of them
    const read = [...new Set(fs.readFileSync(path.join('app', 'settings.ts'), 'utf8')
      .match(/env\.DURABLE_\w+|setting\(env, 'DURABLE_\w+'/g) ?? [])].map(v => /DURABLE_\w+/.exec(v)![0]);
    read.sort();
    const readme = fs.readFileSync('README.md', 'utf8');
    const table = readme.slice(readme.indexOf('| variable | default |'), readme.indexOf('### Your own cdk8s app'));
    const rows = table.split('\n').filter(l => l.startsWith('| `DURABLE_'));
    const listed = rows.flatMap(r => [...r.split('|')[1].matchAll(/`(DURABLE_\w+)`/g)].map(m => m[1])).sort();
    const row = (name: string) => rows.find(r => r.split('|')[1].includes(`\`${name}\``))!.split('|')[2];
    // WHEN / THEN every variable has a row, and the defaults that are single values read as the settings' defaults
    expect(listed).toEqual(read);
    const delivery = loadAppSettings({}).delivery!;
    expect(row('DURABLE_SCHEDULER_ENDPOINT')).toContain(`\`${DEFAULT_SETTINGS.schedulerEndpoint}\``);
    expect(row('DURABLE_SYSTEM_TASK_HUB')).toContain(`\`${DEFAULT_SETTINGS.systemTaskHub}\``);
    expect(row('DURABLE_TENANTS_FILE')).toContain(`\`${delivery.tenantsFile}\``);
    expect(row('DURABLE_GIT_REPO')).toContain(`\`${delivery.gitRepoUrl}\`, \`${delivery.gitRevision}\``);
    // DURABLE_TENANTS is unset by default: main.ts then reads the tenants file, not the compact list
    expect(row('DURABLE_TENANTS')).toMatch(/^ unset\./);
    expect(loadAppSettings({}).delivery).toBeDefined();
  });

  test('fails when a DURABLE_TENANTS entry is malformed', () => {
    expect(() => loadSettings({ DURABLE_TENANTS: 'contoso:hub' })).toThrow('DURABLE_TENANTS entry "contoso:hub" must be "namespace:taskHub:clientId"');
  });
});
