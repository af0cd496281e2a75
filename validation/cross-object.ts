/** Rules that need more than one object: references, selectors, autoscaling and namespace policies. */
import { Findings, Manifest, describe, groupOf } from './context';
import { checkTriggerMetadata } from './keda-triggers';
import { FieldPath, JsonObject, arr, dig, isObject, num, str, stringMap } from './types';
import {
  ManifestIndex, PodTemplate, labelSelectorMatches, mapSelectorMatches, podTemplate,
  runningContainers, staticReplicas,
} from './workloads';

import {
  MAX_SCALED_OBJECT_NAME, WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION as WORKLOAD_IDENTITY_CLIENT_ID,
  WORKLOAD_IDENTITY_USE_LABEL as WORKLOAD_IDENTITY_USE,
} from './k8s-facts';

export interface CrossObjectOptions {
  /** Also require numeric Service targetPorts to be declared container ports (see ValidateOptions). */
  readonly requireDeclaredTargetPorts?: boolean;
}

export function checkCrossObject(index: ManifestIndex, out: Findings, options: CrossObjectOptions = {}): void {
  const floors = checkAutoscalers(index, out);
  checkDisruptionBudgets(index, floors, out);
  checkServices(index, out, options.requireDeclaredTargetPorts === true);
  checkIngresses(index, out);
  checkHttpRoutes(index, out);
  checkWorkloadIdentity(index, out);
  checkDefaultDeny(index, out);
}

// ------------------------------------------------------------------------------------------------------
// Autoscaling
// ------------------------------------------------------------------------------------------------------

interface Autoscaler {
  readonly m: Manifest;
  readonly target: Manifest | undefined;
  /** Lowest replica count the autoscaler can leave the target at while pods run. */
  readonly floor: number;
}

/** Minimum replicas the workload runs at: a fixed count, or the autoscalers' floor. Filled by checkAutoscalers. */
type Floors = Map<Manifest, number>;

function isHpa(m: Manifest): boolean {
  return m.kind === 'HorizontalPodAutoscaler' && m.group === 'autoscaling';
}

function isScaledObject(m: Manifest): boolean {
  return m.kind === 'ScaledObject' && m.group === 'keda.sh';
}

/** Resolves a scaleTargetRef in the autoscaler's namespace; apiVersion, when given, must match the group. */
export function resolveTarget(index: ManifestIndex, ns: string | undefined, ref: unknown,
  defaults: { kind?: string; apiVersion?: string }): Manifest | undefined {
  const kind = str(dig(ref, 'kind')) ?? defaults.kind;
  const name = str(dig(ref, 'name'));
  if (!kind || !name) return undefined;
  const target = index.get(kind, ns, name);
  const apiVersion = str(dig(ref, 'apiVersion')) ?? defaults.apiVersion;
  if (target && apiVersion !== undefined && groupOf(apiVersion) !== target.group) return undefined;
  return target;
}

function checkAutoscalers(index: ManifestIndex, out: Findings): Floors {
  const autoscalers: Autoscaler[] = [];

  for (const m of index.ofKind('HorizontalPodAutoscaler').filter(isHpa)) {
    const ref = dig(m.raw, 'spec', 'scaleTargetRef');
    const target = resolveTarget(index, m.namespace, ref, {});
    // A reference without kind or name is a schema finding (required field), not a missing object.
    if (!target && typeof dig(ref, 'kind') === 'string' && typeof dig(ref, 'name') === 'string') {
      const message = `${str(dig(ref, 'kind')) ?? '<kind>'} ${str(dig(ref, 'name')) ?? '<name>'} `
        + `(${str(dig(ref, 'apiVersion')) ?? 'no apiVersion'}) is not in namespace ${m.namespace ?? ''}`;
      out.report('hpa-target-missing', m, message, ['spec', 'scaleTargetRef']);
    }
    const min = num(dig(m.raw, 'spec', 'minReplicas')) ?? 1;
    const max = num(dig(m.raw, 'spec', 'maxReplicas'));
    if (max !== undefined && min > max) {
      out.report('autoscaler-min-max', m, `minReplicas ${min} is greater than maxReplicas ${max}`,
        ['spec', 'minReplicas']);
    }
    autoscalers.push({ m, target, floor: Math.max(1, min) });
    if (target) checkHpaRequests(m, target, out);
  }

  for (const m of index.ofKind('ScaledObject').filter(isScaledObject)) {
    const spec = dig(m.raw, 'spec');
    const ref = dig(spec, 'scaleTargetRef');
    const target = resolveTarget(index, m.namespace, ref, { kind: 'Deployment', apiVersion: 'apps/v1' });
    if (!target && typeof dig(ref, 'name') === 'string') {
      out.report('scaledobject-target-missing', m, `${str(dig(ref, 'kind')) ?? 'Deployment'} `
        + `${str(dig(ref, 'name')) ?? '<name>'} is not in namespace ${m.namespace ?? ''}`, ['spec', 'scaleTargetRef']);
    }
    if (m.name.length > MAX_SCALED_OBJECT_NAME) {
      out.report('scaledobject-name-length', m, `name has ${m.name.length} characters; KEDA allows at most `
        + `${MAX_SCALED_OBJECT_NAME} (it names the HPA keda-hpa-<name>)`, ['metadata', 'name']);
    }
    const minSet = num(dig(spec, 'minReplicaCount'));
    const min = minSet ?? 0;
    const max = num(dig(spec, 'maxReplicaCount')) ?? 100;
    if (min > max) {
      out.report('autoscaler-min-max', m, `minReplicaCount ${min} is greater than maxReplicaCount ${max}`,
        ['spec', 'minReplicaCount']);
    }
    const triggers = arr(dig(spec, 'triggers'));
    const types = triggers.map(t => str(dig(t, 'type')));
    if (triggers.length > 0 && types.every(t => t === 'cpu' || t === 'memory') && min < 1) {
      out.report('scaledobject-cpu-memory-min-replicas', m, `must be at least 1 when every trigger is cpu or memory `
        + `(${minSet === undefined ? 'unset, defaults to 0' : `is ${min}`}); `
        + `KEDA cannot scale such a workload from zero`, ['spec', 'minReplicaCount']);
    }
    checkTriggerMetadata(m, triggers, out);
    triggers.forEach((t, i) => {
      const auth = dig(t, 'authenticationRef');
      const name = str(dig(auth, 'name'));
      if (name === undefined) return; // no authenticationRef, or one without a name (a schema finding)
      const kind = str(dig(auth, 'kind')) ?? 'TriggerAuthentication';
      const found = kind === 'ClusterTriggerAuthentication'
        ? index.get('ClusterTriggerAuthentication', undefined, name)
        : index.get('TriggerAuthentication', m.namespace, name);
      if (!found) {
        out.report('scaledobject-auth-missing', m, kind === 'ClusterTriggerAuthentication'
          ? `ClusterTriggerAuthentication ${name} is not in the manifest set`
          : `TriggerAuthentication ${name} is not in namespace ${m.namespace ?? ''}`,
        ['spec', 'triggers', i, 'authenticationRef', 'name']);
      }
    });
    autoscalers.push({ m, target, floor: Math.max(1, min) });
    if (target) checkScaledObjectRequests(m, target, out);
  }

  // One autoscaler per target; autoscaled targets leave spec.replicas to it.
  const byTarget = new Map<Manifest, Autoscaler[]>();
  for (const a of autoscalers) {
    if (!a.target) continue;
    const list = byTarget.get(a.target) ?? [];
    list.push(a);
    byTarget.set(a.target, list);
  }
  const floors: Floors = new Map();
  for (const [target, list] of byTarget) {
    if (list.length > 1) {
      out.report('autoscaler-conflict', target, `is scaled by ${list.length} autoscalers `
        + `(${list.map(a => `${a.m.kind} ${a.m.name}`).join(', ')}); keep one`);
    }
    if (dig(target.raw, 'spec', 'replicas') !== undefined) {
      out.report('autoscaled-replicas', target, `must be unset: ${list[0].m.kind} ${list[0].m.name} manages the `
        + `replica count`, ['spec', 'replicas']);
    }
    floors.set(target, Math.max(...list.map(a => a.floor)));
  }
  return floors;
}

/**
 * Containers without a request for `resource`, among `names` (all running containers when undefined).
 * A limit alone counts: the API server defaults the request to the limit.
 */
function missingRequests(t: PodTemplate, resource: string,
  names: readonly string[] | undefined): { path: FieldPath; name: string }[] {
  return runningContainers(t)
    .filter(c => names === undefined || names.includes(c.name))
    .filter(c => dig(c.container, 'resources', 'requests', resource) === undefined
      && dig(c.container, 'resources', 'limits', resource) === undefined)
    .map(c => ({ path: [...c.path, 'resources', 'requests', resource], name: c.name }));
}

function reportMissingRequests(scaler: Manifest, target: Manifest, resource: string,
  container: string | undefined, out: Findings): void {
  const t = podTemplate(target);
  if (!t) return;
  for (const miss of missingRequests(t, resource, container === undefined ? undefined : [container])) {
    out.report('autoscaler-resource-requests', target, `required: ${scaler.kind} ${scaler.name} scales on ${resource} `
      + `utilization, which is relative to the request of container ${miss.name}`, miss.path);
  }
}

function checkHpaRequests(m: Manifest, target: Manifest, out: Findings): void {
  const spec = dig(m.raw, 'spec');
  const metrics = arr(dig(spec, 'metrics'));
  // autoscaling/v1 always scales on cpu utilization; a v2 HPA without metrics defaults to 80% cpu.
  if (m.apiVersion === 'autoscaling/v1' || metrics.length === 0) {
    reportMissingRequests(m, target, 'cpu', undefined, out);
    return;
  }
  for (const metric of metrics) {
    const type = dig(metric, 'type');
    const source = type === 'Resource' ? dig(metric, 'resource')
      : type === 'ContainerResource' ? dig(metric, 'containerResource') : undefined;
    if (!isObject(source) || dig(source, 'target', 'type') !== 'Utilization') continue;
    const resource = str(source.name);
    if (resource !== 'cpu' && resource !== 'memory') continue;
    const container = type === 'ContainerResource' ? str(source.container) ?? '' : undefined;
    reportMissingRequests(m, target, resource, container, out);
  }
}

function checkScaledObjectRequests(m: Manifest, target: Manifest, out: Findings): void {
  for (const trigger of arr(dig(m.raw, 'spec', 'triggers'))) {
    const type = str(dig(trigger, 'type'));
    if (type !== 'cpu' && type !== 'memory') continue;
    // metricType (or the deprecated metadata.type) AverageValue targets absolute usage: no request needed.
    const metricType = str(dig(trigger, 'metricType')) ?? str(dig(trigger, 'metadata', 'type')) ?? 'Utilization';
    if (metricType !== 'Utilization') continue;
    reportMissingRequests(m, target, type, str(dig(trigger, 'metadata', 'containerName')), out);
  }
}

// ------------------------------------------------------------------------------------------------------
// PodDisruptionBudgets
// ------------------------------------------------------------------------------------------------------

function checkDisruptionBudgets(index: ManifestIndex, floors: Floors, out: Findings): void {
  for (const m of index.ofKind('PodDisruptionBudget').filter(x => x.group === 'policy')) {
    const spec = dig(m.raw, 'spec');
    const selector = dig(spec, 'selector');
    const matched = index.templatesIn(m.namespace).filter(t => t.owner.kind !== 'PodTemplate'
      && labelSelectorMatches(selector, t.labels));
    if (matched.length === 0) {
      out.report('pdb-no-match', m, selector === undefined || selector === null
        ? 'is missing: the budget protects no pod'
        : `matches no pod template in namespace ${m.namespace ?? ''}`, ['spec', 'selector']);
      continue;
    }

    const maxUnavailable = dig(spec, 'maxUnavailable');
    if (maxUnavailable === 0 || maxUnavailable === '0%') {
      out.report('pdb-blocks-eviction', m, `${JSON.stringify(maxUnavailable)} blocks every voluntary eviction (node `
        + `drain, cluster upgrade)`, ['spec', 'maxUnavailable']);
    }
    const minAvailable = dig(spec, 'minAvailable');
    if (minAvailable === undefined || minAvailable === null) continue;
    if (minAvailable === '100%') {
      out.report('pdb-blocks-eviction', m, '"100%" blocks every voluntary eviction (node drain, cluster upgrade)',
        ['spec', 'minAvailable']);
      continue;
    }
    // Replicas the selected pods add up to at their lowest (autoscaler floor, or the fixed count).
    let total = 0;
    for (const t of matched) {
      const replicas = floors.get(t.owner) ?? staticReplicas(t.owner);
      if (replicas === undefined) {
        total = NaN;
        break;
      }
      total += replicas;
    }
    if (!(total > 0)) continue;
    const pct = typeof minAvailable === 'string' ? /^(\d+)%$/.exec(minAvailable) : null;
    const required = typeof minAvailable === 'number' ? minAvailable
      : pct ? Math.ceil((Number(pct[1]) * total) / 100) : undefined;
    if (required !== undefined && required >= total) {
      const who = matched.map(t => describe(t.owner)).join(', ');
      out.report('pdb-blocks-eviction', m, `${JSON.stringify(minAvailable)} requires ${required} of ${total} pod(s) of `
        + `${who} to stay available: no pod can be evicted`, ['spec', 'minAvailable']);
    }
  }
}

// ------------------------------------------------------------------------------------------------------
// Services, Ingresses, HTTPRoutes
// ------------------------------------------------------------------------------------------------------

/**
 * A named targetPort must be a declared container port: nothing else can resolve it. A numeric one need
 * not be: the container's `ports` list is informational ("Not specifying a port here DOES NOT prevent that
 * port from being exposed", core/v1 Container.ports), so Kubernetes routes to it either way; checking it
 * catches typos but flags working manifests, hence the option.
 */
function checkServices(index: ManifestIndex, out: Findings, numericTargetPorts: boolean): void {
  for (const m of index.ofKind('Service').filter(x => x.group === '')) {
    const spec = dig(m.raw, 'spec');
    if (dig(spec, 'type') === 'ExternalName') continue;
    const selector = stringMap(dig(spec, 'selector'));
    if (Object.keys(selector).length === 0) continue; // selector-less Services have manually managed endpoints
    const matched = index.templatesIn(m.namespace).filter(t => t.owner.kind !== 'PodTemplate'
      && mapSelectorMatches(selector, t.labels));
    if (matched.length === 0) {
      out.report('service-no-match', m, `matches no pod template in namespace ${m.namespace ?? ''}`,
        ['spec', 'selector']);
      continue;
    }
    arr(dig(spec, 'ports')).forEach((port, i) => {
      const targetPort = dig(port, 'targetPort') ?? dig(port, 'port');
      if (typeof targetPort !== 'string' && typeof targetPort !== 'number') return;
      if (typeof targetPort === 'number' && !numericTargetPorts) return;
      for (const t of matched) {
        const declared = runningContainers(t).flatMap(c => arr(c.container.ports));
        const ok = declared.some(p => (typeof targetPort === 'string' ? dig(p, 'name') === targetPort
          : dig(p, 'containerPort') === targetPort));
        if (!ok) {
          out.report('service-target-port-missing', m,
            `${typeof targetPort === 'string' ? `port name ${targetPort}` : `port ${targetPort}`} is not declared by `
            + `any container of ${describe(t.owner)}`,
            ['spec', 'ports', i, dig(port, 'targetPort') !== undefined ? 'targetPort' : 'port']);
        }
      }
    });
  }
}

/** Ports of a Service: "name/port" for messages. */
function servicePorts(svc: Manifest): string {
  const list = arr(dig(svc.raw, 'spec', 'ports')).map(p =>
    `${str(dig(p, 'name')) ? `${str(dig(p, 'name'))}/` : ''}${String(dig(p, 'port'))}`);
  return list.length > 0 ? list.join(', ') : 'none';
}

/** A Service an Ingress or HTTPRoute sends traffic to, and where the reference is. */
export interface ServiceRef {
  readonly name: string;
  readonly namespace: string | undefined;
  /** The reference: an Ingress `backend.service` or an HTTPRoute backendRef. */
  readonly ref: JsonObject;
  /** Path of `ref` in the object. */
  readonly path: FieldPath;
}

/** Service backends of an Ingress (defaultBackend and rule paths); resource backends are out of scope. */
export function ingressServiceBackends(m: Manifest): ServiceRef[] {
  const backends: { backend: unknown; path: FieldPath }[] = [];
  const def = dig(m.raw, 'spec', 'defaultBackend');
  if (def !== undefined) backends.push({ backend: def, path: ['spec', 'defaultBackend'] });
  arr(dig(m.raw, 'spec', 'rules')).forEach((rule, i) => {
    arr(dig(rule, 'http', 'paths')).forEach((p, j) => {
      backends.push({ backend: dig(p, 'backend'), path: ['spec', 'rules', i, 'http', 'paths', j, 'backend'] });
    });
  });
  const out: ServiceRef[] = [];
  for (const { backend, path } of backends) {
    const service = dig(backend, 'service');
    if (!isObject(service)) continue;
    const name = str(service.name);
    if (name === undefined) continue; // required: a schema finding
    out.push({ name, namespace: m.namespace, ref: service, path: [...path, 'service'] });
  }
  return out;
}

function checkIngresses(index: ManifestIndex, out: Findings): void {
  for (const m of index.ofKind('Ingress').filter(x => x.group === 'networking.k8s.io')) {
    for (const { name, ref: service, path } of ingressServiceBackends(m)) {
      const svc = index.get('Service', m.namespace, name);
      if (!svc) {
        out.report('ingress-backend-missing', m, `Service ${name} is not in namespace ${m.namespace ?? ''}`,
          [...path, 'name']);
        continue;
      }
      const number = num(dig(service, 'port', 'number'));
      const portName = str(dig(service, 'port', 'name'));
      const ports = arr(dig(svc.raw, 'spec', 'ports'));
      if (number !== undefined && !ports.some(p => dig(p, 'port') === number)) {
        out.report('ingress-backend-missing', m, `Service ${name} has no port ${number} (ports: ${servicePorts(svc)})`,
          [...path, 'port', 'number']);
      } else if (portName !== undefined && !ports.some(p => dig(p, 'name') === portName)) {
        out.report('ingress-backend-missing', m, `Service ${name} has no port named ${portName} (ports: `
          + `${servicePorts(svc)})`, [...path, 'port', 'name']);
      }
    }
  }
}

/** Service backendRefs of an HTTPRoute, request mirrors included (a backendRef's namespace defaults to the route's). */
export function httpRouteServiceRefs(m: Manifest): ServiceRef[] {
  const refs: { ref: unknown; path: FieldPath }[] = [];
  const mirrors = (filters: unknown, base: FieldPath): void => {
    arr(filters).forEach((f, k) => {
      const b = dig(f, 'requestMirror', 'backendRef');
      if (b !== undefined) refs.push({ ref: b, path: [...base, 'filters', k, 'requestMirror', 'backendRef'] });
    });
  };
  arr(dig(m.raw, 'spec', 'rules')).forEach((rule, i) => {
    arr(dig(rule, 'backendRefs')).forEach((b, j) => {
      refs.push({ ref: b, path: ['spec', 'rules', i, 'backendRefs', j] });
      mirrors(dig(b, 'filters'), ['spec', 'rules', i, 'backendRefs', j]);
    });
    mirrors(dig(rule, 'filters'), ['spec', 'rules', i]);
  });
  const out: ServiceRef[] = [];
  for (const { ref, path } of refs) {
    if (!isObject(ref)) continue; // a null backendRef: a schema finding
    const group = str(ref.group) ?? '';
    const kind = str(ref.kind) ?? 'Service';
    if ((group !== '' && group !== 'core') || kind !== 'Service') continue;
    const name = str(ref.name);
    if (name === undefined) continue; // required: a schema finding
    out.push({ name, namespace: str(ref.namespace) ?? m.namespace, ref, path });
  }
  return out;
}

function checkHttpRoutes(index: ManifestIndex, out: Findings): void {
  for (const m of index.ofKind('HTTPRoute').filter(x => x.group === 'gateway.networking.k8s.io')) {
    for (const { name, namespace: ns, ref, path } of httpRouteServiceRefs(m)) {
      const svc = index.get('Service', ns, name);
      if (!svc) {
        out.report('httproute-backend-missing', m, `Service ${name} is not in namespace ${ns ?? ''}`,
          [...path, 'name']);
        continue;
      }
      const port = num(dig(ref, 'port'));
      if (port === undefined) {
        out.report('httproute-backend-missing', m, `required for a Service backend (ports of ${name}: `
          + `${servicePorts(svc)})`, [...path, 'port']);
      } else if (!arr(dig(svc.raw, 'spec', 'ports')).some(p => dig(p, 'port') === port)) {
        out.report('httproute-backend-missing', m, `Service ${name} has no port ${port} (ports: ${servicePorts(svc)})`,
          [...path, 'port']);
      }
    }
  }
}

// ------------------------------------------------------------------------------------------------------
// Workload identity, default-deny NetworkPolicies, env
// ------------------------------------------------------------------------------------------------------

function checkWorkloadIdentity(index: ManifestIndex, out: Findings): void {
  const reportedAccounts = new Set<Manifest>();
  for (const t of index.templates) {
    if (t.labels[WORKLOAD_IDENTITY_USE] !== 'true') continue;
    const explicit = str(t.spec.serviceAccountName) ?? str(t.spec.serviceAccount);
    const account = explicit ?? 'default';
    const sa = index.get('ServiceAccount', t.owner.namespace, account);
    if (!sa) {
      const message = `ServiceAccount ${account} is not in namespace ${t.owner.namespace ?? ''}; `
        + `pods labelled ${WORKLOAD_IDENTITY_USE}: "true" need one annotated with ${WORKLOAD_IDENTITY_CLIENT_ID}`;
      out.report('workload-identity-service-account', t.owner, message, [...t.specPath, 'serviceAccountName']);
      continue;
    }
    const clientId = stringMap(dig(sa.raw, 'metadata', 'annotations'))[WORKLOAD_IDENTITY_CLIENT_ID];
    if (!clientId && !reportedAccounts.has(sa) && !setsClientIdItself(t)) {
      reportedAccounts.add(sa);
      const message = `required: ${describe(t.owner)} runs with ${WORKLOAD_IDENTITY_USE}: "true" `
        + 'as this ServiceAccount';
      out.report('workload-identity-service-account', sa, message,
        ['metadata', 'annotations', WORKLOAD_IDENTITY_CLIENT_ID]);
    }
  }
}

/**
 * Whether every container of the pod sets AZURE_CLIENT_ID itself (a value or valueFrom, e.g. a ConfigMap that holds
 * the client id of an identity Azure Service Operator creates). The webhook then needs no client-id annotation: it
 * adds only variables a container does not have and never an empty one, and does not reject a pod whose
 * ServiceAccount has no client id (azure-workload-identity v1.6.0 pkg/webhook/webhook.go: `getClientID`,
 * `addEnvironmentVariables`).
 */
function setsClientIdItself(t: PodTemplate): boolean {
  const containers = arr(t.spec.containers);
  return containers.length > 0
    && containers.every(c => arr(dig(c, 'env')).some(e => dig(e, 'name') === 'AZURE_CLIENT_ID'));
}

/** Well-known names of the cluster DNS pods' ports (CoreDNS and kube-dns name them dns and dns-tcp). */
const DNS_PORT_NAMES = new Set(['dns', 'dns-tcp']);

/**
 * An egress rule that only opens DNS: every port is 53 (or the DNS pods' port names dns/dns-tcp) over UDP
 * or TCP, with no port range. The common "deny all except DNS" policy adds such a rule to a default deny;
 * it keeps every other egress denied. A rule without ports opens every port, so it does not qualify.
 */
function isDnsOnlyEgress(rule: unknown): boolean {
  const ports = arr(dig(rule, 'ports'));
  if (ports.length === 0) return false;
  return ports.every(p => {
    const port = dig(p, 'port');
    const protocol = dig(p, 'protocol') ?? 'TCP';
    const endPort = dig(p, 'endPort');
    return (port === 53 || (typeof port === 'string' && DNS_PORT_NAMES.has(port)))
      && (protocol === 'UDP' || protocol === 'TCP') && (endPort === undefined || endPort === 53);
  });
}

function isEmptySelector(selector: unknown): boolean {
  return isObject(selector) && Object.keys(stringMap(selector.matchLabels)).length === 0
    && arr(selector.matchExpressions).length === 0;
}

function checkDefaultDeny(index: ManifestIndex, out: Findings): void {
  const namespaces = new Set<string>();
  for (const t of index.templates) {
    if (t.owner.kind !== 'PodTemplate' && t.owner.namespace) namespaces.add(t.owner.namespace);
  }
  const policies = index.ofKind('NetworkPolicy').filter(p => p.group === 'networking.k8s.io');
  for (const ns of [...namespaces].sort()) {
    let ingress = false;
    let egress = false;
    for (const p of policies) {
      if (p.namespace !== ns) continue;
      const spec = dig(p.raw, 'spec');
      if (!isEmptySelector(dig(spec, 'podSelector'))) continue;
      const typesSet = dig(spec, 'policyTypes');
      const types = arr(typesSet);
      // Without policyTypes a policy always covers Ingress (Egress only when it has egress rules).
      if ((typesSet === undefined || types.includes('Ingress')) && arr(dig(spec, 'ingress')).length === 0) {
        ingress = true;
      }
      if (types.includes('Egress') && arr(dig(spec, 'egress')).every(isDnsOnlyEgress)) egress = true;
    }
    if (ingress && egress) continue;
    const missing = !ingress && !egress ? 'ingress and egress' : !ingress ? 'ingress' : 'egress';
    const nsObject = index.get('Namespace', undefined, ns);
    out.report('namespace-default-deny', { kind: 'Namespace', name: ns, index: nsObject?.index, base: nsObject?.base },
      `no NetworkPolicy denies ${missing} by default (podSelector {}, policyTypes `
        + `[${!ingress && !egress ? 'Ingress, Egress' : !ingress ? 'Ingress' : 'Egress'}], `
        + `no rules${egress ? '' : ' other than egress to DNS on port 53'})`);
  }
}
