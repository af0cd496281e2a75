import { Shape, tenantsFileShape } from './tenants-spec';

/**
 * The JSON Schema (draft 2020-12) of the tenants file, generated from the same model the loader checks, with the
 * descriptions editors show. `scripts/tenants-schema.mjs` writes it to schemas/tenants.schema.json; a test keeps the
 * committed file equal to this.
 */
export function tenantsJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/cdk8s-durable-task/cdk8s-durable-task/schemas/tenants.schema.json',
    title: 'cdk8s-durable-task tenants file',
    ...toSchema(tenantsFileShape(), ''),
  };
}

function describe(path: string): string | undefined {
  const generic = path.replace(/\[\]/g, '');
  const table: Record<string, string> = {
    '': 'Tenants of a Durable Task app: one TaskHubTenant (namespace, task hub, workers, APIs) per entry. The file is '
      + 'read as YAML 1.1 (as cdk8s reads YAML): quote string values such as on, no, y, 0123, 1.10 or 2026-01-01, '
      + 'which YAML 1.1 reads as booleans, numbers or dates (an editor reading YAML 1.2 may not flag them).',
    'schedulers': 'Durable Task Schedulers the tenants use.',
    'schedulers.name': 'Name the tenants refer to in `scheduler`.',
    'schedulers.endpoint': 'Scheduler endpoint, e.g. https://myscheduler.westus2.durabletask.io',
    'schedulers.connectionStringEnvName': 'Also set a full connection string in this environment variable.',
    'schedulers.azure': 'Where the scheduler lives in Azure: role assignments are scoped to its task hubs.',
    'defaults': 'Defaults for every workload.',
    'defaults.workerImage': 'Image of workers that name none.',
    'defaults.apiImage': 'Image of APIs that name none.',
    'tenants': 'The tenants; each becomes one chart (one output file) named after the tenant.',
    'tenants.name': 'Tenant name: chart id and output file name; namespace and task hub unless given.',
    'tenants.namespace': 'The tenant namespace (default: the name). The tenant chart creates it with its baseline, '
      + 'unless baseline.createNamespace or createBaseline is false (a namespace the platform already owns).',
    'tenants.createBaseline': 'Create the namespace baseline: Namespace, quota, limits, default-deny policies '
      + '(default: true). false: the platform owns the namespace and its baseline; the tenant adds only its workloads.',
    'tenants.baseline': 'Namespace baseline settings, as TaskHubTenant\'s `baseline` (NamespaceBaselineOptions).',
    'tenants.baseline.createNamespace': 'Create the Namespace object (default: true). false: adopt a namespace the '
      + 'platform already owns (its labels stay the platform\'s); the quota, limits and policies still go into it.',
    'tenants.baseline.podSecurityVersion': 'Pod Security Standards version of the `restricted` profile (v1.N or '
      + 'latest; default v1.33). Only for a namespace the tenant creates.',
    'tenants.baseline.quota': 'ResourceQuota limits (defaults: 16 / 32Gi requests, 64 / 64Gi limits, 100 pods).',
    'tenants.baseline.limitRange': 'LimitRange defaults of containers without resources.',
    'tenants.baseline.httpsEgressCidrs': 'CIDRs pods may reach on TCP 443 (default: 0.0.0.0/0).',
    'tenants.taskHub': 'The tenant task hub (default: the name).',
    'tenants.scheduler': 'Name of the scheduler (default: the only one).',
    'tenants.identity': 'Workload identity of the workers (and of the APIs without apiIdentity).',
    'tenants.apiIdentity': 'Workload identity of the APIs (default: identity).',
    'tenants.workers': 'Durable Task workers of the tenant.',
    'tenants.apis': 'HTTP APIs (Durable Task clients) of the tenant.',
    'clientId': 'Client id (GUID) of the user-assigned managed identity; omit it for one ASO creates (azure.create): '
      + 'the pods then read it from the ConfigMap ASO writes.',
    'tenantId': 'Microsoft Entra tenant of the identity when it differs from the cluster\'s: its id (a GUID) or one of '
      + 'its domain names, e.g. contoso.onmicrosoft.com.',
    'azure': 'Azure Service Operator objects for this identity: reference an existing one, or create it.',
    'resourceId': 'Resource id of an existing user-assigned identity.',
    'principalId': 'Principal (object) id of the existing identity, for its role assignment.',
    'create': 'Let ASO create the identity, in the tenant\'s namespace; it writes the client id to the ConfigMap '
      + '<tenant>-workers-identity (<tenant>-apis-identity for apiIdentity).',
    'scaling': 'How the workload scales: fixed replicas, an HPA or KEDA.',
    'triggers': 'KEDA triggers.',
    'tenants.workers.scaling.name': 'hpa: name of the HorizontalPodAutoscaler (default: the workload name), a DNS-1123 '
      + 'subdomain unique among the HPAs of the namespace, e.g. to keep the name of an HPA you already run.',
    'tenants.apis.scaling.name': 'hpa: name of the HorizontalPodAutoscaler (default: the workload name), a DNS-1123 '
      + 'subdomain unique among the HPAs of the namespace, e.g. to keep the name of an HPA you already run.',
    'workItemType': 'Process only this type of work item.',
    'ingress': 'Expose the API through an Ingress.',
    'httpRoute': 'Expose the API through a Gateway API HTTPRoute.',
    'image': 'Container image with a tag or digest (default: defaults.workerImage / defaults.apiImage).',
    'imagePullSecrets': 'Secrets (type kubernetes.io/dockerconfigjson) in the tenant namespace to pull the image with, '
      + 'when the registry is not attached to the cluster.',
    'tenants.workers.port': 'A container port of the worker (for health or metrics endpoints); HTTP probes use it.',
    'readinessProbe': 'Readiness probe (default: none for a worker, HTTP GET /healthz for an API).',
    'livenessProbe': 'Liveness probe (default: none for a worker, HTTP GET /healthz for an API). Never tie it to '
      + 'the scheduler: a scheduler outage would restart every pod.',
    'startupProbe': 'Startup probe (default: none).',
    'path': 'http: the path of the HTTP GET, starting with /.',
    'service': 'grpc: the service name sent in the health check (default: the server\'s overall health).',
    'command': 'exec: the program to run and its arguments (exit code 0 is healthy).',
    'name': 'Workload name (Deployment, ServiceAccount, ...); a DNS-1123 label.',
  };
  // A durableTaskScheduler trigger's own identity (workers' and APIs' triggers alike).
  const trigger = /^tenants\.(?:workers|apis)\.scaling\.triggers\.identity(\..*)?$/.exec(generic);
  if (trigger) return triggerIdentity[trigger[1] ?? ''] ?? table[generic.split('.').pop()!];
  return table[generic] ?? table[generic.split('.').pop()!];
}

/** Descriptions of a durableTaskScheduler trigger's `identity`, by the path below it. */
const triggerIdentity: Readonly<Record<string, string>> = Object.freeze({
  '': 'durableTaskScheduler only: an identity of the trigger\'s own (e.g. a read-only one), which KEDA\'s operator '
    + 'uses to read the backlog (default: the workload\'s identity). Needs Durable Task Data Reader on the task hub '
    + 'and a federated credential for the KEDA operator: with an azure section the tenant\'s Azure identities give '
    + 'it both.',
  '.clientId': 'Client id (GUID) of the trigger\'s identity; required: KEDA\'s TriggerAuthentication takes it as a '
    + 'value.',
  '.azure': 'The existing identity (resourceId and principalId), for its KEDA federated credential and Durable '
    + 'Task Data Reader role; without it they are made elsewhere.',
  '.azure.create': 'Not for a trigger\'s identity: KEDA needs its client id, which an identity ASO creates has only '
    + 'once it exists; create it first and give clientId, azure.resourceId and azure.principalId.',
});

function toSchema(shape: Shape, path: string): Record<string, unknown> {
  const description = describe(path);
  const base = description ? { description } : {};
  switch (shape.t) {
    case 'string':
      return { ...base, type: 'string', ...(shape.enum ? { enum: shape.enum } : {}) };
    case 'integer':
      return { ...base, type: 'integer', minimum: shape.min,
        ...(shape.max !== undefined ? { maximum: shape.max } : {}) };
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'quantity':
      // A number reads as a quantity, as kubectl reads one (`cpu: 0.5`).
      return { ...base, type: ['string', 'number'] };
    case 'list':
      return { ...base, type: 'array', ...(shape.minItems ? { minItems: shape.minItems } : {}),
        items: toSchema(shape.of, path) };
    default:
      return {
        ...base,
        type: 'object',
        additionalProperties: false,
        ...(shape.required && shape.required.length > 0 ? { required: shape.required } : {}),
        ...(shape.dependentRequired ? { dependentRequired: shape.dependentRequired } : {}),
        properties: Object.fromEntries(Object.entries(shape.fields)
          .map(([key, field]) => [key, toSchema(field, path === '' ? key : `${path}.${key}`)])),
        // Per variant (e.g. scaling `type`), only the fields it uses.
        ...(shape.variants ? {
          allOf: Object.entries(shape.variants.allowed).map(([value, allowed]) => ({
            if: { properties: { [shape.variants!.key]: { const: value } }, required: [shape.variants!.key] },
            then: { propertyNames: { enum: allowed },
              ...(shape.variants!.required?.[value] ? { required: shape.variants!.required[value] } : {}) },
          })),
        } : {}),
      };
  }
}
