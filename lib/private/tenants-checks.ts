/**
 * Checks of the tenants file that use the constructs' own rules, reported at the file's fields.
 */
import { Construct } from 'constructs';
import { checkSchedulerResource } from './azure-scope';
import { show } from './input-checks';
import { IdentitySpec, SchedulerSpec, TenantSpec, WorkloadSpec } from './tenants-spec';

/**
 * A scheduler's `azure` section, checked when the file is read as AzureIdentities checks its `schedulers` (the names
 * go into the task hubs' resource ids), and reported at the file's field: `schedulers[<i>].azure.<field>`.
 */
export function checkAzureSection(s: SchedulerSpec, i: number, label: (p: string) => string): void {
  try {
    const scope = new Construct(undefined as any, 'scheduler');
    checkSchedulerResource(scope, 'azure', { endpoint: s.endpoint, ...s.azure! });
  } catch (e) {
    const message = (e as Error).message.replace(/^scheduler: /, '');
    const field = (['subscriptionId', 'resourceGroup', 'schedulerName'] as const)
      .find(f => message.startsWith(`'azure.${f}' (${show(s.azure![f])}) `));
    if (field === undefined) throw new Error(`${label(`schedulers[${i}].azure`)}: ${message}`);
    const value = show(s.azure![field]);
    throw new Error(`${label(`schedulers[${i}].azure.${field}`)} (${value}) `
      + message.slice(`'azure.${field}' (${value}) `.length));
  }
}

/**
 * A tenant name is its chart's construct id: not empty, and not a member of Object.prototype (`constructor`, ...),
 * which the constructs library cannot tell from an existing child (it keeps child ids in a plain object).
 */
export function checkTenantName(name: string, field: string): void {
  if (name === '') {
    throw new Error(`${field} ("") must not be empty: it names the tenant's chart and its output file`);
  }
  if (name in Object.prototype) {
    throw new Error(`${field} (${show(name)}) cannot name a tenant: it names the tenant's chart, and the constructs `
      + `library keeps the ids of a construct's children in a plain JavaScript object, where ${show(name)} is a `
      + 'built-in member (Object.prototype), so no construct can have this id; choose another name');
  }
}

/**
 * The tenant's fields that default to its name: `namespace` (the construct's `namespaceName`) and `taskHub`. A
 * TaskHubTenant error about one of them (`<path>: '<prop>' (<value>) <problem>`) is reported at the file's field; or,
 * when the entry does not give it, at `name`, which it comes from. Errors about the identities' `clientId` and
 * `tenantId` (the same names in the file) are reported at the field too. Other messages: undefined.
 */
export function tenantFieldMessage(message: string, t: TenantSpec,
  label: (field: string) => string): string | undefined {
  const fields = [['namespaceName', 'namespace', 'namespace'], ['taskHub', 'taskHub', 'task hub']] as const;
  for (const [prop, field, what] of fields) {
    const value = t[field] ?? t.name;
    const marker = `: '${prop}' (${show(value)}) `;
    const at = message.indexOf(marker);
    // The construct path before the marker has no quotes; a later match would be inside another message.
    if (at < 0 || message.slice(0, at).includes("'")) continue;
    const problem = message.slice(at + marker.length);
    if (t[field] !== undefined) return `${label(field)} (${show(value)}) ${problem}`;
    return `${label('name')} (${show(value)}) is also the tenant's ${what} (the entry gives no '${field}'), `
      + `and ${problem}`;
  }
  const baseline = baselineFieldMessage(message, label);
  if (baseline !== undefined) return baseline;
  for (const identity of ['identity', 'apiIdentity'] as const) {
    for (const key of ['clientId', 'tenantId'] as const) {
      const value = t[identity]?.[key];
      const marker = `: '${identity}.${key}' (${show(value)}) `;
      const at = value === undefined ? -1 : message.indexOf(marker);
      if (at >= 0 && !message.slice(0, at).includes("'")) {
        return `${label(`${identity}.${key}`)} (${show(value)}) ${message.slice(at + marker.length)}`;
      }
    }
  }
  return undefined;
}

/**
 * A NamespaceBaseline error about one of its props (`<path>/Baseline: 'quota.pods' (0) <problem>`), which are the
 * entry's `baseline` fields, reported at the field: `'baseline.quota.pods' (0) <problem>`, with the props the problem
 * names (`'quota.requestsEphemeralStorage'`) named as the file names them. A quota too small for the workloads is
 * reported when a workload joins, one line per quota line it does not fit. Other messages: undefined.
 */
export function baselineFieldMessage(message: string, label: (field: string) => string): string | undefined {
  const prop = String.raw`(?:quota|limitRange)\.\w+|httpsEgressCidrs(?:\[\d+\])?|podSecurityVersion`;
  const line = new RegExp(`^[^']*/Baseline: '(${prop})' (.*)$`, 's');
  const lines = message.split('\n').map(l => line.exec(l));
  if (lines.some(m => m === null)) return undefined;
  return lines.map(m => `${label(`baseline.${m![1]}`)} ${m![2].replace(/'(quota|limitRange)\./g, "'baseline.$1.")}`)
    .join('\n');
}

/**
 * A durableTaskScheduler KEDA trigger authenticates as the workload's identity, and KEDA's TriggerAuthentication takes
 * its client id as a value (podIdentity.identityId), never from a ConfigMap. An identity ASO creates (`azure.create`)
 * without `clientId` has its client id only in the ConfigMap ASO writes, so such a trigger needs the client id in the
 * file: reported at the trigger, with the file's two-step way (the DurableWorker's own message names its options).
 */
export function checkTriggerIdentities(t: TenantSpec, label: (field: string) => string): void {
  for (const { w, field, spec, id, who } of workloadIdentities(t)) {
    if (spec?.clientId || !spec?.azure?.create) continue;
    const k = (w.scaling?.triggers ?? []).findIndex(trigger => trigger.type === 'durableTaskScheduler'
      && trigger.identity === undefined);
    if (w.scaling?.type !== 'keda' || k < 0) continue;
    throw new Error(`${label(`${field}.scaling.triggers[${k}].type`)} ("durableTaskScheduler") authenticates as `
      + `'${id}', whose client id ASO writes to ConfigMap ${t.name}-${who}-identity once it has created the identity, `
      + "but KEDA's TriggerAuthentication takes a client id only as a value: add that client id as "
      + `'${id}.clientId' (a second pull request), or scale on cpu or memory until then`);
  }
}

/** Each workload of the entry with the identity it runs as: the entry's `identity`, or `apiIdentity` for APIs. */
function workloadIdentities(t: TenantSpec): { w: WorkloadSpec; field: string; spec?: IdentitySpec; id: string;
  who: string; }[] {
  const workers = { spec: t.identity, id: 'identity', who: 'workers' };
  const apis = t.apiIdentity ? { spec: t.apiIdentity, id: 'apiIdentity', who: 'apis' } : workers;
  return [
    ...(t.workers ?? []).map((w, j) => ({ w, field: `workers[${j}]`, ...workers })),
    ...(t.apis ?? []).map((w, j) => ({ w, field: `apis[${j}]`, ...apis })),
  ];
}

/**
 * A durableTaskScheduler trigger's own `identity` (KedaTrigger.durableTaskScheduler `identity`, e.g. a read-only
 * identity for the scaler). KEDA's TriggerAuthentication takes its client id as a value (podIdentity.identityId), so
 * it needs `clientId`, and ASO cannot create it: an identity ASO creates has a client id only once it exists, and
 * the trigger naming it is what would create it. With the client id of the workload's own identity it is that
 * identity, whose Azure side is the entry's `identity` (or `apiIdentity`): an `azure` section here would be a second.
 */
export function checkOwnTriggerIdentities(t: TenantSpec, label: (field: string) => string): void {
  for (const { w, field, spec, id } of workloadIdentities(t)) {
    (w.scaling?.type === 'keda' ? w.scaling.triggers ?? [] : []).forEach((trigger, k) => {
      const own = trigger.identity;
      const at = `${field}.scaling.triggers[${k}].identity`;
      if (own?.azure?.create !== undefined) {
        throw new Error(`${label(`${at}.azure.create`)} cannot create a trigger's identity: KEDA's `
          + 'TriggerAuthentication takes its client id as a value, which an identity ASO creates has only once it '
          + "exists; create it first (az identity create, Bicep or Terraform), then give its 'clientId', and "
          + "'azure.resourceId' and 'azure.principalId' for its federated credential and role");
      }
      if (own !== undefined && own.clientId === undefined) {
        const existing = own.azure?.resourceId;
        throw new Error(`${label(`${at}.clientId`)} is required: KEDA's TriggerAuthentication takes the client id `
          + "of the trigger's identity as a value"
          + (existing !== undefined ? ` (az identity show --ids ${existing} --query clientId)` : ''));
      }
      if (own?.azure !== undefined && own.clientId!.toLowerCase() === spec?.clientId?.toLowerCase()) {
        throw new Error(`${label(`${at}.clientId`)} (${show(own.clientId)}) is the client id of '${id}', whose `
          + `Azure side is '${id}.azure': leave the trigger's 'identity' out (the trigger authenticates as '${id}' `
          + 'without it), or give the trigger another identity');
      }
    });
  }
}

/**
 * A workload's error about one of its props that the file gives under the same name (`<path>: '<prop>' (<value>)
 * <problem>`): its DTS trigger's own identity (`scaling.triggers[<k>].identity.clientId`, from WorkloadIdentity),
 * `imagePullSecrets[<k>]`, a probe (`readinessProbe.path`, from HealthProbe) or `scaling.name`, reported at the
 * file's field, e.g. `'workers[0].imagePullSecrets[0]'`, with the file's words for a probe's remedy. Other messages:
 * undefined.
 */
export function workloadFieldMessage(message: string, field: string,
  label: (field: string) => string): string | undefined {
  const prop = String.raw`scaling\.triggers\[\d+\]\.identity\.(?:clientId|tenantId)|imagePullSecrets(?:\[\d+\])?`
    + String.raw`|(?:readiness|liveness|startup)Probe(?:\.\w+)?|scaling\.name`;
  const m = new RegExp(`^[^']*: '(${prop})'( .*)$`, 's').exec(message);
  if (!m) return undefined;
  // HealthProbe's remedy names its options: the file's are the workload's `port` and a probe of `type: exec`.
  const problem = m[2].replace("set 'port' on the workload or use HealthProbe.exec()",
    `set '${field}.port' or use type "exec"`);
  return `${label(`${field}.${m[1]}`)}${problem}`;
}

/**
 * Runs `add` (AzureIdentities.addIdentity for identity `name` of the entry's `field`, `identity` or `apiIdentity`); an
 * error about one of its Azure values (`<chart>: identity "<name>": 'create.resourceGroup' (<value>) <problem>`) is
 * reported at the file's field, e.g. `'identity.azure.create.resourceGroup'` or `'identity.azure.resourceId'`.
 */
export function atIdentityField<T>(name: string, field: string, label: (field: string) => string, add: () => T): T {
  try {
    return add();
  } catch (e) {
    const message = (e as Error).message;
    const marker = `: identity ${show(name)}: '`;
    const at = message.indexOf(marker);
    const m = at < 0 || message.slice(0, at).includes("'") ? null
      : /^(create\.(?:subscriptionId|resourceGroup|location)|existing\.(?:resourceId|principalId))' (.*)$/s
          .exec(message.slice(at + marker.length));
    if (!m) throw e;
    throw new Error(`${label(`${field}.azure.${m[1].replace(/^existing\./, '')}`)} ${m[2]}`);
  }
}

/**
 * An `identity` (or `apiIdentity`) the pods log in as: a `clientId`, or `azure.create` (the pods then read the client
 * id from the ConfigMap ASO writes). Without either the entry's workloads got no workload identity and its other
 * fields (`tenantId`, an existing identity's `azure.resourceId`) were ignored; with `azure`, AzureIdentities then
 * failed naming construct options.
 */
export function checkIdentityClientIds(t: TenantSpec, label: (field: string) => string): void {
  for (const field of ['identity', 'apiIdentity'] as const) {
    const spec = t[field];
    if (spec === undefined || spec.clientId !== undefined || spec.azure?.create !== undefined) continue;
    const existing = spec.azure?.resourceId;
    throw new Error(`${label(`${field}.clientId`)} is required: the pods log in as the identity by its client id`
      + (existing !== undefined ? ` (az identity show --ids ${existing} --query clientId)` : '')
      + `; or give '${field}.azure.create' for an identity ASO creates, whose client id the pods read from the `
      + 'ConfigMap ASO writes');
  }
}

/**
 * The entry's baseline choices, as TaskHubTenant and NamespaceBaseline refuse their contradictions (checked when the
 * file is read, named as the file names them): `baseline` settings need a baseline (`createBaseline` not false), and
 * an adopted namespace (`baseline.createNamespace: false`) keeps the platform's Pod Security labels, so a
 * `baseline.podSecurityVersion` would be ignored.
 */
export function checkBaselineChoices(t: TenantSpec, label: (field: string) => string): void {
  if (t.createBaseline === false && t.baseline !== undefined) {
    throw new Error(`${label('baseline')} needs 'createBaseline' true: with 'createBaseline: false' the platform owns `
      + 'the namespace and its quota, limits and policies, so the tenant creates none of them and there is nothing to '
      + "configure; remove 'baseline', or remove 'createBaseline: false' for a baseline in the platform's namespace "
      + "('baseline.createNamespace: false')");
  }
  if (t.baseline?.createNamespace === false && t.baseline.podSecurityVersion !== undefined) {
    throw new Error(`${label('baseline.podSecurityVersion')} (${show(t.baseline.podSecurityVersion)}) needs `
      + "'baseline.createNamespace' true: an adopted namespace keeps the platform's Pod Security labels");
  }
}
