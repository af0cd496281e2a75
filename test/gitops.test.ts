import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppProps, Chart, Testing, YamlOutputType } from 'cdk8s';
import { DurableApi, DurableApp, DurableWorker, GitOpsDelivery, GitOpsDeliveryProps, KedaTrigger, Scaling } from '../lib';
import { validateManifests, formatFinding } from '../validation';
import { IMAGE, exactly, expectValid, identity, namespacedChart, scheduler } from './util';

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

  test('deleting the Application deletes what it applied, as deleting the pruning Flux Kustomization does', () => {
    // GIVEN
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO });
    // WHEN
    gitops.deliver('orders', [tenant]);
    const [application, , kustomization] = Testing.synth(gitops);
    // THEN Argo CD cascades only with its finalizer (argo-cd docs/user-guide/app_deletion.md); Flux's default
    // deletionPolicy (MirrorPrune) deletes the objects of a Kustomization with prune: true
    expect(application.metadata.finalizers).toEqual(['resources-finalizer.argocd.argoproj.io']);
    expect(kustomization.spec.prune).toBe(true);
    expect(kustomization.spec.deletionPolicy).toBeUndefined();
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

  test('workloads added to a chart after deliver() count: its add-ons are worked out at synth', () => {
    // GIVEN a chart delivered while it is still empty (as a tenant is, before its addWorker calls)
    const { app, plain } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO });
    gitops.deliver('plain', [plain]);
    // WHEN a KEDA-scaled worker is added afterwards
    new DurableWorker(plain, 'worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'plain', identity: identity(),
      scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }),
    });
    // THEN both engines wait for KEDA
    const [application, , kustomization] = Testing.synth(gitops);
    expect(application.spec.syncPolicy.syncOptions).toEqual(['SkipDryRunOnMissingResource=true']);
    expect(kustomization.spec.dependsOn).toEqual([{ name: 'keda' }]);
  });

  test('names the add-on Kustomizations as configured, and a commit pins the Flux ref', () => {
    // GIVEN a chart that uses KEDA and cert-manager, and a map that names both
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, argoCd: false, revision: 'a'.repeat(40),
      addOnKustomizations: { 'keda': 'infra-keda', 'cert-manager': 'cert-manager' } });
    // WHEN
    gitops.deliver('orders', [tenant]);
    const [source, kustomization] = Testing.synth(gitops);
    // THEN
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
      "g: 'repoUrl' (\"github.com/x\") must be an https://, http://, ssh:// or git@ Git URL"],
    ['the path leaves the repository', () => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, path: '../dist' }),
      "g: 'path' (\"../dist\") must be a relative folder of the repository: '/'-separated names of letters, digits, '_', '-' or '.' (a leading './' and a trailing '/' are allowed), without a leading '/' or '.' and '..' names, e.g. \"dist\" or \"deploy/dist\""],
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
      `g: 'charts[0]' (orders) is already delivered by "orders": apply each chart from one place only`);
    const other = new GitOpsDelivery(app, 'other', { repoUrl: REPO });
    expect(() => other.deliver('again', [tenant])).toThrow(
      `other: 'charts[0]' (orders) is already delivered by g: apply each chart from one place only`);
    expect(() => gitops.deliver('self', [gitops])).toThrow(
      "g: 'charts[0]' (g) must be another chart of the same app, not this GitOpsDelivery chart itself");
  });

});

/** The Application, GitRepository and Kustomization that deliver the tenant chart (KEDA, cert-manager) with `props`. */
function deliverTenant(props: Partial<GitOpsDeliveryProps>) {
  const { app, tenant } = appWithTenant();
  const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, ...props });
  gitops.deliver('orders', [tenant]);
  const objects = Testing.synth(gitops);
  expectValid(objects);
  const [application, source, kustomization] = objects;
  return { application, source, kustomization };
}

describe('GitOpsDelivery repository URL', () => {
  test('an scp-like SSH URL is given to Argo CD as written and to Flux as ssh://, with the Secret Flux reads', () => {
    // GIVEN / WHEN
    const { application, source } = deliverTenant({ repoUrl: 'git@github.com:org/platform.git', fluxSecretName: 'git-ssh' });
    // THEN the Flux CRD takes only http(s):// and ssh:// URLs; Flux documents ssh://git@github.com/org/repo.git
    expect(application.spec.source.repoURL).toBe('git@github.com:org/platform.git');
    expect(source.spec.url).toBe('ssh://git@github.com/org/platform.git');
    expect(source.spec.secretRef).toEqual({ name: 'git-ssh' });
  });

  test('an ssh:// URL with a user and a port is kept; an HTTPS repository needs no Secret', () => {
    // GIVEN / WHEN
    const ssh = deliverTenant({ repoUrl: 'ssh://git@git.example.com:2222/platform.git', fluxSecretName: 'git-ssh' });
    const https = deliverTenant({});
    // THEN
    expect(ssh.source.spec.url).toBe('ssh://git@git.example.com:2222/platform.git');
    expect(ssh.application.spec.source.repoURL).toBe('ssh://git@git.example.com:2222/platform.git');
    expect(https.source.spec.secretRef).toBeUndefined();
  });

  const withDelivery = (repoUrl: string) => {
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl });
    gitops.deliver('orders', [tenant]);
    return gitops;
  };
  const hidden = (url: string) => `g: 'repoUrl' (${JSON.stringify(url)}, credentials hidden) must not contain credentials: `
    + 'the URL is committed in plain text; give them to Argo CD as a repository or credential template Secret and to '
    + "Flux as 'fluxSecretName'";
  const hostAndPath = (url: string) => `g: 'repoUrl' (${JSON.stringify(url)}) must name a host and the repository's `
    + 'path, e.g. "https://github.com/org/platform.git" or "git@github.com:org/platform.git"';
  test.each([
    ['the URL has a user and a token', 'https://user:ghp_secret@github.com/org/platform.git',
      hidden('https://***@github.com/org/platform.git')],
    ['an https:// URL has a token as its user', 'https://ghp_secret@github.com/org/platform.git',
      hidden('https://***@github.com/org/platform.git')],
    ['an http:// URL has a user and a password', 'http://flux:secret@gitea-http.git.svc:3000/org/platform.git',
      hidden('http://***@gitea-http.git.svc:3000/org/platform.git')],
    ['an http:// URL has no repository path', 'http://gitea-http.git.svc:3000', hostAndPath('http://gitea-http.git.svc:3000')],
    ['an ssh:// URL has a password', 'ssh://git:secret@github.com/org/platform.git',
      hidden('ssh://***@github.com/org/platform.git')
      + ' (an SSH user without a password, e.g. "ssh://git@host/...", is fine)'],
    ['the URL has no host', 'https:///platform.git', hostAndPath('https:///platform.git')],
    ['the URL has no repository path', 'https://github.com', hostAndPath('https://github.com')],
    ['an scp-like URL has no host', 'git@:org/platform.git', hostAndPath('git@:org/platform.git')],
    ['the port is out of range', 'ssh://git@github.com:70000/org/platform.git',
      hostAndPath('ssh://git@github.com:70000/org/platform.git')],
  ])('fails when %s', (_, repoUrl, message) => {
    // GIVEN / WHEN / THEN
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl, flux: false })).toThrow(message);
  });

  test('an http:// URL of an in-cluster Git server goes to Argo CD and Flux as given (both fetch it)', () => {
    // GIVEN / WHEN
    const url = 'http://gitea-http.git.svc:3000/org/platform.git';
    const objects = Testing.synth(withDelivery(url));
    // THEN
    expectValid(objects);
    expect(objects.map(o => o.spec.source?.repoURL ?? o.spec.url).filter(Boolean)).toEqual([url, url]);
  });

  test('an Azure DevOps clone URL keeps its organization user (a name, not a credential)', () => {
    // GIVEN / WHEN
    const url = 'https://contoso@dev.azure.com/contoso/platform/_git/platform';
    const objects = Testing.synth(withDelivery(url));
    // THEN
    expect(objects.map(o => o.spec.source?.repoURL ?? o.spec.url).filter(Boolean)).toEqual([url, url]);
  });

  test('fails when Flux would fetch an SSH URL without a Secret', () => {
    // GIVEN / WHEN / THEN: Flux needs the key and known_hosts; Argo CD reads them from its repository credentials
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: 'git@github.com:org/platform.git' })).toThrow(
      "g: 'fluxSecretName' is required with an SSH 'repoUrl' (\"git@github.com:org/platform.git\"): Flux fetches over "
      + "SSH only with the key and known_hosts of a Secret in 'fluxNamespace' (\"flux-system\"); or set 'flux' to false");
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: 'git@github.com:org/platform.git', flux: false }))
      .not.toThrow();
  });

  test('fails when the Flux Secret name is not a Secret name', () => {
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, fluxSecretName: 'Git SSH' })).toThrow(
      "g: 'fluxSecretName' (\"Git SSH\") must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', "
      + 'starting and ending with a letter or digit');
  });
});

describe('GitOpsDelivery revision', () => {
  test.each([
    ['a branch', 'feature/orders', 'feature/orders', { branch: 'feature/orders' }],
    ['refs/heads/<branch>', 'refs/heads/v1.2', 'refs/heads/v1.2', { branch: 'v1.2' }],
    ['refs/tags/<tag>', 'refs/tags/v1.2.3', 'refs/tags/v1.2.3', { tag: 'v1.2.3' }],
    ['another ref', 'refs/pull/42/head', 'refs/pull/42/head', { name: 'refs/pull/42/head' }],
    ['an upper-case commit id (written in lower case)', 'ABCDEF0123456789ABCDEF0123456789ABCDEF01',
      'abcdef0123456789abcdef0123456789abcdef01', { commit: 'abcdef0123456789abcdef0123456789abcdef01' }],
    ['a branch named after an issue', '123-fix-login', '123-fix-login', { branch: '123-fix-login' }],
    ['a dated branch', '2024.06', '2024.06', { branch: '2024.06' }],
    ['a branch of digits only', '20240601', '20240601', { branch: '20240601' }],
    ['a major-version branch', 'v2', 'v2', { branch: 'v2' }],
    ['a hotfix branch', '1.2-hotfix', '1.2-hotfix', { branch: '1.2-hotfix' }],
  ])('%s is the same revision for Argo CD and Flux', (_, revision, targetRevision, ref) => {
    // GIVEN / WHEN
    const { application, source } = deliverTenant({ revision });
    // THEN
    expect(application.spec.source.targetRevision).toBe(targetRevision);
    expect(source.spec.ref).toEqual(ref);
  });

  const refFormat = (revision: string, problem: string) => `g: 'revision' (${JSON.stringify(revision)}) must be a `
    + `branch, a refs/... name or a commit id: ${problem} (git check-ref-format)`;
  test.each([
    ['feature..x', refFormat('feature..x', 'a ref name has no ".."')],
    ['feature/', refFormat('feature/', 'a ref name does not start or end with "/", nor has "//"')],
    ['refs/heads/', refFormat('refs/heads/', 'a ref name does not start or end with "/", nor has "//"')],
    ['-main', refFormat('-main', 'a branch name does not start with "-"')],
    ['main.lock', refFormat('main.lock', 'no part of a ref name between slashes starts with "." or ends with ".lock"')],
    ['feature/.x', refFormat('feature/.x', 'no part of a ref name between slashes starts with "." or ends with ".lock"')],
    ['main.', refFormat('main.', 'a ref name does not end with "."')],
    ['my branch', refFormat('my branch', 'a ref name has no spaces, control characters or any of ~ ^ : ? * [ \\')],
    ['a~1', refFormat('a~1', 'a ref name has no spaces, control characters or any of ~ ^ : ? * [ \\')],
    ['x:y', refFormat('x:y', 'a ref name has no spaces, control characters or any of ~ ^ : ? * [ \\')],
    ['a\\b', refFormat('a\\b', 'a ref name has no spaces, control characters or any of ~ ^ : ? * [ \\')],
    ['main@{1}', refFormat('main@{1}', 'a ref name has no "@{"')],
    ['@', refFormat('@', 'a ref name is not "@" alone')],
    ['', "g: 'revision' (\"\") must be a branch, a refs/... name or a commit id"],
    ['refs/heads', "g: 'revision' (\"refs/heads\") must be a branch, a refs/... name or a commit id: a refs/... name "
      + 'has a kind and a name, e.g. "refs/heads/main" or "refs/tags/v1.2.3"'],
    ['HEAD', "g: 'revision' (\"HEAD\") is the repository's default branch, which Argo CD follows but Flux cannot: "
      + 'name the branch, e.g. "main"'],
    ['abcdef0', "g: 'revision' (\"abcdef0\") looks like an abbreviated commit id, which Argo CD resolves but Flux "
      + 'cannot check out: give the full 40-hex commit id, or "refs/heads/abcdef0" for a branch of that name'],
    ['v1.2.3', "g: 'revision' (\"v1.2.3\") looks like a version, which Argo CD matches against tags (and reads as a "
      + 'range if it has wildcards) while Flux reads a bare name as a branch: write "refs/tags/v1.2.3" for the tag, or '
      + '"refs/heads/v1.2.3" for a branch of that name'],
    ['1.x', "g: 'revision' (\"1.x\") looks like a version, which Argo CD matches against tags (and reads as a "
      + 'range if it has wildcards) while Flux reads a bare name as a branch: write "refs/tags/1.x" for the tag, or '
      + '"refs/heads/1.x" for a branch of that name'],
  ])('fails when the revision is %j', (revision, message) => {
    // GIVEN / WHEN / THEN
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, revision })).toThrow(message);
  });
});

describe('GitOpsDelivery Argo CD project and add-on Kustomizations', () => {
  test('a project with a dot, and an add-on Kustomization in another namespace', () => {
    // GIVEN / WHEN
    const { application, kustomization } = deliverTenant({ argoCdProject: 'platform.tenants',
      addOnKustomizations: { 'keda': 'infra/keda-operator', 'cert-manager': 'cert-manager.v1' } });
    // THEN
    expect(application.spec.project).toBe('platform.tenants');
    expect(kustomization.spec.dependsOn).toEqual([
      { name: 'keda-operator', namespace: 'infra' }, { name: 'cert-manager.v1' },
    ]);
  });

  const project = (value: string) => `g: 'argoCdProject' (${value}) must be a DNS-1123 subdomain: 1-253 lowercase `
    + "letters, digits, '-' or '.', starting and ending with a letter or digit";
  test.each([
    ['the Argo CD project has a space', { argoCdProject: 'My Project' }, project('"My Project"')],
    ['the Argo CD project is empty', { argoCdProject: '' }, project('""')],
    ['the Argo CD project is not a string', { argoCdProject: 5 as unknown as string }, project('5')],
  ])('fails when %s', (_, props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, ...props })).toThrow(message);
  });

  const kustomization = (value: string) => `g: 'addOnKustomizations.keda' (${value}) must name a Flux Kustomization `
    + 'as "<name>" or "<namespace>/<name>": a name of 1-63 lowercase letters, digits, \'-\' or \'.\' and a DNS-1123 '
    + 'label namespace, each starting and ending with a letter or digit';
  test.each([
    ['an add-on Kustomization name is empty', { keda: '' }, kustomization('""')],
    ['an add-on Kustomization name is null', { keda: null as any }, kustomization('null')],
    ['an add-on Kustomization name is not a name', { keda: 'Keda Operator!' }, kustomization('"Keda Operator!"')],
    ['an add-on Kustomization has two slashes', { keda: 'infra/keda/x' }, kustomization('"infra/keda/x"')],
    ['an add-on Kustomization namespace is not a namespace', { keda: 'Infra/keda' }, kustomization('"Infra/keda"')],
    ['an add-on key is misspelled', { kedaa: 'keda' }, "g: 'addOnKustomizations' has an unknown key \"kedaa\": the "
      + 'keys are ClusterAddOn values: "keda", "cert-manager", "gateway-api", "azure-service-operator"'],
  ])('fails when %s', (_, addOnKustomizations, message) => {
    // GIVEN / WHEN / THEN
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, addOnKustomizations })).toThrow(message);
  });
});

describe('GitOpsDelivery addOnKustomizations that leave out an add-on a delivered chart uses', () => {
  const missing = (given: string, addOn: string, chart: string, name: string) => `g: 'addOnKustomizations' `
    + `(${given}) has no "${addOn}", which chart ${chart} (delivered as "${name}") uses: add "${addOn}" to `
    + `'addOnKustomizations' with the name of the Flux Kustomization that installs it ("${addOn}" if the platform runs `
    + `it under its default name); left out, the Kustomization "${name}" would depend on one named "${addOn}", and `
    + 'Flux waits forever for a dependency that does not exist, applying nothing';

  test('fails at synth when a chart uses cert-manager and the map names KEDA only', () => {
    // GIVEN a chart whose Ingress asks cert-manager for a certificate, and a map without cert-manager
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, addOnKustomizations: { keda: 'infra-keda' } });
    // WHEN
    gitops.deliver('orders', [tenant]);
    // THEN
    expect(() => Testing.synth(gitops)).toThrow(exactly(
      missing('{"keda":"infra-keda"}', 'cert-manager', 'orders', 'orders')));
  });

  test('fails at synth naming the chart of a delivery that uses the add-on, and the delivery', () => {
    // GIVEN two charts in one delivery; only the second uses KEDA (a worker added after deliver())
    const { app, plain } = appWithTenant();
    const other = namespacedChart('billing', app);
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO,
      addOnKustomizations: { 'cert-manager': 'infra/cert-manager' } });
    gitops.deliver('platform', [plain, other]);
    // WHEN
    new DurableWorker(other, 'worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'billing', identity: identity(),
      scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }),
    });
    // THEN
    expect(() => Testing.synth(gitops)).toThrow(exactly(
      missing('{"cert-manager":"infra/cert-manager"}', 'keda', 'billing', 'platform')));
  });

  test('fails when the map is empty and a chart uses an add-on: {} names no add-on', () => {
    // GIVEN
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, addOnKustomizations: {} });
    // WHEN
    gitops.deliver('orders', [tenant]);
    // THEN
    expect(() => Testing.synth(gitops)).toThrow(exactly(missing('{}', 'keda', 'orders', 'orders')));
  });

  test('accepts a map that leaves out only add-ons no delivered chart uses', () => {
    // GIVEN / WHEN a chart using KEDA and cert-manager, and no Gateway API or ASO entry
    const { kustomization } = deliverTenant({ addOnKustomizations: { 'keda': 'infra-keda', 'cert-manager': 'infra-cm' } });
    // THEN
    expect(kustomization.spec.dependsOn).toEqual([{ name: 'infra-keda' }, { name: 'infra-cm' }]);
  });

  test('accepts a partial map with Flux off: Argo CD has no dependsOn to name', () => {
    // GIVEN
    const { app, tenant } = appWithTenant();
    const gitops = new GitOpsDelivery(app, 'g', { repoUrl: REPO, flux: false, addOnKustomizations: { keda: 'infra-keda' } });
    // WHEN
    gitops.deliver('orders', [tenant]);
    const objects = Testing.synth(gitops);
    // THEN
    expect(objects.map(o => o.kind)).toEqual(['Application']);
    expect(objects[0].spec.syncPolicy.syncOptions).toEqual(['SkipDryRunOnMissingResource=true']);
  });

  test('without a map, every add-on keeps its default name', () => {
    // GIVEN / WHEN
    const { kustomization } = deliverTenant({});
    // THEN
    expect(kustomization.spec.dependsOn).toEqual([{ name: 'keda' }, { name: 'cert-manager' }]);
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
        `orders-gitops: needs an app whose 'yamlOutputType' (YamlOutputType.${YamlOutputType[outputType]}) is `
        + 'YamlOutputType.FILE_PER_CHART (the default), which writes one file per chart: the GitOps objects apply the '
        + "charts' files by name");
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
      `orders-gitops: 'folder' (${JSON.stringify(folder)}) must be a relative folder of the output: '/'-separated names of letters, digits, '_', '-' or '.', without a leading './' or '/', a trailing '/', or '.' and '..' names, e.g. "tenant-a"`);
  });

  test('fails when another delivery would put a delivered chart into its own folder', () => {
    // GIVEN the tenant chart placed in 'orders'
    const { app, tenant } = appWithFolder();
    // WHEN another delivery puts it in another folder
    const other = new GitOpsDelivery(app, 'billing-gitops', { repoUrl: REPO, folder: 'billing' });
    // THEN
    expect(() => other.deliver('billing', [tenant])).toThrow(
      `billing-gitops: 'charts[0]' (orders) is already delivered by orders-gitops: apply each chart from one place only`);
  });
});

describe('GitOpsDelivery Argo CD destination', () => {
  const AKS = 'https://aks-westeurope-1a2b3c4d.hcp.westeurope.azmk8s.io:443';

  test('by default the Applications deploy to the cluster Argo CD runs in, by server URL', () => {
    // GIVEN / WHEN
    const { application } = deliverTenant({});
    // THEN
    expect(application.spec.destination).toEqual({ server: 'https://kubernetes.default.svc' });
  });

  test.each([
    ['the server URL of another cluster', { argoCdDestinationServer: AKS }, { server: AKS }],
    ['a server URL with a path (a proxy such as Rancher)', {
      argoCdDestinationServer: 'https://rancher.example.com/k8s/clusters/c-m-abc123',
    }, { server: 'https://rancher.example.com/k8s/clusters/c-m-abc123' }],
    ['the name of a registered cluster', { argoCdDestinationName: 'aks-westeurope' }, { name: 'aks-westeurope' }],
    ['a cluster name that is not a DNS name (Argo CD takes any Secret name value)', {
      argoCdDestinationName: 'AKS West Europe',
    }, { name: 'AKS West Europe' }],
  ])('a central Argo CD deploys to %s, with Flux off', (_, props, destination) => {
    // GIVEN / WHEN
    const { application, source } = deliverTenant({ ...props, flux: false });
    // THEN only one of server and name is set (argo-cd util/argo/argo.go ValidateDestination)
    expect(application.spec.destination).toEqual(destination);
    expect(source).toBeUndefined();
  });

  test.each([
    ['the in-cluster server', { argoCdDestinationServer: 'https://kubernetes.default.svc' },
      { server: 'https://kubernetes.default.svc' }],
    ['the in-cluster name', { argoCdDestinationName: 'in-cluster' }, { name: 'in-cluster' }],
  ])('%s is Argo CD\'s own cluster, so Flux may stay on', (_, props, destination) => {
    // GIVEN / WHEN
    const { application, kustomization } = deliverTenant(props);
    // THEN
    expect(application.spec.destination).toEqual(destination);
    expect(kustomization.kind).toBe('Kustomization');
  });

  const server = (value: string) => `g: 'argoCdDestinationServer' (${value}) must be the https:// URL of the `
    + "cluster's API server as registered in Argo CD, without credentials, spaces, query or fragment, e.g. "
    + '"https://aks-westeurope-1a2b3c4d.hcp.westeurope.azmk8s.io:443"';
  const name = (value: string) => `g: 'argoCdDestinationName' (${value}) must be the name of a cluster registered in `
    + "Argo CD (the 'name' of its cluster Secret): a non-empty string without leading or trailing spaces, e.g. "
    + '"aks-westeurope"';
  const remote = (prop: string, value: string) => `g: '${prop}' (${value}) sends the Argo CD Applications to another `
    + "cluster than Argo CD's own, while the Flux Kustomizations apply to the cluster Flux runs in: set 'flux' to "
    + "false (Flux runs in each cluster instead, applying that cluster's output)";
  test.each([
    ['both the server and the name are given', { argoCdDestinationServer: AKS, argoCdDestinationName: 'aks', flux: false },
      `g: 'argoCdDestinationServer' ("${AKS}") and 'argoCdDestinationName' ("aks") are both set: Argo CD takes the `
      + 'cluster\'s server URL or its name, not both (it rejects the Application: "application destination can\'t '
      + 'have both name and server defined"): give one'],
    ['the server is http://', { argoCdDestinationServer: 'http://10.0.0.1:6443', flux: false },
      server('"http://10.0.0.1:6443"')],
    ['the server is a host name without a scheme', { argoCdDestinationServer: 'aks.example.com', flux: false },
      server('"aks.example.com"')],
    ['the server is empty', { argoCdDestinationServer: '', flux: false }, server('""')],
    ['the server has a trailing space', { argoCdDestinationServer: `${AKS} `, flux: false }, server(`"${AKS} "`)],
    ['the server has a query', { argoCdDestinationServer: `${AKS}?x=1`, flux: false }, server(`"${AKS}?x=1"`)],
    ['the server has credentials', { argoCdDestinationServer: 'https://admin:pw@aks.example.com', flux: false },
      server('"https://***@aks.example.com"')],
    ['the server is not a string', { argoCdDestinationServer: 443 as unknown as string, flux: false }, server('443')],
    ['the name is empty', { argoCdDestinationName: '', flux: false }, name('""')],
    ['the name has a leading space', { argoCdDestinationName: ' aks', flux: false }, name('" aks"')],
    ['the name is not a string', { argoCdDestinationName: null as unknown as string, flux: false }, name('null')],
    ['another cluster\'s server is given with Flux on', { argoCdDestinationServer: AKS },
      remote('argoCdDestinationServer', `"${AKS}"`)],
    ['another cluster\'s name is given with Flux on', { argoCdDestinationName: 'aks-westeurope' },
      remote('argoCdDestinationName', '"aks-westeurope"')],
  ])('fails when %s', (_, props, message) => {
    // GIVEN / WHEN / THEN
    expect(() => new GitOpsDelivery(Testing.app(), 'g', { repoUrl: REPO, ...props })).toThrow(exactly(message));
  });
});

describe('GitOpsDelivery for several clusters', () => {
  test('a central Argo CD: one DurableApp per cluster, the same namespace in each, Applications named per cluster', () => {
    // GIVEN one app per cluster in one process, each writing to dist/<cluster> (each app checks its own names)
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gitops-clusters.'));
    const clusters = ['westeurope', 'northeurope'];
    const gitops = clusters.map(cluster => {
      const app = new DurableApp({ outdir: path.join(root, 'dist', cluster) });
      const tenant = namespacedChart('orders', app);
      new DurableWorker(tenant, 'worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity() });
      const delivery = new GitOpsDelivery(app, 'orders-gitops', {
        repoUrl: REPO, path: `dist/${cluster}`, folder: 'orders', flux: false, argoCdDestinationName: `aks-${cluster}`,
      });
      // The central Argo CD holds every cluster's Applications in one namespace: their names carry the cluster.
      delivery.deliver(`${cluster}-orders`, [tenant]);
      // WHEN
      app.synth();
      return delivery;
    });
    // THEN each cluster's Application reads its cluster's folder and deploys there
    expect(fs.readdirSync(path.join(root, 'dist')).sort()).toEqual(['northeurope', 'westeurope']);
    gitops.forEach((delivery, i) => {
      const [application] = Testing.synth(delivery);
      expect(application.metadata).toMatchObject({ name: `${clusters[i]}-orders`, namespace: 'argocd' });
      expect(application.spec.destination).toEqual({ name: `aks-${clusters[i]}` });
      expect(application.spec.source).toMatchObject({ path: `dist/${clusters[i]}/orders` });
      expect(fs.existsSync(path.join(root, 'dist', clusters[i], 'orders', 'orders.k8s.yaml'))).toBe(true);
    });
  });
});
