import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ScaledObject, TriggerAuthentication,
  TriggerAuthenticationSpecPodIdentityProvider } from '../../imports/keda.sh';
import { WorkloadIdentity } from '../identity';
import { KedaTrigger } from '../keda-trigger';
import { KedaTriggerType, WorkItemType } from '../keda-trigger-options';
import { RenderedTrigger } from './trigger-types';
import { HpaResources, HpaScalingOptions, KedaScalingOptions } from '../scaling-options';
import { renderHpaBehavior, renderKedaBehavior } from './hpa-behavior';
import { chartNamespace, checkArray, checkDnsLabel, checkDnsSubdomain, checkInteger, checkOptions, fail,
  show } from './input-checks';
import { KEDA_HPA_PREFIX, MAX_SCALED_OBJECT_NAME, isDns1123Label } from './k8s-facts';
import { CheckedResources } from './pod-spec';
import { DurableRegistry } from './registry';
import { checkEnvReferences, checkReachableUtilization } from './trigger-checks';

/** What a Scaling needs to know about the workload it scales. */
export interface ScalingTarget {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly endpoint: string;
  readonly taskHub: string;
  readonly workItemType?: WorkItemType;
  readonly identity?: WorkloadIdentity;
  /** The container's requests and limits. */
  readonly resources: CheckedResources;
}

/** The objects a Scaling creates for a workload. */
export interface ScalingObjects {
  readonly autoscaler?: ApiObject;
  readonly triggerAuthentications: TriggerAuthentication[];
}

/**
 * A Scaling checked for a workload: the replica range now, the objects later (`create`), so that the workload can
 * create its Deployment first (objects are written in creation order, and what targets the Deployment must follow
 * it).
 */
export interface ScalingPlan {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** Deployment `spec.replicas`; undefined when an autoscaler owns the count. */
  readonly replicas?: number;
  /** Creates the autoscaling objects in the workload, whose container is rendered (KEDA reads its variables). */
  create(container: k8s.Container): ScalingObjects;
}

/**
 * An `autoscaling/v2` HorizontalPodAutoscaler on CPU and memory utilization, named like its Deployment unless
 * `options.name` says otherwise.
 */
export function renderHpa(scope: Construct, target: ScalingTarget, prop: string,
  options: HpaScalingOptions): ScalingPlan {
  const name = options.name ?? target.name;
  // kubernetes/kubernetes pkg/apis/autoscaling/validation/validation.go: ValidateHorizontalPodAutoscalerName is
  // ValidateReplicationControllerName, a DNS-1123 subdomain.
  checkDnsSubdomain(scope, `${prop}.name`, name);
  const minReplicas = options.minReplicas ?? 3;
  const maxReplicas = options.maxReplicas ?? 20;
  const cpu = options.cpuUtilization ?? 70;
  const memory = options.memoryUtilization ?? 80;
  checkReplicaRange(scope, prop, minReplicas, maxReplicas, 1);
  checkInteger(scope, `${prop}.cpuUtilization`, cpu, 1);
  checkInteger(scope, `${prop}.memoryUtilization`, memory, 1);
  const scaleOn = options.scaleOn ?? HpaResources.CPU_AND_MEMORY;
  if (!Object.values(HpaResources).includes(scaleOn)) {
    fail(scope, `'${prop}.scaleOn' (${show(scaleOn)}) must be HpaResources.CPU_AND_MEMORY, CPU or MEMORY`);
  }
  if (scaleOn !== HpaResources.MEMORY) {
    checkReachableUtilization(scope, `${prop}.cpuUtilization`, cpu, 'cpu', target.resources);
  }
  if (scaleOn !== HpaResources.CPU) {
    checkReachableUtilization(scope, `${prop}.memoryUtilization`, memory, 'memory', target.resources);
  }
  const metrics = [
    ...(scaleOn !== HpaResources.MEMORY ? [resourceMetric('cpu', cpu)] : []),
    ...(scaleOn !== HpaResources.CPU ? [resourceMetric('memory', memory)] : []),
  ];
  const behavior = renderHpaBehavior(scope, prop, options.scaleUp, options.scaleDown);
  const namespace = chartNamespace(scope);
  DurableRegistry.of(scope).claim(scope, { kind: 'HpaOfScaling', key: `${namespace}/${name}` }, first =>
    `HorizontalPodAutoscaler name ${show(name)} in namespace ${show(namespace)} is already used by ${first}: `
    + `set another '${prop}.name'`);
  claimHpaName(scope, name, 'hpa');
  const create = (): ScalingObjects => ({ autoscaler: renderHpaObject(), triggerAuthentications: [] });
  const renderHpaObject = () => new k8s.KubeHorizontalPodAutoscalerV2(scope, 'Hpa', {
    metadata: { name, labels: target.labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target.name },
      minReplicas,
      maxReplicas,
      metrics,
      behavior,
    },
  });
  return { minReplicas, maxReplicas, create };
}

function resourceMetric(name: 'cpu' | 'memory', utilization: number): k8s.MetricSpecV2 {
  return { type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: utilization } } };
}

/**
 * HPA names are unique per namespace, and KEDA creates one named `keda-hpa-<ScaledObject name>`: a workload
 * named `keda-hpa-x` (or with `Scaling.hpa({ name: 'keda-hpa-x' })`) would collide with the HPA of ScaledObject
 * `x`. Clashes of one origin are already reported as HPA or ScaledObject name clashes (claimed first), so only
 * mixed ones are reported here: the claim is tagged with its origin.
 */
function claimHpaName(scope: Construct, hpaName: string, origin: 'hpa' | 'keda'): void {
  const namespace = chartNamespace(scope);
  const key = `${namespace}/${hpaName}`;
  DurableRegistry.of(scope).claim(scope, { kind: 'HorizontalPodAutoscaler', key, tag: origin },
    first => `${origin === 'hpa'
      ? `this workload's HPA ${show(hpaName)} has the name KEDA gives the HPA of the ScaledObject of ${first}`
      : `KEDA names this ScaledObject's HPA ${show(hpaName)}, the name of the HPA of ${first}`
    } in namespace ${show(namespace)}: give one of the workloads another 'name' (or 'scaling.name')`);
}

function checkReplicaRange(scope: Construct, prop: string, min: number, max: number, lowestMin: number): void {
  checkInteger(scope, `${prop}.minReplicas`, min, lowestMin);
  checkInteger(scope, `${prop}.maxReplicas`, max, 1);
  if (min > max) {
    fail(scope, `'${prop}.minReplicas' (${min}) must be <= '${prop}.maxReplicas' (${max})`);
  }
}

export function renderKeda(scope: Construct, target: ScalingTarget, prop: string,
  options: KedaScalingOptions): ScalingPlan {
  const name = options.name ?? target.name;
  checkDnsLabel(scope, `${prop}.name`, name);
  if (name.length > MAX_SCALED_OBJECT_NAME) {
    fail(scope, `ScaledObject name ${JSON.stringify(name)} is ${name.length} characters; KEDA allows at most `
      + `${MAX_SCALED_OBJECT_NAME} (its HPA is named "${KEDA_HPA_PREFIX}<name>"): set '${prop}.name' or shorten the `
      + 'workload name');
  }
  const minReplicas = options.minReplicas ?? 1;
  const maxReplicas = options.maxReplicas ?? 20;
  checkReplicaRange(scope, prop, minReplicas, maxReplicas, 0);
  const pollingInterval = options.pollingIntervalSeconds ?? 30;
  const cooldownPeriod = options.cooldownPeriodSeconds ?? 300;
  checkInteger(scope, `${prop}.pollingIntervalSeconds`, pollingInterval, 1);
  checkInteger(scope, `${prop}.cooldownPeriodSeconds`, cooldownPeriod, 0);

  if (!Array.isArray(options.triggers) || options.triggers.some(t => !(t instanceof KedaTrigger))) {
    fail(scope, `'${prop}.triggers' (${show(options.triggers)}) must be a list of triggers `
      + `made with KedaTrigger.cpu(...), `
      + 'memory, prometheus, cron or durableTaskScheduler');
  }
  checkArray(scope, `${prop}.triggers`, options.triggers);
  if (options.triggers.length === 0) {
    fail(scope, `'${prop}.triggers' is empty: a KEDA ScaledObject needs at least one `
      + `trigger, e.g. KedaTrigger.cpu(70)`);
  }
  const context = { endpoint: target.endpoint, taskHub: target.taskHub,
    workItemType: target.workItemType, identity: target.identity, resources: target.resources };
  const rendered = options.triggers.map((trigger, i) => trigger._render(scope, context, `${prop}.triggers[${i}]`));

  const names = rendered.map(t => t.name).filter((n): n is string => n !== undefined);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) {
    fail(scope, `'${prop}.triggers' has two triggers named ${JSON.stringify(duplicate)}: trigger names must be unique`);
  }
  const resourceOnly = rendered.every(t => t.type === KedaTriggerType.CPU || t.type === KedaTriggerType.MEMORY);
  if (resourceOnly && minReplicas === 0) {
    fail(scope, `'${prop}.minReplicas' (0) needs a trigger other than cpu/memory: KEDA cannot scale from zero on cpu `
      + 'or memory; use minReplicas >= 1 or add an event trigger');
  }
  rendered.forEach((t, i) => {
    if (t.type === KedaTriggerType.CRON) {
      checkWithinMax(scope, `${prop}.triggers[${i}].desiredReplicas`, Number(t.metadata.desiredReplicas), prop,
        maxReplicas, 'the window');
    }
  });
  const extras = kedaExtras(scope, prop, options, minReplicas, maxReplicas, resourceOnly);

  const namespace = chartNamespace(scope);
  DurableRegistry.of(scope).claim(scope, { kind: 'ScaledObject', key: `${namespace}/${name}` }, first =>
    `ScaledObject name ${show(name)} in namespace ${show(namespace)} is already used by ${first}: `
    + `set another '${prop}.name'`);
  claimHpaName(scope, `${KEDA_HPA_PREFIX}${name}`, 'keda');
  const create = (container: k8s.Container): ScalingObjects => {
    checkEnvReferences(scope, prop, rendered, container);
    const auths = renderTriggerAuthentications(scope, prop, name, target, rendered);
    const scaledObject = renderScaledObject(auths.nameFor);
    return { autoscaler: scaledObject, triggerAuthentications: auths.objects };
  };
  const renderScaledObject = (authName: (trigger: RenderedTrigger) => string | undefined) =>
    new ScaledObject(scope, 'ScaledObject', {
      metadata: { name, labels: target.labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target.name },
        minReplicaCount: minReplicas,
        maxReplicaCount: maxReplicas,
        pollingInterval,
        cooldownPeriod,
        ...extras,
        triggers: rendered.map(t => ({
          type: t.type,
          ...(t.name !== undefined ? { name: t.name } : {}),
          ...(t.metricType !== undefined ? { metricType: t.metricType } : {}),
          metadata: t.metadata,
          ...(authName(t) !== undefined ? { authenticationRef: { name: authName(t)! } } : {}),
        })),
      },
    });
  return { minReplicas, maxReplicas, create };
}

/**
 * The TriggerAuthentications of the triggers: one per distinct identity of triggers that only need an identity
 * (named `<ScaledObject>-azure-workload[-N]`), and one per trigger that reads Secret keys
 * (`<ScaledObject>-<trigger name or trigger-N>-auth`, with the trigger's identity too, if any).
 */
function renderTriggerAuthentications(scope: Construct, prop: string, scaledObjectName: string,
  target: ScalingTarget, triggers: RenderedTrigger[]) {
  const byIdentity = new Map<string, string>();
  const byTrigger = new Map<RenderedTrigger, string>();
  const objects: TriggerAuthentication[] = [];
  const podIdentity = (identity: WorkloadIdentity) => {
    if (identity.clientId === undefined) {
      fail(scope, `a KEDA trigger authenticates as the workload identity with ${identity._description}, but KEDA's `
        + 'TriggerAuthentication needs the client id itself (podIdentity.identityId): give the trigger an identity '
        + "with a known client id (its 'identity' option, WorkloadIdentity.fromClientId), or use a trigger without "
        + 'authentication (cpu, memory)');
    }
    return {
      provider: TriggerAuthenticationSpecPodIdentityProvider.AZURE_HYPHEN_WORKLOAD,
      identityId: identity.clientId,
      ...(identity.tenantId ? { identityTenantId: identity.tenantId } : {}),
    };
  };
  for (const identity of triggers.filter(t => !t.secretRefs).map(t => t.identity)
    .filter((i): i is WorkloadIdentity => i !== undefined)) {
    if (byIdentity.has(identity._key)) {
      continue;
    }
    const index = byIdentity.size;
    const name = index === 0 ? `${scaledObjectName}-azure-workload` : `${scaledObjectName}-azure-workload-${index + 1}`;
    byIdentity.set(identity._key, name);
    const id = index === 0 ? 'TriggerAuthentication' : `TriggerAuthentication${index + 1}`;
    objects.push(new TriggerAuthentication(scope, id, {
      metadata: { name, labels: target.labels },
      spec: { podIdentity: podIdentity(identity) },
    }));
  }
  const triggerNames = authTriggerNames(triggers);
  triggers.forEach((trigger, i) => {
    if (!trigger.secretRefs) {
      return;
    }
    const name = `${scaledObjectName}-${triggerNames[i]}-auth`;
    byTrigger.set(trigger, name);
    objects.push(new TriggerAuthentication(scope, `TriggerAuthentication-${triggerNames[i]}`, {
      metadata: { name, labels: target.labels },
      spec: {
        ...(trigger.identity ? { podIdentity: podIdentity(trigger.identity) } : {}),
        secretTargetRef: trigger.secretRefs.map(ref =>
          ({ parameter: ref.parameter, name: ref.secretName, key: ref.key })),
      },
    }));
  });
  objects.forEach(auth => claimTriggerAuthName(scope, prop, auth.name));
  const nameFor = (trigger: RenderedTrigger): string | undefined =>
    byTrigger.get(trigger) ?? (trigger.identity ? byIdentity.get(trigger.identity._key) : undefined);
  return { objects, nameFor };
}

/**
 * The name of each trigger in its TriggerAuthentication's name: its own when it is a DNS label (KEDA takes any trigger
 * name, an object name must be a DNS subdomain), or `trigger-<position>`, with `-2`, `-3`, ... added when another
 * trigger is explicitly named so (its own name wins).
 */
function authTriggerNames(triggers: RenderedTrigger[]): string[] {
  const taken = new Set(triggers.map(t => t.name).filter((n): n is string => n !== undefined));
  return triggers.map((trigger, i) => {
    if (trigger.name !== undefined && isDns1123Label(trigger.name)) {
      return trigger.name;
    }
    let name = `trigger-${i + 1}`;
    for (let n = 2; taken.has(name); n++) {
      name = `trigger-${i + 1}-${n}`;
    }
    taken.add(name);
    return name;
  });
}

/** TriggerAuthentication names are unique per namespace: `<ScaledObject>-<trigger>-auth` can be another's. */
function claimTriggerAuthName(scope: Construct, prop: string, name: string): void {
  const namespace = chartNamespace(scope);
  DurableRegistry.of(scope).claim(scope, { kind: 'TriggerAuthentication', key: `${namespace}/${name}` }, first =>
    `TriggerAuthentication name ${show(name)} in namespace ${show(namespace)} is already used by ${first}: rename `
    + `one of the triggers of '${prop}.triggers' or set another '${prop}.name'`);
}

/**
 * A replica count KEDA hands to the HPA it manages (a cron window's `desiredReplicas`, `fallback.replicas`): the HPA
 * caps it at `maxReplicaCount` without a word, so a count above it would silently run fewer pods than asked.
 */
function checkWithinMax(scope: Construct, at: string, replicas: number, prop: string, maxReplicas: number,
  what: string): void {
  if (replicas > maxReplicas) {
    fail(scope, `'${at}' (${replicas}) must be <= '${prop}.maxReplicas' (${maxReplicas}): the HPA KEDA manages caps `
      + `replicas at maxReplicaCount, so ${what} would run ${maxReplicas}; raise 'maxReplicas' or lower it`);
  }
}

/**
 * `idleReplicaCount`, `fallback` and the managed HPA's behavior, checked as KEDA 2.20's admission webhook does
 * (apis/keda/v1alpha1/scaledobject_types.go: `CheckReplicaCountBoundsAreValid`, `CheckFallbackValid`).
 */
function kedaExtras(scope: Construct, prop: string, options: KedaScalingOptions, minReplicas: number,
  maxReplicas: number, resourceOnly: boolean): Record<string, unknown> {
  const extras: Record<string, unknown> = {};
  if (options.idleReplicaCount !== undefined) {
    // KEDA documents 0 as the only supported value, and rejects one that is not below minReplicaCount.
    if (options.idleReplicaCount !== 0 || minReplicas <= 0) {
      fail(scope, `'${prop}.idleReplicaCount' (${show(options.idleReplicaCount)}) must be 0, with 'minReplicas' `
        + `>= 1 (it is ${minReplicas}): KEDA supports only 0 idle replicas, below minReplicaCount`);
    }
    if (resourceOnly) {
      // KEDA counts a ScaledObject with only cpu/memory triggers as always active (pkg/scaling/scale_handler.go):
      // it would never idle.
      fail(scope, `'${prop}.idleReplicaCount' (0) needs a trigger other than cpu/memory: KEDA counts cpu and memory `
        + 'triggers as always active, so the workload would never idle; add an event trigger or leave it out');
    }
    extras.idleReplicaCount = 0;
  }
  if (options.fallback !== undefined) {
    checkOptions(scope, `${prop}.fallback`, options.fallback);
    checkInteger(scope, `${prop}.fallback.failureThreshold`, options.fallback.failureThreshold, 1);
    checkInteger(scope, `${prop}.fallback.replicas`, options.fallback.replicas, 0);
    checkWithinMax(scope, `${prop}.fallback.replicas`, options.fallback.replicas, prop, maxReplicas, 'the fallback');
    if (resourceOnly) {
      fail(scope, `'${prop}.fallback' needs a trigger other than cpu/memory: KEDA has no fallback for resource `
        + 'metrics');
    }
    extras.fallback = { failureThreshold: options.fallback.failureThreshold, replicas: options.fallback.replicas };
  }
  const behavior = renderKedaBehavior(scope, prop, options.scaleUp, options.scaleDown);
  if (behavior) {
    extras.advanced = { horizontalPodAutoscalerConfig: { behavior } };
  }
  return extras;
}
