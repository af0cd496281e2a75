// An API behind AKS application routing (managed nginx, ingress class webapprouting.kubernetes.azure.com) with its
// TLS certificate from Azure Key Vault: the add-on reads the `kubernetes.azure.com/tls-cert-keyvault-uri`
// annotation and syncs the certificate into the Secret named in `tls`.
import { Chart } from 'cdk8s';
import {
  DurableApi, DurableApp, DurableTaskScheduler, DurableWorker, NamespaceBaseline, WorkloadIdentity,
} from 'cdk8s-durable-task';

const app = new DurableApp();
const chart = new Chart(app, 'payments', { namespace: 'payments' });
const scheduler = DurableTaskScheduler.fromEndpoint('https://payments.westeurope.durabletask.io');

new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'payments' });
new DurableApi(chart, 'Api', {
  name: 'payments-api',
  image: 'myregistry.azurecr.io/payments-api:2.1.0',
  scheduler,
  taskHub: 'payments',
  identity: WorkloadIdentity.fromClientId('44444444-4444-4444-4444-444444444444'),
  ingress: {
    host: 'payments.contoso.com',
    className: 'webapprouting.kubernetes.azure.com',
    tlsSecretName: 'keyvault-payments-api',
    annotations: [{
      key: 'kubernetes.azure.com/tls-cert-keyvault-uri',
      value: 'https://contoso-kv.vault.azure.net/certificates/payments-contoso-com',
    }],
  },
});
new DurableWorker(chart, 'Worker', {
  name: 'payments-worker',
  image: 'myregistry.azurecr.io/payments-worker:2.1.0',
  scheduler,
  taskHub: 'payments',
  identity: WorkloadIdentity.fromClientId('55555555-5555-5555-5555-555555555555'),
});
app.synth();
