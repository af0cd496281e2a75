import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppProps, Chart, Testing, YamlOutputType } from 'cdk8s';
import { DurableApi, DurableApp, DurableWorker, GitOpsDelivery, KedaTrigger, Scaling } from '../lib';
import { validateManifests, formatFinding } from '../validation';
import { IMAGE, expectValid, identity, namespacedChart, scheduler } from './util';

const REPO = 'https://github.com/example/platform.git';

function appWithTenant() {
  const app = Testing.app();
  const tenant = namespacedChart('orders', app);
  new DurableWorker(tenant, 'worker', {
    image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity(),
    scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }),
  });
  new DurableApi(tenant, 'api', {
    image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
    ingress: { host: 'orders.example.com', clusterIssuer: 'letsencrypt', tlsSecretName: 'orders-tls' },
  });
  const plain = new Chart(app, 'plain', { namespace: 'plain' });
  return { app, tenant, plain };
}

describe('GitOpsDelivery', () => {
  test('an Argo CD Application and a Flux GitRepository + Kustomization that apply exactly the chart\'s file', () => {
    // GIVEN
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'orders-gitops', { repoUrl: REPO, revision: 'release', path: 'deploy/dist' });
    // WHEN
    gitops.deliver('orders', [tenant]);
    const objects = Testing.synth(gitops);
    // THEN
    expectValid(objects);
    const [application, source, kustomization] = objects;
    expect(application.spec.source).toEqual({
      repoURL: REPO, targetRevision: 'release', path: 'deploy/dist', directory: { include: 'orders.k8s.yaml' },
    });
    expect(application.spec.syncPolicy.syncOptions).toEqual(['SkipDryRunOnMissingResource=true']);
    expect(source.spec.ref).toEqual({ branch: 'release' });
    expect(source.spec.ignore).toBe('/*\n!/deploy/\n/deploy/*\n!/deploy/dist/\n/deploy/dist/*\n!/deploy/dist/orders.k8s.yaml\n');
    expect(kustomization.spec).toMatchObject({ path: './deploy/dist', prune: true, sourceRef: { kind: 'GitRepository', name: 'orders' } });
    // KEDA (ScaledObject) and cert-manager (Ingress annotation) must be installed first.
    expect(kustomization.spec.dependsOn).toEqual([{ name: 'keda' }, { name: 'cert-manager' }]);
  });

  test('a chart without add-on APIs gets no dependsOn and no sync option; flux can be turned off', () => {
    // GIVEN
    const { app, plain } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, flux: false, addOnKustomizations: { keda: 'keda-operator' } });
    // WHEN
    gitops.deliver('plain', [plain]);
    // THEN
    const objects = Testing.synth(gitops);
    expect(objects.map(o => o.kind)).toEqual(['Application']);
    expect(objects[0].spec.syncPolicy).toEqual({ automated: { prune: true, selfHeal: true } });
  });

  test('names the add-on Kustomizations as configured, and a commit pins the Flux ref', () => {
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, argoCd: false, revision: 'a'.repeat(40),
      addOnKustomizations: { keda: 'infra-keda' } });
    gitops.deliver('orders', [tenant]);
    const [source, kustomization] = Testing.synth(gitops);
    expect(source.spec.ref).toEqual({ commit: 'a'.repeat(40) });
    expect(kustomization.spec.dependsOn).toEqual([{ name: 'infra-keda' }, { name: 'cert-manager' }]);
  });

  test('the validator rejects an Application with an unknown field, a wrong type or an unserved version', () => {
    // GIVEN
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO });
    gitops.deliver('orders', [tenant]);
    const [application, source] = Testing.synth(gitops);
    // WHEN
    const findings = (o: any) => validateManifests([o]).map(formatFinding);
    // THEN
    expect(findings({ ...application, spec: { ...application.spec, sources: 'x' } }).join('\n')).toMatch(/spec.sources.*must be array/);
    expect(findings({ ...application, spec: { ...application.spec, projekt: 'x' } }).join('\n')).toMatch(/spec.projekt: unknown field/);
    expect(findings({ ...application, apiVersion: 'argoproj.io/v1beta1' }).join('\n')).toMatch(/apiVersion argoproj.io\/v1beta1 is not served; Application is served by argoproj.io\/v1alpha1/);
    expect(findings({ ...source, spec: { ...source.spec, interval: 10 } }).join('\n')).toMatch(/spec.interval.*must be string/);
  });

  test.each([
    ['the repository URL is not a Git URL', () => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: 'github.com/x' }),
      "g: 'repoUrl' (\"github.com/x\") must be an https://, ssh:// or git@ Git URL"],
    ['the path leaves the repository', () => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, path: '../dist' }),
      "g: 'path' (\"../dist\") must be a relative folder of the repository, e.g. \"dist\" or \"deploy/dist\""],
    ['both engines are off', () => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, argoCd: false, flux: false }),
      "g: 'argoCd' and 'flux' are both false: enable at least one"],
    ['the interval is not a duration', () => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, interval: '10 minutes' }),
      "g: 'interval' (\"10 minutes\") must be a Go duration, e.g. \"10m\" or \"1h30m\""],
  ])('fails when %s', (_, given, message) => {
    expect(given).toThrow(message);
  });

  test('fails when a chart is delivered twice, or delivers itself', () => {
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO });
    gitops.deliver('orders', [tenant]);
    expect(() => gitops.deliver('orders-2', [tenant])).toThrow(
      'g: chart orders is already delivered by "orders": apply each chart from one place only');
    const other = new GitOpsDelivery(app, 'other', { repoUrl: REPO });
    expect(() => other.deliver('again', [tenant])).toThrow(
      'other: chart orders is already delivered by g: apply each chart from one place only');
    expect(() => gitops.deliver('self', [gitops])).toThrow(
      "g: 'charts[0]' (g) must be another chart of the same app, not this GitOpsDelivery chart itself");
  });

});

describe('GitOpsDelivery with a folder per tenant', () => {
  /** A DurableApp with a tenant chart 'orders' (with an Azure chart) delivered into the folder 'orders'. */
  function appWithFolder(props: Partial<AppProps> = {}) {
    const app = new DurableApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-folder.')), ...props });
    const tenant = namespacedChart('orders', app);
    new DurableWorker(tenant, 'worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity() });
    const azure = new Chart(app, 'orders-azure');
    const other = namespacedChart('billing', app);
    const gitops = new GitOpsDelivery(app, 'orders-gitops', { repoUrl: REPO, folder: 'orders' });
    gitops.deliver('orders', [tenant, azure]);
    return { app, tenant, azure, other, gitops };
  }

  /** Every file under `dir`, relative to it. */
  function filesIn(dir: string): string[] {
    return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter(f => fs.statSync(path.join(dir, f)).isFile()).sort();
  }

  test('DurableApp writes the delivered charts and the GitOps chart into the folder, and the objects point at it', () => {
    // GIVEN
    const { app, gitops } = appWithFolder();
    // WHEN
    app.synth();
    // THEN the folder holds the three files; a chart that is not delivered stays in the outdir
    expect(filesIn(app.outdir)).toEqual([
      'billing.k8s.yaml', 'orders/orders-azure.k8s.yaml', 'orders/orders-gitops.k8s.yaml', 'orders/orders.k8s.yaml',
    ]);
    const [application, source, kustomization] = Testing.synth(gitops);
    expect(application.spec.source).toMatchObject({
      path: 'dist/orders', directory: { include: '{orders.k8s.yaml,orders-azure.k8s.yaml}' },
    });
    expect(source.spec.ignore).toBe(
      '/*\n!/dist/\n/dist/*\n!/dist/orders/\n/dist/orders/*\n!/dist/orders/orders.k8s.yaml\n!/dist/orders/orders-azure.k8s.yaml\n');
    expect(kustomization.spec.path).toBe('./dist/orders');
  });

  test('files keep their names in the folder when cdk8s numbers them (charts that depend on each other)', () => {
    // GIVEN charts with a dependency, which makes cdk8s prefix every file with its index
    const { app, tenant, other } = appWithFolder();
    tenant.addDependency(other);
    // WHEN
    app.synth();
    // THEN
    expect(filesIn(app.outdir)).toEqual([
      '0000-billing.k8s.yaml', 'orders/orders-azure.k8s.yaml', 'orders/orders-gitops.k8s.yaml',
      'orders/orders.k8s.yaml',
    ]);
  });

  test('fails at synth when a delivered chart is written into another folder than the delivery reads', () => {
    // GIVEN a parent delivery (no folder) of the tenant's GitOps chart, which is in the folder 'orders'
    const { app, gitops } = appWithFolder();
    new GitOpsDelivery(app, 'root-gitops', { repoUrl: REPO }).deliver('tenants', [gitops]);
    // WHEN / THEN its objects would look for dist/orders-gitops.k8s.yaml, which is dist/orders/orders-gitops.k8s.yaml
    expect(() => app.synth()).toThrow('root-gitops: chart orders-gitops (delivered as "tenants") is written into '
      + 'output folder "orders", but this GitOpsDelivery applies files from ".": deliver it from a GitOpsDelivery with '
      + "that 'folder'");
  });

  test('fails when the app is a plain App, which cannot write folders', () => {
    const app = Testing.app();
    expect(() => new GitOpsDelivery(app, 'orders-gitops', { repoUrl: REPO, folder: 'orders' })).toThrow(
      "orders-gitops: 'folder' (\"orders\") needs a DurableApp: it moves the files into their folders after cdk8s "
      + 'writes them, while a plain App writes every file directly into its outdir');
  });

  test.each([YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_RESOURCE])(
    'fails when the app does not write one file per chart (%s)', outputType => {
      const app = new DurableApp({ outdir: 'unused', yamlOutputType: outputType });
      expect(() => new GitOpsDelivery(app, 'orders-gitops', { repoUrl: REPO })).toThrow(
        'orders-gitops: needs an app that writes one file per chart (YamlOutputType.FILE_PER_CHART, the default), '
        + `not YamlOutputType.${YamlOutputType[outputType]}: the GitOps objects apply the charts' files by name`);
    });

  test('fails at synth when cdk8s numbers the files of a delivery without a folder', () => {
    // GIVEN a delivery in the outdir, and a chart that depends on another (cdk8s then writes 0000-orders.k8s.yaml)
    const { app, tenant, plain } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'orders-gitops', { repoUrl: REPO });
    gitops.deliver('orders', [tenant]);
    tenant.addDependency(plain);
    // WHEN / THEN
    expect(() => app.synth()).toThrow('orders-gitops: cdk8s numbers the output files (e.g. "0000-<chart>.k8s.yaml") '
      + 'because charts of the app depend on each other, and the GitOps objects name the files without the number: '
      + "set 'folder' (DurableApp keeps plain names there) or remove the dependencies between charts");
  });

  test.each(['../orders', '/orders', 'orders/../..', 'a b', '', './orders'])('fails when the folder is %j', folder => {
    const app = new DurableApp({ outdir: 'unused' });
    expect(() => new GitOpsDelivery(app, 'orders-gitops', { repoUrl: REPO, folder })).toThrow(
      `orders-gitops: 'folder' (${JSON.stringify(folder)}) must be a relative folder of the output, e.g. "tenant-a"`);
  });

  test('fails when another delivery would put a delivered chart into its own folder', () => {
    // GIVEN the tenant chart placed in 'orders'
    const { app, tenant } = appWithFolder();
    // WHEN another delivery puts it in another folder
    const other = new GitOpsDelivery(app, 'billing-gitops', { repoUrl: REPO, folder: 'billing' });
    // THEN
    expect(() => other.deliver('billing', [tenant])).toThrow(
      'billing-gitops: chart orders is already delivered by orders-gitops: apply each chart from one place only');
  });
});
