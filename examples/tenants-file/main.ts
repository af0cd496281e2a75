// Tenants as data: every entry of tenants.yaml becomes a TaskHubTenant (one chart, one file in dist/).
// `node scripts/examples.mjs tenants-file` writes examples/tenants-file/dist/.
import { join } from 'path';
import { App } from 'cdk8s';
import { DurableApp, TaskHubTenant, TenantsFile } from 'cdk8s-durable-task';

export function build(app: App, file = join(__dirname, 'tenants.yaml')): TaskHubTenant[] {
  // Errors name the file, the entry and the field: tenants.yaml: tenants[1] "fabrikam": 'workers[0]...'
  return TenantsFile.fromFile(file).addTenants(app);
}

if (require.main === module) {
  const app = new DurableApp({ outdir: join(__dirname, 'dist') });
  build(app);
  app.synth();
}
