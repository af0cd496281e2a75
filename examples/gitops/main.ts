// GitOps objects per tenant: an Argo CD Application and a Flux GitRepository + Kustomization that apply exactly
// the tenant's file. Each tenant gets a folder, dist/<tenant>/, with its workloads (<tenant>.k8s.yaml) and its GitOps
// objects (<tenant>-gitops.k8s.yaml), which nothing in it applies: apply that file once
// (kubectl apply -f dist/<tenant>/<tenant>-gitops.k8s.yaml) or from a parent Application / Kustomization.
// Folders need a DurableApp (it moves the files there after cdk8s writes them), in tests too.
// `node scripts/examples.mjs gitops` writes examples/gitops/dist/.
import { join } from 'path';
import { DurableApp, GitOpsDelivery, TenantsFile } from 'cdk8s-durable-task';

export function build(app: DurableApp): GitOpsDelivery[] {
  const tenants = TenantsFile.fromFile(join(__dirname, '..', 'tenants-file', 'tenants.yaml')).addTenants(app);
  return tenants.map(tenant => {
    const gitops = new GitOpsDelivery(app, `${tenant.node.id}-gitops`, {
      repoUrl: 'https://github.com/example/platform.git',
      revision: 'main',
      path: 'examples/gitops/dist',
      folder: tenant.node.id,
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
