/**
 * Catalogue of invalid inputs: every input rule of the library, each with the exact error it produces.
 *
 * Errors come out in one of three ways:
 * - at construction: the constructor throws `<construct path>: <message>` (app-wide name clashes too: the app's
 *   registry checks each name when it is claimed);
 * - at synth (`Testing.synth(chart)` / `app.synth()`), for rules that need the whole app (`node.addValidation`):
 *   `Validation failed with the following errors:\n  [<construct path>] <message>` (one line per error);
 * - at render (also during synth), for what users add around a construct (a hand-made autoscaler, a JSON patch):
 *   `<construct path>: <message>`.
 *
 * Each message names the construct path, the prop, the value received and what is allowed.
 * `docs/validation-rules.md` lists the same rules as a table.
 *
 * Inputs that early versions accepted silently are kept as regression tests in the `regressions` table.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import {
  ApiServiceType, EnvFromSource, EnvValueSource, NodeSelectorOperator, ScalingPolicyType, WorkloadVolume,
} from '../lib';
import { DurableTaskSchedulerEmulator, MetricsScraper, PrometheusAuthMode } from '../lib';
import {
  AzureIdentities, ExistingIdentityOptions, GitOpsDelivery, IdentityPlan, TenantsFile,
  DurableApi, DurableApiProps, DurableServiceAccount, DurableTaskScheduler, DurableTaskSchedulerOptions, DurableWorker,
  DurableWorkerProps, HealthProbe, KedaTrigger, NamespaceBaseline, NamespaceBaselineProps, Scaling,
  SchedulerAuthentication, TaskHubTenant,
  TaskHubTenantProps, WorkItemType, WorkloadIdentity,
} from '../lib';
import { exactly, expectValidInContext, synthValid } from './util';

// Own fixtures; accepted inputs are checked with the manifest validator from test/util.ts.
const ENDPOINT = 'https://orders.westus2.durabletask.io';
const OTHER_ENDPOINT = 'https://billing.westeurope.durabletask.io';
const CLIENT_ID = '00000000-0000-0000-0000-000000000001';
const OTHER_CLIENT_ID = '00000000-0000-0000-0000-000000000002';
const IMAGE = 'myregistry.azurecr.io/orders-worker:1.4.2';
const API_IMAGE = 'myregistry.azurecr.io/orders-api:1.4.2';
const DIGEST = `myregistry.azurecr.io/orders-worker@sha256:${'a'.repeat(64)}`;

// What the rules allow, exactly as the messages spell it.
const DNS_LABEL = "must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit";
const DNS_SUBDOMAIN = "must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit";
const HOST = "must be a host name: a DNS-1123 subdomain (lowercase letters, digits, '-' or '.'), optionally after a '*.' wildcard label";
const LABEL_KEY = "must be a label key: an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const LABEL_VALUE = "must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit";
const TASK_HUB = "must be a task hub name: 3-64 letters, digits or '-'";
const ENDPOINT_RULE = 'must be an https:// URL with a host and no path, query or credentials, e.g. "https://myscheduler.westus2.durabletask.io"';
const GUID = 'must be a GUID like 00000000-0000-0000-0000-000000000000';
const TENANT = 'must be a Microsoft Entra tenant id (a GUID like 00000000-0000-0000-0000-000000000000) or one of its domain names, e.g. "contoso.onmicrosoft.com"';
const IMAGE_RULE = 'an image with a tag (not \'latest\') or a digest, e.g. "myregistry.azurecr.io/worker:1.4.2"';
const QUANTITY = 'must be a positive Kubernetes quantity, e.g. "250m" or "1" for CPU, "512Mi" or "1Gi" for memory';
const ENV_NAME = "must be a valid environment variable name: letters, digits, '_', '-' or '.', not starting with a digit";
const CRON = 'must be a five-field cron expression (minute 0-59, hour 0-23, day of month 1-31, month 1-12 or JAN-DEC, day of week 0-6 or SUN-SAT), e.g. "0 8 * * 1-5"';
const TIME_ZONE = 'must be an IANA time zone, e.g. "Europe/Amsterdam" or "UTC"';
const spelledAs = (zone: string) =>
  `must be an IANA time zone, spelled as the tz database spells it (KEDA loads it case-sensitively): "${zone}"`;
const CIDR = 'must be an IPv4 or IPv6 CIDR like "10.0.0.0/16", "0.0.0.0/0" or "fd00::/8"';
const NO_NAMESPACE = "has no namespace: create it in a Chart with a 'namespace' (e.g. new Chart(app, 'durable-system', { namespace: 'durable-system' })) or in a TaskHubTenant";
const RESERVED = 'would override a variable the construct sets';
const RESERVED_HINT = 'configure it through the scheduler or choose another name';
const REPOSITORY_RULE = "an optional registry (a host name or [IPv6 address], optionally with ':port') and '/', then lowercase letters and digits in '/'-separated parts, joined inside a part by one '.', one or two '_' or any number of '-', e.g. \"myregistry.azurecr.io/team/worker\"";
const ROUTE_PATH = "a path that starts with '/' and has only letters, digits and '-', '.', '_', '~', '/', without '//', '/./' or '/../' segments, e.g. \"/api\"";

/** Synthesizes every chart of the app, running every validation. */
function synth(app: App): void {
  for (const chart of app.charts) {
    Testing.synth(chart);
  }
}

const scheduler = (endpoint = ENDPOINT, options?: DurableTaskSchedulerOptions) =>
  DurableTaskScheduler.fromEndpoint(endpoint, options);
const identity = (clientId = CLIENT_ID, tenantId?: string) => WorkloadIdentity.fromClientId(clientId, { tenantId });

/** The chart `durable-system` (namespace `durable-system` unless given). */
function system(app: App, namespace = 'durable-system'): Chart {
  return new Chart(app, 'durable-system', { namespace });
}

/** The chart `durable-system` without a namespace. */
function noNamespace(app: App): Chart {
  return new Chart(app, 'durable-system');
}

/** A worker `<chart>/worker` on hub `orders` (default name `durable-worker`, HPA 3-20). */
function worker(scope: Construct, props: Partial<DurableWorkerProps> = {}, id = 'worker'): DurableWorker {
  return new DurableWorker(scope, id, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
}

/** An API `<chart>/api` on hub `orders` (default name `durable-api`, port 8080, probes on /healthz). */
function api(scope: Construct, props: Partial<DurableApiProps> = {}, id = 'api'): DurableApi {
  return new DurableApi(scope, id, { image: API_IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
}

/** A tenant whose chart id, namespace and task hub are `id`. */
function tenant(app: App, id: string, props: Partial<TaskHubTenantProps> = {}): TaskHubTenant {
  return new TaskHubTenant(app, id, { namespaceName: id, taskHub: id, scheduler: scheduler(), ...props });
}

/** A NamespaceBaseline `durable-system/Baseline` for namespace `durable-system`. */
function baseline(chart: Chart, props: Partial<NamespaceBaselineProps> = {}): NamespaceBaseline {
  return new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'durable-system', ...props });
}

/** A KEDA scaling with one CPU trigger, plus `options`. */
const keda = (options: Partial<Parameters<typeof Scaling.keda>[0]> = {}) =>
  Scaling.keda({ triggers: [KedaTrigger.cpu(70)], ...options });

/** A valid prometheus trigger, with `options` overridden. */
const prometheus = (options: Partial<Parameters<typeof KedaTrigger.prometheus>[0]> = {}) => KedaTrigger.prometheus({
  serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com',
  query: 'sum(dts_pending_work_items{taskhub="orders"})',
  threshold: 10,
  ...options,
});

/** A valid cron trigger, with `options` overridden. */
const cron = (options: Partial<Parameters<typeof KedaTrigger.cron>[0]> = {}) => KedaTrigger.cron({
  timezone: 'Europe/Amsterdam', start: '0 8 * * 1-5', end: '0 18 * * 1-5', desiredReplicas: 5, ...options,
});

/** One invalid input: what is wrong, how to build it, when it fails and the exact error. */
interface InvalidInput {
  /** Reads as `fails when <name>`. */
  readonly name: string;
  /**
   * When the error surfaces: thrown by a constructor (the library adds no validations, which cdk8s would run once
   * for every chart it renders); or thrown by synth when an object of the library is rendered and sees what was
   * added around it (`render`).
   */
  readonly at: 'construction' | 'render';
  /** Builds the app; for `construction` cases the last constructor call throws. */
  readonly given: (app: App) => unknown;
  /** The exact error message. */
  readonly message: string;
}

const W = 'durable-system/worker';
const A = 'durable-system/api';

const CATALOGUE: InvalidInput[] = [
  // ---------------------------------------------------------------- names and namespaces (DNS-1123)
  {
    name: 'the workload name is empty',
    at: 'construction',
    given: app => worker(system(app), { name: '' }),
    message: `${W}: 'name' ("") ${DNS_LABEL}`,
  },
  {
    name: 'the workload name has uppercase letters',
    at: 'construction',
    given: app => worker(system(app), { name: 'OrdersWorker' }),
    message: `${W}: 'name' ("OrdersWorker") ${DNS_LABEL}`,
  },
  {
    name: 'the workload name has an underscore',
    at: 'construction',
    given: app => api(system(app), { name: 'orders_api' }),
    message: `${A}: 'name' ("orders_api") ${DNS_LABEL}`,
  },
  {
    name: 'the workload name is 64 characters long',
    at: 'construction',
    given: app => worker(system(app), { name: 'w'.repeat(64) }),
    message: `${W}: 'name' ("${'w'.repeat(64)}") ${DNS_LABEL}`,
  },
  {
    name: 'the workload name ends with a dash',
    at: 'construction',
    given: app => worker(system(app), { name: 'orders-' }),
    message: `${W}: 'name' ("orders-") ${DNS_LABEL}`,
  },
  {
    name: 'the tenant namespace is empty',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { namespaceName: '' }),
    message: `tenant-a: 'namespaceName' ("") ${DNS_LABEL}`,
  },
  {
    name: 'the tenant namespace has uppercase letters',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { namespaceName: 'Tenant-A' }),
    message: `tenant-a: 'namespaceName' ("Tenant-A") ${DNS_LABEL}`,
  },
  {
    name: 'the tenant namespace has an underscore',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { namespaceName: 'tenant_a' }),
    message: `tenant-a: 'namespaceName' ("tenant_a") ${DNS_LABEL}`,
  },
  {
    name: 'the tenant namespace is 64 characters long',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { namespaceName: 'n'.repeat(64) }),
    message: `tenant-a: 'namespaceName' ("${'n'.repeat(64)}") ${DNS_LABEL}`,
  },
  {
    name: 'the NamespaceBaseline namespace is not a DNS-1123 label',
    at: 'construction',
    given: app => baseline(new Chart(app, 'durable-system', { namespace: 'Durable_System' }), { namespaceName: 'Durable_System' }),
    message: `durable-system/Baseline: 'namespaceName' ("Durable_System") ${DNS_LABEL}`,
  },
  {
    name: 'the DurableServiceAccount name has uppercase letters',
    at: 'construction',
    given: app => new DurableServiceAccount(system(app), 'SharedSa', { name: 'Shared' }),
    message: `durable-system/SharedSa: 'name' ("Shared") ${DNS_SUBDOMAIN}`,
  },
  {
    name: 'the ScaledObject name has an underscore',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ name: 'orders_scaler' }) }),
    message: `${W}: 'scaling.name' ("orders_scaler") ${DNS_LABEL}`,
  },
  {
    name: 'a KEDA trigger name is empty',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70, { name: ' ' })] }) }),
    message: `${W}: 'scaling.triggers[0].name' (" ") must be a non-empty string (KEDA takes any name that is unique within the ScaledObject); leave it out for an unnamed trigger`,
  },

  // ---------------------------------------------------------------- task hubs
  {
    name: 'the task hub name is too short (2 characters)',
    at: 'construction',
    given: app => worker(system(app), { taskHub: 'ab' }),
    message: `${W}: 'taskHub' ("ab") ${TASK_HUB}`,
  },
  {
    name: 'the task hub name has an underscore',
    at: 'construction',
    given: app => worker(system(app), { taskHub: 'orders_hub' }),
    message: `${W}: 'taskHub' ("orders_hub") ${TASK_HUB}`,
  },
  {
    name: 'the task hub name is too long (65 characters)',
    at: 'construction',
    given: app => api(system(app), { taskHub: 'h'.repeat(65) }),
    message: `${A}: 'taskHub' ("${'h'.repeat(65)}") ${TASK_HUB}`,
  },
  {
    name: 'the tenant task hub has a dot',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { taskHub: 'tenant.a' }),
    message: `tenant-a: 'taskHub' ("tenant.a") ${TASK_HUB}`,
  },

  // ---------------------------------------------------------------- scheduler endpoint
  {
    name: 'the scheduler endpoint is http://',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler('http://orders.westus2.durabletask.io') }),
    message: `${W}: 'scheduler.endpoint' ("http://orders.westus2.durabletask.io") ${ENDPOINT_RULE}: the Durable Task SDKs send credentials only over TLS, so an http:// endpoint (the local DTS emulator) needs SchedulerAuthentication.NONE`,
  },
  {
    name: 'the scheduler endpoint has no scheme',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler('orders.westus2.durabletask.io') }),
    message: `${W}: 'scheduler.endpoint' ("orders.westus2.durabletask.io") ${ENDPOINT_RULE}`,
  },
  {
    name: 'the scheduler endpoint has an uppercase scheme',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler('HTTPS://orders.westus2.durabletask.io') }),
    message: `${W}: 'scheduler.endpoint' ("HTTPS://orders.westus2.durabletask.io") ${ENDPOINT_RULE}: write the scheme in lowercase (the Java SDK recognizes only "https://" and "http://")`,
  },
  {
    name: 'the scheduler endpoint is empty',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler('') }),
    message: `${W}: 'scheduler.endpoint' ("") ${ENDPOINT_RULE}`,
  },
  {
    name: 'the scheduler endpoint has a path',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler(`${ENDPOINT}/v1`) }),
    message: `${W}: 'scheduler.endpoint' ("${ENDPOINT}/v1") ${ENDPOINT_RULE}`,
  },
  {
    // Before: accepted; the baseline's HTTPS egress opens TCP 443 only, so the workers could not connect.
    name: 'the scheduler endpoint has a port other than 443',
    at: 'construction',
    given: app => worker(system(app), { scheduler: DurableTaskScheduler.fromEndpoint('https://orders.westus2.durabletask.io:8443') }),
    message: `${W}: 'scheduler.endpoint' ("https://orders.westus2.durabletask.io:8443") has port 8443: Durable Task Scheduler endpoints serve on 443, the only port the namespace baseline's HTTPS egress allows; drop the port, e.g. "https://orders.westus2.durabletask.io"`,
  },
  {
    name: 'the scheduler endpoint has a query',
    at: 'construction',
    given: app => api(system(app), { scheduler: scheduler(`${ENDPOINT}?taskhub=orders`) }),
    message: `${A}: 'scheduler.endpoint' ("${ENDPOINT}?taskhub=orders") ${ENDPOINT_RULE}`,
  },
  {
    name: 'the scheduler endpoint has credentials',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler('https://user:secret@orders.westus2.durabletask.io') }),
    message: `${W}: 'scheduler.endpoint' ("https://***@orders.westus2.durabletask.io") ${ENDPOINT_RULE}`,
  },
  {
    name: 'the tenant scheduler endpoint has a path',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { scheduler: scheduler(`${ENDPOINT}/taskhubs/tenant-a`) }),
    message: `tenant-a: 'scheduler.endpoint' ("${ENDPOINT}/taskhubs/tenant-a") ${ENDPOINT_RULE}`,
  },

  // ---------------------------------------------------------------- client and tenant ids
  {
    name: 'the tenant identity client id is not a GUID',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { identity: identity('tenant-a-worker') }),
    message: `tenant-a: 'identity.clientId' ("tenant-a-worker") ${GUID}`,
  },
  {
    // A domain name of the tenant is accepted (the Azure Identity SDKs take it); a bare word is no domain name.
    name: 'the tenant identity tenant id is neither a GUID nor a domain name',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { identity: identity(CLIENT_ID, 'contoso') }),
    message: `tenant-a: 'identity.tenantId' ("contoso") ${TENANT}`,
  },
  {
    // The SDKs take "organizations" (their tenant check allows it), but Entra ID refuses it for the token exchange.
    name: 'the tenant identity tenant id is the organizations alias, not a tenant',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { identity: identity(CLIENT_ID, 'organizations') }),
    message: `tenant-a: 'identity.tenantId' ("organizations") names no tenant: Microsoft Entra ID accepts "organizations" for user sign-in, not for the token exchange of a workload identity; give the tenant id (a GUID like 00000000-0000-0000-0000-000000000000) or one of its domain names, e.g. "contoso.onmicrosoft.com"`,
  },
  {
    name: 'the tenant API identity client id is a GUID without dashes',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { apiIdentity: identity('00000000000000000000000000000001') }),
    message: `tenant-a: 'apiIdentity.clientId' ("00000000000000000000000000000001") ${GUID}`,
  },
  {
    name: 'the workload identity client id is not a GUID',
    at: 'construction',
    given: app => worker(system(app), { identity: identity('orders-worker') }),
    message: `${W}: 'identity.clientId' ("orders-worker") ${GUID}`,
  },
  {
    name: 'the shared ServiceAccount identity tenant id is a GUID in braces (which the SDKs refuse)',
    at: 'construction',
    given: app => new DurableServiceAccount(system(app), 'SharedSa', { name: 'shared', identity: identity(CLIENT_ID, '{00000000-0000-0000-0000-0000000000aa}') }),
    message: `durable-system/SharedSa: 'identity.tenantId' ("{00000000-0000-0000-0000-0000000000aa}") ${TENANT}`,
  },
  {
    name: 'the prometheus trigger identity client id is not a GUID',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ identity: identity('monitoring') })] }) }),
    message: `${W}: 'scaling.triggers[0].identity.clientId' ("monitoring") ${GUID}`,
  },

  // ---------------------------------------------------------------- images
  {
    name: 'the image has no tag',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders-worker' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders-worker") has no tag: use ${IMAGE_RULE}`,
  },
  {
    name: "the image uses the tag 'latest'",
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders-worker:latest' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders-worker:latest") uses the mutable tag 'latest': use ${IMAGE_RULE}`,
  },
  {
    name: 'the image is empty',
    at: 'construction',
    given: app => api(system(app), { image: '' }),
    message: `${A}: 'image' ("") must be ${IMAGE_RULE}`,
  },
  {
    name: 'the image has a registry port but no tag',
    at: 'construction',
    given: app => worker(system(app), { image: 'myreg:5000/app' }),
    message: `${W}: 'image' ("myreg:5000/app") has no tag: use ${IMAGE_RULE}`,
  },
  {
    name: 'the image ends with an empty tag',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders-worker:' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders-worker:") has no tag: use ${IMAGE_RULE}`,
  },
  {
    name: 'the image tag starts with a dash',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders-worker:-1' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders-worker:-1") has an invalid tag "-1": use ${IMAGE_RULE}`,
  },
  {
    name: 'the image has a space',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders-worker: 1.4.2' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders-worker: 1.4.2") must be ${IMAGE_RULE}`,
  },

  // ---------------------------------------------------------------- replicas
  {
    name: 'HPA minReplicas is greater than maxReplicas',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ minReplicas: 5, maxReplicas: 3 }) }),
    message: `${W}: 'scaling.minReplicas' (5) must be <= 'scaling.maxReplicas' (3)`,
  },
  {
    name: 'KEDA minReplicas is greater than maxReplicas',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ minReplicas: 12, maxReplicas: 10 }) }),
    message: `${W}: 'scaling.minReplicas' (12) must be <= 'scaling.maxReplicas' (10)`,
  },
  {
    name: 'HPA minReplicas is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ minReplicas: 0 }) }),
    message: `${W}: 'scaling.minReplicas' (0) must be an integer >= 1`,
  },
  {
    name: 'HPA maxReplicas is fractional',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ maxReplicas: 7.5 }) }),
    message: `${W}: 'scaling.maxReplicas' (7.5) must be an integer >= 1`,
  },
  {
    name: 'KEDA minReplicas is negative',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ minReplicas: -1 }) }),
    message: `${W}: 'scaling.minReplicas' (-1) must be an integer >= 0`,
  },
  {
    name: 'KEDA maxReplicas is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ maxReplicas: 0 }) }),
    message: `${W}: 'scaling.maxReplicas' (0) must be an integer >= 1`,
  },
  {
    name: 'fixed replicas are negative',
    at: 'construction',
    given: app => api(system(app), { scaling: Scaling.fixedReplicas(-2) }),
    message: `${A}: 'scaling.replicas' (-2) must be an integer >= 0`,
  },
  {
    name: 'fixed replicas are fractional',
    at: 'construction',
    given: app => api(system(app), { scaling: Scaling.fixedReplicas(1.5) }),
    message: `${A}: 'scaling.replicas' (1.5) must be an integer >= 0`,
  },
  {
    name: 'fixed replicas are NaN',
    at: 'construction',
    given: app => api(system(app), { scaling: Scaling.fixedReplicas(Number.NaN) }),
    message: `${A}: 'scaling.replicas' (NaN) must be an integer >= 0`,
  },

  // ---------------------------------------------------------------- HPA and KEDA targets
  {
    name: 'HPA CPU utilization is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ cpuUtilization: 0 }) }),
    message: `${W}: 'scaling.cpuUtilization' (0) must be an integer >= 1`,
  },
  {
    name: 'HPA memory utilization is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ memoryUtilization: 0 }) }),
    message: `${W}: 'scaling.memoryUtilization' (0) must be an integer >= 1`,
  },
  {
    name: 'the KEDA cpu trigger utilization is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(0)] }) }),
    message: `${W}: 'scaling.triggers[0].utilization' (0) must be an integer >= 1`,
  },
  {
    name: 'the KEDA memory trigger utilization is above the int32 range',
    at: 'construction',
    given: app => worker(system(app),
      { scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70), KedaTrigger.memory(2 ** 31)] }) }),
    message: `${W}: 'scaling.triggers[1].utilization' (2147483648) must be an integer from 1 to 2147483647 (an int32 in the Kubernetes API)`,
  },
  {
    name: 'KEDA scales to zero on a cpu trigger only',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ minReplicas: 0 }) }),
    message: `${W}: 'scaling.minReplicas' (0) needs a trigger other than cpu/memory: KEDA cannot scale from zero on cpu or memory; use minReplicas >= 1 or add an event trigger`,
  },
  {
    name: 'KEDA scales to zero on cpu and memory triggers only',
    at: 'construction',
    given: app => worker(system(app),
      { scaling: Scaling.keda({ minReplicas: 0, triggers: [KedaTrigger.cpu(70), KedaTrigger.memory(80)] }) }),
    message: `${W}: 'scaling.minReplicas' (0) needs a trigger other than cpu/memory: KEDA cannot scale from zero on cpu or memory; use minReplicas >= 1 or add an event trigger`,
  },
  {
    name: 'KEDA has no triggers',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [] }) }),
    message: `${W}: 'scaling.triggers' is empty: a KEDA ScaledObject needs at least one trigger, e.g. KedaTrigger.cpu(70)`,
  },
  {
    name: 'two KEDA triggers have the same name',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70, { name: 'load' }), KedaTrigger.memory(80, { name: 'load' })] }) }),
    message: `${W}: 'scaling.triggers' has two triggers named "load": trigger names must be unique`,
  },
  {
    name: 'the KEDA polling interval is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ pollingIntervalSeconds: 0 }) }),
    message: `${W}: 'scaling.pollingIntervalSeconds' (0) must be an integer >= 1`,
  },
  {
    name: 'the KEDA cooldown period is negative',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ cooldownPeriodSeconds: -60 }) }),
    message: `${W}: 'scaling.cooldownPeriodSeconds' (-60) must be an integer >= 0`,
  },
  {
    name: 'the cron trigger time zone is not an IANA zone',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'Mars/Olympus' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("Mars/Olympus") ${TIME_ZONE}`,
  },
  {
    name: 'the cron trigger time zone is empty',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: '' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("") ${TIME_ZONE}`,
  },
  {
    name: 'the cron trigger start has six fields',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ start: '0 0 8 * * 1-5' })] }) }),
    message: `${W}: 'scaling.triggers[0].start' ("0 0 8 * * 1-5") ${CRON}`,
  },
  {
    name: 'the cron trigger end is not a cron expression',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ end: 'at 18:00' })] }) }),
    message: `${W}: 'scaling.triggers[0].end' ("at 18:00") ${CRON}`,
  },
  {
    name: 'the cron trigger desires 0 replicas',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ desiredReplicas: 0 })] }) }),
    message: `${W}: 'scaling.triggers[0].desiredReplicas' (0) must be an integer >= 1`,
  },
  {
    name: 'the prometheus server address is not a URL',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ serverAddress: 'prometheus.monitoring' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("prometheus.monitoring") must be an http:// or https:// URL`,
  },
  {
    name: 'the prometheus server address is ftp://',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ serverAddress: 'ftp://prometheus.example.com' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("ftp://prometheus.example.com") must be an http:// or https:// URL`,
  },
  {
    name: 'the prometheus server address has a user name and password in it',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ serverAddress: 'https://keda:s3cret@prometheus.example.com' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("https://***@prometheus.example.com") has credentials in it: they would be written in plain text into the ScaledObject (and into git); put them in a Secret and use 'authModes' with 'secretRefs' (PrometheusAuthMode.BASIC: username, password), or 'identity' for Azure Monitor managed Prometheus`,
  },
  {
    name: 'the prometheus server address has a user name in it',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ serverAddress: 'http://reader@prometheus.monitoring.svc:9090' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("http://***@prometheus.monitoring.svc:9090") has credentials in it: they would be written in plain text into the ScaledObject (and into git); put them in a Secret and use 'authModes' with 'secretRefs' (PrometheusAuthMode.BASIC: username, password), or 'identity' for Azure Monitor managed Prometheus`,
  },
  {
    name: 'the prometheus server address has a password with an @ in it (the URL parser percent-encodes it)',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ serverAddress: 'https://keda:p@ss;word@prometheus.example.com' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("https://***@prometheus.example.com") has credentials in it: they would be written in plain text into the ScaledObject (and into git); put them in a Secret and use 'authModes' with 'secretRefs' (PrometheusAuthMode.BASIC: username, password), or 'identity' for Azure Monitor managed Prometheus`,
  },
  {
    name: 'the prometheus server address has whitespace and credentials in it',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ serverAddress: 'https://keda:s3cret@prometheus.example.com ' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("https://***@prometheus.example.com ") has whitespace or control characters: KEDA uses the server address as given, and Go refuses such a URL; remove them`,
  },
  {
    name: 'a prometheus auth mode has no Secret key for a parameter it requires',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.BASIC], secretRefs: [{ parameter: 'password', secretName: 'prometheus', key: 'password' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs' (["password"]) has no "username": PrometheusAuthMode.BASIC reads it from a Secret key; add { parameter: "username", secretName, key }`,
  },
  {
    name: 'a prometheus auth mode is given without Secret keys',
    at: 'construction',
    given: app => worker(system(app),
      { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.TLS] })] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs' ([]) has no "cert" or "key": PrometheusAuthMode.TLS reads them from a Secret key; add { parameter: "cert", secretName, key }`,
  },
  {
    name: 'a prometheus Secret key is a parameter no listed auth mode reads',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ secretRefs: [{ parameter: 'bearerToken', secretName: 'prometheus', key: 'token' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs[0].parameter' ("bearerToken") is not read by KEDA's prometheus scaler with 'authModes' ([]): allowed none; list the mode that reads it in 'authModes' (BASIC: username, password; BEARER: bearerToken or token; TLS: cert, key; CUSTOM: customAuthHeader, customAuthValue; with any of them: ca)`,
  },
  {
    name: 'a prometheus TLS key password, which KEDA\'s prometheus scaler does not read',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.TLS], secretRefs: [{ parameter: 'cert', secretName: 'tls', key: 'tls.crt' }, { parameter: 'key', secretName: 'tls', key: 'tls.key' }, { parameter: 'keyPassword', secretName: 'tls', key: 'password' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs[2].parameter' ("keyPassword") is not read by KEDA's prometheus scaler with 'authModes' (["tls"]): allowed ["cert","key","ca"]; list the mode that reads it in 'authModes' (BASIC: username, password; BEARER: bearerToken or token; TLS: cert, key; CUSTOM: customAuthHeader, customAuthValue; with any of them: ca)`,
  },
  {
    name: 'prometheus auth modes basic and bearer together',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.BASIC, PrometheusAuthMode.BEARER], secretRefs: [{ parameter: 'username', secretName: 'prometheus', key: 'user' }, { parameter: 'bearerToken', secretName: 'prometheus', key: 'token' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].authModes' (["basic","bearer"]) has both basic and bearer, which KEDA refuses (authModes "must contain only one of" them): both set the Authorization header; keep one`,
  },
  {
    name: 'prometheus auth mode custom with basic',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.CUSTOM, PrometheusAuthMode.BASIC], secretRefs: [{ parameter: 'customAuthHeader', secretName: 'prometheus', key: 'header' }, { parameter: 'customAuthValue', secretName: 'prometheus', key: 'value' }, { parameter: 'username', secretName: 'prometheus', key: 'user' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].authModes' (["custom","basic"]) has custom with basic: KEDA's prometheus scaler then sends the Authorization of basic and never the custom header; keep one of them`,
  },
  {
    name: 'a prometheus trigger has both an identity and auth modes',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ identity: identity(), authModes: [PrometheusAuthMode.BEARER], secretRefs: [{ parameter: 'bearerToken', secretName: 'prometheus', key: 'token' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].authModes' (["bearer"]) and 'scaling.triggers[0].identity' both authenticate to Prometheus: use 'identity' for Azure Monitor managed Prometheus, 'authModes' with 'secretRefs' for another`,
  },
  {
    name: 'a prometheus auth mode is listed twice',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.BEARER, PrometheusAuthMode.BEARER], secretRefs: [{ parameter: 'bearerToken', secretName: 'prometheus', key: 'token' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].authModes[1]' ("bearer") is a duplicate: list each mode once`,
  },
  {
    name: 'a prometheus auth mode is not one of KEDA\'s',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: ['oauth2' as PrometheusAuthMode] })] }) }),
    message: `${W}: 'scaling.triggers[0].authModes[0]' ("oauth2") must be a PrometheusAuthMode (basic, bearer, tls, custom)`,
  },
  {
    // KEDA 2.20's Config takes authModes oauth (and apiKey), but the prometheus scaler never fetches a token with it.
    name: 'a prometheus auth mode is oauth, which KEDA parses but its prometheus scaler does not use',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: ['oauth' as PrometheusAuthMode] })] }) }),
    message: `${W}: 'scaling.triggers[0].authModes[0]' ("oauth") is parsed by KEDA 2.20 but not used by its prometheus scaler, which would query without credentials: use a PrometheusAuthMode (basic, bearer, tls, custom), or 'identity' for Azure Monitor managed Prometheus`,
  },
  {
    // KEDA takes "token" as the alias of "bearerToken" (Config: name=bearerToken;token) and reads bearerToken first.
    name: 'a prometheus bearer token is given both as bearerToken and as its alias token',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ authModes: [PrometheusAuthMode.BEARER], secretRefs: [{ parameter: 'bearerToken', secretName: 'prometheus', key: 'token' }, { parameter: 'token', secretName: 'prometheus-2', key: 'token' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs[1].parameter' ("token") is the alias of "bearerToken", which is given too: KEDA reads one bearer token, bearerToken, and ignores token; keep one`,
  },
  {
    name: 'the prometheus query is empty',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ query: '' })] }) }),
    message: `${W}: 'scaling.triggers[0].query' ("") must be a non-empty PromQL query`,
  },
  {
    name: 'the prometheus query is blank',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ query: '  ' })] }) }),
    message: `${W}: 'scaling.triggers[0].query' ("  ") must be a non-empty PromQL query`,
  },
  {
    name: 'the prometheus threshold is 0',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ threshold: 0 })] }) }),
    message: `${W}: 'scaling.triggers[0].threshold' (0) must be a number > 0`,
  },
  {
    name: 'the prometheus activation threshold is negative',
    at: 'construction',
    given: app => worker(system(app),
      { scaling: Scaling.keda({ triggers: [prometheus({ activationThreshold: -1 })] }) }),
    message: `${W}: 'scaling.triggers[0].activationThreshold' (-1) must be a number >= 0`,
  },
  {
    name: 'the DTS trigger max concurrent work items is 0',
    at: 'construction',
    given: app => worker(system(app),
      { scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler({ maxConcurrentWorkItemsCount: 0 })] }) }),
    message: `${W}: 'scaling.triggers[0].maxConcurrentWorkItemsCount' (0) must be an integer >= 1`,
  },
  {
    name: 'the workload name makes a 55-character ScaledObject name',
    at: 'construction',
    given: app => worker(system(app), { name: 'w'.repeat(55), scaling: keda() }),
    message: `${W}: ScaledObject name "${'w'.repeat(55)}" is 55 characters; KEDA allows at most 54 (its HPA is named "keda-hpa-<name>"): set 'scaling.name' or shorten the workload name`,
  },
  {
    name: 'the explicit ScaledObject name is 60 characters',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ name: 's'.repeat(60) }) }),
    message: `${W}: ScaledObject name "${'s'.repeat(60)}" is 60 characters; KEDA allows at most 54 (its HPA is named "keda-hpa-<name>"): set 'scaling.name' or shorten the workload name`,
  },
  {
    name: 'an autoscaled Deployment gets spec.replicas through a JSON patch',
    at: 'render',
    given: app => worker(system(app)).deployment.addJsonPatch(JsonPatch.add('/spec/replicas', 3)),
    message: `${W}: Deployment "durable-worker" is autoscaled ('scaling') but a patch sets spec.replicas (3), which the autoscaler owns: remove the replicas override`,
  },
  {
    name: 'an HPA and a KEDA ScaledObject target the same Deployment',
    at: 'render',
    given: app => {
      const chart = system(app);
      worker(chart, { scaling: keda() });
      new ApiObject(chart, 'x', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'x' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-worker' }, maxReplicas: 3 },
      });
    },
    message: `${W}: Deployment "durable-worker" has 2 autoscalers (ScaledObject ${W}/ScaledObject, HorizontalPodAutoscaler durable-system/x): an HPA and a ScaledObject (or two of either) must never target the same Deployment: let 'scaling' make the one autoscaler`,
  },

  // ---------------------------------------------------------------- uniqueness across the app
  {
    name: 'two workers have the same name in one namespace',
    at: 'construction',
    given: app => {
      const chart = system(app);
      worker(chart, {}, 'orders');
      worker(chart, {}, 'billing');
    },
    // One clash, one error: the later worker reports it (not the doubled HPAs nor ServiceAccounts it implies).
    message: 'durable-system/billing: Deployment name "durable-worker" in namespace "durable-system" is already used by durable-system/orders: give each workload a unique \'name\'',
  },
  {
    name: 'a worker and an API with fixed replicas have the same name in one namespace',
    at: 'construction',
    given: app => {
      const chart = system(app);
      worker(chart, { name: 'orders', scaling: Scaling.fixedReplicas(1) });
      api(chart, { name: 'orders' });
    },
    message: `${A}: Deployment name "orders" in namespace "durable-system" is already used by ${W}: give each workload a unique 'name'`,
  },
  {
    name: 'two tenants have the same namespace',
    at: 'construction',
    given: app => {
      tenant(app, 'tenant-a', { namespaceName: 'tenants' });
      tenant(app, 'tenant-b', { namespaceName: 'tenants' });
    },
    message: `tenant-b/Baseline: 'namespaceName' ("tenants") is already created by tenant-a/Baseline: every tenant needs a namespace of its own; for several clusters that reuse namespace names, build one app per cluster (e.g. new DurableApp({ outdir: 'dist/<cluster>' }) for each): each app checks its own names`,
  },
  {
    name: 'a tenant has the namespace of a chart with a NamespaceBaseline',
    at: 'construction',
    given: app => {
      baseline(system(app));
      tenant(app, 'tenant-a', { namespaceName: 'durable-system' });
    },
    message: `tenant-a/Baseline: 'namespaceName' ("durable-system") is already created by durable-system/Baseline: every tenant needs a namespace of its own; for several clusters that reuse namespace names, build one app per cluster (e.g. new DurableApp({ outdir: 'dist/<cluster>' }) for each): each app checks its own names`,
  },
  {
    name: 'two tenants have the same task hub on the same scheduler',
    at: 'construction',
    given: app => {
      tenant(app, 'tenant-a', { taskHub: 'orders' });
      tenant(app, 'tenant-b', { taskHub: 'orders' });
    },
    message: `tenant-b: 'taskHub' ("orders") on ${ENDPOINT} is already bound to tenant-a: every tenant needs a task hub of its own`,
  },

  // ---------------------------------------------------------------- resources
  {
    name: 'the CPU request is not a quantity',
    at: 'construction',
    given: app => worker(system(app), { resources: { cpuRequest: 'half' } }),
    message: `${W}: 'resources.cpuRequest' ("half") ${QUANTITY}`,
  },
  {
    name: 'the memory request uses the unit MB',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryRequest: '512MB' } }),
    message: `${W}: 'resources.memoryRequest' ("512MB") ${QUANTITY}`,
  },
  {
    name: 'the CPU limit is 0',
    at: 'construction',
    given: app => worker(system(app), { resources: { cpuLimit: '0' } }),
    message: `${W}: 'resources.cpuLimit' ("0") ${QUANTITY}`,
  },
  {
    name: 'the memory limit is negative',
    at: 'construction',
    given: app => api(system(app), { resources: { memoryLimit: '-1Gi' } }),
    message: `${A}: 'resources.memoryLimit' ("-1Gi") ${QUANTITY}`,
  },
  {
    name: 'the memory request is empty',
    at: 'construction',
    given: app => api(system(app), { resources: { memoryRequest: '' } }),
    message: `${A}: 'resources.memoryRequest' ("") ${QUANTITY}`,
  },
  {
    name: 'the CPU limit is below the CPU request',
    at: 'construction',
    given: app => worker(system(app), { resources: { cpuRequest: '1', cpuLimit: '500m' } }),
    message: `${W}: 'resources.cpuLimit' ("500m") must be >= 'resources.cpuRequest' ("1")`,
  },
  {
    name: 'the memory limit is below the memory request',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryRequest: '2Gi', memoryLimit: '1Gi' } }),
    message: `${W}: 'resources.memoryLimit' ("1Gi") must be >= 'resources.memoryRequest' ("2Gi")`,
  },
  {
    name: 'the memory limit is below the default memory request (512Mi)',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryLimit: '256Mi' } }),
    message: `${W}: 'resources.memoryLimit' ("256Mi") must be >= 'resources.memoryRequest' (default "512Mi"): `
      + `set 'resources.memoryRequest' too`,
  },
  {
    name: 'the CPU request is above the default CPU limit (1)',
    at: 'construction',
    given: app => worker(system(app), { resources: { cpuRequest: '2' } }),
    message: `${W}: 'resources.cpuLimit' (default "1") must be >= 'resources.cpuRequest' ("2"): set 'resources.cpuLimit' too`,
  },

  // ---------------------------------------------------------------- lifecycle
  {
    name: 'the termination grace period is negative',
    at: 'construction',
    given: app => worker(system(app), { terminationGracePeriodSeconds: -1 }),
    message: `${W}: 'terminationGracePeriodSeconds' (-1) must be an integer >= 0`,
  },
  {
    name: 'the preStop delay equals the grace period',
    at: 'construction',
    given: app => worker(system(app), { terminationGracePeriodSeconds: 30, preStopDelaySeconds: 30 }),
    message: `${W}: 'preStopDelaySeconds' (30) must be < 'terminationGracePeriodSeconds' (30): the preStop sleep counts against the grace period`,
  },
  {
    name: "the preStop delay exceeds an API's default grace period (30)",
    at: 'construction',
    given: app => api(system(app), { preStopDelaySeconds: 45 }),
    message: `${A}: 'preStopDelaySeconds' (45) must be < 'terminationGracePeriodSeconds' (30): the preStop sleep counts against the grace period`,
  },
  {
    name: 'the preStop delay is negative',
    at: 'construction',
    given: app => worker(system(app), { preStopDelaySeconds: -1 }),
    message: `${W}: 'preStopDelaySeconds' (-1) must be an integer >= 0`,
  },

  // ---------------------------------------------------------------- ports and probes
  {
    name: 'a probe targets a port the container lacks',
    at: 'construction',
    given: app => worker(system(app), { port: 8080, readinessProbe: HealthProbe.http('/ready', { port: 9090 }) }),
    message: `${W}: 'readinessProbe.port' (9090) is not a port of the container (8080)`,
  },
  {
    name: 'an HTTP probe is set on a worker without port',
    at: 'construction',
    given: app => worker(system(app), { livenessProbe: HealthProbe.http('/healthz') }),
    message: `${W}: 'livenessProbe' is an HTTP probe but the container has no port: set 'port' on the workload or use HealthProbe.exec()`,
  },
  {
    name: 'a probe path has no leading slash',
    at: 'construction',
    given: app => api(system(app), { readinessProbe: HealthProbe.http('healthz') }),
    message: `${A}: 'readinessProbe.path' ("healthz") must start with '/'`,
  },
  {
    name: 'a probe period is 0 seconds',
    at: 'construction',
    given: app => api(system(app), { startupProbe: HealthProbe.http('/healthz', { periodSeconds: 0 }) }),
    message: `${A}: 'startupProbe.periodSeconds' (0) must be an integer >= 1`,
  },
  {
    name: 'a probe initial delay is negative',
    at: 'construction',
    given: app => worker(system(app), { port: 8080, livenessProbe: HealthProbe.http('/healthz', { initialDelaySeconds: -5 }) }),
    message: `${W}: 'livenessProbe.initialDelaySeconds' (-5) must be an integer >= 0`,
  },
  {
    name: 'a probe timeout is 0 seconds',
    at: 'construction',
    given: app => worker(system(app), { readinessProbe: HealthProbe.exec(['/bin/ready'], { timeoutSeconds: 0 }) }),
    message: `${W}: 'readinessProbe.timeoutSeconds' (0) must be an integer >= 1`,
  },
  {
    name: 'a probe failure threshold is fractional',
    at: 'construction',
    given: app => api(system(app), { livenessProbe: HealthProbe.http('/healthz', { failureThreshold: 2.5 }) }),
    message: `${A}: 'livenessProbe.failureThreshold' (2.5) must be an integer >= 1`,
  },
  {
    name: 'an exec probe has an empty command',
    at: 'construction',
    given: app => worker(system(app), { livenessProbe: HealthProbe.exec([]) }),
    message: `${W}: 'livenessProbe.command' ([]) must name a program to run`,
  },
  {
    name: 'a gRPC probe targets a port the container lacks',
    at: 'construction',
    given: app => worker(system(app), { port: 8080, readinessProbe: HealthProbe.grpc(50051) }),
    message: `${W}: 'readinessProbe.port' (50051) is not a port of the container (8080)`,
  },
  {
    name: 'a TCP probe is set on a worker without port',
    at: 'construction',
    given: app => worker(system(app), { livenessProbe: HealthProbe.tcp(8080) }),
    message: `${W}: 'livenessProbe' is a TCP probe but the container has no port: set 'port' on the workload or use HealthProbe.exec()`,
  },
  {
    // Kubernetes takes a number for grpc.port, no port name (pkg/apis/core/validation validateGRPCAction).
    name: 'a gRPC probe port is a port name',
    at: 'construction',
    given: app => worker(system(app), { port: 8080, readinessProbe: HealthProbe.grpc('grpc' as any) }),
    message: `${W}: 'readinessProbe.port' ("grpc") must be an integer from 1 to 65535`,
  },
  {
    name: 'a gRPC probe service name has a space',
    at: 'construction',
    given: app => worker(system(app), { port: 8080, readinessProbe: HealthProbe.grpc(8080, { service: 'orders Worker' }) }),
    message: `${W}: 'readinessProbe.service' ("orders Worker") must be a gRPC service name without spaces or control characters, e.g. "my.package.Worker"; leave it out to ask for the server's overall health`,
  },
  {
    name: 'the container port is 0',
    at: 'construction',
    given: app => worker(system(app), { port: 0 }),
    message: `${W}: 'port' (0) must be an integer from 1 to 65535`,
  },
  {
    name: 'the API service port is 65536',
    at: 'construction',
    given: app => api(system(app), { servicePort: 65536 }),
    message: `${A}: 'servicePort' (65536) must be an integer from 1 to 65535`,
  },

  // ---------------------------------------------------------------- environment variables
  {
    name: 'two env variables have the same name',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'LOG_LEVEL', value: 'debug' }] }),
    message: `${W}: 'env[1].name' ("LOG_LEVEL") is a duplicate: environment variable names must be unique`,
  },
  {
    name: 'an env variable overrides DTS_ENDPOINT',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'DTS_ENDPOINT', value: 'https://other.westus2.durabletask.io' }] }),
    message: `${W}: 'env[0].name' ("DTS_ENDPOINT") ${RESERVED} (DTS_ENDPOINT, TASKHUB_NAME): ${RESERVED_HINT}`,
  },
  {
    name: 'an env variable overrides TASKHUB_NAME',
    at: 'construction',
    given: app => api(system(app), { env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TASKHUB_NAME', value: 'other' }] }),
    message: `${A}: 'env[1].name' ("TASKHUB_NAME") ${RESERVED} (DTS_ENDPOINT, TASKHUB_NAME): ${RESERVED_HINT}`,
  },
  {
    name: 'an env variable overrides the custom connection string variable',
    at: 'construction',
    given: app => worker(system(app), {
      scheduler: scheduler(ENDPOINT, { connectionStringEnvName: 'DTS_CONNECTION_STRING' }),
      env: [{ name: 'DTS_CONNECTION_STRING', value: 'Endpoint=x' }],
    }),
    message: `${W}: 'env[0].name' ("DTS_CONNECTION_STRING") ${RESERVED} (DTS_ENDPOINT, TASKHUB_NAME, DTS_CONNECTION_STRING): ${RESERVED_HINT}`,
  },
  {
    name: 'an env variable overrides the custom endpoint variable of the samples (ENDPOINT)',
    at: 'construction',
    given: app => worker(system(app), {
      scheduler: scheduler(ENDPOINT, { endpointEnvName: 'ENDPOINT', taskHubEnvName: 'TASKHUB' }),
      env: [{ name: 'ENDPOINT', value: 'http://localhost:8080' }],
    }),
    message: `${W}: 'env[0].name' ("ENDPOINT") ${RESERVED} (ENDPOINT, TASKHUB): ${RESERVED_HINT}`,
  },
  {
    name: 'an env variable overrides DTS_WORK_ITEM_TYPE on a split worker',
    at: 'construction',
    given: app => worker(system(app), { workItemType: WorkItemType.ACTIVITY, env: [{ name: 'DTS_WORK_ITEM_TYPE', value: 'Orchestration' }] }),
    message: `${W}: 'env[0].name' ("DTS_WORK_ITEM_TYPE") ${RESERVED} (DTS_ENDPOINT, TASKHUB_NAME, DTS_WORK_ITEM_TYPE): ${RESERVED_HINT}`,
  },
  {
    name: 'an env variable name starts with a digit',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: '1ST_REGION', value: 'westus2' }] }),
    message: `${W}: 'env[0].name' ("1ST_REGION") ${ENV_NAME}`,
  },
  {
    name: 'an env variable name has a space',
    at: 'construction',
    given: app => api(system(app), { env: [{ name: 'LOG LEVEL', value: 'info' }] }),
    message: `${A}: 'env[0].name' ("LOG LEVEL") ${ENV_NAME}`,
  },
  {
    name: 'an env variable name is empty',
    at: 'construction',
    given: app => api(system(app), { env: [{ name: '', value: 'info' }] }),
    message: `${A}: 'env[0].name' ("") ${ENV_NAME}`,
  },
  {
    name: 'the scheduler task hub variable has the endpoint variable name',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler(ENDPOINT, { taskHubEnvName: 'DTS_ENDPOINT' }) }),
    message: `${W}: 'scheduler.taskHubEnvName' ("DTS_ENDPOINT") is also 'scheduler.endpointEnvName': the scheduler's environment variable names must differ`,
  },
  {
    name: 'the scheduler connection string variable has the task hub variable name',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { scheduler: scheduler(ENDPOINT, { connectionStringEnvName: 'TASKHUB_NAME' }) }),
    message: `tenant-a: 'scheduler.connectionStringEnvName' ("TASKHUB_NAME") is also 'scheduler.taskHubEnvName': the scheduler's environment variable names must differ`,
  },
  {
    name: 'the scheduler endpoint variable name has a space',
    at: 'construction',
    given: app => worker(system(app), { scheduler: scheduler(ENDPOINT, { endpointEnvName: 'DTS ENDPOINT' }) }),
    message: `${W}: 'scheduler.endpointEnvName' ("DTS ENDPOINT") ${ENV_NAME}`,
  },
  {
    name: 'the work item type variable name starts with a digit',
    at: 'construction',
    given: app => worker(system(app), { workItemType: WorkItemType.ORCHESTRATION, workItemTypeEnvName: '0_TYPE' }),
    message: `durable-system/worker: 'workItemTypeEnvName' ("0_TYPE") ${ENV_NAME}`,
  },

  // ---------------------------------------------------------------- API exposure
  {
    name: 'the ingress host is empty',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: '' } }),
    message: `${A}: 'ingress.host' ("") ${HOST}`,
  },
  {
    name: 'the ingress host has uppercase letters',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'Orders.example.com' } }),
    message: `${A}: 'ingress.host' ("Orders.example.com") ${HOST}`,
  },
  {
    name: 'the ingress host is a URL',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'https://orders.example.com' } }),
    message: `${A}: 'ingress.host' ("https://orders.example.com") ${HOST}`,
  },
  {
    name: 'the ingress class name has uppercase letters',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', className: 'NGINX' } }),
    message: `${A}: 'ingress.className' ("NGINX") ${DNS_SUBDOMAIN}`,
  },
  {
    name: 'the cert-manager cluster issuer name has an underscore',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', tlsSecretName: 'orders-tls', clusterIssuer: 'letsencrypt_prod' } }),
    message: `${A}: 'ingress.clusterIssuer' ("letsencrypt_prod") ${DNS_SUBDOMAIN}`,
  },
  {
    name: 'a cert-manager cluster issuer is set without a TLS secret',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', clusterIssuer: 'letsencrypt-prod' } }),
    message: `${A}: 'ingress.clusterIssuer' ("letsencrypt-prod") needs 'ingress.tlsSecretName': the Secret cert-manager writes the certificate to`,
  },
  {
    name: 'the ingress TLS secret name has an underscore',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', tlsSecretName: 'orders_tls' } }),
    message: `${A}: 'ingress.tlsSecretName' ("orders_tls") ${DNS_SUBDOMAIN}`,
  },
  {
    name: 'the ingress class has no known controller namespace',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', className: 'traefik' } }),
    message: `${A}: 'ingress.controllerNamespace' is required for ingress class "traefik": the namespace of its controller pods, which the NetworkPolicy admits`,
  },
  {
    name: 'the ingress controller namespace is not a DNS-1123 label',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', className: 'traefik', controllerNamespace: 'Traefik' } }),
    message: `${A}: 'ingress.controllerNamespace' ("Traefik") ${DNS_LABEL}`,
  },
  {
    name: 'the ingress path has no leading slash',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'orders.example.com', path: 'api' } }),
    message: `${A}: 'ingress.path' ("api") must start with '/'`,
  },
  {
    name: 'the HTTPRoute has both a path and paths',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateways', path: '/a', paths: ['/b'] } }),
    message: `${A}: 'httpRoute.path' and 'httpRoute.paths' are mutually exclusive: give one path or a list`,
  },
  {
    name: 'an HTTPRoute hostname is empty',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateways', hostnames: ['orders.example.com', ''] } }),
    message: `${A}: 'httpRoute.hostnames[1]' ("") ${HOST}`,
  },
  {
    name: 'the HTTPRoute gateway name is empty',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: '', gatewayNamespace: 'gateways', hostnames: ['orders.example.com'] } }),
    message: `${A}: 'httpRoute.gatewayName' ("") ${DNS_SUBDOMAIN}`,
  },
  {
    name: 'the HTTPRoute section name has an underscore',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateways', hostnames: ['orders.example.com'], sectionName: 'https_443' } }),
    message: `${A}: 'httpRoute.sectionName' ("https_443") ${DNS_SUBDOMAIN}`,
  },
  {
    name: 'the HTTPRoute gateway namespace has an underscore',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateway_system', hostnames: ['orders.example.com'] } }),
    message: `${A}: 'httpRoute.gatewayNamespace' ("gateway_system") ${DNS_LABEL}`,
  },
  {
    name: 'the HTTPRoute path has no leading slash',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateways', hostnames: ['orders.example.com'], path: 'orders' } }),
    message: `${A}: 'httpRoute.path' ("orders") must start with '/'`,
  },

  // ---------------------------------------------------------------- service accounts and namespaces
  {
    name: "'identity' is set together with 'serviceAccount'",
    at: 'construction',
    given: app => {
      const chart = system(app);
      const shared = new DurableServiceAccount(chart, 'SharedSa', { name: 'orders', identity: identity() });
      worker(chart, { serviceAccount: shared, identity: identity() });
    },
    message: `${W}: 'identity' and 'serviceAccount' are mutually exclusive: set the identity on the shared ServiceAccount (durable-system/SharedSa)`,
  },
  {
    name: 'a shared serviceAccount is in another namespace',
    at: 'construction',
    given: app => {
      const shared = new DurableServiceAccount(new Chart(app, 'shared', { namespace: 'shared' }), 'Sa', { name: 'orders' });
      worker(system(app), { serviceAccount: shared });
    },
    message: `${W}: 'serviceAccount' (shared/Sa) is in namespace "shared", but pods can only use a ServiceAccount of their own namespace ("durable-system")`,
  },
  {
    name: 'a workload is in a chart without namespace',
    at: 'construction',
    given: app => worker(noNamespace(app)),
    message: `${W}: ${NO_NAMESPACE}`,
  },
  {
    name: 'an API is in a chart without namespace',
    at: 'construction',
    given: app => api(noNamespace(app)),
    message: `${A}: ${NO_NAMESPACE}`,
  },
  {
    name: 'a DurableServiceAccount is in a chart without namespace',
    at: 'construction',
    given: app => new DurableServiceAccount(noNamespace(app), 'SharedSa', { name: 'shared' }),
    message: `durable-system/SharedSa: ${NO_NAMESPACE}`,
  },

  // ---------------------------------------------------------------- namespace baseline
  {
    name: "the NamespaceBaseline namespace differs from its chart's",
    at: 'construction',
    given: app => baseline(system(app), { namespaceName: 'orders' }),
    message: `durable-system/Baseline: 'namespaceName' ("orders") must be the namespace of its chart ("durable-system"), so that the quota and policies apply to the chart's workloads`,
  },
  {
    name: 'the Pod Security version has no v prefix',
    at: 'construction',
    given: app => baseline(system(app), { podSecurityVersion: '1.33' }),
    message: `durable-system/Baseline: 'podSecurityVersion' ("1.33") must be "latest" or a Kubernetes minor version like "v1.33"`,
  },
  {
    name: 'the Pod Security version is a patch version',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { baseline: { podSecurityVersion: 'v1.33.1' } }),
    message: `tenant-a/Baseline: 'podSecurityVersion' ("v1.33.1") must be "latest" or a Kubernetes minor version like "v1.33"`,
  },
  {
    name: 'an egress CIDR prefix is 33',
    at: 'construction',
    given: app => baseline(system(app), { httpsEgressCidrs: ['10.0.0.0/33'] }),
    message: `durable-system/Baseline: 'httpsEgressCidrs[0]' ("10.0.0.0/33") ${CIDR}`,
  },
  {
    name: 'an egress CIDR octet is 256',
    at: 'construction',
    given: app => baseline(system(app), { httpsEgressCidrs: ['10.0.0.0/8', '256.0.0.0/8'] }),
    message: `durable-system/Baseline: 'httpsEgressCidrs[1]' ("256.0.0.0/8") ${CIDR}`,
  },
  {
    name: 'an egress CIDR has no prefix length',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { baseline: { httpsEgressCidrs: ['20.42.0.1'] } }),
    message: `tenant-a/Baseline: 'httpsEgressCidrs[0]' ("20.42.0.1") ${CIDR}`,
  },
  {
    name: 'the egress CIDR list is empty',
    at: 'construction',
    given: app => baseline(system(app), { httpsEgressCidrs: [] }),
    message: "durable-system/Baseline: 'httpsEgressCidrs' is empty: pods need HTTPS egress to reach the scheduler and Microsoft Entra ID",
  },
  {
    name: 'a quota quantity is malformed',
    at: 'construction',
    given: app => baseline(system(app), { quota: { requestsMemory: '32 Gi' } }),
    message: `durable-system/Baseline: 'quota.requestsMemory' ("32 Gi") ${QUANTITY}`,
  },
  {
    name: 'the quota allows 0 pods',
    at: 'construction',
    given: app => baseline(system(app), { quota: { pods: 0 } }),
    message: "durable-system/Baseline: 'quota.pods' (0) must be an integer >= 1",
  },
  {
    name: 'the LimitRange default CPU limit is below its default request',
    at: 'construction',
    given: app => baseline(system(app), { limitRange: { defaultCpuRequest: '1', defaultCpuLimit: '500m' } }),
    message: `durable-system/Baseline: 'limitRange.defaultCpuLimit' ("500m") must be >= 'limitRange.defaultCpuRequest' ("1")`,
  },
  {
    name: 'the LimitRange default memory limit is below its default request',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { baseline: { limitRange: { defaultMemoryLimit: '64Mi' } } }),
    message: `tenant-a/Baseline: 'limitRange.defaultMemoryLimit' ("64Mi") must be >= 'limitRange.defaultMemoryRequest' ("128Mi")`,
  },
  {
    name: 'a LimitRange default is not a quantity',
    at: 'construction',
    given: app => baseline(system(app), { limitRange: { defaultCpuRequest: '100 m' } }),
    message: `durable-system/Baseline: 'limitRange.defaultCpuRequest' ("100 m") ${QUANTITY}`,
  },
  {
    name: "the quota is too small for the workloads' maximum scale",
    at: 'construction',
    given: app => {
      const chart = system(app);
      baseline(chart, { quota: { pods: 10, limitsMemory: '8Gi' } });
      worker(chart); // HPA up to 20 replicas (+5 rollout surge) of 250m/512Mi requests, 1/1Gi limits
    },
    message: [
      "durable-system/Baseline: 'quota.limitsMemory' (8Gi) is below what the workloads need at maximum scale during a rollout (25Gi = durable-system/worker 25 pods × 1Gi; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
      "durable-system/Baseline: 'quota.pods' (10 pods) is below what the workloads need at maximum scale during a rollout (25 pods = durable-system/worker 25 pods; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
    ].join('\n'),
  },
  {
    name: "a tenant quota is too small for its workers' maximum scale",
    at: 'construction',
    given: app => {
      const t = tenant(app, 'tenant-a', { baseline: { quota: { requestsCpu: '4' } } });
      t.addWorker('Orchestrations', { image: IMAGE, workItemType: WorkItemType.ORCHESTRATION, scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 5 }) });
      t.addWorker('Activities', { image: IMAGE, workItemType: WorkItemType.ACTIVITY, scaling: Scaling.hpa({ minReplicas: 3, maxReplicas: 20 }) });
    },
    // (5 + 2 surge) + (20 + 5 surge) = 32 pods x 250m: the second worker is the one the quota cannot admit
    message: "tenant-a/Baseline: 'quota.requestsCpu' (4 CPU) is below what the workloads need at maximum scale during a rollout (8 CPU = tenant-a/Orchestrations 7 pods × 0.25 CPU + tenant-a/Activities 25 pods × 0.25 CPU; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
  },
  {
    name: 'a baseline is created after workloads its quota cannot admit',
    at: 'construction',
    given: app => {
      const chart = system(app);
      worker(chart);
      baseline(chart, { quota: { pods: 24 } });
    },
    message: "durable-system/Baseline: 'quota.pods' (24 pods) is below what the workloads need at maximum scale during a rollout (25 pods = durable-system/worker 25 pods; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
  },

  // ---------------------------------------------------------------- security context and scheduling
  {
    name: 'runAsUser is 0 (root)',
    at: 'construction',
    given: app => worker(system(app), { runAsUser: 0 }),
    message: `${W}: 'runAsUser' (0) must be an integer >= 1`,
  },
  {
    name: 'a node selector key is repeated',
    at: 'construction',
    given: app => worker(system(app), { nodeSelector: [{ key: 'kubernetes.azure.com/agentpool', value: 'durable' }, { key: 'kubernetes.azure.com/agentpool', value: 'system' }] }),
    message: `${W}: 'nodeSelector[1].key' ("kubernetes.azure.com/agentpool") is a duplicate: each node label key can be selected once`,
  },
  {
    name: 'an HPA made by hand in a nested construct targets a KEDA-scaled Deployment',
    at: 'render',
    given: app => {
      const chart = system(app);
      worker(chart, { scaling: keda() });
      new ApiObject(new Construct(new Construct(chart, 'Platform'), 'Autoscaling'), 'Hpa', {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'manual' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-worker' }, maxReplicas: 3 },
      });
    },
    message: `${W}: Deployment "durable-worker" has 2 autoscalers (ScaledObject ${W}/ScaledObject, HorizontalPodAutoscaler durable-system/Platform/Autoscaling/Hpa): an HPA and a ScaledObject (or two of either) must never target the same Deployment: let 'scaling' make the one autoscaler`,
  },
  {
    name: 'a ScaledObject in another chart of the same namespace targets a workload with fixed replicas',
    at: 'render',
    given: app => {
      api(system(app));
      new ApiObject(new Chart(app, 'autoscaling', { namespace: 'durable-system' }), 'ScaledObject', {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: { name: 'api' },
        spec: { scaleTargetRef: { name: 'durable-api' }, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '60' } }] },
      });
    },
    message: `${A}: Deployment "durable-api" has fixed replicas but ScaledObject autoscaling/ScaledObject targets it: use 'scaling' (Scaling.hpa(...) or Scaling.keda(...)) instead of adding an autoscaler`,
  },
  // ---------------------------------------------------------------- issue 10: legal but certainly wrong units
  {
    name: 'the memory request is in milli-units (512m = 0.512 bytes)',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryRequest: '512m' } }),
    message: `${W}: 'resources.memoryRequest' ("512m") is 0.512 bytes ('m' is a fraction, not mega): memory takes bytes with a binary suffix, e.g. "512Mi" or "1Gi"`,
  },
  {
    name: 'the memory limit is in micro-units',
    at: 'construction',
    given: app => api(system(app), { resources: { memoryLimit: '1000000u' } }),
    message: `${A}: 'resources.memoryLimit' ("1000000u") is 1 bytes ('u' is a fraction, not mega): memory takes bytes with a binary suffix, e.g. "1000000Mi" or "1Gi"`,
  },
  {
    name: 'a LimitRange default memory limit is in milli-units',
    at: 'construction',
    given: app => baseline(system(app), { limitRange: { defaultMemoryLimit: '512m' } }),
    message: `durable-system/Baseline: 'limitRange.defaultMemoryLimit' ("512m") is 0.512 bytes ('m' is a fraction, not mega): memory takes bytes with a binary suffix, e.g. "512Mi" or "1Gi"`,
  },
  {
    name: 'a quota memory total is in milli-units',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { baseline: { quota: { requestsMemory: '32000m' } } }),
    message: `tenant-a/Baseline: 'quota.requestsMemory' ("32000m") is 32 bytes ('m' is a fraction, not mega): memory takes bytes with a binary suffix, e.g. "32000Mi" or "1Gi"`,
  },

  // ---------------------------------------------------------------- issue 10: API numeric bounds (int32, ports)
  {
    name: 'fixed replicas are above the int32 range',
    at: 'construction',
    given: app => api(system(app), { scaling: Scaling.fixedReplicas(2 ** 31) }),
    message: `${A}: 'scaling.replicas' (2147483648) must be an integer from 0 to 2147483647 (an int32 in the Kubernetes API)`,
  },
  {
    name: 'HPA maxReplicas is above the int32 range',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ maxReplicas: 3e9 }) }),
    message: `${W}: 'scaling.maxReplicas' (3000000000) must be an integer from 1 to 2147483647 (an int32 in the Kubernetes API)`,
  },
  {
    name: 'runAsUser is above the int32 range',
    at: 'construction',
    given: app => worker(system(app), { runAsUser: 2 ** 31 }),
    message: `${W}: 'runAsUser' (2147483648) must be an integer from 1 to 2147483647 (an int32 in the Kubernetes API)`,
  },
  {
    name: 'the cron trigger wants more replicas than int32',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ triggers: [cron({ desiredReplicas: 2 ** 32 })] }) }),
    message: `${W}: 'scaling.triggers[0].desiredReplicas' (4294967296) must be an integer from 1 to 2147483647 (an int32 in the Kubernetes API)`,
  },
  {
    name: 'the worker port is above 65535',
    at: 'construction',
    given: app => worker(system(app), { port: 70000 }),
    message: `${W}: 'port' (70000) must be an integer from 1 to 65535`,
  },
  {
    name: 'the API service port is 0',
    at: 'construction',
    given: app => api(system(app), { servicePort: 0 }),
    message: `${A}: 'servicePort' (0) must be an integer from 1 to 65535`,
  },

  // ---------------------------------------------------------------- issue 10: names that take over what exists
  {
    name: "a workload is named 'default' (its ServiceAccount would be the namespace's default)",
    at: 'construction',
    given: app => worker(system(app), { name: 'default', identity: identity() }),
    message: `${W}: 'name' ("default") would also name the workload's own ServiceAccount "default": that is the namespace's default ServiceAccount, which every pod without its own uses; choose another name`,
  },
  {
    name: "a shared ServiceAccount is named 'default'",
    at: 'construction',
    given: app => new DurableServiceAccount(system(app), 'SharedSa', { name: 'default', identity: identity() }),
    message: `durable-system/SharedSa: 'name' ("default") is the namespace's default ServiceAccount, which every pod without its own uses: an identity on it would reach all of them; choose another name`,
  },

  // ---------------------------------------------------------------- issue 10: workloads in namespaces the cluster owns
  {
    name: 'a worker is in kube-system',
    at: 'construction',
    given: app => worker(system(app, 'kube-system')),
    message: `${W}: 'namespace (of the chart)' ("kube-system") is a namespace the cluster owns (default, kube-system, kube-public, kube-node-lease): create it in a chart with a namespace of your own`,
  },
  {
    name: 'an API is in the default namespace',
    at: 'construction',
    given: app => api(system(app, 'default')),
    message: `${A}: 'namespace (of the chart)' ("default") is a namespace the cluster owns (default, kube-system, kube-public, kube-node-lease): create it in a chart with a namespace of your own`,
  },
  {
    name: 'a shared ServiceAccount is in kube-node-lease',
    at: 'construction',
    given: app => new DurableServiceAccount(system(app, 'kube-node-lease'), 'SharedSa', { name: 'orders' }),
    message: `durable-system/SharedSa: 'namespace (of the chart)' ("kube-node-lease") is a namespace the cluster owns (default, kube-system, kube-public, kube-node-lease): create it in a chart with a namespace of your own`,
  },

  // ---------------------------------------------------------------- issue 10: tenant isolation
  {
    name: "a worker in a tenant's chart works on another task hub",
    at: 'construction',
    given: app => worker(tenant(app, 'tenant-a'), { taskHub: 'tenant-b' }),
    message: 'tenant-a/worker: \'taskHub\' ("tenant-b") is not the task hub of its TaskHubTenant tenant-a ("tenant-a"): a tenant\'s workloads work on the tenant\'s task hub only; use addWorker/addApi',
  },
  {
    name: "an API in a tenant's chart uses another scheduler",
    at: 'construction',
    given: app => api(tenant(app, 'tenant-a'), { taskHub: 'tenant-a', scheduler: scheduler(OTHER_ENDPOINT) }),
    message: `tenant-a/api: 'scheduler' ("${OTHER_ENDPOINT}") is not the scheduler of its TaskHubTenant tenant-a (${ENDPOINT}): a tenant's workloads use the tenant's scheduler only; use addWorker/addApi`,
  },

  // ---------------------------------------------------------------- issue 10: Ingress and HTTPRoute rules
  {
    name: 'the ingress host is an IP address',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: '20.42.0.1' } }),
    message: `${A}: 'ingress.host' ("20.42.0.1") is an IP address: Ingress and HTTPRoute match host names only; use a host name: a DNS-1123 subdomain (lowercase letters, digits, '-' or '.'), optionally after a '*.' wildcard label, or leave the host out`,
  },
  {
    name: 'an HTTPRoute host name is an IPv6 address',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'gw', gatewayNamespace: 'gateways', hostnames: ['fd00::1'] } }),
    message: `${A}: 'httpRoute.hostnames[0]' ("fd00::1") is an IP address: Ingress and HTTPRoute match host names only; use a host name: a DNS-1123 subdomain (lowercase letters, digits, '-' or '.'), optionally after a '*.' wildcard label, or leave the host out`,
  },
  {
    name: 'the ingress host has a port',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com:443' } }),
    message: `${A}: 'ingress.host' ("api.example.com:443") ${HOST}`,
  },
  {
    name: "the ingress path has a '..' segment",
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com', path: '/api/../admin' } }),
    message: `${A}: 'ingress.path' ("/api/../admin") has an empty, '.' or '..' segment or an encoded '/': the API server rejects it; use ${ROUTE_PATH}`,
  },
  {
    name: "the HTTPRoute path has '//'",
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'gw', gatewayNamespace: 'gateways', hostnames: ['api.example.com'], path: '/api//v1' } }),
    message: `${A}: 'httpRoute.path' ("/api//v1") has an empty, '.' or '..' segment or an encoded '/': the API server rejects it; use ${ROUTE_PATH}`,
  },
  {
    name: "the ingress path has an encoded '/'",
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com', path: '/a%2Fb' } }),
    message: `${A}: 'ingress.path' ("/a%2Fb") has an empty, '.' or '..' segment or an encoded '/': the API server rejects it; use ${ROUTE_PATH}`,
  },
  {
    name: 'the ingress path is a regex',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com', path: '/api/(v1|v2)/.*' } }),
    message: `${A}: 'ingress.path' ("/api/(v1|v2)/.*") has characters a Prefix path cannot have (ingress-nginx rejects regex and other special characters): use ${ROUTE_PATH}`,
  },
  {
    name: 'two APIs route the same host and path',
    at: 'construction',
    given: app => {
      const chart = system(app);
      api(chart, { name: 'orders', ingress: { host: 'api.example.com', path: '/orders' } }, 'orders');
      api(chart, { name: 'billing', ingress: { host: 'api.example.com', path: '/orders' } }, 'billing');
    },
    message: "durable-system/billing: 'ingress.host' and 'ingress.path' (api.example.com/orders, class nginx) is already routed by durable-system/orders: every host and path may have one backend",
  },
  {
    name: 'two APIs in two tenants route the same host name on one Gateway',
    at: 'construction',
    given: app => {
      const route = { gatewayName: 'public', gatewayNamespace: 'gateways', hostnames: ['api.example.com'] };
      tenant(app, 'tenant-a').addApi('Api', { image: API_IMAGE, httpRoute: route });
      tenant(app, 'tenant-b').addApi('Api', { image: API_IMAGE, httpRoute: route });
    },
    message: "tenant-b/Api: 'httpRoute.hostnames' and 'httpRoute.path' (api.example.com/ on Gateway gateways/public) is already routed by tenant-a/Api: every host and path may have one backend",
  },

  // ------------------------------------------------------------ issue 10: variables the workload identity webhook owns
  {
    name: 'a workload with an identity sets AZURE_CLIENT_ID to another client id',
    at: 'construction',
    given: app => worker(system(app), { identity: identity(), env: [{ name: 'AZURE_CLIENT_ID', value: OTHER_CLIENT_ID }] }),
    message: `${W}: 'env[0].name' ("AZURE_CLIENT_ID") is set by the Azure Workload Identity webhook on pods with an identity, which keeps a value the container already has (allowed only as "${CLIENT_ID}", what the identity sets): remove it, or configure the identity ('identity', ServiceAccount annotations) instead`,
  },
  {
    name: 'a workload with an identity sets AZURE_AUTHORITY_HOST',
    at: 'construction',
    given: app => api(system(app), { identity: identity(), env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'AZURE_AUTHORITY_HOST', value: 'https://login.microsoftonline.us/' }] }),
    message: `${A}: 'env[1].name' ("AZURE_AUTHORITY_HOST") is set by the Azure Workload Identity webhook on pods with an identity, which keeps a value the container already has: remove it, or configure the identity ('identity', ServiceAccount annotations) instead`,
  },
  {
    name: "a tenant worker (the tenant's identity) sets AZURE_FEDERATED_TOKEN_FILE",
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { identity: identity() }).addWorker('Worker', { image: IMAGE, env: [{ name: 'AZURE_FEDERATED_TOKEN_FILE', value: '/tmp/token' }] }),
    message: `tenant-a/Worker: 'env[0].name' ("AZURE_FEDERATED_TOKEN_FILE") is set by the Azure Workload Identity webhook on pods with an identity, which keeps a value the container already has: remove it (the webhook mounts the token at a path that depends on its version: /var/run/secrets/azure/tokens/azure-identity-token up to v1.5, /var/run/secrets/azure/wi/token/azure-identity-token from v1.6)`,
  },
  {
    // azure-workload-identity v1.6.0 moved the token to /var/run/secrets/azure/wi/token/: the old path, once what the
    // webhook set, now names a file that does not exist and would win over the webhook's value.
    name: 'a workload with an identity sets AZURE_FEDERATED_TOKEN_FILE to the token path of webhook v1.5',
    at: 'construction',
    given: app => worker(system(app), { identity: identity(), env: [{ name: 'AZURE_FEDERATED_TOKEN_FILE', value: '/var/run/secrets/azure/tokens/azure-identity-token' }] }),
    message: `${W}: 'env[0].name' ("AZURE_FEDERATED_TOKEN_FILE") is set by the Azure Workload Identity webhook on pods with an identity, which keeps a value the container already has: remove it (the webhook mounts the token at a path that depends on its version: /var/run/secrets/azure/tokens/azure-identity-token up to v1.5, /var/run/secrets/azure/wi/token/azure-identity-token from v1.6)`,
  },

  {
    // azure-workload-identity webhook.go getServiceAccountTokenExpiration: 3600-86400 s, else the pod is rejected.
    name: 'a workload with an identity asks the webhook for a token that expires in less than an hour',
    at: 'construction',
    given: app => worker(system(app), { identity: identity(), podAnnotations: [{ key: 'azure.workload.identity/service-account-token-expiration', value: '600' }] }),
    message: `${W}: 'podAnnotations' sets "azure.workload.identity/service-account-token-expiration" to "600", which the Azure Workload Identity webhook rejects (the pods would never be created): give whole seconds from 3600 to 86400`,
  },
  {
    name: 'a workload with an identity gives the webhook a token expiration that is not a number of seconds',
    at: 'construction',
    given: app => api(system(app), { identity: identity(), annotations: [{ key: 'azure.workload.identity/service-account-token-expiration', value: '24h' }] }),
    message: `${A}: 'annotations' sets "azure.workload.identity/service-account-token-expiration" to "24h", which the Azure Workload Identity webhook rejects (the pods would never be created): give whole seconds from 3600 to 86400`,
  },
  {
    // azure-workload-identity webhook.go shouldInjectProxySidecar (the key alone) and injectProxyInitContainer
    // (privileged, user 0, NET_ADMIN): Pod Security admission then refuses the pod in a restricted namespace.
    name: 'a workload with an identity asks the webhook for its IMDS proxy sidecar',
    at: 'construction',
    given: app => worker(system(app), { identity: identity(), podAnnotations: [{ key: 'azure.workload.identity/inject-proxy-sidecar', value: 'false' }] }),
    message: `${W}: 'podAnnotations' sets "azure.workload.identity/inject-proxy-sidecar" (to "false"; the webhook reads any value as yes), so the Azure Workload Identity webhook adds its IMDS proxy, whose init container runs privileged as root with NET_ADMIN: Pod Security "restricted" refuses such pods, so none would be created; remove it (the Durable Task SDKs and Azure Identity use the workload identity token)`,
  },
  {
    // azure-workload-identity webhook.go getSkipContainers: ';'-separated, trimmed.
    name: 'a workload with an identity tells the webhook to skip its own container',
    at: 'construction',
    given: app => api(system(app), { identity: identity(), annotations: [{ key: 'azure.workload.identity/skip-containers', value: 'istio-proxy; api' }] }),
    message: `${A}: 'annotations' sets "azure.workload.identity/skip-containers" to "istio-proxy; api", which names the workload's container "api": the Azure Workload Identity webhook would give it neither the token nor the AZURE_* variables, so it could not log in as 'identity'; remove it, or remove 'identity'`,
  },

  // ---------------------------------------------------------------- issue 10: scheduler endpoint and emulator
  {
    name: 'SchedulerAuthentication.NONE is used with an https:// endpoint',
    at: 'construction',
    given: app => worker(system(app),
      { scheduler: scheduler(ENDPOINT, { authentication: SchedulerAuthentication.NONE }) }),
    message: `${W}: 'scheduler.authentication' (None) sends no credentials, which only the local DTS emulator accepts: use it with the emulator's http:// endpoint, not "${ENDPOINT}"`,
  },

  // ---------------------------------------------------------------- issue 10: plain JavaScript callers (no type check)
  {
    name: 'a JavaScript caller gives a worker no props',
    at: 'construction',
    given: app => new DurableWorker(system(app), 'worker', undefined as unknown as DurableWorkerProps),
    message: `${W}: 'image' is required (received undefined): give a container image with a tag, e.g. "myregistry.azurecr.io/worker:1.4.2"`,
  },
  {
    name: 'a JavaScript caller leaves out the scheduler',
    at: 'construction',
    given: app => new DurableWorker(system(app), 'worker', { image: IMAGE, taskHub: 'orders' } as unknown as DurableWorkerProps),
    message: `${W}: 'scheduler' is required (received undefined): give DurableTaskScheduler.fromEndpoint(...)`,
  },
  {
    name: 'a JavaScript caller passes the scheduler endpoint as a string',
    at: 'construction',
    given: app => api(system(app), { scheduler: ENDPOINT as unknown as DurableTaskScheduler }),
    message: `${A}: 'scheduler' ("${ENDPOINT}") must be made with DurableTaskScheduler.fromEndpoint(...)`,
  },
  {
    name: 'a JavaScript caller passes the task hub as a number',
    at: 'construction',
    given: app => worker(system(app), { taskHub: 42 as unknown as string }),
    message: `${W}: 'taskHub' (42) must be a task hub name: 3-64 letters, digits or '-'`,
  },
  {
    name: 'a JavaScript caller passes scaling as a plain object',
    at: 'construction',
    given: app => worker(system(app), { scaling: { minReplicas: 2 } as unknown as Scaling }),
    message: `${W}: 'scaling' ({"minReplicas":2}) must be made with Scaling.fixedReplicas/hpa/keda(...)`,
  },
  {
    name: 'a JavaScript caller passes env as a string',
    at: 'construction',
    given: app => worker(system(app), { env: 'LOG_LEVEL=info' as unknown as [] }),
    message: `${W}: 'env' ("LOG_LEVEL=info") must be a list`,
  },
  {
    name: 'a JavaScript caller passes an env value as a number',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'WORKERS', value: 4 as unknown as string }] }),
    message: `${W}: 'env[0].value' (4) must be a string`,
  },
  {
    name: 'a JavaScript caller adds a tenant worker without options',
    at: 'construction',
    given: app => tenant(app, 'tenant-a').addWorker('Worker', undefined as unknown as DurableWorkerProps),
    message: 'tenant-a/Worker: \'image\' is required (received undefined): give a container image with a tag, e.g. "myregistry.azurecr.io/worker:1.4.2"',
  },
  {
    name: 'a JavaScript caller gives a tenant no props',
    at: 'construction',
    given: app => new TaskHubTenant(app, 'tenant-a', undefined as unknown as TaskHubTenantProps),
    message: `tenant-a: 'namespaceName' is required (received undefined): give the namespace of the tenant, e.g. "tenant-a"`,
  },
  {
    name: 'a baseline has no namespaceName in a chart without namespace',
    at: 'construction',
    given: app => new NamespaceBaseline(noNamespace(app), 'Baseline'),
    message: `durable-system/Baseline: 'namespaceName' is required when the chart has no namespace: give the namespace, e.g. "orders", and create the baseline in a Chart with that 'namespace', so that the quota and policies apply to the chart's workloads`,
  },
  {
    name: 'a JavaScript caller gives a baseline null props',
    at: 'construction',
    given: app => new NamespaceBaseline(system(app), 'Baseline', null as unknown as NamespaceBaselineProps),
    message: `durable-system/Baseline: 'props' (null) must be an object of options`,
  },
  {
    name: 'a JavaScript caller gives Scaling.keda no triggers',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({} as Parameters<typeof Scaling.keda>[0]) }),
    message: `${W}: 'scaling.triggers' (undefined) must be a list of triggers made with KedaTrigger.cpu(...), memory, prometheus, cron or durableTaskScheduler`,
  },
  {
    name: 'a JavaScript caller gives an HTTP probe no path',
    at: 'construction',
    given: app => api(system(app), { readinessProbe: HealthProbe.http(undefined as unknown as string) }),
    message: `${A}: 'readinessProbe.path' (undefined) must start with '/'`,
  },
  {
    // Before: a TypeError (reading 'trim' of undefined): forEach skips the hole, so no element check saw it.
    name: 'a JavaScript caller passes a command with an empty slot',
    at: 'construction',

    given: app => worker(system(app), { command: [, 'dotnet'] as string[] }),
    message: `${W}: 'command[0]' is an empty slot of the list ([null,"dotnet"]): give every element`,
  },
  {
    // Before: accepted; the Deployment had `args: [null, null]` (the manifest validator's schema check refuses it; Go's
    // JSON decoding would read each null as an empty argument).
    name: 'a JavaScript caller passes args made with new Array(2)',
    at: 'construction',
    given: app => worker(system(app), { args: new Array<string>(2) }),
    message: `${W}: 'args[0]' is an empty slot of the list ([null,null]): give every element`,
  },
  {
    // Before: accepted; the ScaledObject had `triggers: [null]` (the manifest validator's schema check refuses it).
    name: 'a JavaScript caller gives Scaling.keda triggers with an empty slot',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: new Array<KedaTrigger>(1) }) }),
    message: `${W}: 'scaling.triggers[0]' is an empty slot of the list ([null]): give every element`,
  },
  {
    // Before: `'labels[0].key' (undefined) must be a label key: ...`, about a key of an entry that is not there.
    name: 'a JavaScript caller passes a null label entry',
    at: 'construction',
    given: app => worker(system(app), { labels: [null as unknown as { key: string; value: string }] }),
    message: `${W}: 'labels[0]' (null) must be an entry: { key, value }`,
  },
  {
    // Before: `'port' (0) must be ...`: String(-0) is "0", so the message hid the sign.
    name: 'a JavaScript caller passes the API port as negative zero',
    at: 'construction',
    given: app => api(system(app), { port: -0 }),
    message: `${A}: 'port' (-0) must be an integer from 1 to 65535`,
  },
  // ------------------------------------------------------------ issue 11: configuration, volumes, metadata, scaling
  {
    name: 'an env variable has both a value and a valueFrom',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'TOKEN', value: 'x', valueFrom: EnvValueSource.fromSecret('t', 'token') }] }),
    message: `${W}: 'env[0]' ("TOKEN") must have exactly one of 'value' and 'valueFrom' (it has both)`,
  },
  {
    name: 'an env variable has neither a value nor a valueFrom',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'TOKEN' }] }),
    message: `${W}: 'env[0]' ("TOKEN") must have exactly one of 'value' and 'valueFrom' (it has neither)`,
  },
  {
    name: 'an env value comes from a Secret key with a slash',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'TOKEN', valueFrom: EnvValueSource.fromSecret('orders', 'a/b') }] }),
    message: `${W}: 'env[0].valueFrom.key' ("a/b") must be a Secret or ConfigMap key: 1-253 letters, digits, '-', '_' or '.'`,
  },
  {
    name: 'an envFrom prefix starts with a digit',
    at: 'construction',
    given: app => worker(system(app), { envFrom: [EnvFromSource.configMap('flags', { prefix: '1_' })] }),
    message: `${W}: 'envFrom[0].prefix' ("1_") ${ENV_NAME}`,
  },
  {
    name: "a volume is named 'tmp' (the construct's /tmp)",
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'tmp', volume: WorkloadVolume.emptyDir(), mountPath: '/scratch' }] }),
    message: `${W}: 'volumes[0].name' ("tmp") is already used by the construct (its writable /tmp): volume names must be unique`,
  },
  {
    name: 'a volume mount path is relative',
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'certs', volume: WorkloadVolume.fromSecret('certs'), mountPath: 'etc/certs' }] }),
    message: `${W}: 'volumes[0].mountPath' ("etc/certs") must be an absolute path without '..' or ':'`,
  },
  {
    name: 'two volumes are mounted at one path',
    at: 'construction',
    given: app => worker(system(app), { volumes: [
      { name: 'a', volume: WorkloadVolume.fromSecret('a'), mountPath: '/etc/app' },
      { name: 'b', volume: WorkloadVolume.fromConfigMap('b'), mountPath: '/etc/app/' },
    ] }),
    message: `${W}: 'volumes[1].mountPath' ("/etc/app/") is already the mount path of volume "a": each path can hold one volume`,
  },
  {
    // azure-workload-identity pkg/webhook/consts.go VolumeMountPath (v1.6+), TokenFileMountPath (up to v1.5): the
    // webhook adds its token mount there, and the API server refuses two mounts at one path.
    name: 'a workload with an identity mounts a volume where the workload identity webhook mounts its token',
    at: 'construction',
    given: app => worker(system(app), { identity: identity(), volumes: [{ name: 'token', volume: WorkloadVolume.fromSecret('token'), mountPath: '/var/run/secrets/azure/tokens/' }] }),
    message: `${W}: 'volumes[0].mountPath' ("/var/run/secrets/azure/tokens/") is where the Azure Workload Identity webhook mounts the token of a workload with an identity (/var/run/secrets/azure/tokens up to v1.5, /var/run/secrets/azure/wi from v1.6): the pod would have two volumes at one path, which the API server refuses; mount it elsewhere`,
  },
  {
    name: "a label replaces the construct's selector label",
    at: 'construction',
    given: app => worker(system(app), { labels: [{ key: 'app.kubernetes.io/name', value: 'orders' }] }),
    message: `${W}: 'labels'/'podLabels' set "app.kubernetes.io/name", which the construct sets on the pods ("durable-worker"): leave that key to the construct (selectors and the workload identity webhook rely on it)`,
  },
  {
    name: "an annotation replaces the construct's cert-manager annotation",
    at: 'construction',
    given: app => api(system(app), {
      ingress: { host: 'api.example.com', tlsSecretName: 'api-tls', clusterIssuer: 'letsencrypt' },
      annotations: [{ key: 'cert-manager.io/cluster-issuer', value: 'other' }],
    }),
    message: `${A}: 'annotations' sets "cert-manager.io/cluster-issuer" to "other", but the construct sets it to "letsencrypt" on Ingress "durable-api": leave that key to the construct`,
  },
  {
    name: 'a node affinity rule with In has no values',
    at: 'construction',
    given: app => worker(system(app), { nodeAffinity: [{ key: 'kubernetes.azure.com/agentpool', matchOperator: NodeSelectorOperator.IN }] }),
    message: `${W}: 'nodeAffinity[0].values' is empty: In needs at least one value`,
  },
  {
    name: 'a pod anti-affinity weight is 0',
    at: 'construction',
    given: app => worker(system(app), { podAffinity: [{ podLabels: [{ key: 'app', value: 'x' }], topologyKey: 'kubernetes.io/hostname', anti: true, weight: 0 }] }),
    message: `${W}: 'podAffinity[0].weight' (0) must be an integer from 1 to 100`,
  },
  {
    name: 'a custom trigger names a scaler KEDA 2.20 does not have',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ triggers: [KedaTrigger.custom('azure-service-bus', { metadata: [{ key: 'queueName', value: 'orders' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].scalerType' ("azure-service-bus") is not a scaler of KEDA 2.20: use one of its scaler types, e.g. "azure-servicebus", "azure-monitor", "external" (see https://keda.sh/docs/2.20/scalers/)`,
  },
  {
    name: 'a custom trigger is a cpu trigger',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ triggers: [KedaTrigger.custom('cpu', { metadata: [{ key: 'value', value: '70' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].scalerType' ("cpu") has its own factory that checks its metadata: use KedaTrigger.cpu(...)`,
  },
  {
    // kedacore/keda v2.20.2 scalersconfig/typed_config.go configParamValue: "<parameter>FromEnv" names a variable of
    // the Deployment's first container (resolver ResolveContainerEnv); a missing one leaves the parameter empty.
    name: "a custom trigger reads a parameter from an environment variable the workload's container does not have",
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'LOG_LEVEL', value: 'info' }], scaling: keda({ minReplicas: 0, triggers: [KedaTrigger.custom('azure-servicebus', { metadata: [{ key: 'queueName', value: 'orders' }, { key: 'connectionFromEnv', value: 'SERVICEBUS_CONNECTION' }] })] }) }),
    message: `${W}: 'scaling.triggers[0].metadata' sets "connectionFromEnv" to "SERVICEBUS_CONNECTION", but the workload's container has no environment variable "SERVICEBUS_CONNECTION" (it has DTS_ENDPOINT, TASKHUB_NAME, LOG_LEVEL): KEDA reads "connection" from that variable, so the scaler would get none; add it to 'env' (e.g. with EnvValueSource.fromSecret), or give the value with 'secretRefs'`,
  },
  {
    // kedacore/keda v2.20.2 pkg/scalers/prometheus_scaler.go: fmt.Sprintf("%s/api/v1/query?query=%s&time=%s", ...).
    name: 'a prometheus server address already ends in the query path KEDA appends',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ triggers: [prometheus({ serverAddress: 'https://orders-amw.westus2.prometheus.monitor.azure.com/api/v1/query' })] }) }),
    message: `${W}: 'scaling.triggers[0].serverAddress' ("https://orders-amw.westus2.prometheus.monitor.azure.com/api/v1/query") ends in "/api/v1/query", but KEDA appends "/api/v1/query?query=..." to the server address itself, so it would ask for "/api/v1/query/api/v1/query": give the server's base URL, "https://orders-amw.westus2.prometheus.monitor.azure.com"`,
  },
  {
    name: 'idle replicas are 1',
    at: 'construction',
    given: app => worker(system(app),
      { scaling: keda({ minReplicas: 2, idleReplicaCount: 1, triggers: [prometheus()] }) }),
    message: `${W}: 'scaling.idleReplicaCount' (1) must be 0, with 'minReplicas' >= 1 (it is 2): KEDA supports only 0 idle replicas, below minReplicaCount`,
  },
  {
    name: 'a KEDA fallback has only a cpu trigger',
    at: 'construction',
    given: app => worker(system(app), { scaling: keda({ fallback: { failureThreshold: 3, replicas: 2 } }) }),
    message: `${W}: 'scaling.fallback' needs a trigger other than cpu/memory: KEDA has no fallback for resource metrics`,
  },
  {
    name: 'an HPA scale-down policy period is an hour',
    at: 'construction',
    given: app => worker(system(app), {
      scaling: Scaling.hpa({
        scaleDown: { policies: [{ policyType: ScalingPolicyType.PODS, value: 1, periodSeconds: 3600 }] },
      }),
    }),
    message: `${W}: 'scaling.scaleDown.policies[0].periodSeconds' (3600) must be an integer from 1 to 1800`,
  },
  {
    name: 'an HPA scale-up has an empty policy list',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ scaleUp: { policies: [] } }) }),
    message: `${W}: 'scaling.scaleUp.policies' is empty: give at least one policy, or leave it out for the default`,
  },
  {
    name: 'an ingress lists one path twice',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com', paths: ['/orders', '/orders'] } }),
    message: `${A}: 'ingress.paths[1]' ("/orders") is a duplicate: each path can be routed once`,
  },
  {
    name: 'an HTTPRoute header name has a space',
    at: 'construction',
    given: app => api(system(app), { httpRoute: { gatewayName: 'gw', gatewayNamespace: 'gateways', headers: [{ name: 'x tenant', value: 'a' }] } }),
    message: `${A}: 'httpRoute.headers[0].name' ("x tenant") must be an HTTP header name`,
  },
  {
    name: 'a load balancer Service has no source CIDRs',
    at: 'construction',
    given: app => api(system(app),
      { service: { serviceType: ApiServiceType.LOAD_BALANCER, internalLoadBalancer: true } }),
    message: `${A}: 'service.sourceCidrs' is required for a load balancer: the CIDRs it admits (e.g. the virtual network's, or "0.0.0.0/0" for the internet); the namespace's default deny blocks everything else`,
  },
  {
    name: 'an internal load balancer is asked of a ClusterIP Service',
    at: 'construction',
    given: app => api(system(app), { service: { internalLoadBalancer: true } }),
    message: `${A}: 'service.internalLoadBalancer' and 'service.sourceCidrs' need 'service.serviceType' ApiServiceType.LOAD_BALANCER`,
  },
  {
    name: 'the API port name is longer than 15 characters',
    at: 'construction',
    given: app => api(system(app), { service: { portName: 'orders-http-port-1' } }),
    message: `${A}: 'service.portName' ("orders-http-port-1") must be a port name: 1-15 lowercase letters, digits or '-', with at least one letter and no '-' at either end or twice in a row, e.g. "http" or "grpc"`,
  },

  // --- Delivery as code (issue 13): tenants file, GitOps, Azure identities, identity plan ---
  {
    name: 'a tenants file entry has a number out of range',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.workers = [{ scaling: { type: 'hpa', maxReplicas: 0 } }]; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].scaling.maxReplicas' (0) must be >= 1",
  },
  {
    name: 'a tenants file workload names an image pull Secret that is not a DNS-1123 subdomain',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.workers = [{ imagePullSecrets: ['ACR_pull'] }]; })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].imagePullSecrets[0]' (\"ACR_pull\") must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit",
  },
  {
    name: 'a tenants file probe has a field its type does not use',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.apis = [{ readinessProbe: { type: 'tcp', port: 8080, path: '/healthz' } }]; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'apis[0].readinessProbe.path' (\"/healthz\") does not apply to type \"tcp\"; type \"tcp\" allows: type, port, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold",
  },
  {
    name: 'a tenants file probe lacks a field its type needs',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.apis = [{ livenessProbe: { type: 'grpc' } }]; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'apis[0].livenessProbe.port' is required with type \"grpc\"",
  },
  {
    name: 'a tenants file HTTP probe path does not start with a slash',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.apis = [{ image: IMAGE, livenessProbe: { type: 'http', path: 'healthz' } }]; })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"acme\": 'apis[0].livenessProbe.path' (\"healthz\") must start with '/'",
  },
  {
    name: 'a tenants file worker has a network probe but no port',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.workers = [{ readinessProbe: { type: 'http', path: '/healthz' } }]; })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].readinessProbe' is an HTTP probe but the container has no port: set 'workers[0].port' or use type \"exec\"",
  },
  {
    name: 'a tenants file HPA name is not a DNS-1123 subdomain',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.workers = [{ scaling: { type: 'hpa', name: 'Orders_HPA' } }]; })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].scaling.name' (\"Orders_HPA\") must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', starting and ending with a letter or digit",
  },
  {
    name: 'a tenants file has an unquoted value that YAML 1.1 reads as a number, boolean or date where a string goes',
    at: 'construction',
    given: () => TenantsFile.fromFile(tenantsYaml('tenants.yaml', '    workers: [{ env: [{ name: ZIP, value: 0123 }] }]')),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].env[0].value' (0123) must be a string, but YAML reads 0123 unquoted as the number 83: quote it, \"0123\"",
  },
  {
    name: 'a tenants file has an unquoted quantity that YAML 1.1 reads as another number (octal)',
    at: 'construction',
    given: () => TenantsFile.fromFile(tenantsYaml('tenants.yaml', '    workers: [{ resources: { cpuRequest: 0100 } }]')),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].resources.cpuRequest' (0100) is the number 64 to YAML 1.1, not the quantity 0100: quote it, \"0100\"",
  },
  {
    name: 'a tenants file gives no value (YAML\'s null) for a required string',
    at: 'construction',
    given: () => TenantsFile.fromFile(tenantsYaml('tenants.yaml', '    workers: [{ env: [{ name: EMPTY, value: }] }]')),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].env[0].value' is required (YAML reads no value as null): write \"\" for an empty string",
  },
  {
    name: 'a tenants file quotes a number',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.workers = [{ preStopDelaySeconds: '5' }]; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].preStopDelaySeconds' (\"5\") must be an integer: write 5 without quotes",
  },
  {
    name: 'a tenants file entry scales on the scheduler as an identity ASO creates, whose client id the file does not have yet',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.identity = { azure: { create: { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'westus2' } } };
      t.workers = [{ scaling: { type: 'keda', maxReplicas: 5, triggers: [{ type: 'cpu' }, { type: 'durableTaskScheduler' }] } }];
    })),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].scaling.triggers[1].type' (\"durableTaskScheduler\") authenticates as 'identity', whose client id ASO writes to ConfigMap acme-workers-identity once it has created the identity, but KEDA's TriggerAuthentication takes a client id only as a value: add that client id as 'identity.clientId' (a second pull request), or scale on cpu or memory until then",
  },
  {
    name: "a tenants file entry's durableTaskScheduler trigger has an identity of its own without a client id",
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.identity = { clientId: CLIENT_ID };
      t.workers = [{ scaling: { type: 'keda', maxReplicas: 5, triggers: [{ type: 'durableTaskScheduler', identity: { tenantId: 'contoso.onmicrosoft.com' } }] } }];
    })),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].scaling.triggers[0].identity.clientId' is required: KEDA's TriggerAuthentication takes the client id of the trigger's identity as a value",
  },
  {
    name: "a tenants file entry's durableTaskScheduler trigger has an identity ASO would create",
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.identity = { clientId: CLIENT_ID };
      t.workers = [{ scaling: { type: 'keda', maxReplicas: 5, triggers: [{ type: 'durableTaskScheduler',
        identity: { azure: { create: { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'westus2' } } } }] } }];
    })),
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[0].scaling.triggers[0].identity.azure.create' cannot create a trigger's identity: KEDA's TriggerAuthentication takes its client id as a value, which an identity ASO creates has only once it exists; create it first (az identity create, Bicep or Terraform), then give its 'clientId', and 'azure.resourceId' and 'azure.principalId' for its federated credential and role",
  },
  {
    name: "a tenants file entry's durableTaskScheduler trigger gives the workers' identity a second azure section",
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.identity = { clientId: CLIENT_ID };
      t.workers = [{ scaling: { type: 'keda', maxReplicas: 5, triggers: [{ type: 'durableTaskScheduler', identity: { clientId: CLIENT_ID,
        azure: { resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acme', principalId: OTHER_CLIENT_ID } } }] } }];
    })),
    message: `tenants.yaml: tenants[0] "acme": 'workers[0].scaling.triggers[0].identity.clientId' ("${CLIENT_ID}") is the client id of 'identity', whose Azure side is 'identity.azure': leave the trigger's 'identity' out (the trigger authenticates as 'identity' without it), or give the trigger another identity`,
  },
  {
    name: 'two durableTaskScheduler triggers of a tenants file entry give one identity different azure sections',
    at: 'construction',
    given: app => {
      const azure = (principalId: string) => ({ resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/s', principalId });
      const scaling = (principalId: string) => ({ type: 'keda', maxReplicas: 5, triggers: [{ type: 'durableTaskScheduler', identity: { clientId: OTHER_CLIENT_ID, azure: azure(principalId) } }] });
      const file = TenantsFile.fromData('tenants.yaml', tenantsData(t => {
        t.identity = { clientId: CLIENT_ID };
        t.workers = [{ name: 'a', scaling: scaling('00000000-0000-0000-0000-0000000000cc') }, { name: 'b', scaling: scaling('00000000-0000-0000-0000-0000000000dd') }];
      }));
      const [tenant] = file.addTenants(app);
      file.addAzureIdentities(new AzureIdentities(app, 'azure', { namespaceName: 'acme', oidcIssuerUrl: 'https://issuer/',
        schedulers: [{ endpoint: ENDPOINT, subscriptionId: CLIENT_ID, resourceGroup: 'rg', schedulerName: 'orders' }] }), tenant);
    },
    message: "tenants.yaml: tenants[0] \"acme\": 'workers[1].scaling.triggers[0].identity.azure' ({\"resourceId\":\"/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGr...) differs from the azure section of workers[0].scaling.triggers[0].identity, which has the same client id: one identity has one Azure side; give it once, or the same in both",
  },
  {
    name: 'a tenants file entry has an existing identity without its client id, so its pods would log in as none',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.identity = { azure: { resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acme', principalId: '00000000-0000-0000-0000-0000000000bb' } };
    })),
    message: "tenants.yaml: tenants[0] \"acme\": 'identity.clientId' is required: the pods log in as the identity by its client id (az identity show --ids /subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acme --query clientId); or give 'identity.azure.create' for an identity ASO creates, whose client id the pods read from the ConfigMap ASO writes",
  },
  {
    name: 'a tenants file entry has an unknown field',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.worker = []; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'worker' is an unknown field; allowed: name, namespace, createBaseline, baseline, taskHub, scheduler, identity, apiIdentity, workers, apis",
  },
  {
    name: 'a tenants file entry names an unknown scheduler',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.scheduler = 'billing'; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'scheduler' (\"billing\") must name one of the schedulers: \"orders\"",
  },
  {
    name: 'two tenants file entries have the same name',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', { ...tenantsData(), tenants: [{ name: 'acme' }, { name: 'acme' }] }),
    message: "tenants.yaml: tenants[1] \"acme\": 'name' (\"acme\") is already the name of tenants[0]",
  },
  {
    name: 'a tenants file entry fails a construct rule on a field of its own (reported at the field)',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.taskHub = 'a'; })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"acme\": 'taskHub' (\"a\") must be a task hub name: 3-64 letters, digits or '-'",
  },
  {
    name: 'a tenants file entry without a namespace has a name that cannot be one (the namespace defaults to the name)',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.name = 'Acme'; })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"Acme\": 'name' (\"Acme\") is also the tenant's namespace (the entry gives no 'namespace'), and must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit",
  },
  {
    name: 'a tenants file entry writes a boolean as no, which YAML 1.1 reads as false and YAML 1.2 (the editor) as a string',
    at: 'construction',
    given: () => TenantsFile.fromFile(tenantsYaml('tenants.yaml', '    baseline: { createNamespace: no }')),
    message: "tenants.yaml: tenants[0] \"acme\": 'baseline.createNamespace' (no) must be true or false: YAML 1.1 (cdk8s) reads no unquoted as false, YAML 1.2 (editors checking the JSON Schema) as the string \"no\"; write false",
  },
  {
    name: 'a tenants file entry quotes a boolean',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => { t.createBaseline = 'false'; })),
    message: "tenants.yaml: tenants[0] \"acme\": 'createBaseline' (\"false\") must be true or false: write false without quotes",
  },
  {
    name: 'a tenants file entry gives baseline settings but no baseline (createBaseline false)',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.createBaseline = false;
      t.baseline = { createNamespace: false };
    })),
    message: "tenants.yaml: tenants[0] \"acme\": 'baseline' needs 'createBaseline' true: with 'createBaseline: false' the platform owns the namespace and its quota, limits and policies, so the tenant creates none of them and there is nothing to configure; remove 'baseline', or remove 'createBaseline: false' for a baseline in the platform's namespace ('baseline.createNamespace: false')",
  },
  {
    name: 'a tenants file entry gives a Pod Security version for a namespace it adopts (it would be ignored)',
    at: 'construction',
    given: () => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.baseline = { createNamespace: false, podSecurityVersion: 'v1.30' };
    })),
    message: "tenants.yaml: tenants[0] \"acme\": 'baseline.podSecurityVersion' (\"v1.30\") needs 'baseline.createNamespace' true: an adopted namespace keeps the platform's Pod Security labels",
  },
  {
    name: 'a tenants file entry has a baseline quota its workloads do not fit (reported at the field)',
    at: 'construction',
    given: app => TenantsFile.fromData('tenants.yaml', tenantsData(t => {
      t.baseline = { createNamespace: false, quota: { pods: 3 } };
      t.workers = [{ scaling: { type: 'hpa', minReplicas: 1, maxReplicas: 4 } }];
    })).addTenants(app),
    message: "tenants.yaml: tenants[0] \"acme\": 'baseline.quota.pods' (3 pods) is below what the workloads need at maximum scale during a rollout (5 pods = acme/worker-0 5 pods; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
  },
  {
    name: 'a GitOps repository URL is not a Git URL',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'example.com/platform' }),
    message: "gitops: 'repoUrl' (\"example.com/platform\") must be an https://, http://, ssh:// or git@ Git URL",
  },
  {
    // Before: the message showed the token.
    name: 'a GitOps repository URL with a token in it has a space',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://ghp_0123456789abcdef@github.com/org/platform .git' }),
    message: "gitops: 'repoUrl' (\"https://***@github.com/org/platform .git\") must be an https://, http://, ssh:// or git@ Git URL",
  },
  {
    // Before: the message showed the password.
    name: 'a GitOps repository URL with a password in it has no path',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: ' https://ci:s3cret@github.com' }),
    message: "gitops: 'repoUrl' (\" https://***@github.com\") must be an https://, http://, ssh:// or git@ Git URL",
  },
  {
    // Before: accepted; git and go-git append "/info/refs?service=git-upload-pack" to the URL as given, so both
    // engines failed to fetch (a kustomize- or Terraform-style "?ref=" is not a Git revision).
    name: 'a GitOps repository URL carries a revision as a query',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git?ref=main' }),
    message: "gitops: 'repoUrl' (\"https://github.com/x/y.git?ref=main\") has a query or fragment (\"?ref=main\"), which Git URLs do not take: give the branch, tag or commit as 'revision' and the folder as 'path', and the repository's URL alone",
  },
  {
    name: 'a GitOps path is absolute',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', path: '/dist' }),
    message: "gitops: 'path' (\"/dist\") must be a relative folder of the repository: '/'-separated names of letters, digits, '_', '-' or '.' (a leading './' and a trailing '/' are allowed), without a leading '/' or '.' and '..' names, e.g. \"dist\" or \"deploy/dist\"",
  },
  {
    name: 'a GitOps path leaves the repository',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', path: 'dist/../..' }),
    message: "gitops: 'path' (\"dist/../..\") must be a relative folder of the repository: '/'-separated names of letters, digits, '_', '-' or '.' (a leading './' and a trailing '/' are allowed), without a leading '/' or '.' and '..' names, e.g. \"dist\" or \"deploy/dist\"",
  },
  {
    name: 'a GitOps delivery turns off both engines',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', argoCd: false, flux: false }),
    message: "gitops: 'argoCd' and 'flux' are both false: enable at least one",
  },
  {
    name: 'a GitOps delivery gives the Argo CD destination by server URL and by name',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', flux: false,
      argoCdDestinationServer: 'https://aks.example.com:443', argoCdDestinationName: 'aks' }),
    message: "gitops: 'argoCdDestinationServer' (\"https://aks.example.com:443\") and 'argoCdDestinationName' (\"aks\") are both set: Argo CD takes the cluster's server URL or its name, not both (it rejects the Application: \"application destination can't have both name and server defined\"): give one",
  },
  {
    name: 'a GitOps Argo CD destination server is not an https:// URL',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', flux: false,
      argoCdDestinationServer: 'http://10.0.0.1:6443' }),
    message: "gitops: 'argoCdDestinationServer' (\"http://10.0.0.1:6443\") must be the https:// URL of the cluster's API server as registered in Argo CD, without credentials, spaces, query or fragment, e.g. \"https://aks-westeurope-1a2b3c4d.hcp.westeurope.azmk8s.io:443\"",
  },
  {
    name: 'a GitOps Argo CD destination name is empty',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', flux: false,
      argoCdDestinationName: '' }),
    message: "gitops: 'argoCdDestinationName' (\"\") must be the name of a cluster registered in Argo CD (the 'name' of its cluster Secret): a non-empty string without leading or trailing spaces, e.g. \"aks-westeurope\"",
  },
  {
    name: 'a GitOps delivery sends Argo CD to another cluster with Flux on',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git',
      argoCdDestinationName: 'aks-westeurope' }),
    message: "gitops: 'argoCdDestinationName' (\"aks-westeurope\") sends the Argo CD Applications to another cluster than Argo CD's own, while the Flux Kustomizations apply to the cluster Flux runs in: set 'flux' to false (Flux runs in each cluster instead, applying that cluster's output)",
  },
  {
    name: 'a chart is delivered by two GitOps entries',
    at: 'construction',
    given: app => {
      const gitops = new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git' });
      const chart = system(app);
      gitops.deliver('system', [chart]);
      gitops.deliver('again', [chart]);
    },
    message: `gitops: 'charts[0]' (durable-system) is already delivered by "system": apply each chart from one place only`,
  },
  {
    // Before: accepted; the Flux Kustomization got dependsOn "azure-service-operator", which the platform had named
    // "infra-aso": Flux waited for it forever and never applied the tenant (kustomize-controller checkDependencies).
    name: "a GitOps delivery's addOnKustomizations leave out an add-on a delivered chart uses",
    at: 'render',
    given: app => {
      const chart = system(app);
      const azure = new AzureIdentities(app, 'azure', { namespaceName: 'durable-system', oidcIssuerUrl: 'https://issuer/',
        schedulers: [{ endpoint: ENDPOINT, subscriptionId: CLIENT_ID, resourceGroup: 'rg', schedulerName: 'orders' }] });
      azure.addIdentity({ name: 'orders', workloads: [worker(chart, { identity: identity() })],
        create: { subscriptionId: CLIENT_ID, resourceGroup: 'rg', location: 'westus2' } });
      new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git', addOnKustomizations: { keda: 'infra-keda' } })
        .deliver('system', [chart, azure]);
    },
    message: "gitops: 'addOnKustomizations' ({\"keda\":\"infra-keda\"}) has no \"azure-service-operator\", which chart azure (delivered as \"system\") uses: add \"azure-service-operator\" to 'addOnKustomizations' with the name of the Flux Kustomization that installs it (\"azure-service-operator\" if the platform runs it under its default name); left out, the Kustomization \"system\" would depend on one named \"azure-service-operator\", and Flux waits forever for a dependency that does not exist, applying nothing",
  },
  {
    // Before: accepted; forEach skipped the slot, so the delivery applied no chart and said nothing.
    name: 'a JavaScript caller delivers a chart list made with new Array(1)',
    at: 'construction',
    given: app => new GitOpsDelivery(app, 'gitops', { repoUrl: 'https://github.com/x/y.git' }).deliver('system', new Array<Chart>(1)),
    message: "gitops: 'charts[0]' is an empty slot of the list ([null]): give every element",
  },
  {
    // Before: failed in AzureIdentities as "'identity.name' (\"<63 x a>-workers\") must be a DNS-1123 label", a name
    // the file never gives.
    name: "a tenants file entry's name is too long for the name of its Azure identity (<name>-workers)",
    at: 'construction',
    given: app => {
      const name = 'a'.repeat(63);
      const file = TenantsFile.fromData('tenants.yaml', tenantsData(t => {
        t.name = name;
        t.identity = { azure: { create: { subscriptionId: CLIENT_ID, resourceGroup: 'rg', location: 'westus2' } } };
        t.workers = [{}];
      }));
      const [tenant] = file.addTenants(app);
      file.addAzureIdentities(new AzureIdentities(app, 'azure', { namespaceName: name, oidcIssuerUrl: 'https://issuer/',
        schedulers: [{ endpoint: ENDPOINT, subscriptionId: CLIENT_ID, resourceGroup: 'rg', schedulerName: 'orders' }] }), tenant);
    },
    message: `tenants.yaml: tenants[0] "${'a'.repeat(63)}": 'name' ("${'a'.repeat(63)}") names the tenant's Azure identity "${'a'.repeat(63)}-workers", which may have at most 63 characters: use a name of at most 55`,
  },
  {
    name: 'the Azure identities have an http OIDC issuer',
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'http://issuer', schedulers: [] }),
    message: "azure: 'oidcIssuerUrl' (\"http://issuer\") must be an https:// URL, e.g. \"https://westus2.oic.prod-aks.azure.com/<tenant>/<guid>/\"",
  },
  {
    name: 'the Azure identities have an AKS OIDC issuer without its trailing slash',
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities',
      oidcIssuerUrl: 'https://westus2.oic.prod-aks.azure.com/t/c', schedulers: [] }),
    message: "azure: 'oidcIssuerUrl' (\"https://westus2.oic.prod-aks.azure.com/t/c\") is an AKS OIDC issuer without its trailing '/': AKS tokens name the issuer with it, and Entra ID compares the federated credential's issuer exactly; write \"https://westus2.oic.prod-aks.azure.com/t/c/\" (as az aks show --query oidcIssuerProfile.issuerUrl prints it)",
  },
  {
    name: 'an Azure identity is neither created nor existing',
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer/', schedulers: [] })
      .addIdentity({ name: 'orders', workloads: [worker(system(app))] }),
    message: "azure: identity \"orders\": has neither 'create' nor 'existing': give exactly one of 'create' (ASO creates the identity) and 'existing' (reference one)",
  },
  {
    name: 'an existing Azure identity has no principal id',
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer/', schedulers: [] })
      .addIdentity({ name: 'orders', workloads: [worker(system(app))], existing: {
        resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders',
        principalId: 'orders' } }),
    message: "azure: identity \"orders\": 'existing.principalId' (\"orders\") must be a GUID like 00000000-0000-0000-0000-000000000000",
  },
  {
    name: 'an Azure identity is both created and existing',
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer/', schedulers: [] })
      .addIdentity({ name: 'orders', workloads: [worker(system(app))],
        create: { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'westus2' },
        existing: { resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders', principalId: CLIENT_ID } }),
    message: "azure: identity \"orders\": has both 'create' and 'existing': give exactly one of 'create' (ASO creates the identity) and 'existing' (reference one)",
  },
  {
    // Before: a TypeError (reading 'subscriptionId' of undefined): "" was not taken for an 'existing', nor for none.
    name: "a JavaScript caller passes an Azure identity's existing as an empty string",
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer/', schedulers: [] })
      .addIdentity({ name: 'orders', workloads: [worker(system(app))], existing: '' as unknown as ExistingIdentityOptions }),
    message: "azure: identity \"orders\": 'existing' (\"\") must be an object of options",
  },
  {
    name: "a created Azure identity's subscription is not a GUID",
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer/', schedulers: [] })
      .addIdentity({ name: 'orders', workloads: [worker(system(app))], create: { subscriptionId: 'sub', resourceGroup: 'rg', location: 'westus2' } }),
    message: `azure: identity "orders": 'create.subscriptionId' ("sub") ${GUID}`,
  },
  {
    // A display name ("West US 2") is accepted and rendered as the region's name: ARM compares locations without case
    // and spaces. A '-' is in neither form.
    name: "a created Azure identity's location is no region name or display name",
    at: 'construction',
    given: app => new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer.example.com/', schedulers: [] })
      .addIdentity({ name: 'orders', workloads: [worker(system(app))], create: { subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', location: 'west-us-2' } }),
    message: 'azure: identity "orders": \'create.location\' ("west-us-2") must be an Azure region: its name, e.g. "westus2", or its display name, e.g. "West US 2"',
  },
  {
    name: 'an Azure identity would need more than 20 federated credentials',
    at: 'construction',
    given: app => {
      const chart = system(app);
      const workers = Array.from({ length: 21 }, (_, i) => worker(chart, { name: `w-${i}` }, `w${i}`));
      new AzureIdentities(app, 'azure', { namespaceName: 'azure-identities', oidcIssuerUrl: 'https://issuer/', schedulers: [] })
        .addIdentity({ name: 'orders', workloads: workers, existing: {
          resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders',
          principalId: CLIENT_ID } });
    },
    message: `azure: identity "orders": 'workloads' and 'scalerOf' need 21 federated credentials (one per ServiceAccount, and one for the KEDA operator when a trigger authenticates as the identity), but Azure allows at most 20 per identity: split the workloads over more identities`,
  },
  {
    name: 'two Azure identities assign the same role on the same task hub to one existing principal',
    at: 'construction',
    given: app => {
      const schedulers = [{ endpoint: ENDPOINT, subscriptionId: '00000000-0000-0000-0000-00000000000a', resourceGroup: 'rg', schedulerName: 'orders' }];
      const existing = {
        resourceId: '/subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/orders',
        principalId: CLIENT_ID };
      new AzureIdentities(app, 'one', { namespaceName: 'durable-system', oidcIssuerUrl: 'https://issuer/', schedulers })
        .addIdentity({ name: 'orders', workloads: [worker(system(app), { identity: identity() })], existing });
      new AzureIdentities(app, 'two', { namespaceName: 'billing', oidcIssuerUrl: 'https://issuer/', schedulers })
        .addIdentity({ name: 'billing', workloads: [worker(new Chart(app, 'billing', { namespace: 'billing' }), { identity: identity() })], existing });
    },
    message: `two: identity "billing": one assigns Durable Task Worker on /subscriptions/00000000-0000-0000-0000-00000000000a/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/orders/taskHubs/orders to the same principal (principal id 00000000-0000-0000-0000-000000000001) already, and Azure keeps one role assignment per scope, role and principal (another fails with RoleAssignmentExists): add the 'workloads' to one addIdentity`,
  },
  {
    name: 'the identity plan has no Azure resource for a workload\'s scheduler',
    at: 'construction',
    given: app => {
      worker(system(app));
      IdentityPlan.of(app, { schedulers: [] });
    },
    message: `${W}: 'schedulers' names no Azure resource for the scheduler "${ENDPOINT}" this workload connects to: add { endpoint, subscriptionId, resourceGroup, schedulerName } for it`,
  },
  {
    name: 'a scheduler resource name has a slash',
    at: 'construction',
    given: app => IdentityPlan.of(app, { schedulers: [{ endpoint: ENDPOINT, subscriptionId: CLIENT_ID, resourceGroup: 'rg/x', schedulerName: 's' }] }),
    message: "IdentityPlan: 'schedulers[0].resourceGroup' (\"rg/x\") must be an Azure resource name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'",
  },
  {
    // Microsoft.DurableTask/schedulers names are ^[a-zA-Z0-9-]{3,64}$: the task hub scope of the role assignments would
    // name a scheduler that cannot exist, and ASO would report the RoleAssignment failed only in the cluster.
    name: 'a scheduler resource name has a character Azure does not allow in scheduler names',
    at: 'construction',
    given: app => IdentityPlan.of(app, { schedulers: [{ endpoint: ENDPOINT, subscriptionId: CLIENT_ID, resourceGroup: 'orders-rg', schedulerName: 'orders_sched' }] }),
    message: "IdentityPlan: 'schedulers[0].schedulerName' (\"orders_sched\") must be a Durable Task Scheduler name: 3-64 letters, digits or '-'",
  },
  {
    name: 'a scheduler resource name is shorter than Azure allows',
    at: 'construction',
    given: app => IdentityPlan.of(app, { schedulers: [{ endpoint: ENDPOINT, subscriptionId: CLIENT_ID, resourceGroup: 'orders-rg', schedulerName: 'ab' }] }),
    message: "IdentityPlan: 'schedulers[0].schedulerName' (\"ab\") must be a Durable Task Scheduler name: 3-64 letters, digits or '-'",
  },
  // ------------------------------------------------ observability and the emulator (telemetry, metrics)
  {
    name: 'telemetry is set but exports nowhere',
    at: 'construction',
    given: app => worker(system(app), { telemetry: {} }),
    message: `${W}: 'telemetry' exports nowhere: set 'telemetry.otlp' (an OTLP collector or backend), 'telemetry.azureMonitor' (Application Insights), or both`,
  },
  {
    name: 'an OTLP collector outside the cluster on a port other than 443 has no egress CIDRs',
    at: 'construction',
    given: app => worker(system(app), { telemetry: { otlp: { endpoint: 'https://otlp.example.com:4317' } } }),
    message: `${W}: 'telemetry.otlp.endpoint' ("https://otlp.example.com:4317") is outside the cluster on port 4317, which the namespace's default deny blocks: set 'telemetry.otlp.egressCidrs' to the collector's addresses`,
  },
  {
    name: 'an OTLP egress CIDR is not a CIDR',
    at: 'construction',
    given: app => worker(system(app), { telemetry: { otlp: { endpoint: 'https://otlp.example.com:4317', egressCidrs: ['20.1.0.0'] } } }),
    message: `${W}: 'telemetry.otlp.egressCidrs[0]' ("20.1.0.0") ${CIDR}`,
  },
  {
    name: 'the metrics port is the API port',
    at: 'construction',
    given: app => api(system(app), { metrics: { port: 8080 } }),
    message: `${A}: 'metrics.port' (8080) is already the workload's port: serve metrics on a port of their own, so that the NetworkPolicy admits the scraper to the metrics only`,
  },
  {
    name: 'prometheus-operator metrics have no scraper namespace',
    at: 'construction',
    given: app => worker(system(app), { metrics: { port: 9090, scraper: MetricsScraper.PROMETHEUS_OPERATOR } }),
    message: `${W}: 'metrics.scraperNamespace' is required with MetricsScraper.PROMETHEUS_OPERATOR: the namespace of the Prometheus pods, which the NetworkPolicy admits to the metrics port (e.g. "monitoring")`,
  },
  {
    name: 'the emulator image uses latest',
    at: 'construction',
    given: app => new DurableTaskSchedulerEmulator(system(app), 'emulator', { image: 'mcr.microsoft.com/dts/dts-emulator:latest' }),
    message: `durable-system/emulator: 'image' ("mcr.microsoft.com/dts/dts-emulator:latest") uses the mutable tag 'latest': use ${IMAGE_RULE}`,
  },
  {
    name: 'a workload binds to the emulator with credentials',
    at: 'construction',
    given: app => {
      const chart = system(app);
      const emulator = new DurableTaskSchedulerEmulator(chart, 'emulator');
      const authentication = SchedulerAuthentication.WORKLOAD_IDENTITY;
      worker(chart, { scheduler: DurableTaskScheduler.fromEmulator(emulator, { authentication }) });
    },
    message: `${W}: 'scheduler.endpoint' ("http://dts-emulator.durable-system.svc:8080") ${ENDPOINT_RULE}: the Durable Task SDKs send credentials only over TLS, so an http:// endpoint (the local DTS emulator) needs SchedulerAuthentication.NONE`,
  },
  {
    // Before: accepted; the container had two ports named "metrics" (the API server: Duplicate value).
    name: "the API's port name is the metrics port's name",
    at: 'construction',
    given: app => api(system(app), { service: { portName: 'metrics' }, metrics: { port: 9090 } }),
    message: `${A}: 'service.portName' ("metrics") is the name of the metrics port ('metrics.port' 9090): container port names must be unique; choose another port name, e.g. "http"`,
  },
  {
    // Before: accepted; the API server refuses an absolute subPath (validateLocalDescendingPath).
    name: 'a volume subPath is absolute',
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'settings', volume: WorkloadVolume.fromConfigMap('settings'), mountPath: '/etc/orders/appsettings.json', subPath: '/appsettings.json' }] }),
    message: `${W}: 'volumes[0].subPath' ("/appsettings.json") must be a relative path in the volume without a '..' segment, e.g. "appsettings.json"`,
  },
  {
    name: "a volume subPath has a '..' segment",
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'settings', volume: WorkloadVolume.fromConfigMap('settings'), mountPath: '/etc/orders', subPath: 'app/../../x' }] }),
    message: `${W}: 'volumes[0].subPath' ("app/../../x") must be a relative path in the volume without a '..' segment, e.g. "appsettings.json"`,
  },
  {
    name: 'a volume subPath is not a string',
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'settings', volume: WorkloadVolume.fromConfigMap('settings'), mountPath: '/etc/orders', subPath: 42 as any }] }),
    message: `${W}: 'volumes[0].subPath' (42) must be a relative path in the volume without a '..' segment, e.g. "appsettings.json"`,
  },
  {
    // Before: accepted as true (a non-empty string is truthy).
    name: "a volume mount's readOnly is the string \"false\"",
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'settings', volume: WorkloadVolume.fromConfigMap('settings'), mountPath: '/etc/orders', readOnly: 'false' as any }] }),
    message: `${W}: 'volumes[0].readOnly' ("false") must be true or false`,
  },
  {
    // Before: TypeError (reading 'name' of null).
    name: 'a volume mount is null',
    at: 'construction',
    given: app => worker(system(app), { volumes: [null as any] }),
    message: `${W}: 'volumes[0]' (null) must be a volume mount: { name, volume, mountPath }`,
  },
  {
    // Before: accepted; KEDA renders the target as "0.000", and the HPA rejects a target of 0.
    name: 'the prometheus threshold is below 0.001',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ threshold: 0.0001 })] }) }),
    message: `${W}: 'scaling.triggers[0].threshold' (0.0001) must be >= 0.001: KEDA rounds the target to three decimals, and a target of 0 is rejected by the HPA; scale the query instead (e.g. multiply it by 1000)`,
  },
  {
    // Before: accepted; the API server refuses the API's Service ("exceeded quota").
    name: "the quota's services admit fewer Services than the namespace's APIs have",
    at: 'construction',
    given: app => {
      const chart = system(app);
      baseline(chart, { quota: { services: 0 } });
      api(chart);
    },
    message: `durable-system/Baseline: 'quota.services' (0) admits fewer Services than the namespace's APIs and emulators have (1: durable-system/api): raise 'quota.services'`,
  },
  {
    // Before: accepted; each container requests the LimitRange's 1Gi, and pods beyond 10 are refused at scale-out.
    name: "the quota's ephemeral storage is below the peak pods times the LimitRange default",
    at: 'construction',
    given: app => {
      const chart = system(app);
      baseline(chart, { quota: { requestsEphemeralStorage: '10Gi' } });
      worker(chart);
    },
    message: "durable-system/Baseline: 'quota.requestsEphemeralStorage' (10Gi) is below what the workloads need at maximum scale during a rollout (25Gi = durable-system/worker 25 pods × 1Gi; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota, lower 'limitRange.defaultEphemeralStorage' (each container's request) or lower 'maxReplicas'",
  },
  {
    // Before: accepted; 500m is half a byte.
    name: "the quota's ephemeral storage is in milli-bytes",
    at: 'construction',
    given: app => baseline(system(app), { quota: { requestsEphemeralStorage: '500m' } }),
    message: `durable-system/Baseline: 'quota.requestsEphemeralStorage' ("500m") is 0.5 bytes ('m' is a fraction, not mega): storage takes bytes with a binary suffix, e.g. "500Mi" or "1Gi"`,
  },
  {
    name: "the LimitRange's default ephemeral storage is in milli-bytes",
    at: 'construction',
    given: app => baseline(system(app), { limitRange: { defaultEphemeralStorage: '500m' } }),
    message: `durable-system/Baseline: 'limitRange.defaultEphemeralStorage' ("500m") is 0.5 bytes ('m' is a fraction, not mega): storage takes bytes with a binary suffix, e.g. "500Mi" or "1Gi"`,
  },
  {
    name: "an emptyDir's size limit is in milli-bytes",
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'cache', volume: WorkloadVolume.emptyDir({ sizeLimit: '500m' }), mountPath: '/cache' }] }),
    message: `${W}: 'volumes[0].volume.sizeLimit' ("500m") is 0.5 bytes ('m' is a fraction, not mega): storage takes bytes with a binary suffix, e.g. "500Mi" or "1Gi"`,
  },
  {
    // Before: accepted; a 256-byte request (meant as Mi).
    name: 'the memory request is a plain number of bytes',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryRequest: '256', memoryLimit: '1Gi' } }),
    message: `${W}: 'resources.memoryRequest' ("256") is 256 bytes: a container needs at least 4Mi (no container starts in less); memory takes bytes with a binary suffix, e.g. "256Mi" or "1Gi"`,
  },
  {
    // Before: accepted; the container was OOM-killed at start.
    name: 'the memory limit is 512 bytes',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryRequest: '4Mi', memoryLimit: '512' } }),
    message: `${W}: 'resources.memoryLimit' ("512") is 512 bytes: a memory limit must be at least 6Mi (Docker, behind cri-dockerd clusters such as minikube's, refuses less: "Minimum memory limit allowed is 6MB"; no container starts in much less); memory takes bytes with a binary suffix, e.g. "512Mi" or "1Gi"`,
  },
  {
    name: 'the memory limit is below 4Mi',
    at: 'construction',
    given: app => api(system(app), { resources: { memoryRequest: '4Mi', memoryLimit: '3Mi' } }),
    message: `${A}: 'resources.memoryLimit' ("3Mi") is 3145728 bytes: a memory limit must be at least 6Mi (Docker, behind cri-dockerd clusters such as minikube's, refuses less: "Minimum memory limit allowed is 6MB"; no container starts in much less); memory takes bytes with a binary suffix, e.g. "256Mi" or "1Gi"`,
  },
  {
    // Before: accepted (the floor was 4Mi); Docker (cri-dockerd, e.g. minikube) refused to create the container.
    name: 'the memory limit is below 6Mi',
    at: 'construction',
    given: app => worker(system(app), { resources: { memoryRequest: '4Mi', memoryLimit: '5Mi' } }),
    message: `${W}: 'resources.memoryLimit' ("5Mi") is 5242880 bytes: a memory limit must be at least 6Mi (Docker, behind cri-dockerd clusters such as minikube's, refuses less: "Minimum memory limit allowed is 6MB"; no container starts in much less); memory takes bytes with a binary suffix, e.g. "256Mi" or "1Gi"`,
  },
  {
    name: "the LimitRange's default memory limit is below 6Mi",
    at: 'construction',
    given: app => baseline(system(app), { limitRange: { defaultMemoryRequest: '4Mi', defaultMemoryLimit: '5.5Mi' } }),
    message: `durable-system/Baseline: 'limitRange.defaultMemoryLimit' ("5.5Mi") is 5767168 bytes: a memory limit must be at least 6Mi (Docker, behind cri-dockerd clusters such as minikube's, refuses less: "Minimum memory limit allowed is 6MB"; no container starts in much less); memory takes bytes with a binary suffix, e.g. "256Mi" or "1Gi"`,
  },
  {
    name: "the LimitRange's default memory request is a plain number of bytes",
    at: 'construction',
    given: app => baseline(system(app), { limitRange: { defaultMemoryRequest: '128' } }),
    message: `durable-system/Baseline: 'limitRange.defaultMemoryRequest' ("128") is 128 bytes: a container needs at least 4Mi (no container starts in less); memory takes bytes with a binary suffix, e.g. "128Mi" or "1Gi"`,
  },
  {
    // Before: accepted; the API server refuses an unknown taint effect.
    name: 'a toleration effect is misspelt',
    at: 'construction',
    given: app => worker(system(app), { tolerations: [{ key: 'workload', effect: 'NoSchedul' as any }] }),
    message: `${W}: 'tolerations[0].effect' ("NoSchedul") must be a TaintEffect (NoSchedule, PreferNoSchedule, NoExecute)`,
  },
  {
    // Before: accepted; rendered into the name (durable-worker-timer), the environment and the DTS trigger.
    name: 'the work item type is not a WorkItemType',
    at: 'construction',
    given: app => worker(system(app), { workItemType: 'Timer' as any }),
    message: `${W}: 'workItemType' ("Timer") must be a WorkItemType (Orchestration, Activity, Entity)`,
  },
  {
    name: 'the work item type has the wrong case',
    at: 'construction',
    given: app => worker(system(app), { workItemType: 'activity' as any }),
    message: `${W}: 'workItemType' ("activity") must be a WorkItemType (Orchestration, Activity, Entity)`,
  },
  {
    // Before: TypeError (toLowerCase of a number).
    name: 'the work item type is a number',
    at: 'construction',
    given: app => worker(system(app), { workItemType: 1 as any }),
    message: `${W}: 'workItemType' (1) must be a WorkItemType (Orchestration, Activity, Entity)`,
  },
  {
    name: "a DTS trigger's work item type is not a WorkItemType",
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler({ workItemType: 'Timer' as any })] }) }),
    message: `${W}: 'scaling.triggers[0].workItemType' ("Timer") must be a WorkItemType (Orchestration, Activity, Entity)`,
  },
  {
    // Before: `'readinessProbe.port' (8080) is not a port of the container (8080)`: a string port from JavaScript.
    name: 'an HTTP probe port is a string',
    at: 'construction',
    given: app => api(system(app), { readinessProbe: HealthProbe.http('/ready', { port: '8080' as any }) }),
    message: `${A}: 'readinessProbe.port' ("8080") must be an integer from 1 to 65535`,
  },
  {
    // Before: accepted as true (a non-empty string is truthy); so are the flags below.
    name: 'a pod affinity rule\'s anti is the string "false"',
    at: 'construction',
    given: app => worker(system(app), { podAffinity: [{ podLabels: [{ key: 'app', value: 'x' }], topologyKey: 'kubernetes.io/hostname', anti: 'false' as any }] }),
    message: `${W}: 'podAffinity[0].anti' ("false") must be true or false`,
  },
  {
    name: 'the API Service\'s internalLoadBalancer is the string "false"',
    at: 'construction',
    given: app => api(system(app), { service: { internalLoadBalancer: 'false' as any } }),
    message: `${A}: 'service.internalLoadBalancer' ("false") must be true or false`,
  },
  {
    name: 'the Ingress defaultBackend is the string "false"',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com', defaultBackend: 'false' as any } }),
    message: `${A}: 'ingress.defaultBackend' ("false") must be true or false`,
  },
  {
    name: 'an emptyDir\'s inMemory is the string "no"',
    at: 'construction',
    given: app => worker(system(app), { volumes: [{ name: 'cache', volume: WorkloadVolume.emptyDir({ inMemory: 'no' as any }), mountPath: '/cache' }] }),
    message: `${W}: 'volumes[0].volume.inMemory' ("no") must be true or false`,
  },
  {
    // Before: passed through into the manifest, which the API server refuses (optional is a boolean).
    name: 'an env value source\'s optional is the string "true"',
    at: 'construction',
    given: app => worker(system(app), { env: [{ name: 'TOKEN', valueFrom: EnvValueSource.fromSecret('s', 'k', { optional: 'true' as any }) }] }),
    message: `${W}: 'env[0].valueFrom.optional' ("true") must be true or false`,
  },
  {
    name: 'an envFrom source\'s optional is the string "true"',
    at: 'construction',
    given: app => worker(system(app), { envFrom: [EnvFromSource.secret('s', { optional: 'true' as any })] }),
    message: `${W}: 'envFrom[0].optional' ("true") must be true or false`,
  },
  {
    // Before: TypeError (reading 'key' of null); the same for the lists below.
    name: 'a node selector entry is null',
    at: 'construction',
    given: app => worker(system(app), { nodeSelector: [null as any] }),
    message: `${W}: 'nodeSelector[0]' (null) must be a node label: { key, value }`,
  },
  {
    name: 'a toleration is null',
    at: 'construction',
    given: app => worker(system(app), { tolerations: [null as any] }),
    message: `${W}: 'tolerations[0]' (null) must be a toleration: { key, value?, effect? }`,
  },
  {
    name: 'a node affinity rule is null',
    at: 'construction',
    given: app => worker(system(app), { nodeAffinity: [null as any] }),
    message: `${W}: 'nodeAffinity[0]' (null) must be a node affinity rule: { key, matchOperator, values?, weight? }`,
  },
  {
    name: 'a pod affinity rule is a string',
    at: 'construction',
    given: app => worker(system(app), { podAffinity: ['app=x' as any] }),
    message: `${W}: 'podAffinity[0]' ("app=x") must be a pod affinity rule: { podLabels, topologyKey, anti?, weight?, namespaces? }`,
  },
  {
    // Before: TypeError (forEach of a string).
    name: 'the ingress source CIDRs are one string instead of a list',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'api.example.com', sourceCidrs: '10.0.0.0/8' as any } }),
    message: `${A}: 'ingress.sourceCidrs' ("10.0.0.0/8") must be a list`,
  },
  {
    // Before: TypeError (reading 'triggers' of undefined); the trigger factories below alike.
    name: 'Scaling.keda is given no options',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda(undefined as any) }),
    message: `${W}: 'scaling.triggers' (undefined) must be a list of triggers made with KedaTrigger.cpu(...), memory, prometheus, cron or durableTaskScheduler`,
  },
  {
    name: 'KedaTrigger.prometheus is given no options',
    at: 'construction',
    given: app => worker(system(app), {
      scaling: Scaling.keda({ triggers: [KedaTrigger.prometheus(undefined as any)] }),
    }),
    message: `${W}: 'scaling.triggers[0].serverAddress' (undefined) must be an http:// or https:// URL`,
  },
  {
    name: 'KedaTrigger.cron is given null options',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.cron(null as any)] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' (undefined) ${TIME_ZONE}`,
  },
  {
    // Before: accepted; cert-manager's ingress-shim refuses to update the Certificate the first Ingress owns.
    name: 'two APIs issue a certificate into the same TLS Secret',
    at: 'construction',
    given: app => {
      const chart = system(app);
      api(chart, { name: 'orders-api', ingress: { host: 'orders.example.com', tlsSecretName: 'api-tls', clusterIssuer: 'letsencrypt' } }, 'orders');
      api(chart, { name: 'billing-api', ingress: { host: 'billing.example.com', tlsSecretName: 'api-tls', clusterIssuer: 'letsencrypt' } }, 'billing');
    },
    message: `durable-system/billing: 'ingress.tlsSecretName' ("api-tls") with a 'clusterIssuer' is already the certificate Secret of durable-system/orders in namespace "durable-system": cert-manager issues one Certificate per Secret; give each API its own 'tlsSecretName'`,
  },
  {
    // Before: accepted; the workload identity webhook mutated pods whose ServiceAccount has no client id.
    name: 'a pod label sets the workload identity label on a workload without identity',
    at: 'construction',
    given: app => worker(system(app), { podLabels: [{ key: 'azure.workload.identity/use', value: 'true' }] }),
    message: `${W}: 'labels'/'podLabels' set "azure.workload.identity/use", which the construct sets when the workload has an identity: set 'identity' (or a 'serviceAccount' with one) instead`,
  },
  {
    // Before: accepted; the API server refuses an object whose annotations exceed 256 KiB.
    name: 'a pod annotation is over 256 KiB',
    at: 'construction',
    given: app => worker(system(app), { podAnnotations: [{ key: 'example.com/blob', value: 'x'.repeat(262144) }] }),
    message: `${W}: 'podAnnotations' have 262160 bytes of keys and values, more than the 262144 (256 KiB) the API server allows on one object: keep large data in a ConfigMap and mount it`,
  },
  {
    name: "the workload's and the pods' annotations are together over 256 KiB",
    at: 'construction',
    given: app => worker(system(app), {
      annotations: [{ key: 'example.com/a', value: 'x'.repeat(140000) }],
      podAnnotations: [{ key: 'example.com/b', value: 'x'.repeat(140000) }],
    }),
    message: `${W}: 'annotations' and 'podAnnotations' (on the pods) have 280026 bytes of keys and values, more than the 262144 (256 KiB) the API server allows on one object: keep large data in a ConfigMap and mount it`,
  },
  {
    // Before: accepted; "false" is not false, so the tenant created the baseline it was told not to.
    name: 'a tenant\'s createBaseline is the string "false"',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { createBaseline: 'false' as any }),
    message: `tenant-a: 'createBaseline' ("false") must be true or false`,
  },
];

/** A tenants file `name` in a new folder with one tenant 'acme' on the scheduler 'orders' and `lines` under it. */
function tenantsYaml(name: string, lines: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'catalogue-')), name);
  writeFileSync(file, `schedulers: [{ name: orders, endpoint: "${ENDPOINT}" }]\ndefaults: { workerImage: "${IMAGE}" }\n`
    + `tenants:\n  - name: acme\n${lines}\n`);
  return file;
}

/** A tenants file with one tenant 'acme' on the scheduler 'orders'; `patch` edits the tenant. */
function tenantsData(patch: (tenant: any) => void = () => {}): any {
  const tenant: any = { name: 'acme' };
  patch(tenant);
  return { schedulers: [{ name: 'orders', endpoint: ENDPOINT }], defaults: { workerImage: IMAGE }, tenants: [tenant] };
}

describe('catalogue of invalid inputs', () => {
  test('lists at least 45 cases, each with a unique name', () => {
    // GIVEN / WHEN
    const names = CATALOGUE.map(c => c.name);
    // THEN
    expect(names.length).toBeGreaterThanOrEqual(45);
    expect(new Set(names).size).toBe(names.length);
  });

  test.each(CATALOGUE.filter(c => c.at === 'construction'))('fails when $name (at construction)', ({ given, message }) => {
    // GIVEN
    const app = Testing.app();
    // WHEN / THEN
    expect(() => given(app)).toThrow(exactly(message));
  });

  test.each(CATALOGUE.filter(c => c.at !== 'construction'))('fails when $name (at $at)', ({ given, message }) => {
    // GIVEN: every construct accepts its own props
    const app = Testing.app();
    expect(() => given(app)).not.toThrow();
    // WHEN / THEN
    expect(() => synth(app)).toThrow(exactly(message));
  });

  test.each(CATALOGUE.filter(c => c.at !== 'construction'))('app.synth() reports the same error when $name',
    ({ given, message }) => {
      // GIVEN
      const app = Testing.app();
      given(app);
      // WHEN / THEN
      expect(() => app.synth()).toThrow(exactly(message));
    });
});

describe('boundaries that are accepted', () => {
  /** Builds and synthesizes without error; returns the objects of every chart. */
  function accepted(given: (app: App) => unknown): any[] {
    const app = Testing.app();
    given(app);
    const manifests = app.charts.flatMap(chart => Testing.synth(chart));
    expectValidInContext(manifests);
    return manifests;
  }

  test('a 54-character ScaledObject name (its HPA keda-hpa-<name> is 63)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { name: 'w'.repeat(54), scaling: keda() }));
    // THEN
    expect(manifests.find(m => m.kind === 'ScaledObject').metadata.name).toHaveLength(54);
  });

  test('a 63-character workload name with a 54-character explicit ScaledObject name', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { name: 'w'.repeat(63), scaling: keda({ name: 's'.repeat(54) }) }));
    // THEN
    expect(manifests.find(m => m.kind === 'Deployment').metadata.name).toHaveLength(63);
  });

  test.each([
    ['a digest', DIGEST],
    ['a registry with port and a tag', 'registry:5000/app:1.0'],
    ['a digest after a tag', `myregistry.azurecr.io/orders-worker:1.4.2@sha256:${'b'.repeat(64)}`],
    ['a registry with port, nested path and tag', 'myreg.example.com:5000/team/orders-worker:v2_rc.1'],
    ['an IPv6 registry with port', '[fd00::1]:5000/orders-worker:1.4.2'],
    ['an uppercase registry host', 'MyRegistry.azurecr.io/orders-worker:1.4.2'],
    ['parts joined by "__" and "--"', 'myregistry.azurecr.io/orders__team/orders--worker:1.4.2'],
    ['a repository path of 255 characters', `myregistry.azurecr.io/team/${'w'.repeat(250)}:1.4.2`],
  ])('an image with %s', (_, image) => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { image }));
    // THEN
    expect(manifests.find(m => m.kind === 'Deployment').spec.template.spec.containers[0].image).toBe(image);
  });

  test.each([
    ['a variable of its env', { env: [{ name: 'SB', valueFrom: EnvValueSource.fromSecret('sb', 'connection') }] }],
    ['envFrom (whose names are known only in the cluster)', { envFrom: [EnvFromSource.secret('sb')] }],
  ])('a custom trigger reads a parameter from %s', (_, props) => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { ...props, scaling: keda({ minReplicas: 0, triggers: [
      KedaTrigger.custom('azure-servicebus', { metadata: [{ key: 'queueName', value: 'q' }, { key: 'connectionFromEnv', value: 'SB' }] }),
    ] }) }));
    // THEN
    expect(manifests.find(m => m.kind === 'ScaledObject').spec.triggers[0].metadata.connectionFromEnv).toBe('SB');
  });

  test('a volume at the webhook token path on a workload without identity (the webhook never sees its pods)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), {
      volumes: [{ name: 'wi', volume: WorkloadVolume.emptyDir(), mountPath: '/var/run/secrets/azure/wi' }],
    }));
    // THEN
    expect(manifests.find(m => m.kind === 'Deployment').spec.template.spec.volumes).toHaveLength(2);
  });

  test.each([
    ['the IMDS proxy annotation on a workload without identity (the webhook never sees its pods)',
      { podAnnotations: [{ key: 'azure.workload.identity/inject-proxy-sidecar', value: 'true' }] }],
    ['skip-containers naming only other containers', { identity: WorkloadIdentity.fromClientId(CLIENT_ID),
      podAnnotations: [{ key: 'azure.workload.identity/skip-containers', value: 'istio-proxy;worker-init' }] }],
  ])('workload identity annotations: %s', (_, props) => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), props));
    // THEN
    expect(Object.keys(manifests.find(m => m.kind === 'Deployment').spec.template.metadata.annotations)).toHaveLength(1);
  });

  test.each([['3', 'abc'], ['64', 'h'.repeat(64)], ['mixed case and dashes', 'Orders-Hub-2']])('a task hub name of %s characters', (_, taskHub) => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => worker(system(app), { taskHub }))).not.toThrow();
  });

  test('utilization targets of 1 and 100', () => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => {
      const chart = system(app);
      worker(chart, { name: 'hpa', scaling: Scaling.hpa({ cpuUtilization: 1, memoryUtilization: 100 }) });
      worker(chart, { name: 'keda', scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(100), KedaTrigger.memory(1)] }) }, 'keda');
    })).not.toThrow();
  });

  test('a prometheus threshold of 0.001 (the smallest target KEDA renders above 0)', () => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => {
      worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({ threshold: 0.001 })] }) });
    })).not.toThrow();
  });

  test('scale-to-zero with an event trigger next to a cpu trigger', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app),
      { scaling: Scaling.keda({ minReplicas: 0, triggers: [KedaTrigger.cpu(70), prometheus()] }) }));
    // THEN
    expect(manifests.find(m => m.kind === 'ScaledObject').spec.minReplicaCount).toBe(0);
  });

  test('HPA minReplicas equal to maxReplicas, and a preStop delay one second below the grace period', () => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => worker(system(app), {
      scaling: Scaling.hpa({ minReplicas: 4, maxReplicas: 4 }),
      terminationGracePeriodSeconds: 30,
      preStopDelaySeconds: 29,
    }))).not.toThrow();
  });

  test('limits equal to requests, in different units', () => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => worker(system(app), { resources: { cpuRequest: '1', cpuLimit: '1000m', memoryRequest: '1Gi', memoryLimit: '1024Mi' } }))).not.toThrow();
  });

  test('two tenants with the same task hub on different schedulers', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => {
      tenant(app, 'tenant-a', { taskHub: 'orders' });
      tenant(app, 'tenant-b', { taskHub: 'orders', scheduler: scheduler(OTHER_ENDPOINT) });
    });
    // THEN
    expect(manifests.filter(m => m.kind === 'Namespace').map(m => m.metadata.name)).toEqual(['tenant-a', 'tenant-b']);
  });

  test('workers with the same name in two tenants (two namespaces)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => {
      tenant(app, 'tenant-a').addWorker('Worker', { image: IMAGE });
      tenant(app, 'tenant-b').addWorker('Worker', { image: IMAGE });
    });
    // THEN
    expect(manifests.filter(m => m.kind === 'Deployment').map(m => `${m.metadata.namespace}/${m.metadata.name}`))
      .toEqual(['tenant-a/durable-worker', 'tenant-b/durable-worker']);
  });

  test('a quota exactly at the maximum scale of the workloads plus their rollout surge', () => {
    // GIVEN / WHEN / THEN: (20 + 5 surge) replicas x 250m/512Mi requests, 1/1Gi limits
    expect(() => accepted(app => {
      const chart = system(app);
      baseline(chart, { quota: { requestsCpu: '6250m', requestsMemory: '12800Mi', limitsCpu: '25', limitsMemory: '25Gi', pods: 25 } });
      worker(chart);
    })).not.toThrow();
  });

  test('a quota whose ephemeral storage and Services exactly fit the workloads', () => {
    // GIVEN / WHEN / THEN: 25 worker pods + 3 API pods (fixed) x the LimitRange's 512Mi; one Service (the API's)
    expect(() => accepted(app => {
      const chart = system(app);
      baseline(chart, { quota: { requestsEphemeralStorage: '14Gi', services: 1 }, limitRange: { defaultEphemeralStorage: '512Mi' } });
      worker(chart);
      api(chart, { scaling: Scaling.fixedReplicas(2) });
    })).not.toThrow();
  });

  test('a memory request of exactly 4Mi and a limit of exactly 6Mi', () => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => worker(system(app), { resources: { memoryRequest: '4Mi', memoryLimit: '6291456' } }))).not.toThrow();
    expect(() => accepted(app => baseline(system(app), { limitRange: { defaultMemoryRequest: '4194304', defaultMemoryLimit: '6Mi' } }))).not.toThrow();
  });

  test('fixed replicas 0 pause a workload: no PodDisruptionBudget, no topology spread', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => api(system(app), { scaling: Scaling.fixedReplicas(0) }));
    // THEN
    expect(manifests.find(m => m.kind === 'Deployment').spec.replicas).toBe(0);
    expect(manifests.find(m => m.kind === 'Deployment').spec.template.spec.topologySpreadConstraints).toBeUndefined();
    expect(manifests.filter(m => m.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  test('utilization targets above 100 % (HPA and KEDA cpu/memory)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => {
      const chart = system(app);
      worker(chart, { name: 'hpa', scaling: Scaling.hpa({ cpuUtilization: 150, memoryUtilization: 120 }) }, 'hpa');
      worker(chart, { name: 'keda', scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(200), KedaTrigger.memory(110)] }) }, 'keda');
    });
    // THEN
    const hpa = manifests.find(m => m.kind === 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics.map((m: any) => m.resource.target.averageUtilization)).toEqual([150, 120]);
    expect(manifests.find(m => m.kind === 'ScaledObject').spec.triggers.map((t: any) => t.metadata.value)).toEqual(['200', '110']);
  });

  test('IPv6 CIDRs for egress and ingress sources (dual-stack clusters)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => {
      const chart = system(app);
      baseline(chart, { httpsEgressCidrs: ['0.0.0.0/0', '::/0', '2603:1030::/32'] });
      api(chart, { ingress: { host: 'api.example.com', sourceCidrs: ['fd00:10::/64'] } });
    });
    // THEN
    const egress = manifests.find(m => m.kind === 'NetworkPolicy' && m.metadata.name === 'allow-https-egress');
    expect(egress.spec.egress[0].to.map((t: any) => t.ipBlock.cidr)).toEqual(['0.0.0.0/0', '::/0', '2603:1030::/32']);
  });

  test('an http:// endpoint with SchedulerAuthentication.NONE (the local DTS emulator)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), {
      scheduler: scheduler('http://dts-emulator.durable-system.svc:8080', {
        authentication: SchedulerAuthentication.NONE, connectionStringEnvName: 'DTS_CONNECTION_STRING',
      }),
    }));
    // THEN
    const env = manifests.find(m => m.kind === 'Deployment').spec.template.spec.containers[0].env;
    expect(env).toContainEqual({ name: 'DTS_CONNECTION_STRING', value: 'Endpoint=http://dts-emulator.durable-system.svc:8080;TaskHub=orders;Authentication=None' });
  });

  test.each([['a GUID', '72f988bf-86f1-41af-91ab-2d7cd011db47'], ['an onmicrosoft.com domain', 'contoso.onmicrosoft.com'],
    ['a custom domain', 'Fabrikam-Corp.com']])('an identity tenant that is %s (the Azure Identity SDKs take either)', (_, tenantId) => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { identity: identity(CLIENT_ID, tenantId) }));
    // THEN the workload identity webhook copies the annotation into AZURE_TENANT_ID
    const sa = manifests.find(m => m.kind === 'ServiceAccount');
    expect(sa.metadata.annotations['azure.workload.identity/tenant-id']).toBe(tenantId);
  });

  test('a prometheus bearer token under its alias "token" (KEDA: name=bearerToken;token)', () => {
    // GIVEN / WHEN
    const manifests = accepted(app => worker(system(app), { scaling: Scaling.keda({ triggers: [prometheus({
      authModes: [PrometheusAuthMode.BEARER], secretRefs: [{ parameter: 'token', secretName: 'prometheus', key: 'token' }],
    })] }) }));
    // THEN
    const auth = manifests.find(m => m.kind === 'TriggerAuthentication');
    expect(auth.spec.secretTargetRef).toEqual([{ parameter: 'token', name: 'prometheus', key: 'token' }]);
  });

  test("AZURE_CLIENT_ID set to the identity's own client id", () => {
    expect(() => accepted(app => worker(system(app), {
      identity: identity(), env: [{ name: 'AZURE_CLIENT_ID', value: CLIENT_ID }],
    }))).not.toThrow();
  });

  test('a workload named default that runs as a shared ServiceAccount', () => {
    expect(() => accepted(app => {
      const chart = system(app);
      worker(chart, { name: 'default', serviceAccount: new DurableServiceAccount(chart, 'Sa', { name: 'orders' }) });
    })).not.toThrow();
  });

  test('KedaTrigger.durableTaskScheduler() warns that upstream KEDA has no such scaler', () => {
    // GIVEN
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      // WHEN
      let scaled: DurableWorker | undefined;
      const manifests = accepted(app => {
        scaled = worker(system(app), { scaling: keda({ triggers: [KedaTrigger.durableTaskScheduler()] }) });
      });
      // THEN one line on stderr names the construct path, and the construct carries it as metadata
      expect(manifests.find(m => m.kind === 'ScaledObject').spec.triggers[0].type).toBe('azure-durabletask-scheduler');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/^\[warning\] durable-system\/worker: 'scaling\.triggers\[0\]' uses the KEDA scaler 'azure-durabletask-scheduler', which upstream KEDA \(up to 2\.20\) does not ship/);
      expect(scaled!.node.metadata.filter(m => m.type === 'warning').map(m => m.data)).toEqual([
        expect.stringContaining("uses the KEDA scaler 'azure-durabletask-scheduler'"),
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  describe('the context key that says the cluster\'s KEDA has the azure-durabletask-scheduler scaler', () => {
    const KEY = 'cdk8s-durable-task:kedaHasDurableTaskSchedulerScaler';
    const dts = () => keda({ triggers: [KedaTrigger.durableTaskScheduler()] });
    /** Builds with console.warn captured; returns the stderr lines and the constructs that carry a warning. */
    function warningsOf(given: (app: App) => unknown): { lines: string[]; warned: string[]; manifests: any[] } {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      try {
        let root: App | undefined;
        const manifests = accepted(app => {
          root = app;
          given(app);
        });
        const warned = root!.node.findAll().filter(c => c.node.metadata.some(m => m.type === 'warning'))
          .map(c => c.node.path);
        return { lines: warn.mock.calls.map(call => String(call[0])), warned, manifests };
      } finally {
        warn.mockRestore();
      }
    }

    test('is the constant KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT', () => {
      // GIVEN / WHEN / THEN
      expect(KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT).toBe(KEY);
    });

    test('without it, each DTS trigger warns, and the warning says how to silence it', () => {
      // GIVEN / WHEN two workers with the trigger
      const { lines, warned } = warningsOf(app => {
        const chart = system(app);
        worker(chart, { scaling: dts() });
        worker(chart, { name: 'activities', scaling: dts() }, 'activities');
      });
      // THEN
      expect(warned).toEqual(['durable-system/worker', 'durable-system/activities']);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe("[warning] durable-system/worker: 'scaling.triggers[0]' uses the KEDA scaler "
        + "'azure-durabletask-scheduler', which upstream KEDA (up to 2.20) does not ship: the ScaledObject works only "
        + 'on a cluster whose KEDA build includes it (Azure Container Apps); elsewhere KEDA reports "no scaler '
        + 'found". Scale on cpu, memory or prometheus there. If your KEDA has it, say so once for the app to silence '
        + `this warning: app.node.setContext("${KEY}", true)`);
    });

    test('set to true on the app, no trigger warns, and the ScaledObjects are the same', () => {
      // GIVEN / WHEN
      const build = (app: App) => {
        const chart = system(app);
        worker(chart, { scaling: dts() });
        worker(chart, { name: 'activities', scaling: dts() }, 'activities');
      };
      const plain = warningsOf(build);
      const acknowledged = warningsOf(app => {
        app.node.setContext(KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT, true);
        build(app);
      });
      // THEN
      expect(acknowledged.lines).toEqual([]);
      expect(acknowledged.warned).toEqual([]);
      expect(acknowledged.manifests).toEqual(plain.manifests);
    });

    test('set to false, each trigger warns as without it', () => {
      // GIVEN / WHEN
      const { lines, warned } = warningsOf(app => {
        app.node.setContext(KEY, false);
        worker(system(app), { scaling: dts() });
      });
      // THEN
      expect(warned).toEqual(['durable-system/worker']);
      expect(lines).toHaveLength(1);
    });

    test('set to true on one chart, only the triggers of the other charts warn', () => {
      // GIVEN / WHEN
      const { warned } = warningsOf(app => {
        const aks = new Chart(app, 'aks', { namespace: 'aks' });
        aks.node.setContext(KEY, true);
        worker(aks, { scaling: dts() });
        worker(system(app), { scaling: dts() });
      });
      // THEN
      expect(warned).toEqual(['durable-system/worker']);
    });
  });

  test('an ingress-nginx snippet annotation is accepted with a warning (the controller may refuse it)', () => {
    // GIVEN
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      // WHEN
      let exposed: DurableApi | undefined;
      const manifests = accepted(app => {
        exposed = api(system(app), { ingress: { host: 'orders.example.com', annotations: [
          { key: 'nginx.ingress.kubernetes.io/configuration-snippet', value: 'more_set_headers "X-Frame-Options: DENY";' },
          { key: 'nginx.ingress.kubernetes.io/proxy-body-size', value: '8m' },
        ] } });
      });
      // THEN the Ingress carries it, and one warning names the construct, the annotation and the controller's setting
      expect(manifests.find(m => m.kind === 'Ingress').metadata.annotations)
        .toHaveProperty(['nginx.ingress.kubernetes.io/configuration-snippet']);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toBe(`[warning] ${A}: 'ingress.annotations' sets `
        + '"nginx.ingress.kubernetes.io/configuration-snippet": ingress-nginx rejects snippet annotations unless its '
        + "administrator allows them ('allow-snippet-annotations', false by default since controller v1.9, and from "
        + "v1.12 'annotations-risk-level' Critical, High by default); make sure yours does, or configure it without a "
        + 'snippet');
      expect(exposed!.node.metadata.filter(m => m.type === 'warning')).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  test('a shared serviceAccount in the workload namespace, and a Pod Security version "latest"', () => {
    // GIVEN / WHEN / THEN
    expect(() => accepted(app => {
      const chart = system(app);
      baseline(chart, { podSecurityVersion: 'latest', httpsEgressCidrs: ['10.0.0.0/8', '0.0.0.0/0'] });
      const shared = new DurableServiceAccount(chart, 'SharedSa', { name: 'orders', identity: identity() });
      worker(chart, { serviceAccount: shared, scaling: Scaling.hpa({ maxReplicas: 5 }) });
      api(chart, { serviceAccount: shared });
    })).not.toThrow();
  });
});

/**
 * Inputs that early versions accepted silently or reported unclearly, found while writing this catalogue;
 * kept apart as regression tests.
 */
const REGRESSIONS: InvalidInput[] = [
  {
    // Today: accepted; 'abc' after the last ':' is taken for a tag.
    name: 'the image has a malformed digest',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders-worker@sha256:abc' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders-worker@sha256:abc") has an invalid digest: a digest is "@sha256:" and 64 lowercase hex digits (or sha384 with 96, sha512 with 128)`,
  },
  {
    // Today: accepted; the image has a tag but no repository.
    name: 'the image has no repository',
    at: 'construction',
    given: app => worker(system(app), { image: ':1.4.2' }),
    message: `${W}: 'image' (":1.4.2") has an invalid repository "", which the container runtime cannot pull: write ${REPOSITORY_RULE}`,
  },
  {
    // Before: accepted; distribution/reference (regexp.go pathComponent) joins name parts with '.', '_', '__' or
    // '-'s only, so containerd refuses the image and the pod stays in InvalidImageName.
    name: 'the image repository joins its parts with three underscores',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/orders___worker:1.4.2' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/orders___worker:1.4.2") has an invalid repository "myregistry.azurecr.io/orders___worker", which the container runtime cannot pull: write ${REPOSITORY_RULE}`,
  },
  {
    // Before: accepted; a part may not end with '-' (regexp.go pathComponent, domainNameComponent).
    name: 'the image registry or repository part ends with a dash',
    at: 'construction',
    given: app => worker(system(app), { image: 'orders-/worker:1.4.2' }),
    message: `${W}: 'image' ("orders-/worker:1.4.2") has an invalid repository "orders-/worker", which the container runtime cannot pull: write ${REPOSITORY_RULE}`,
  },
  {
    name: 'the image repository after the registry has uppercase letters',
    at: 'construction',
    given: app => worker(system(app), { image: 'myregistry.azurecr.io/Orders/worker:1.4.2' }),
    message: `${W}: 'image' ("myregistry.azurecr.io/Orders/worker:1.4.2") has an invalid repository "myregistry.azurecr.io/Orders/worker", which the container runtime cannot pull: write ${REPOSITORY_RULE}`,
  },
  {
    // reference.go Parse: RepositoryNameTotalLengthMax (255) for the path after the registry.
    name: 'the image repository path is longer than 255 characters',
    at: 'construction',
    given: app => worker(system(app), { image: `myregistry.azurecr.io/team/${'w'.repeat(251)}:1.4.2` }),
    message: `${W}: 'image' ("myregistry.azurecr.io/team/${'w'.repeat(251)}:1.4.2") has a repository path of 256 characters after the registry; the container runtime takes at most 255`,
  },
  {
    // Today: accepted; every object gets metadata.namespace "Durable_System", which the API server rejects.
    name: 'the chart namespace of a workload is not a DNS-1123 label',
    at: 'construction',
    given: app => worker(system(app, 'Durable_System')),
    message: `${W}: 'namespace (of the chart)' ("Durable_System") ${DNS_LABEL}`,
  },
  {
    // Today: accepted; every object gets metadata.namespace "" (kubectl puts them in the context's namespace).
    name: 'the chart namespace of a workload is empty',
    at: 'construction',
    given: app => api(system(app, '')),
    message: `${A}: 'namespace (of the chart)' ("") ${DNS_LABEL}`,
  },
  {
    // Today: accepted; the API server rejects Service "1orders" (Service names are DNS-1035 labels).
    name: 'the API name starts with a digit',
    at: 'construction',
    given: app => api(system(app), { name: '1orders' }),
    message: `${A}: 'name' ("1orders") must be a DNS-1035 label (it names a Service): 1-63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit`,
  },
  {
    // Today: accepted; the container gets DTS_ENDPOINT twice, the second ("Activity") wins.
    name: 'the work item type variable name is DTS_ENDPOINT',
    at: 'construction',
    given: app => worker(system(app), { workItemType: WorkItemType.ACTIVITY, workItemTypeEnvName: 'DTS_ENDPOINT' }),
    message: `${W}: environment variable "DTS_ENDPOINT" would be set twice by the construct: the scheduler variables (DTS_ENDPOINT, TASKHUB_NAME) and 'workItemTypeEnvName' must have different names`,
  },
  {
    // Today: accepted; only Deployments of one chart are compared, so two charts in one namespace collide silently.
    name: 'two workers have the same name in one namespace of two charts',
    at: 'construction',
    given: app => {
      worker(new Chart(app, 'orders', { namespace: 'durable-system' }));
      worker(new Chart(app, 'billing', { namespace: 'durable-system' }));
    },
    message: 'billing/worker: Deployment name "durable-worker" in namespace "durable-system" is already used by orders/worker: give each workload a unique \'name\'',
  },
  {
    // Today: accepted; two ServiceAccounts "durable-worker", the worker's (without identity) overwrites the shared one.
    name: "a shared DurableServiceAccount has a workload's own ServiceAccount name",
    at: 'construction',
    given: app => {
      const chart = system(app);
      new DurableServiceAccount(chart, 'SharedSa', { name: 'durable-worker', identity: identity() });
      worker(chart);
    },
    message: `${W}/ServiceAccount: ServiceAccount name "durable-worker" in namespace "durable-system" is already used by durable-system/SharedSa: workloads name their own ServiceAccount after themselves, so give a shared one a 'name' no workload has`,
  },
  {
    // Today: accepted; two ScaledObjects "orders" (and TriggerAuthentications), the second replaces the first.
    name: 'two workers have the same explicit ScaledObject name',
    at: 'construction',
    given: app => {
      const chart = system(app);
      worker(chart, { name: 'orders', scaling: keda({ name: 'orders' }) }, 'orders');
      worker(chart, { name: 'billing', scaling: keda({ name: 'orders' }) }, 'billing');
    },
    message: 'durable-system/billing: ScaledObject name "orders" in namespace "durable-system" is already used by durable-system/orders: set another \'scaling.name\'',
  },
  {
    name: 'two workers have the same explicit HPA name',
    at: 'construction',
    given: app => {
      const chart = system(app);
      worker(chart, { name: 'orders', scaling: Scaling.hpa({ name: 'shared-hpa' }) }, 'orders');
      worker(chart, { name: 'billing', scaling: Scaling.hpa({ name: 'shared-hpa' }) }, 'billing');
    },
    message: 'durable-system/billing: HorizontalPodAutoscaler name "shared-hpa" in namespace "durable-system" is already used by durable-system/orders: set another \'scaling.name\'',
  },
  {
    name: 'the HPA name is not a DNS subdomain',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.hpa({ name: 'Orders_HPA' }) }),
    message: `${W}: 'scaling.name' ("Orders_HPA") ${DNS_SUBDOMAIN}`,
  },
  {
    // Today: accepted; endpoints are compared as strings, and "<endpoint>/" is the same scheduler.
    name: 'two tenants have the same task hub on one scheduler spelled with and without a trailing slash',
    at: 'construction',
    given: app => {
      tenant(app, 'tenant-a', { taskHub: 'orders' });
      tenant(app, 'tenant-b', { taskHub: 'orders', scheduler: scheduler(`${ENDPOINT}/`) });
    },
    message: `tenant-b: 'taskHub' ("orders") on ${ENDPOINT}/ is already bound to tenant-a: every tenant needs a task hub of its own`,
  },
  {
    // Today: accepted (Intl matches zones case-insensitively); KEDA's Go time.LoadLocation does not.
    name: 'the cron trigger time zone has the wrong case',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'europe/amsterdam' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("europe/amsterdam") ${spelledAs('Europe/Amsterdam')}`,
  },
  {
    // Today: accepted; fields are checked for shape, not range (KEDA's cron parser rejects hour 25).
    name: 'the cron trigger start has hour 25',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ start: '0 25 * * 1-5' })] }) }),
    message: `${W}: 'scaling.triggers[0].start' ("0 25 * * 1-5") ${CRON}`,
  },
  {
    // Today: `... is not a port of the container ()`: an empty list instead of saying there is no port.
    name: 'an HTTP probe with an explicit port is set on a worker without port',
    at: 'construction',
    given: app => worker(system(app), { readinessProbe: HealthProbe.http('/ready', { port: 8080 }) }),
    message: `${W}: 'readinessProbe' is an HTTP probe but the container has no port: set 'port' on the workload or use HealthProbe.exec()`,
  },
  {
    // Today: `... must be the namespace of its chart (undefined), ...`.
    name: 'a NamespaceBaseline is in a chart without namespace',
    at: 'construction',
    given: app => baseline(noNamespace(app)),
    message: `durable-system/Baseline: has no namespace: create it in a Chart with the 'namespace' "durable-system" (its 'namespaceName'), so that the quota and policies apply to the chart's workloads`,
  },
  {
    // Today: accepted; the baseline puts default-deny-all NetworkPolicies and a quota into kube-system.
    name: 'a NamespaceBaseline is for the reserved namespace kube-system',
    at: 'construction',
    given: app => new NamespaceBaseline(system(app, 'kube-system'), 'Baseline', { namespaceName: 'kube-system' }),
    message: `durable-system/Baseline: 'namespaceName' ("kube-system") is a namespace the cluster owns (default, kube-system, kube-public, kube-node-lease): use a namespace of your own`,
  },
  {
    // Today: accepted; key "" with operator Exists tolerates every taint (also node.kubernetes.io/unreachable).
    name: 'a toleration key is empty',
    at: 'construction',
    given: app => worker(system(app), { tolerations: [{ key: '' }] }),
    message: `${W}: 'tolerations[0].key' ("") must be a label key: an optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`,
  },
  {
    name: 'a node selector key is not a label key',
    at: 'construction',
    given: app => worker(system(app), { nodeSelector: [{ key: 'agent pool', value: 'durable' }] }),
    message: `${W}: 'nodeSelector[0].key' ("agent pool") ${LABEL_KEY}`,
  },
  {
    name: 'a node selector value is not a label value',
    at: 'construction',
    given: app => worker(system(app), { nodeSelector: [{ key: 'kubernetes.azure.com/agentpool', value: 'durable pool' }] }),
    message: `${W}: 'nodeSelector[0].value' ("durable pool") ${LABEL_VALUE}`,
  },
  {
    name: 'a toleration value is not a label value',
    at: 'construction',
    given: app => worker(system(app), { tolerations: [{ key: 'workload', value: '-durable' }] }),
    message: `${W}: 'tolerations[0].value' ("-durable") ${LABEL_VALUE}`,
  },
  {
    name: "a DTS trigger counts another work item type than the worker's",
    at: 'construction',
    given: app => worker(system(app), {
      workItemType: WorkItemType.ORCHESTRATION,
      scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler({ workItemType: WorkItemType.ACTIVITY })] }),
    }),
    message: `${W}: 'scaling.triggers[0].workItemType' ("Activity") differs from the worker's 'workItemType' ("Orchestration"): the trigger would scale the worker on work it does not process`,
  },
  {
    name: 'a tenant is for the namespace default',
    at: 'construction',
    given: app => tenant(app, 'tenant-a', { namespaceName: 'default' }),
    message: `tenant-a: 'namespaceName' ("default") is a namespace the cluster owns (default, kube-system, kube-public, kube-node-lease): use a namespace of your own`,
  },
  {
    name: 'a wildcard ingress host has uppercase letters',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: '*.Bad.com' } }),
    message: `${A}: 'ingress.host' ("*.Bad.com") ${HOST}`,
  },
  {
    // Before: accepted (every segment capitalized); Go's case-sensitive time.LoadLocation knows "UTC" only.
    name: 'the cron trigger time zone is a canonical name in another case',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'Europe/AMSTERDAM' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("Europe/AMSTERDAM") ${spelledAs('Europe/Amsterdam')}`,
  },
  {
    name: 'the cron trigger time zone is Utc',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'Utc' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("Utc") ${spelledAs('UTC')}`,
  },
  {
    // Newer Intl versions take a UTC offset as a time zone; Go's time.LoadLocation does not.
    name: 'the cron trigger time zone is a UTC offset',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: '+01:00' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("+01:00") ${TIME_ZONE}`,
  },
  {
    name: 'the cron trigger time zone is a lower-case alias',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'us/pacific' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("us/pacific") ${spelledAs('US/Pacific')}`,
  },
  {
    // Before: accepted (every segment capitalized, and Intl resolves the alias); Go's time.LoadLocation does not.
    name: 'the cron trigger time zone is an alias in capitals',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'US/PACIFIC' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("US/PACIFIC") ${spelledAs('US/Pacific')}`,
  },
  {
    // Before: accepted (Intl resolves it); the tz database's placeholder zone, not a place.
    name: 'the cron trigger time zone is Factory',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ timezone: 'Factory' })] }) }),
    message: `${W}: 'scaling.triggers[0].timezone' ("Factory") ${TIME_ZONE}`,
  },
  {
    name: "the context that says the cluster's KEDA has the DTS scaler is the string \"true\"",
    at: 'construction',
    given: app => {
      app.node.setContext('cdk8s-durable-task:kedaHasDurableTaskSchedulerScaler', 'true');
      worker(system(app), { scaling: Scaling.keda({ triggers: [KedaTrigger.durableTaskScheduler()] }) });
    },
    message: `${W}: context "cdk8s-durable-task:kedaHasDurableTaskSchedulerScaler" ("true"), read by 'scaling.triggers[0]' (durableTaskScheduler), must be true (the cluster's KEDA has the azure-durabletask-scheduler scaler: no warning) or false (a warning per trigger)`,
  },
  {
    name: 'the cron trigger starts and ends at the same time',
    at: 'construction',
    given: app => worker(system(app), { scaling: Scaling.keda({ triggers: [cron({ start: '0 8 * * *', end: '0 8 * * *' })] }) }),
    message: `${W}: 'scaling.triggers[0].end' ("0 8 * * *") must differ from 'scaling.triggers[0].start': KEDA rejects a window that starts and ends at the same time`,
  },
  {
    name: 'an autoscaler is added by hand next to a workload with fixed replicas',
    at: 'render',
    given: app => {
      const chart = system(app);
      api(chart);
      new ApiObject(chart, 'ManualHpa', {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'manual' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-api' }, maxReplicas: 4 },
      });
    },
    message: `${A}: Deployment "durable-api" has fixed replicas but HorizontalPodAutoscaler durable-system/ManualHpa targets it: use 'scaling' (Scaling.hpa(...) or Scaling.keda(...)) instead of adding an autoscaler`,
  },
  {
    name: 'the connection string asks for WorkloadIdentity but the workload has no identity',
    at: 'construction',
    given: app => worker(system(app), {
      scheduler: scheduler(ENDPOINT, { connectionStringEnvName: 'DTS_CONNECTION_STRING', authentication: SchedulerAuthentication.WORKLOAD_IDENTITY }),
    }),
    message: `${W}: 'scheduler.authentication' (WorkloadIdentity) needs a workload identity: set 'identity' (or a 'serviceAccount' with one), or use SchedulerAuthentication.DEFAULT_AZURE`,
  },
  {
    name: "a workload's HPA has the name KEDA gives another workload's HPA",
    at: 'construction',
    given: app => {
      const chart = system(app);
      worker(chart, { name: 'orders', scaling: keda() }, 'orders');
      worker(chart, { name: 'keda-hpa-orders', scaling: Scaling.hpa() }, 'clash');
    },
    message: `durable-system/clash: this workload's HPA "keda-hpa-orders" has the name KEDA gives the HPA of the ScaledObject of durable-system/orders in namespace "durable-system": give one of the workloads another 'name' (or 'scaling.name')`,
  },
  {
    name: 'an ingress source CIDR is not a CIDR',
    at: 'construction',
    given: app => api(system(app), { ingress: { host: 'a.example.com', sourceCidrs: ['10.225.0.0'] } }),
    message: `${A}: 'ingress.sourceCidrs[0]' ("10.225.0.0") ${CIDR}`,
  },
  {
    name: 'the work item type variable name is invalid, even without a work item type',
    at: 'construction',
    given: app => worker(system(app), { workItemTypeEnvName: '1 bad' }),
    message: `${W}: 'workItemTypeEnvName' ("1 bad") ${ENV_NAME}`,
  },
  {
    // Before: accepted; worker "a" trigger "b-x" and worker "a-b" trigger "x" both render "a-b-x-auth".
    name: 'two workers render TriggerAuthentications of the same name',
    at: 'construction',
    given: app => {
      const chart = system(app);
      const secretTrigger = (name: string) => KedaTrigger.custom('rabbitmq', {
        name, metadata: [{ key: 'queueName', value: 'orders' }], secretRefs: [{ parameter: 'host', secretName: 'rabbitmq', key: 'host' }],
      });
      worker(chart, { name: 'a', scaling: keda({ triggers: [secretTrigger('b-x')] }) }, 'a');
      worker(chart, { name: 'a-b', scaling: keda({ triggers: [secretTrigger('x')] }) }, 'a-b');
    },
    message: `durable-system/a-b: TriggerAuthentication name "a-b-x-auth" in namespace "durable-system" is already used by durable-system/a: rename one of the triggers of 'scaling.triggers' or set another 'scaling.name'`,
  },
];

describe('regressions', () => {
  test.each(REGRESSIONS)('fails when $name', ({ at, given, message }) => {
    // GIVEN
    const app = Testing.app();
    if (at !== 'construction') {
      expect(() => given(app)).not.toThrow();
    }
    // WHEN / THEN
    expect(() => (at === 'construction' ? given(app) : synth(app))).toThrow(exactly(message));
  });

  test('a wildcard ingress host is accepted', () => {
    // GIVEN: Ingress and HTTPRoute hosts may be wildcards ("*.example.com")
    const app = Testing.app();
    // WHEN
    const manifests = (() => {
      api(system(app), { ingress: { host: '*.example.com' } });
      return synthValid(app.charts[0]);
    })();
    // THEN
    expect(manifests.find(m => m.kind === 'Ingress').spec.rules[0].host).toBe('*.example.com');
  });
});

/** A prop in quotes, with its full path: 'scaling.minReplicas', 'tolerations[0].key', 'namespace (of the chart)'. */
const QUOTED_PROP = /'[a-zA-Z][\w.[\]]*( \(of the chart\))?'/;

/**
 * Where a message says it comes from, when that is not a construct: a factory without a scope (`IdentityPlan: `,
 * `DurableTaskScheduler.fromEmulator: `), or a tenants file, its entry and the field, quoted as a prop
 * (`tenants.yaml: tenants[0] "acme": 'workers[0].scaling.maxReplicas' (0) ...`).
 */
const FACTORY_OR_FILE_FIELD = /^([A-Z]\w*(\.\w+)?|[\w.-]+\.ya?ml(: tenants\[\d+\]( "[^"]*")?)?): '/;

/** A tenants file passes a construct's message on after the entry (and the workload's field of the entry). */
const FILE_ENTRY = /^[\w.-]+\.ya?ml: tenants\[\d+\] "[^"]*": (?:(?:workers|apis)\[\d+\]: )?/;

describe('every message of the catalogue', () => {
  test.each([...CATALOGUE, ...REGRESSIONS])('names where and a quoted prop when $name', ({ at, given }) => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    let message = '';
    try {
      given(app);
      if (at !== 'construction') synth(app);
    } catch (e) {
      message = (e as Error).message;
    }
    // THEN: `<construct path>: ...` (what fail() writes) for a construct of the app; an item of a construct that
    // takes many comes next (`identity "x": `), and only the prop is quoted (`identity "x": 'create.location'`)
    const paths = [...app.node.findAll()].map(c => c.node.path).filter(p => p !== '');
    const fromConstruct = (m: string) => paths.some(p => m.startsWith(`${p}: `));
    const named = fromConstruct(message) || fromConstruct(message.replace(FILE_ENTRY, ''))
      || FACTORY_OR_FILE_FIELD.test(message);
    expect({ message, named }).toEqual({ message, named: true });
    expect(message).toMatch(QUOTED_PROP);
    expect(message).not.toMatch(/'\w+ "[^"]*": /);
  });
});
