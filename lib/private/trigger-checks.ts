import { IConstruct } from 'constructs';
import { WorkloadIdentity } from '../identity';
import { PrometheusAuthMode, TriggerSecretRef } from '../keda-trigger-options';
import {
  checkArray, checkConfigMapKey, checkDnsSubdomain, checkElement, checkEnum, checkInstance, fail, show, showUrl,
} from './input-checks';
import { PROMETHEUS_QUERY_PATH } from './k8s-facts';
import { CheckedResources } from './pod-spec';
import { RenderedTrigger } from './trigger-types';

/**
 * A trigger's optional identity: undefined, or a WorkloadIdentity (checked). A plain object or `null` from a
 * JavaScript caller is reported, not read (it has no `_validate` or `_key`).
 */
export function checkTriggerIdentity(scope: IConstruct, prop: string,
  identity: WorkloadIdentity | undefined): WorkloadIdentity | undefined {
  if (identity === undefined) {
    return undefined;
  }
  checkInstance(scope, prop, identity, WorkloadIdentity, 'WorkloadIdentity.fromClientId(...)');
  identity._validate(scope, prop);
  return identity;
}

/** Secret keys a trigger's TriggerAuthentication passes as parameters: one per parameter, each a valid Secret key. */
export function checkSecretRefs(scope: IConstruct, prop: string, refs: readonly TriggerSecretRef[] | undefined): void {
  checkArray(scope, prop, refs);
  const parameters = new Set<string>();
  refs?.forEach((ref, i) => {
    const at = `${prop}[${i}]`;
    checkElement(scope, at, ref, 'a TriggerSecretRef ({ parameter, secretName, key })');
    if (typeof ref.parameter !== 'string' || ref.parameter.trim() === '') {
      fail(scope, `'${at}.parameter' (${show(ref.parameter)}) must name a parameter of the scaler`);
    }
    if (parameters.has(ref.parameter)) {
      fail(scope, `'${at}.parameter' (${show(ref.parameter)}) is a duplicate: the scaler gets one value per `
        + 'parameter; read each from one Secret key');
    }
    parameters.add(ref.parameter);
    checkDnsSubdomain(scope, `${at}.secretName`, ref.secretName);
    checkConfigMapKey(scope, `${at}.key`, ref.key, 'Secret');
  });
}

/**
 * The parameters each of KEDA's prometheus `authModes` reads from the TriggerAuthentication: required (each a list of
 * names KEDA takes for it, the first one preferred), then optional (kedacore/keda v2.20.2
 * pkg/scalers/authentication/authentication_types.go `Config`, `Validate`; `bearerToken;token` names the bearer
 * token's alias, which scalersconfig/typed_config.go `configParamValue` reads when `bearerToken` is absent). TLS takes
 * no key password there: `NewTLSConfig` passes cert, key and CA only (the `keyPassword` of the kafka, etcd and IBM MQ
 * scalers is theirs).
 */
type AuthParameters = readonly [string[][], string[]];
const PROMETHEUS_AUTH_PARAMETERS: Readonly<Record<PrometheusAuthMode, AuthParameters>> = Object.freeze({
  [PrometheusAuthMode.BASIC]: [[['username']], ['password']],
  [PrometheusAuthMode.BEARER]: [[['bearerToken', 'token']], []],
  [PrometheusAuthMode.TLS]: [[['cert'], ['key']], []],
  [PrometheusAuthMode.CUSTOM]: [[['customAuthHeader'], ['customAuthValue']], []],
});

/**
 * Modes KEDA 2.20's `Config` parses but its prometheus scaler never applies: `NewPrometheusScaler` builds a transport
 * for TLS and CA only, and `ExecutePromQuery` sets bearer, basic or custom headers; no OAuth token is fetched and no
 * API key sent (only the pulsar scaler reads oauth). The queries would go without credentials.
 */
const PROMETHEUS_UNUSED_MODES: readonly string[] = Object.freeze(['oauth', 'apikey']);

/**
 * `ca`, the CA that signs the server's certificate, is read with any auth mode: prometheus_scaler.go
 * `NewPrometheusScaler` builds the TLS transport when `CA != "" || EnabledTLS()`, once some mode is set.
 */
const PROMETHEUS_CA = 'ca';

/**
 * A prometheus trigger's `authModes` and `secretRefs` fit each other: every mode gets the parameters it requires,
 * every Secret key is a parameter of a listed mode (KEDA ignores any other, so the credential would not be sent),
 * and the modes send one Authorization: KEDA refuses basic with bearer (`Config.Modes` `exclusiveSet=bearer;basic;
 * oauth`), and with either of them the custom header is never set (prometheus_scaler.go `ExecutePromQuery` sets
 * bearer, else basic, else custom).
 */
export function checkPrometheusAuth(scope: IConstruct, prop: string, modes: readonly PrometheusAuthMode[] | undefined,
  refs: readonly TriggerSecretRef[] | undefined): void {
  checkArray(scope, `${prop}.authModes`, modes);
  checkSecretRefs(scope, `${prop}.secretRefs`, refs);
  (modes ?? []).forEach((mode, i) => {
    if (typeof mode === 'string' && PROMETHEUS_UNUSED_MODES.includes(mode.toLowerCase())) {
      fail(scope, `'${prop}.authModes[${i}]' (${show(mode)}) is parsed by KEDA 2.20 but not used by its prometheus `
        + 'scaler, which would query without credentials: use a PrometheusAuthMode (basic, bearer, tls, custom), or '
        + '\'identity\' for Azure Monitor managed Prometheus');
    }
    checkEnum(scope, `${prop}.authModes[${i}]`, mode, PrometheusAuthMode, 'PrometheusAuthMode');
    if (modes!.indexOf(mode) !== i) {
      fail(scope, `'${prop}.authModes[${i}]' (${show(mode)}) is a duplicate: list each mode once`);
    }
  });
  const has = (mode: PrometheusAuthMode) => (modes ?? []).includes(mode);
  if (has(PrometheusAuthMode.BASIC) && has(PrometheusAuthMode.BEARER)) {
    fail(scope, `'${prop}.authModes' (${show(modes)}) has both basic and bearer, which KEDA refuses (authModes "must `
      + 'contain only one of" them): both set the Authorization header; keep one');
  }
  if (has(PrometheusAuthMode.CUSTOM) && (has(PrometheusAuthMode.BASIC) || has(PrometheusAuthMode.BEARER))) {
    const other = has(PrometheusAuthMode.BASIC) ? 'basic' : 'bearer';
    fail(scope, `'${prop}.authModes' (${show(modes)}) has custom with ${other}: KEDA's prometheus `
      + `scaler then sends the Authorization of ${other} and never the custom header; keep one of them`);
  }
  const given = (refs ?? []).map(ref => ref.parameter);
  for (const mode of modes ?? []) {
    const missing = PROMETHEUS_AUTH_PARAMETERS[mode][0].filter(names => !names.some(name => given.includes(name)))
      .map(names => names[0]);
    if (missing.length > 0) {
      fail(scope, `'${prop}.secretRefs' (${show(given)}) has no ${missing.map(m => `"${m}"`).join(' or ')}: `
        + `PrometheusAuthMode.${mode.toUpperCase()} reads ${missing.length === 1 ? 'it' : 'them'} from a Secret `
        + `key; add { parameter: "${missing[0]}", secretName, key }`);
    }
  }
  const allowed = (modes ?? []).flatMap(mode => [...PROMETHEUS_AUTH_PARAMETERS[mode][0].flat(),
    ...PROMETHEUS_AUTH_PARAMETERS[mode][1]]);
  if (allowed.length > 0) allowed.push(PROMETHEUS_CA);
  (refs ?? []).forEach((ref, i) => {
    if (!allowed.includes(ref.parameter)) {
      fail(scope, `'${prop}.secretRefs[${i}].parameter' (${show(ref.parameter)}) is not read by KEDA's prometheus `
        + `scaler with 'authModes' (${show(modes ?? [])}): allowed ${allowed.length > 0 ? show(allowed) : 'none'}; `
        + 'list the mode that reads it in \'authModes\' (BASIC: username, password; BEARER: bearerToken or token; '
        + 'TLS: cert, key; CUSTOM: customAuthHeader, customAuthValue; with any of them: ca)');
    }
    if (ref.parameter === 'token' && given.includes('bearerToken')) {
      fail(scope, `'${prop}.secretRefs[${i}].parameter' ("token") is the alias of "bearerToken", which is given too: `
        + 'KEDA reads one bearer token, bearerToken, and ignores token; keep one');
    }
  });
}

/**
 * KEDA's prometheus scaler appends `/api/v1/query?query=...` to the server address
 * (pkg/scalers/prometheus_scaler.go: `fmt.Sprintf("%s/api/v1/query?query=%s&time=%s", serverAddress, ...)`): a query
 * or fragment in the address swallows that path, and an address that already ends in `/api/v1/query` gets it twice,
 * so every query fails.
 */
export function checkPrometheusAddress(scope: IConstruct, prop: string, value: string): void {
  // WHATWG URLs drop surrounding spaces and inner tabs and newlines; KEDA uses the address as given, and Go's URL
  // parser refuses it, so every query fails.
  if (/[\s\u0000-\u001f\u007f]/.test(value)) {
    fail(scope, `'${prop}' (${showUrl(value)}) has whitespace or control characters: KEDA uses the server address as `
      + 'given, and Go refuses such a URL; remove them');
  }
  const url = new URL(value);
  if (url.username !== '' || url.password !== '') {
    // Neither the password nor the user (often a token) is repeated in the message: it would land in CI logs.
    fail(scope, `'${prop}' (${showUrl(value)}) has credentials in it: they would be written in plain text into the `
      + "ScaledObject (and into git); put them in a Secret and use 'authModes' with 'secretRefs' "
      + '(PrometheusAuthMode.BASIC: username, password), or \'identity\' for Azure Monitor managed Prometheus');
  }
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    fail(scope, `'${prop}' (${show(value)}) has a query or fragment: KEDA appends "/api/v1/query?query=..." to the `
      + 'server address, so it must end with the host or a path, e.g. "https://prometheus.example.com" or '
      + '"http://prometheus.monitoring.svc:9090"');
  }
  // The query path itself (copied from a curl command or the Prometheus API docs) would be doubled.
  const apiPath = PROMETHEUS_QUERY_PATH.exec(url.pathname);
  if (apiPath) {
    fail(scope, `'${prop}' (${show(value)}) ends in ${show(apiPath[0])}, but KEDA appends "/api/v1/query?query=..." to `
      + `the server address itself, so it would ask for ${show(`${url.pathname.replace(/\/$/, '')}/api/v1/query`)}: `
      + `give the server's base URL, ${show(value.slice(0, value.length - apiPath[0].length))}`);
  }
}

/**
 * A utilization target is a percentage of the container's request, and a container never uses more than its limit
 * (CPU is throttled, memory OOM-killed): a target above 100 × limit / request is never reached, so the HPA (or KEDA's)
 * would never scale out on it.
 */
export function checkReachableUtilization(scope: IConstruct, prop: string, utilization: number,
  resource: 'cpu' | 'memory', resources: CheckedResources): void {
  const [request, limit] = resource === 'cpu'
    ? [resources.cpuRequestCores, resources.cpuLimitCores]
    : [resources.memoryRequestBytes, resources.memoryLimitBytes];
  const reachable = Math.floor((100 * limit) / request + 1e-9);
  if (utilization > reachable) {
    const [requestProp, limitProp] = resource === 'cpu'
      ? ['cpuRequest', 'cpuLimit'] as const : ['memoryRequest', 'memoryLimit'] as const;
    fail(scope, `'${prop}' (${show(utilization)}) must be <= ${reachable}, 100 × 'resources.${limitProp}' `
      + `(${show(resources.given[limitProp])}) / 'resources.${requestProp}' (${show(resources.given[requestProp])}): `
      + `a container never uses more ${resource} than its limit, so the target would never be reached and the `
      + 'workload never scaled out; lower the target or raise the limit');
  }
}

/**
 * KEDA reads a `<parameter>FromEnv` metadata value as the name of a variable of the scale target's first container
 * and takes the parameter from it (kedacore/keda v2.20.2 pkg/scalers/scalersconfig/typed_config.go
 * `configParamValue`, `ResolvedEnv`; pkg/scaling/resolver/scale_resolvers.go `ResolveContainerEnv`: the Deployment's
 * pod template, so not what a webhook adds). A name the container does not have leaves the parameter empty: the
 * scaler fails, or silently takes its default. With `envFrom`, the container's names are not known here.
 */
export function checkEnvReferences(scope: IConstruct, prop: string, triggers: readonly RenderedTrigger[],
  container: { readonly env?: readonly { name: string }[]; readonly envFrom?: readonly unknown[] }): void {
  if ((container.envFrom ?? []).length > 0) {
    return;
  }
  const names = (container.env ?? []).map(e => e.name);
  triggers.forEach((trigger, i) => {
    for (const [key, value] of Object.entries(trigger.metadata)) {
      if (key.endsWith('FromEnv') && key !== 'FromEnv' && !names.includes(value)) {
        fail(scope, `'${prop}.triggers[${i}].metadata' sets ${show(key)} to ${show(value)}, but the workload's `
          + `container has no environment variable ${show(value)} (it has ${names.join(', ')}): KEDA reads `
          + `${show(key.slice(0, -'FromEnv'.length))} from that variable, so the scaler would get none; add it to `
          + "'env' (e.g. with EnvValueSource.fromSecret), or give the value with 'secretRefs'");
      }
    }
  });
}
