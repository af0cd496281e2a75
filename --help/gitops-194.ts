// extracted from docs/gitops.md:194 by scripts/snippets.mjs: edit the Markdown, not this file
import { DurableApp, DurableTaskScheduler, GitOpsDelivery, TaskHubTenant } from 'cdk8s-durable-task';

const app = new DurableApp(); // moves each tenant's files into its folder after cdk8s writes them
const tenant = new TaskHubTenant(app, 'tenant-a', {
  namespaceName: 'tenant-a',
  taskHub: 'tenant-a',
  scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
});
const gitops = new GitOpsDelivery(app, 'tenant-a-gitops', {
  repoUrl: 'https://github.com/org/platform.git',
  folder: 'tenant-a', // dist/tenant-a/: the tenant's files and this chart's
});
// The tenant's chart, plus its AzureIdentities chart when it has one.
gitops.deliver('tenant-a', [tenant]);
