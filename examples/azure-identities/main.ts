// The Azure side of workload identity as Azure Service Operator v2 objects, and the identity plan for teams that
// use Bicep or Terraform instead. `node scripts/examples.mjs azure-identities` writes its dist/.
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import {
  AzureIdentities, DurableApi, DurableApp, DurableTaskScheduler, DurableWorker, IdentityPlan, NamespaceBaseline,
  WorkloadIdentity,
} from 'cdk8s-durable-task';

const SUBSCRIPTION = '00000000-0000-0000-0000-00000000000a';
const ENDPOINT = 'https://orders.westus2.durabletask.io';

export function build(app: App): { azure: AzureIdentities; plan: IdentityPlan } {
  const scheduler = DurableTaskScheduler.fromEndpoint(ENDPOINT);
  const chart = new Chart(app, 'orders', { namespace: 'orders' });
  new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });
  // Existing identity: its client id is known, so the ServiceAccount gets it now.
  const api = new DurableApi(chart, 'Api', {
    image: 'myregistry.azurecr.io/orders-api:1.4.2', scheduler, taskHub: 'orders',
    identity: WorkloadIdentity.fromClientId('22222222-2222-2222-2222-222222222222'),
  });
  // Identity that ASO creates, in the same pull request: its client id exists only once Azure created it, and ASO
  // writes it to the ConfigMap orders-worker-identity, which the pods read (AZURE_CLIENT_ID).
  const worker = new DurableWorker(chart, 'Worker', {
    image: 'myregistry.azurecr.io/orders-worker:1.4.2', scheduler, taskHub: 'orders',
    identity: WorkloadIdentity.fromClientIdConfigMap('orders-worker-identity'),
  });

  const schedulers = [{ endpoint: ENDPOINT, subscriptionId: SUBSCRIPTION, resourceGroup: 'orders-rg',
    schedulerName: 'orders' }];
  // The ASO objects live in the workloads' namespace: ASO writes the created identity's ConfigMap next to it.
  const azure = new AzureIdentities(app, 'orders-azure', {
    namespaceName: 'orders',
    oidcIssuerUrl: 'https://westus2.oic.prod-aks.azure.com/00000000-0000-0000-0000-0000000000aa/11111111-2222-3333-4444-555555555555/',
    schedulers,
  });
  azure.addIdentity({
    name: 'orders-api', workloads: [api],
    existing: {
      resourceId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/orders-rg`
        + '/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders-api',
      principalId: '33333333-3333-3333-3333-333333333333',
    },
  });
  azure.addIdentity({
    name: 'orders-worker', workloads: [worker],
    create: { subscriptionId: SUBSCRIPTION, resourceGroup: 'orders-rg', location: 'westus2' },
  });
  return { azure, plan: IdentityPlan.of(app, { schedulers }) };
}

if (require.main === module) {
  const app = new DurableApp({ outdir: join(__dirname, 'dist') });
  const { plan } = build(app);
  app.synth();
  process.stdout.write(plan.toMarkdown());
}
