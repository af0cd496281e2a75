// A SaaS with one task hub per customer, in namespaces the platform team already created (with their own Pod
// Security labels): each tenant adds its quota, limits and default-deny policies, and its worker and API.
import { DurableApp, DurableTaskScheduler, Scaling, TaskHubTenant, WorkloadIdentity } from 'cdk8s-durable-task';

const app = new DurableApp();
const scheduler = DurableTaskScheduler.fromEndpoint('https://saas.westus2.durabletask.io');
const customers = ['contoso', 'fabrikam', 'northwind', 'tailspin', 'woodgrove'];

customers.forEach((customer, i) => {
  const clientId = `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`;
  const tenant = new TaskHubTenant(app, customer, {
    namespaceName: `tenant-${customer}`,
    taskHub: customer,
    scheduler,
    identity: WorkloadIdentity.fromClientId(clientId),
    baseline: {
      createNamespace: false,
      quota: { requestsCpu: '8', requestsMemory: '16Gi', limitsCpu: '16', limitsMemory: '32Gi', pods: 40, secrets: 20 },
    },
  });
  tenant.addWorker('Worker', {
    image: 'myregistry.azurecr.io/saas-worker:7.3.0',
    scaling: Scaling.hpa({ minReplicas: 1, maxReplicas: 10 }),
    labels: [{ key: 'saas.contoso.com/customer', value: customer }],
  });
  tenant.addApi('Api', {
    image: 'myregistry.azurecr.io/saas-api:7.3.0',
    ingress: { host: `${customer}.saas.contoso.com`, tlsSecretName: `${customer}-tls`,
      clusterIssuer: 'letsencrypt-prod' },
  });
});
app.synth();
