// extracted from validation/README.md:108 by scripts/snippets.mjs: edit the Markdown, not this file
import { Chart, Testing } from 'cdk8s';
import { formatFinding, validateManifests } from 'cdk8s-durable-task-validator';

const chart = new Chart(Testing.app(), 'orders', { namespace: 'orders' });
// ... the chart's constructs ...
const findings = validateManifests(Testing.synth(chart), { defaultNamespace: 'default', disable: [] });
findings.forEach((f) => console.log(formatFinding(f)));
// Deployment durable-system/durable-worker: spec.template.spec.containers[0].resources.request: unknown field; did you mean requests? (schema-unknown-field)
