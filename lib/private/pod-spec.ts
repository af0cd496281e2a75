import { posix } from 'path';
import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { ContainerResources } from '../container';
import { EnvFromSource, EnvironmentVariable, EnvValueSource } from '../environment';
import { VolumeMount, WorkloadVolume } from '../volumes';
import { WorkloadIdentity } from '../identity';
import { NodeLabel, NodeToleration, TaintEffect } from '../placement';
import { HealthProbe } from '../probe';
import { DurableTaskScheduler } from '../scheduler';
import {
  checkArray, checkDnsLabel, checkDnsSubdomain, checkElement, checkEnum, checkEnvName, checkInstance, checkInteger,
  checkLabelKey, checkLabelValue, checkOptions, checkString, fail, show,
} from './input-checks';
import { checkContainerMemory, checkQuantity } from './quantity';
import { checkVolumeMount } from './volume-checks';

/** Container resources with the defaults applied, and their parsed values. */
export interface CheckedResources {
  readonly given: Required<ContainerResources>;
  readonly cpuRequestCores: number;
  readonly memoryRequestBytes: number;
  readonly cpuLimitCores: number;
  readonly memoryLimitBytes: number;
}

const DEFAULT_RESOURCES: Readonly<Required<ContainerResources>> = Object.freeze({
  cpuRequest: '250m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi',
});

/**
 * Applies the defaults field by field (a field given as `undefined` takes its default, as documented) and checks that
 * each quantity is valid and each limit at least its request.
 */
export function checkResources(scope: IConstruct, resources: ContainerResources | undefined,
  defaults: Required<ContainerResources> = DEFAULT_RESOURCES): CheckedResources {
  checkOptions(scope, 'resources', resources);
  const given: Required<ContainerResources> = {
    cpuRequest: resources?.cpuRequest ?? defaults.cpuRequest,
    memoryRequest: resources?.memoryRequest ?? defaults.memoryRequest,
    cpuLimit: resources?.cpuLimit ?? defaults.cpuLimit,
    memoryLimit: resources?.memoryLimit ?? defaults.memoryLimit,
  };
  const checked = {
    given,
    cpuRequestCores: checkQuantity(scope, 'resources.cpuRequest', given.cpuRequest),
    memoryRequestBytes: checkContainerMemory(scope, 'resources.memoryRequest', given.memoryRequest),
    cpuLimitCores: checkQuantity(scope, 'resources.cpuLimit', given.cpuLimit),
    memoryLimitBytes: checkContainerMemory(scope, 'resources.memoryLimit', given.memoryLimit, true),
  };
  if (checked.cpuLimitCores < checked.cpuRequestCores) {
    failLimitBelowRequest(scope, resources, given, 'cpuLimit', 'cpuRequest');
  }
  if (checked.memoryLimitBytes < checked.memoryRequestBytes) {
    failLimitBelowRequest(scope, resources, given, 'memoryLimit', 'memoryRequest');
  }
  return checked;
}

/**
 * A limit below its request. When one of the two is a default, the message says so and names the prop to set: a
 * request given without its limit (e.g. `cpuRequest: '2'` against the default limit of 1 CPU) is the usual case.
 */
function failLimitBelowRequest(scope: IConstruct, resources: ContainerResources | undefined,
  given: Required<ContainerResources>, limit: keyof ContainerResources, request: keyof ContainerResources): never {
  const value = (key: keyof ContainerResources) =>
    (resources?.[key] === undefined ? `default ${show(given[key])}` : show(given[key]));
  const defaulted = [limit, request].find(key => resources?.[key] === undefined);
  fail(scope, `'resources.${limit}' (${value(limit)}) must be >= 'resources.${request}' (${value(request)})`
    + (defaulted === undefined ? '' : `: set 'resources.${defaulted}' too`));
}

/** Requests and limits as the container spec takes them. */
export function renderResources(resources: CheckedResources): k8s.ResourceRequirements {
  const { cpuRequest, memoryRequest, cpuLimit, memoryLimit } = resources.given;
  return {
    requests: { cpu: k8s.Quantity.fromString(cpuRequest), memory: k8s.Quantity.fromString(memoryRequest) },
    limits: { cpu: k8s.Quantity.fromString(cpuLimit), memory: k8s.Quantity.fromString(memoryLimit) },
  };
}

/** Checks the grace period and the preStop delay that counts against it; returns the grace period. */
export function checkShutdown(scope: IConstruct, gracePeriod: number, preStopDelay: number | undefined): number {
  checkInteger(scope, 'terminationGracePeriodSeconds', gracePeriod, 0);
  if (preStopDelay !== undefined) {
    // 0 is no delay, rendered as no hook (a sleep of 0 seconds is refused before Kubernetes 1.33:
    // k8s.io/kubernetes pkg/apis/core/validation `validateSleepAction`, feature PodLifecycleSleepActionAllowZero).
    checkInteger(scope, 'preStopDelaySeconds', preStopDelay, 0);
    if (preStopDelay > 0 && preStopDelay >= gracePeriod) {
      fail(scope, `'preStopDelaySeconds' (${preStopDelay}) must be < 'terminationGracePeriodSeconds' `
        + `(${gracePeriod}): the preStop sleep counts against the grace period`);
    }
  }
  return gracePeriod;
}

/** What a workload's container environment is made of. */
export interface EnvInput {
  readonly scheduler: DurableTaskScheduler;
  readonly taskHub: string;
  readonly identity?: WorkloadIdentity;
  /** Variables the construct sets itself, after the scheduler's. */
  readonly systemEnv: readonly EnvironmentVariable[];
  /** The construct's variables that may take their value from the pod or a Secret (telemetry), after `systemEnv`. */
  readonly extraEnv?: readonly k8s.EnvVar[];
  /** The user's variables, which must not override the construct's. */
  readonly env?: readonly EnvironmentVariable[];
}

/** The scheduler variables, the construct's own and the user's, checked for clashes. */
export function renderEnv(scope: IConstruct, input: EnvInput): k8s.EnvVar[] {
  const system = [...input.scheduler.renderEnv(input.taskHub, input.identity), ...input.systemEnv];
  const extra = input.extraEnv ?? [];
  const identity = identityEnv(input.identity);
  const own = [...identity, ...system, ...extra];
  const reserved = new Set(own.map(v => v.name));
  if (reserved.size !== own.length) {
    const duplicate = own.find((v, i) => own.findIndex(w => w.name === v.name) !== i)!;
    const identityVar = identity.length > 0 ? ', AZURE_CLIENT_ID (the client id from the identity\'s ConfigMap)' : '';
    fail(scope, `environment variable ${show(duplicate.name)} would be set twice by the construct: the scheduler `
      + `variables (${input.scheduler.envNames.join(', ')})${identityVar} and 'workItemTypeEnvName' must have `
      + 'different names');
  }
  const seen = new Set<string>();
  const user = (input.env ?? []).map((variable, i) => {
    checkEnvName(scope, `env[${i}].name`, variable.name);
    if (reserved.has(variable.name)) {
      fail(scope, `'env[${i}].name' (${show(variable.name)}) would override a variable the construct sets `
        + `(${[...reserved].join(', ')}): configure it through the scheduler or choose another name`);
    }
    if (seen.has(variable.name)) {
      fail(scope, `'env[${i}].name' (${show(variable.name)}) is a duplicate: environment `
        + `variable names must be unique`);
    }
    seen.add(variable.name);
    return renderVariable(scope, `env[${i}]`, variable);
  });
  return [...identity, ...system.map(v => ({ name: v.name, value: v.value })), ...extra, ...user];
}

/**
 * `AZURE_CLIENT_ID` from the ConfigMap that holds the identity's client id, first, so that later variables can refer
 * to it as `$(AZURE_CLIENT_ID)`. The workload identity webhook keeps a variable the container sets
 * (azure-workload-identity pkg/webhook/webhook.go, `addEnvironmentVariables`); with a known client id it sets the
 * variable itself from the ServiceAccount annotation.
 */
function identityEnv(identity: WorkloadIdentity | undefined): k8s.EnvVar[] {
  const ref = identity?.clientIdConfigMap;
  return ref ? [{ name: 'AZURE_CLIENT_ID', valueFrom: { configMapKeyRef: { name: ref.name, key: ref.key } } }] : [];
}

function renderVariable(scope: IConstruct, prop: string, variable: EnvironmentVariable): k8s.EnvVar {
  if ((variable.value === undefined) === (variable.valueFrom === undefined)) {
    fail(scope, `'${prop}' (${show(variable.name)}) must have exactly one of 'value' and 'valueFrom' `
      + `(it has ${variable.value === undefined ? 'neither' : 'both'})`);
  }
  if (variable.valueFrom !== undefined) {
    checkInstance(scope, `${prop}.valueFrom`, variable.valueFrom, EnvValueSource,
      'EnvValueSource.fromSecret/fromConfigMap/fromPodField(...)');
    return { name: variable.name, valueFrom: variable.valueFrom._render(scope, `${prop}.valueFrom`) };
  }
  checkString(scope, `${prop}.value`, variable.value);
  return { name: variable.name, value: variable.value };
}

/** Whole Secrets and ConfigMaps as variables. */
export function renderEnvFrom(scope: IConstruct, sources: readonly EnvFromSource[] | undefined):
k8s.EnvFromSource[] | undefined {
  checkArray(scope, 'envFrom', sources);
  if (!sources || sources.length === 0) {
    return undefined;
  }
  return sources.map((source, i) => {
    checkInstance(scope, `envFrom[${i}]`, source, EnvFromSource, 'EnvFromSource.secret/configMap(...)');
    return source._render(scope, `envFrom[${i}]`);
  });
}

/** The probes of the container, each checked against its ports. */
export interface ProbesInput {
  readonly readinessProbe?: HealthProbe;
  readonly livenessProbe?: HealthProbe;
  readonly startupProbe?: HealthProbe;
}

export function renderProbes(scope: IConstruct, probes: ProbesInput, ports: number[]) {
  return {
    readinessProbe: probes.readinessProbe?._render(scope, 'readinessProbe', ports),
    livenessProbe: probes.livenessProbe?._render(scope, 'livenessProbe', ports),
    startupProbe: probes.startupProbe?._render(scope, 'startupProbe', ports),
  };
}

/** `nodeSelector` from node labels, each key once. */
export function renderNodeSelector(scope: IConstruct,
  labels: NodeLabel[] | undefined): Record<string, string> | undefined {
  if (!labels || labels.length === 0) {
    return undefined;
  }
  const selector: Record<string, string> = {};
  for (const [i, label] of labels.entries()) {
    checkElement(scope, `nodeSelector[${i}]`, label, 'a node label: { key, value }');
    checkLabelKey(scope, `nodeSelector[${i}].key`, label.key);
    checkLabelValue(scope, `nodeSelector[${i}].value`, label.value);
    if (Object.hasOwn(selector, label.key)) {
      fail(scope, `'nodeSelector[${i}].key' (${show(label.key)}) is a duplicate: each node `
        + `label key can be selected once`);
    }
    selector[label.key] = label.value;
  }
  return selector;
}

/** Tolerations; a toleration without a value tolerates any value of its key (operator `Exists`). */
export function renderTolerations(scope: IConstruct,
  tolerations: NodeToleration[] | undefined): k8s.Toleration[] | undefined {
  tolerations?.forEach((t, i) => {
    checkElement(scope, `tolerations[${i}]`, t, 'a toleration: { key, value?, effect? }');
    // An empty key with operator Exists would tolerate every taint of every node.
    checkLabelKey(scope, `tolerations[${i}].key`, t.key);
    if (t.value !== undefined) {
      checkLabelValue(scope, `tolerations[${i}].value`, t.value);
    }
    checkEnum(scope, `tolerations[${i}].effect`, t.effect, TaintEffect, 'TaintEffect');
  });
  return tolerations?.map(t => ({
    key: t.key,
    operator: t.value === undefined ? 'Exists' : 'Equal',
    value: t.value,
    effect: t.effect,
  }));
}

/** Spreads replicas over zones and nodes, as a preference. */
export function renderTopologySpread(selector: Record<string, string>): k8s.TopologySpreadConstraint[] {
  // ScheduleAnyway: spreading is a preference, so single-zone clusters and small node pools still schedule.
  return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map(topologyKey => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...selector } },
    matchLabelKeys: ['pod-template-hash'],
  }));
}

/** Pod Security Standards `restricted`: the pod's security context. */
export function restrictedPodSecurityContext(runAsUser: number): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser,
    runAsGroup: runAsUser,
    fsGroup: runAsUser,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Pod Security Standards `restricted`, plus a read-only root filesystem: the container's security context. */
export function restrictedContainerSecurityContext(): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
}

/** The construct's own scratch volume: a read-only root file system needs a writable /tmp. */
const TMP_VOLUME = 'tmp';

/**
 * The paths under /proc that runc lets a volume cover (files lxcfs emulates); any other path under /proc fails the
 * container's start with "... cannot be mounted because it is inside /proc" (opencontainers/runc
 * libcontainer/rootfs_linux.go, checkProcMount). The API server accepts them.
 */
const RUNC_PROC_MOUNTS: readonly string[] = Object.freeze(['/proc/cpuinfo', '/proc/diskstats', '/proc/meminfo',
  '/proc/stat', '/proc/swaps', '/proc/uptime', '/proc/loadavg', '/proc/slabinfo', '/proc/net/dev',
  '/proc/sys/kernel/ns_last_pid', '/proc/sys/crypto/fips_enabled']);

/**
 * Where the Azure Workload Identity webhook mounts the token into every container of a pod with an identity:
 * `TokenFileMountPath` up to v1.5, `VolumeMountPath` from v1.6 (azure-workload-identity pkg/webhook/consts.go,
 * webhook.go `addProjectedVolumeMount`). A volume of the user's at either path gives the mutated container two
 * mounts at one path, which the API server refuses ("must be unique"), so no pod is created.
 */
const WEBHOOK_TOKEN_DIRS: readonly string[] = Object.freeze(['/var/run/secrets/azure/tokens',
  '/var/run/secrets/azure/wi']);

/**
 * The user's volumes and mounts, after the construct's /tmp, each name and mount path once (and, with an identity,
 * none where the workload identity webhook mounts its token).
 */
export function renderVolumes(scope: IConstruct, mounts: readonly VolumeMount[] | undefined, identity: boolean):
{ volumes: k8s.Volume[]; volumeMounts: k8s.VolumeMount[] } {
  checkArray(scope, 'volumes', mounts);
  const volumes: k8s.Volume[] = [{ name: TMP_VOLUME, emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }];
  const volumeMounts: k8s.VolumeMount[] = [{ name: TMP_VOLUME, mountPath: '/tmp' }];
  (mounts ?? []).forEach((mount, i) => {
    const prop = `volumes[${i}]`;
    checkVolumeMount(scope, prop, mount);
    checkDnsLabel(scope, `${prop}.name`, mount.name);
    checkInstance(scope, `${prop}.volume`, mount.volume, WorkloadVolume,
      'WorkloadVolume.fromSecret/fromConfigMap/emptyDir/fromSecretProviderClass(...)');
    if (volumes.some(v => v.name === mount.name)) {
      fail(scope, `'${prop}.name' (${show(mount.name)}) is already used${mount.name === TMP_VOLUME
        ? ' by the construct (its writable /tmp)' : ''}: volume names must be unique`);
    }
    if (typeof mount.mountPath !== 'string' || !/^\/[^:]*$/.test(mount.mountPath) || /(^|\/)\.\.(\/|$)/.test(mount.mountPath)) {
      fail(scope, `'${prop}.mountPath' (${show(mount.mountPath)}) must be an absolute path without '..' or ':'`);
    }
    if (mountKey(mount.mountPath) === '/') {
      fail(scope, `'${prop}.mountPath' (${show(mount.mountPath)}) is the container's root: a volume there would hide `
        + 'the image\'s files; mount it at a directory, e.g. "/mnt/data"');
    }
    checkSystemMountPath(scope, prop, mount.mountPath);
    const clash = volumeMounts.find(m => mountKey(m.mountPath) === mountKey(mount.mountPath));
    if (clash) {
      fail(scope, `'${prop}.mountPath' (${show(mount.mountPath)}) is already the mount path of volume `
        + `${show(clash.name)}: each path can hold one volume`);
    }
    if (identity && WEBHOOK_TOKEN_DIRS.includes(mountKey(mount.mountPath))) {
      fail(scope, `'${prop}.mountPath' (${show(mount.mountPath)}) is where the Azure Workload Identity webhook mounts `
        + 'the token of a workload with an identity (/var/run/secrets/azure/tokens up to v1.5, '
        + '/var/run/secrets/azure/wi from v1.6): the pod would have two volumes at one path, which the API server '
        + 'refuses; mount it elsewhere');
    }
    volumes.push(mount.volume._render(scope, `${prop}.volume`, mount.name));
    volumeMounts.push({
      name: mount.name,
      mountPath: mount.mountPath,
      ...(mount.readOnly ?? mount.volume._readOnlyByDefault ? { readOnly: true } : {}),
      ...(mount.subPath !== undefined ? { subPath: mount.subPath } : {}),
    });
  });
  return { volumes, volumeMounts };
}

/** A mount path the runtime refuses (under /proc), or one that hides the image's /etc (users, CA certificates). */
function checkSystemMountPath(scope: IConstruct, prop: string, mountPath: string): void {
  const key = mountKey(mountPath);
  if ((key === '/proc' || key.startsWith('/proc/')) && !RUNC_PROC_MOUNTS.includes(key)) {
    fail(scope, `'${prop}.mountPath' (${show(mountPath)}) is inside /proc, where the container runtime (runc) `
      + 'refuses volumes: the container would never start; mount it elsewhere, e.g. "/mnt/data"');
  }
  if (key === '/etc') {
    fail(scope, `'${prop}.mountPath' (${show(mountPath)}) would hide the image's /etc (its users and CA `
      + 'certificates, so no TLS connection to the scheduler): mount it at a folder below, e.g. "/etc/orders"');
  }
}

/**
 * A mount path as the container runtime resolves it: '//', '/./' and a trailing '/' or '/.' name the same directory
 * (the API server compares the strings, so '/etc/app' and '/etc//app/' would both pass and clash at runtime).
 */
function mountKey(mountPath: string): string {
  const normalized = posix.normalize(mountPath);
  return normalized.length > 1 ? normalized.replace(/\/+$/, '') : normalized;
}

/** `priorityClassName` and `imagePullSecrets`, when given. */
export function renderSchedulingExtras(scope: IConstruct, props: {
  readonly priorityClassName?: string; readonly imagePullSecrets?: string[];
}): { priorityClassName?: string; imagePullSecrets?: k8s.LocalObjectReference[] } {
  if (props.priorityClassName !== undefined) {
    checkDnsSubdomain(scope, 'priorityClassName', props.priorityClassName);
  }
  checkArray(scope, 'imagePullSecrets', props.imagePullSecrets);
  props.imagePullSecrets?.forEach((name, i) => checkDnsSubdomain(scope, `imagePullSecrets[${i}]`, name));
  return {
    ...(props.priorityClassName !== undefined ? { priorityClassName: props.priorityClassName } : {}),
    ...(props.imagePullSecrets?.length ? { imagePullSecrets: props.imagePullSecrets.map(name => ({ name })) } : {}),
  };
}
