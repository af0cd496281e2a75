// extracted from README.md:84 by scripts/snippets.mjs: edit the Markdown, not this file
import { App, Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { DurableTaskScheduler, DurableWorker, NamespaceBaseline, WorkloadIdentity } from 'cdk8s-durable-task';

export class MyChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    const namespace = props.namespace ?? 'orders';
    super(scope, id, { ...props, namespace });

    new NamespaceBaseline(this, 'Baseline', { namespaceName: namespace });
    new DurableWorker(this, 'Worker', {
      image: 'myregistry.azurecr.io/orders-worker:1.4.2',
      scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io'),
      taskHub: 'orders',
      identity: WorkloadIdentity.fromClientId('00000000-0000-0000-0000-000000000000'),
    });
  }
}

const app = new App();
new MyChart(app, 'orders');
app.synth();
