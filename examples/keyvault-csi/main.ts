// Secrets from Azure Key Vault through the Secrets Store CSI driver (AKS add-on azure-keyvault-secrets-provider):
// the platform's SecretProviderClass `billing-kv` fetches them with the workload's identity; the worker mounts them
// read-only and also reads an Application Insights connection string from a synced Secret.
import { Chart } from 'cdk8s';
import {
  DurableApp, DurableTaskScheduler, DurableWorker, EnvValueSource, NamespaceBaseline, WorkloadIdentity, WorkloadVolume,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'billing', { namespace: 'billing' });

new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'billing' });
new DurableWorker(chart, 'Worker', {
  name: 'billing-worker',
  image: 'myregistry.azurecr.io/billing-worker:4.0.0',
  scheduler: DurableTaskScheduler.fromEndpoint('https://billing.westus2.durabletask.io'),
  taskHub: 'billing',
  identity: WorkloadIdentity.fromClientId('88888888-8888-8888-8888-888888888888'),
  volumes: [{ name: 'kv', volume: WorkloadVolume.fromSecretProviderClass('billing-kv'), mountPath: '/mnt/secrets' }],
  env: [{
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    valueFrom: EnvValueSource.fromSecret('billing-kv-synced', 'appinsights-connection-string'),
  }],
});
app.synth();
