// GitOps objects per tenant: an Argo CD Application and a Flux GitRepository + Kustomization that apply exactly
// the tenant's file. They live in a chart of their own (<tenant>-gitops.k8s.yaml), which nothing in it applies:
// apply it once (kubectl apply -f dist/<tenant>-gitops.k8s.yaml) or from a parent Application / Kustomization.
// `node scripts/examples.mjs gitops` writes examples/gitops/dist/.
import { join } from 'path';
import { App } from 'cdk8s';
import { DurableApp, GitOpsDelivery, TenantsFile } from 'cdk8s-durable-task';

export function build(app: App): GitOpsDelivery[] {
  const tenants = TenantsFile.fromFile(join(__dirname, '..', 'tenants-file', 'tenants.yaml')).addTenants(app);
  return tenants.map(tenant => {
    const gitops = new GitOpsDelivery(app, `${tenant.node.id}-gitops`, {
      repoUrl: 'https://github.com/example/platform.git',
      revision: 'main',
      path: 'examples/gitops/dist',
      // Flux Kustomizations that install the add-ons (dependsOn); Argo CD gets SkipDryRunOnMissingResource=true.
      addOnKustomizations: { 'keda': 'infra-keda', 'cert-manager': 'infra-cert-manager' },
    });
    gitops.deliver(tenant.node.id, [tenant]);
    return gitops;
  });
}

if (require.main === module) {
  const app = new DurableApp({ outdir: join(__dirname, 'dist') });
  build(app);
  app.synth();
}
