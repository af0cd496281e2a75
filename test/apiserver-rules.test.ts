/**
 * Inputs the Kubernetes API server (or the scheduler, or the container runtime) refuses that the constructs used to
 * pass through: each fails at construction with the construct path, the prop, the value and what is allowed; the
 * boundary values next to them are accepted and pass the manifest validator.
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  ApiServiceType, DurableApi, DurableApiProps, DurableTaskScheduler, DurableWorker, DurableWorkerProps, EnvFromSource,
  EnvValueSource, KedaTrigger, NodeSelectorOperator, Scaling, WorkloadIdentity, WorkloadVolume,
} from '../lib';
import { exactly, synthValid } from './util';

const ENDPOINT = 'https://orders.westus2.durabletask.io';
const IMAGE = 'myregistry.azurecr.io/orders-worker:1.4.2';
const W = 'durable-system/worker';
const A = 'durable-system/api';
const CHDIR_ENV = "is '.', '..' or starts with '..', which the API server refuses in an environment variable name "
  + "(without relaxed names, before Kubernetes 1.32): start it with a letter or '_'";
const CHDIR_KEY = "which the API server refuses in a Secret or ConfigMap key (Kubernetes keeps its own files under '..' "
  + 'in a mounted volume)';

const system = (app: App) => new Chart(app, 'durable-system', { namespace: 'durable-system' });
const scheduler = () => DurableTaskScheduler.fromEndpoint(ENDPOINT);
const worker = (chart: Chart, props: Partial<DurableWorkerProps> = {}) =>
  new DurableWorker(chart, 'worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
const api = (chart: Chart, props: Partial<DurableApiProps> = {}) =>
  new DurableApi(chart, 'api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
const secretTrigger = (key: string) => KedaTrigger.custom('rabbitmq', {
  metadata: [{ key: 'queueName', value: 'orders' }], secretRefs: [{ parameter: 'host', secretName: 'rabbitmq', key }],
});
const emptyDirAt = (mountPath: string) => ({ volumes: [{ name: 'scratch', volume: WorkloadVolume.emptyDir(), mountPath }] });
const LB = ApiServiceType.LOAD_BALANCER;

interface Invalid {
  readonly name: string;
  readonly given: (chart: Chart) => unknown;
  readonly message: string;
}

const INVALID: Invalid[] = [
  // ------------------------------------------------ env names and keys: apimachinery IsEnvVarName, IsConfigMapKey
  {
    name: "an env name is '.'",
    given: chart => worker(chart, { env: [{ name: '.', value: 'x' }] }),
    message: `${W}: 'env[0].name' (".") ${CHDIR_ENV}`,
  },
  {
    name: "an env name is '..'",
    given: chart => worker(chart, { env: [{ name: '..', value: 'x' }] }),
    message: `${W}: 'env[0].name' ("..") ${CHDIR_ENV}`,
  },
  {
    name: "an env name starts with '..'",
    given: chart => worker(chart, { env: [{ name: '..LOG_LEVEL', value: 'x' }] }),
    message: `${W}: 'env[0].name' ("..LOG_LEVEL") ${CHDIR_ENV}`,
  },
  {
    name: "the work item type variable name starts with '..'",
    given: chart => worker(chart, { workItemTypeEnvName: '..TYPE' }),
    message: `${W}: 'workItemTypeEnvName' ("..TYPE") ${CHDIR_ENV}`,
  },
  {
    name: "an envFrom prefix starts with '..'",
    given: chart => worker(chart, { envFrom: [EnvFromSource.secret('settings', { prefix: '..APP_' })] }),
    message: `${W}: 'envFrom[0].prefix' ("..APP_") ${CHDIR_ENV}`,
  },
  {
    name: "a Secret key of a variable starts with '..'",
    given: chart => worker(chart, { env: [{ name: 'A', valueFrom: EnvValueSource.fromSecret('s', '..data') }] }),
    message: `${W}: 'env[0].valueFrom.key' ("..data") starts with '..', ${CHDIR_KEY}`,
  },
  {
    name: "a ConfigMap key of a variable starts with '..'",
    given: chart => worker(chart, { env: [{ name: 'A', valueFrom: EnvValueSource.fromConfigMap('c', '..x') }] }),
    message: `${W}: 'env[0].valueFrom.key' ("..x") starts with '..', ${CHDIR_KEY}`,
  },
  {
    name: "a trigger's Secret key is '.'",
    given: chart => worker(chart, { scaling: Scaling.keda({ triggers: [secretTrigger('.')] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs[0].key' (".") must be a Secret key: 1-253 letters, digits, '-', '_' or '.'`,
  },
  {
    name: "a trigger's Secret key starts with '..'",
    given: chart => worker(chart, { scaling: Scaling.keda({ triggers: [secretTrigger('..host')] }) }),
    message: `${W}: 'scaling.triggers[0].secretRefs[0].key' ("..host") starts with '..', which the API server refuses in a `
      + "Secret key (Kubernetes keeps its own files under '..' in a mounted volume)",
  },
  {
    name: "the Application Insights connection string key is '..'",
    given: chart => worker(chart, { telemetry: { azureMonitor: { connectionStringSecret: 'appinsights', connectionStringKey: '..' } } }),
    message: `${W}: 'telemetry.azureMonitor.connectionStringKey' ("..") must be a Secret key: 1-253 letters, digits, '-', '_' or '.'`,
  },
  {
    name: "the identity's client id ConfigMap key starts with '..'",
    given: chart => worker(chart, {
      identity: WorkloadIdentity.fromClientIdConfigMap('orders-identity', { key: '..client-id' }),
    }),
    message: `${W}: 'identity.clientIdConfigMap.key' ("..client-id") starts with '..', which the API server refuses in `
      + "a ConfigMap key (Kubernetes keeps its own files under '..' in a mounted volume)",
  },
  // ------------------------------------------------ pod annotations: ValidatePodSpecificAnnotations
  {
    name: 'the pod deletion cost annotation is not an integer',
    given: chart => worker(chart, { podAnnotations: [{ key: 'controller.kubernetes.io/pod-deletion-cost', value: 'low' }] }),
    message: `${W}: 'podAnnotations' sets "controller.kubernetes.io/pod-deletion-cost" to "low" on the pods: the `
      + 'annotation must be a 32-bit integer (the API server rejects anything else)',
  },
  {
    name: 'the pod deletion cost annotation is beyond an int32',
    given: chart => worker(chart, { annotations: [{ key: 'controller.kubernetes.io/pod-deletion-cost', value: '2147483648' }] }),
    message: `${W}: 'annotations' sets "controller.kubernetes.io/pod-deletion-cost" to "2147483648" on the pods: the `
      + 'annotation must be a 32-bit integer (the API server rejects anything else)',
  },
  {
    name: "the pod seccomp annotation contradicts the construct's RuntimeDefault profile",
    given: chart => worker(chart, { podAnnotations: [{ key: 'seccomp.security.alpha.kubernetes.io/pod', value: 'unconfined' }] }),
    message: `${W}: 'podAnnotations' sets "seccomp.security.alpha.kubernetes.io/pod" to "unconfined" on the pods: the `
      + 'annotation must match the seccompProfile the pod sets (RuntimeDefault): the API server rejects a mismatch; set '
      + 'the profile in securityContext, not in an annotation',
  },
  {
    name: 'a seccomp annotation is not a profile',
    given: chart => worker(chart, { podAnnotations: [{ key: 'container.seccomp.security.alpha.kubernetes.io/worker', value: 'strict' }] }),
    message: `${W}: 'podAnnotations' sets "container.seccomp.security.alpha.kubernetes.io/worker" to "strict" on the `
      + 'pods: the annotation must be a seccomp profile: runtime/default, unconfined or localhost/<relative path>',
  },
  {
    name: 'an AppArmor annotation names a container the pod does not have',
    given: chart => api(chart, { podAnnotations: [{ key: 'container.apparmor.security.beta.kubernetes.io/worker', value: 'runtime/default' }] }),
    message: `${A}: 'podAnnotations' sets "container.apparmor.security.beta.kubernetes.io/worker" to "runtime/default" on `
      + 'the pods: the annotation names container "worker", which the pod does not have (api): the API server rejects it',
  },
  {
    name: 'an AppArmor annotation is not a profile',
    given: chart => worker(chart, { podAnnotations: [{ key: 'container.apparmor.security.beta.kubernetes.io/worker', value: 'default' }] }),
    message: `${W}: 'podAnnotations' sets "container.apparmor.security.beta.kubernetes.io/worker" to "default" on the `
      + 'pods: the annotation must be an AppArmor profile: runtime/default, unconfined or localhost/<profile>',
  },
  {
    name: 'an AppArmor annotation turns AppArmor off',
    given: chart => worker(chart, { podAnnotations: [{ key: 'container.apparmor.security.beta.kubernetes.io/worker', value: 'unconfined' }] }),
    message: `${W}: 'podAnnotations' sets "container.apparmor.security.beta.kubernetes.io/worker" to "unconfined" on the `
      + 'pods: the annotation turns AppArmor off, which Pod Security Standards restricted refuses',
  },
  {
    name: 'the pods carry the mirror pod annotation',
    given: chart => worker(chart, { podAnnotations: [{ key: 'kubernetes.io/config.mirror', value: 'x' }] }),
    message: `${W}: 'podAnnotations' sets "kubernetes.io/config.mirror" to "x" on the pods: the annotation marks a static `
      + '(mirror) pod, which needs spec.nodeName: the API server rejects it on a pod template',
  },
  {
    name: 'the legacy tolerations annotation is not a JSON list',
    given: chart => worker(chart, { podAnnotations: [{ key: 'scheduler.alpha.kubernetes.io/tolerations', value: 'dedicated' }] }),
    message: `${W}: 'podAnnotations' sets "scheduler.alpha.kubernetes.io/tolerations" to "dedicated" on the pods: the `
      + 'annotation must be a JSON list of tolerations (the API server parses it): set tolerations in the pod spec instead',
  },
  // ------------------------------------------------ load balancer source ranges: also NetworkPolicy ipBlocks
  {
    name: 'a load balancer source CIDR has a zone',
    given: chart => api(chart, { service: { serviceType: LB, sourceCidrs: ['fe80::1%eth0/64'] } }),
    message: `${A}: 'service.sourceCidrs[0]' ("fe80::1%eth0/64") has a zone (%): the API server and the network policy `
      + 'engines take plain CIDRs only; write an IPv4 CIDR like "10.0.0.0/16" or an IPv6 CIDR like "fd00::/8"',
  },
  {
    name: 'a load balancer source CIDR has host bits set',
    given: chart => api(chart, { service: { serviceType: LB, sourceCidrs: ['10.0.0.1/16'] } }),
    message: `${A}: 'service.sourceCidrs[0]' ("10.0.0.1/16") is not a network address: the network it covers is `
      + '"10.0.0.0/16"; write that, or "10.0.0.1/32" for the single address',
  },
  // ------------------------------------------------ node affinity Gt/Lt: the scheduler's strconv.ParseInt(v, 10, 64)
  {
    name: 'a Gt node affinity value is beyond an int64',
    given: chart => worker(chart, { nodeAffinity: [{ key: 'example.com/generation', matchOperator: NodeSelectorOperator.GT, values: ['9223372036854775808'] }] }),
    message: `${W}: 'nodeAffinity[0].values' (["9223372036854775808"]) is beyond the 64-bit integer the scheduler `
      + 'compares with (at most 9223372036854775807): the pods would never be scheduled',
  },
  // ------------------------------------------------ mount paths as the container runtime resolves them
  {
    name: "a mount path is '/'",
    given: chart => worker(chart, emptyDirAt('/')),
    message: `${W}: 'volumes[0].mountPath' ("/") is the container's root: a volume there would hide the image's files; `
      + 'mount it at a directory, e.g. "/mnt/data"',
  },
  {
    name: "a mount path is the construct's /tmp with a doubled '/'",
    given: chart => worker(chart, emptyDirAt('//tmp')),
    message: `${W}: 'volumes[0].mountPath' ("//tmp") is already the mount path of volume "tmp": each path can hold one volume`,
  },
  {
    name: "a mount path is another volume's with a '/.' segment",
    given: chart => worker(chart, { volumes: [
      { name: 'a', volume: WorkloadVolume.fromSecret('a'), mountPath: '/etc/app' },
      { name: 'b', volume: WorkloadVolume.fromConfigMap('b'), mountPath: '/etc/./app/.' },
    ] }),
    message: `${W}: 'volumes[1].mountPath' ("/etc/./app/.") is already the mount path of volume "a": each path can hold `
      + 'one volume',
  },
  // ------------------------------------------------ mount paths the runtime refuses, or that hide the image's /etc
  {
    // runc libcontainer/rootfs_linux.go checkProcMount: "... cannot be mounted because it is inside /proc".
    name: 'a mount path is inside /proc',
    given: chart => worker(chart, emptyDirAt('/proc/sys/net')),
    message: `${W}: 'volumes[0].mountPath' ("/proc/sys/net") is inside /proc, where the container runtime (runc) `
      + 'refuses volumes: the container would never start; mount it elsewhere, e.g. "/mnt/data"',
  },
  {
    name: 'a mount path is /proc with a trailing /',
    given: chart => worker(chart, emptyDirAt('/proc/')),
    message: `${W}: 'volumes[0].mountPath' ("/proc/") is inside /proc, where the container runtime (runc) `
      + 'refuses volumes: the container would never start; mount it elsewhere, e.g. "/mnt/data"',
  },
  {
    name: 'a mount path is /etc',
    given: chart => worker(chart, emptyDirAt('/etc')),
    message: `${W}: 'volumes[0].mountPath' ("/etc") would hide the image's /etc (its users and CA certificates, so no `
      + 'TLS connection to the scheduler): mount it at a folder below, e.g. "/etc/orders"',
  },
  // ------------------------------------------------ the container runtime: an empty program cannot start
  {
    name: 'the command names an empty program',
    given: chart => worker(chart, { command: [' '], args: ['--port', '8080'] }),
    message: `${W}: 'command[0]' (" ") is empty: the container cannot start; give the program to run (e.g. "dotnet"), `
      + "or leave 'command' out to run the image's entrypoint",
  },
];

describe('inputs the API server refuses', () => {
  test.each(INVALID)('fails when $name', ({ given, message }) => {
    // GIVEN
    const chart = system(Testing.app());
    // WHEN / THEN
    expect(() => given(chart)).toThrow(exactly(message));
  });
});

describe('boundaries that are accepted', () => {
  test.each([
    ['an env name with dots that does not start with ".."', (c: Chart) => worker(c, { env: [{ name: '.NET_ROOT.', value: 'x' }] })],
    ['a key with ".." inside', (c: Chart) => worker(c, { env: [{ name: 'A', valueFrom: EnvValueSource.fromSecret('s', 'a..b') }] })],
    ['a 253-character key', (c: Chart) => worker(c, { env: [{ name: 'A', valueFrom: EnvValueSource.fromSecret('s', 'k'.repeat(253)) }] })],
    ['the smallest and largest pod deletion costs', (c: Chart) => worker(c, {
      annotations: [{ key: 'controller.kubernetes.io/pod-deletion-cost', value: '-2147483648' }],
      podAnnotations: [{ key: 'controller.kubernetes.io/pod-deletion-cost', value: '2147483647' }],
    })],
    ['seccomp and AppArmor annotations that match the pod', (c: Chart) => worker(c, { podAnnotations: [
      { key: 'seccomp.security.alpha.kubernetes.io/pod', value: 'runtime/default' },
      { key: 'container.apparmor.security.beta.kubernetes.io/worker', value: 'localhost/orders' },
    ] })],
    ['a JSON list in the legacy tolerations annotation', (c: Chart) => worker(c, {
      podAnnotations: [{ key: 'scheduler.alpha.kubernetes.io/tolerations', value: '[{"key":"dedicated","operator":"Exists"}]' }],
    })],
    ['an empty command (the image entrypoint) with arguments', (c: Chart) => worker(c, { command: [], args: ['--verbose'] })],
    ['a load balancer source CIDR that is a network address', (c: Chart) => api(c, { service: { serviceType: LB, sourceCidrs: ['10.0.0.1/32', 'fd00::/8'] } })],
    ['the largest int64 in a Lt node affinity rule', (c: Chart) => worker(c, {
      nodeAffinity: [{ key: 'example.com/generation', matchOperator: NodeSelectorOperator.LT, values: ['9223372036854775807'] }],
    })],
    ['a mount path below /tmp', (c: Chart) => worker(c, emptyDirAt('/tmp/cache'))],
    // apis/core/validation ValidatePod: an envFrom prefix is checked only when it is not empty.
    ['an empty envFrom prefix (no prefix)', (c: Chart) => worker(c, { envFrom: [EnvFromSource.configMap('settings', { prefix: '' })] })],
    ['a mount path runc allows under /proc (an lxcfs file)', (c: Chart) => worker(c, emptyDirAt('/proc/meminfo'))],
    ['a mount path below /etc, and one that only starts like /proc', (c: Chart) => worker(c, { volumes: [
      { name: 'config', volume: WorkloadVolume.fromConfigMap('config'), mountPath: '/etc/orders' },
      { name: 'data', volume: WorkloadVolume.emptyDir(), mountPath: '/processing' },
    ] })],
  ])('accepts %s', (_name, given) => {
    // GIVEN
    const chart = system(Testing.app());
    // WHEN
    given(chart);
    // THEN
    expect(synthValid(chart).some(m => m.kind === 'Deployment')).toBe(true);
  });
});

test('an empty envFrom prefix is rendered as no prefix', () => {
  // GIVEN / WHEN
  const chart = system(Testing.app());
  worker(chart, { envFrom: [EnvFromSource.configMap('settings', { prefix: '' })] });
  // THEN
  const deployment = synthValid(chart).find(m => m.kind === 'Deployment')!;
  expect(deployment.spec.template.spec.containers[0].envFrom).toEqual([{ configMapRef: { name: 'settings' } }]);
});
