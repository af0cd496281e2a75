import { Finding, validateManifests } from '../../validation/index';
import { NS, Obj, cleanSet, compliantPod, get, workerPod } from './fixtures';

const WORKER = { kind: 'Deployment', name: 'durable-worker', namespace: NS };
const POD = 'spec.template.spec';
const C0 = `${POD}.containers[0]`;

/** Findings of the compliant set after `mutate`, without positions. */
function afterMutating(mutate: (set: Obj[]) => void): Omit<Finding, 'index'>[] {
  const set = cleanSet();
  mutate(set);
  return validateManifests(set).map(({ index: _index, ...rest }) => rest);
}

/** A container that satisfies the restricted profile. */
function container(name: string, extra: Obj = {}): Obj {
  return { name, image: 'busybox:1.36', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, ...extra };
}

describe('baseline controls', () => {
  test('pss-host-process: a HostProcess pod is reported', () => {
    // GIVEN / WHEN the worker pod asks to run as a Windows HostProcess
    const findings = afterMutating(set => { workerPod(set).securityContext.windowsOptions = { hostProcess: true }; });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-host-process', message: 'must be unset or false: HostProcess pods run with host privileges', ...WORKER, field: `${POD}.securityContext.windowsOptions.hostProcess` }]);
  });

  test('pss-host-namespaces: hostPID is reported', () => {
    // GIVEN / WHEN the worker pod shares the host PID namespace
    const findings = afterMutating(set => { workerPod(set).hostPID = true; });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-host-namespaces', message: 'must be unset or false: the pod would share a host namespace', ...WORKER, field: `${POD}.hostPID` }]);
  });

  test('pss-privileged: a privileged init container is reported', () => {
    // GIVEN / WHEN the worker gets a privileged (otherwise restricted) init container
    const findings = afterMutating(set => {
      const init = container('init');
      init.securityContext.privileged = true;
      workerPod(set).initContainers = [init];
    });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-privileged', message: 'must be unset or false: container init would be privileged', ...WORKER, field: `${POD}.initContainers[0].securityContext.privileged` }]);
  });

  test('pss-capabilities-add: only NET_BIND_SERVICE may be added', () => {
    // GIVEN / WHEN the worker adds NET_BIND_SERVICE (allowed), CHOWN (baseline only) and NET_ADMIN (never)
    const findings = afterMutating(set => { workerPod(set).containers[0].securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN', 'NET_ADMIN']; });
    // THEN
    expect(findings).toEqual([
      { rule: 'pss-capabilities-add', message: 'adds capability CHOWN; the restricted profile allows adding only NET_BIND_SERVICE', ...WORKER, field: `${C0}.securityContext.capabilities.add[1]` },
      { rule: 'pss-capabilities-add', message: 'adds capability NET_ADMIN, which even the baseline profile forbids; only NET_BIND_SERVICE may be added', ...WORKER, field: `${C0}.securityContext.capabilities.add[2]` },
    ]);
  });

  test('pss-host-path: hostPath volumes are reported', () => {
    // GIVEN / WHEN the worker mounts a hostPath volume
    const findings = afterMutating(set => { workerPod(set).volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-host-path', message: 'hostPath volume docker is not allowed', ...WORKER, field: `${POD}.volumes[1].hostPath` }]);
  });

  test('pss-host-ports: hostPort is reported', () => {
    // GIVEN / WHEN the worker binds its health port on the node
    const findings = afterMutating(set => { workerPod(set).containers[0].ports[0].hostPort = 8081; });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-host-ports', message: 'must be unset or 0 (container worker binds host port 8081)', ...WORKER, field: `${C0}.ports[0].hostPort` }]);
  });

  test('pss-apparmor: Unconfined profiles are reported in the field and in the legacy annotation', () => {
    // GIVEN / WHEN the worker container is unconfined both ways
    const findings = afterMutating(set => {
      workerPod(set).containers[0].securityContext.appArmorProfile = { type: 'Unconfined' };
      get(set, 'Deployment', 'durable-worker').spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/worker': 'unconfined' };
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'pss-apparmor', message: 'must be RuntimeDefault or Localhost (got Unconfined)', ...WORKER, field: `${C0}.securityContext.appArmorProfile.type` },
      { rule: 'pss-apparmor', message: 'must be runtime/default or localhost/<profile> (got unconfined)', ...WORKER, field: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/worker"]' },
    ]);
  });

  test('pss-selinux: custom SELinux types, users and roles are reported', () => {
    // GIVEN / WHEN the pod uses spc_t and the container sets a role
    const findings = afterMutating(set => {
      workerPod(set).securityContext.seLinuxOptions = { type: 'spc_t', level: 's0:c123,c456' };
      workerPod(set).containers[0].securityContext.seLinuxOptions = { role: 'sysadm_r', type: 'container_t' };
    });
    // THEN (level and container_t are allowed)
    expect(findings).toEqual([
      { rule: 'pss-selinux', message: 'must be unset or one of container_t, container_init_t, container_kvm_t, container_engine_t (got spc_t)', ...WORKER, field: `${POD}.securityContext.seLinuxOptions.type` },
      { rule: 'pss-selinux', message: 'must be unset', ...WORKER, field: `${C0}.securityContext.seLinuxOptions.role` },
    ]);
  });

  test('pss-proc-mount: Unmasked /proc is reported', () => {
    // GIVEN / WHEN
    const findings = afterMutating(set => { workerPod(set).containers[0].securityContext.procMount = 'Unmasked'; });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-proc-mount', message: 'must be unset or Default (got Unmasked)', ...WORKER, field: `${C0}.securityContext.procMount` }]);
  });

  test('pss-sysctls: only safe sysctls are allowed', () => {
    // GIVEN / WHEN the pod sets a safe and an unsafe sysctl
    const findings = afterMutating(set => {
      workerPod(set).securityContext.sysctls = [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }, { name: 'net.core.somaxconn', value: '1024' }];
    });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-sysctls', message: 'sysctl net.core.somaxconn is not in the safe set', ...WORKER, field: `${POD}.securityContext.sysctls[1].name` }]);
  });
});

describe('restricted controls', () => {
  test('pss-capabilities-drop: containers must drop ALL', () => {
    // GIVEN / WHEN the worker drops only NET_RAW
    const findings = afterMutating(set => { workerPod(set).containers[0].securityContext.capabilities.drop = ['NET_RAW']; });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-capabilities-drop', message: "must include ALL: container worker keeps the runtime's default capabilities", ...WORKER, field: `${C0}.securityContext.capabilities.drop` }]);
  });

  test('pss-volume-types: volume types outside the restricted list are reported', () => {
    // GIVEN / WHEN the worker mounts an NFS share
    const findings = afterMutating(set => { workerPod(set).volumes.push({ name: 'share', nfs: { server: 'nfs.local', path: '/exports' } }); });
    // THEN
    expect(findings).toEqual([{
      rule: 'pss-volume-types',
      message: 'volume share uses nfs; restricted allows only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret',
      ...WORKER,
      field: `${POD}.volumes[1].nfs`,
    }]);
  });

  test('pss-allow-privilege-escalation: unset counts as allowed', () => {
    // GIVEN / WHEN the worker container no longer sets allowPrivilegeEscalation
    const findings = afterMutating(set => {
      delete workerPod(set).containers[0].securityContext.allowPrivilegeEscalation;
    });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-allow-privilege-escalation', message: 'must be false (container worker)', ...WORKER, field: `${C0}.securityContext.allowPrivilegeEscalation` }]);
  });

  test('pss-allow-privilege-escalation: ephemeral containers of a Pod are checked too', () => {
    // GIVEN / WHEN a compliant Pod gets a debug ephemeral container without a security context
    const findings = afterMutating(set => {
      const pod = compliantPod('debug-target');
      pod.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', securityContext: { capabilities: { drop: ['ALL'] } } }];
      set.push(pod);
    });
    // THEN
    expect(findings).toEqual([{ rule: 'pss-allow-privilege-escalation', message: 'must be false (container debug)', kind: 'Pod', name: 'debug-target', namespace: NS, field: 'spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation' }]);
  });

  test('pss-run-as-non-root: needed on the pod or on every container, never false', () => {
    // GIVEN / WHEN the api pod loses runAsNonRoot and the worker container sets it to false
    const findings = afterMutating(set => {
      delete get(set, 'Deployment', 'durable-api').spec.template.spec.securityContext.runAsNonRoot;
      workerPod(set).containers[0].securityContext.runAsNonRoot = false;
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'pss-run-as-non-root', message: 'must be true, not false (container worker)', ...WORKER, field: `${C0}.securityContext.runAsNonRoot` },
      { rule: 'pss-run-as-non-root', message: 'must be true on the pod or on container api', kind: 'Deployment', name: 'durable-api', namespace: NS, field: `${C0}.securityContext.runAsNonRoot` },
    ]);
  });

  test('pss-run-as-user: UID 0 is reported on the pod and on containers', () => {
    // GIVEN / WHEN
    const findings = afterMutating(set => {
      workerPod(set).securityContext.runAsUser = 0;
      workerPod(set).containers[0].securityContext.runAsUser = 0;
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'pss-run-as-user', message: 'must not be 0 (root)', ...WORKER, field: `${POD}.securityContext.runAsUser` },
      { rule: 'pss-run-as-user', message: 'must not be 0 (root) (container worker)', ...WORKER, field: `${C0}.securityContext.runAsUser` },
    ]);
  });

  test('pss-seccomp: RuntimeDefault/Localhost on the pod or every container, never Unconfined', () => {
    // GIVEN / WHEN the worker pod has no pod-level profile (its container none either) and the api container is
    // Unconfined
    const findings = afterMutating(set => {
      delete workerPod(set).securityContext.seccompProfile;
      get(set, 'Deployment', 'durable-api').spec.template.spec.containers[0].securityContext.seccompProfile = { type: 'Unconfined' };
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'pss-seccomp', message: 'must be RuntimeDefault or Localhost on the pod or on container worker', ...WORKER, field: `${C0}.securityContext.seccompProfile.type` },
      { rule: 'pss-seccomp', message: 'must be RuntimeDefault or Localhost (got Unconfined, container api)', kind: 'Deployment', name: 'durable-api', namespace: NS, field: `${C0}.securityContext.seccompProfile.type` },
    ]);
  });

  test('a per-container Localhost profile satisfies seccomp without a pod-level one', () => {
    // GIVEN / WHEN the worker moves its profile to the container, as Localhost
    const findings = afterMutating(set => {
      delete workerPod(set).securityContext.seccompProfile;
      workerPod(set).containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/worker.json' };
    });
    // THEN
    expect(findings).toEqual([]);
  });

  test('Linux-only controls do not apply to Windows pods', () => {
    // GIVEN / WHEN a Windows pod sets neither seccomp, capabilities nor allowPrivilegeEscalation
    const findings = afterMutating(set => {
      set.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'win', namespace: NS },
        spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis' }] },
      });
    });
    // THEN
    expect(findings).toEqual([]);
  });
});

describe('pod-template owners', () => {
  const template = (): Obj => ({
    metadata: { labels: { app: 'batch' } },
    spec: { restartPolicy: 'OnFailure', securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [container('main', { securityContext: { privileged: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } })] },
  });
  const owners: [string, string, Obj, string][] = [
    ['batch/v1', 'CronJob', { schedule: '0 * * * *', jobTemplate: { spec: { template: template() } } }, 'spec.jobTemplate.spec.template.spec'],
    ['batch/v1', 'Job', { template: template() }, 'spec.template.spec'],
    ['apps/v1', 'StatefulSet', { serviceName: 'x', selector: { matchLabels: { app: 'batch' } }, template: { ...template(), spec: { ...template().spec, restartPolicy: 'Always' } } }, 'spec.template.spec'],
    ['apps/v1', 'DaemonSet', { selector: { matchLabels: { app: 'batch' } }, template: { ...template(), spec: { ...template().spec, restartPolicy: 'Always' } } }, 'spec.template.spec'],
    ['apps/v1', 'ReplicaSet', { selector: { matchLabels: { app: 'batch' } }, template: { ...template(), spec: { ...template().spec, restartPolicy: 'Always' } } }, 'spec.template.spec'],
  ];
  test.each(owners)('%s %s pod templates are checked', (apiVersion, kind, spec, podPath) => {
    // GIVEN a workload of that kind whose only container is privileged
    const obj: Obj = { apiVersion, kind, metadata: { name: 'batch', namespace: NS }, spec };
    // WHEN validating it with the compliant set
    const findings = afterMutating(set => { set.push(obj); });
    // THEN the finding points into its pod template
    expect(findings).toEqual([{ rule: 'pss-privileged', message: 'must be unset or false: container main would be privileged', kind, name: 'batch', namespace: NS, field: `${podPath}.containers[0].securityContext.privileged` }]);
  });
});
