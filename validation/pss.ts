/**
 * Pod Security Standards, restricted profile (which includes every baseline control), as enforced by Pod
 * Security Admission in Kubernetes 1.33: https://kubernetes.io/docs/concepts/security/pod-security-standards/
 *
 * Applied to Pods and to the pod template of every owner (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * Job, CronJob, ReplicationController, PodTemplate), for containers, initContainers and ephemeralContainers.
 */
import { Findings } from './context';
import { FieldPath, JsonObject, arr, dig, isObject, str } from './types';
import { ContainerRef, PodTemplate, containersOf } from './workloads';

/** Capabilities the baseline profile lets a container add. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** Sysctls the baseline profile allows (the kubelet's safe set as of 1.32). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
]);

const SELINUX_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/**
 * Volume sources the restricted profile allows (hostPath is reported by pss-host-path instead). Follows the
 * admission code, not the docs page: `restrictedVolumesV1Dot0` in k8s.io/pod-security-admission
 * policy/check_restrictedVolumes.go allows `image` since Kubernetes 1.33 (kubernetes/kubernetes#130394, added
 * to the 1.0 check rather than a new version, so every policy version allows it on a 1.33+ API server).
 */
const RESTRICTED_VOLUMES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

const SECCOMP_OK = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_OK = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export function checkPodSecurity(t: PodTemplate, out: Findings): void {
  const m = t.owner;
  const spec = t.spec;
  const p = t.specPath;
  const psc: JsonObject = isObject(spec.securityContext) ? spec.securityContext : {};
  const pscPath = [...p, 'securityContext'];
  // Linux-only controls (capabilities drop, privilege escalation, seccomp) do not apply to Windows pods.
  const windows = dig(spec, 'os', 'name') === 'windows';
  const containers = containersOf(t);
  const report = (rule: Parameters<Findings['report']>[0], message: string, field: FieldPath): void =>
    out.report(rule, m, message, field);
  const sc = (c: ContainerRef): JsonObject => (isObject(c.container.securityContext)
    ? c.container.securityContext : {});
  const scPath = (c: ContainerRef, ...rest: (string | number)[]): FieldPath => [...c.path, 'securityContext', ...rest];

  // --- baseline ------------------------------------------------------------------------------------------
  if (dig(psc, 'windowsOptions', 'hostProcess') === true) {
    report('pss-host-process', 'must be unset or false: HostProcess pods run with host privileges',
      [...pscPath, 'windowsOptions', 'hostProcess']);
  }
  for (const c of containers) {
    if (dig(sc(c), 'windowsOptions', 'hostProcess') === true) {
      report('pss-host-process', `must be unset or false: container ${c.name} would run as a HostProcess`,
        scPath(c, 'windowsOptions', 'hostProcess'));
    }
  }

  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] === true) {
      report('pss-host-namespaces', 'must be unset or false: the pod would share a host namespace', [...p, field]);
    }
  }

  for (const c of containers) {
    if (sc(c).privileged === true) {
      report('pss-privileged', `must be unset or false: container ${c.name} would be privileged`,
        scPath(c, 'privileged'));
    }
  }

  for (const c of containers) {
    arr(dig(sc(c), 'capabilities', 'add')).forEach((cap, i) => {
      if (cap === 'NET_BIND_SERVICE') return;
      const name = typeof cap === 'string' ? cap : JSON.stringify(cap);
      report('pss-capabilities-add', BASELINE_CAPABILITIES.has(name)
        ? `adds capability ${name}; the restricted profile allows adding only NET_BIND_SERVICE`
        : `adds capability ${name}, which even the baseline profile forbids; only NET_BIND_SERVICE may be added`,
      scPath(c, 'capabilities', 'add', i));
    });
    if (!windows && !arr(dig(sc(c), 'capabilities', 'drop')).includes('ALL')) {
      report('pss-capabilities-drop', `must include ALL: container ${c.name} keeps the runtime's default capabilities`,
        scPath(c, 'capabilities', 'drop'));
    }
  }

  arr(spec.volumes).forEach((v, i) => {
    if (isObject(v) && v.hostPath !== undefined && v.hostPath !== null) {
      report('pss-host-path', `hostPath volume ${str(v.name) ?? `#${i}`} is not allowed`,
        [...p, 'volumes', i, 'hostPath']);
    }
  });

  for (const c of containers) {
    arr(c.container.ports).forEach((port, i) => {
      const hostPort = dig(port, 'hostPort');
      if (hostPort !== undefined && hostPort !== null && hostPort !== 0) {
        report('pss-host-ports', `must be unset or 0 (container ${c.name} binds host port ${String(hostPort)})`,
          [...c.path, 'ports', i, 'hostPort']);
      }
    });
  }

  const apparmor = (ctx: JsonObject, path: FieldPath): void => {
    const type = dig(ctx, 'appArmorProfile', 'type');
    if (type !== undefined && type !== null && !APPARMOR_OK.has(String(type))) {
      report('pss-apparmor', `must be RuntimeDefault or Localhost (got ${String(type)})`,
        [...path, 'appArmorProfile', 'type']);
    }
  };
  apparmor(psc, pscPath);
  for (const c of containers) apparmor(sc(c), scPath(c));
  for (const [key, value] of Object.entries(t.annotations)) {
    if (key.startsWith(APPARMOR_ANNOTATION) && value !== 'runtime/default' && !value.startsWith('localhost/')) {
      report('pss-apparmor', `must be runtime/default or localhost/<profile> (got ${value})`,
        [...t.metadataPath, 'annotations', key]);
    }
  }

  const selinux = (ctx: JsonObject, path: FieldPath): void => {
    const opts = ctx.seLinuxOptions;
    if (!isObject(opts)) return;
    const type = str(opts.type);
    if (type && !SELINUX_TYPES.has(type)) {
      report('pss-selinux', `must be unset or one of ${[...SELINUX_TYPES].join(', ')} (got ${type})`,
        [...path, 'seLinuxOptions', 'type']);
    }
    for (const f of ['user', 'role'] as const) {
      if (str(opts[f])) report('pss-selinux', 'must be unset', [...path, 'seLinuxOptions', f]);
    }
  };
  selinux(psc, pscPath);
  for (const c of containers) selinux(sc(c), scPath(c));

  for (const c of containers) {
    const procMount = sc(c).procMount;
    if (procMount !== undefined && procMount !== null && procMount !== 'Default') {
      report('pss-proc-mount', `must be unset or Default (got ${String(procMount)})`, scPath(c, 'procMount'));
    }
  }

  arr(psc.sysctls).forEach((s, i) => {
    const name = str(dig(s, 'name')) ?? '';
    if (!SAFE_SYSCTLS.has(name)) {
      report('pss-sysctls', `sysctl ${name} is not in the safe set`, [...pscPath, 'sysctls', i, 'name']);
    }
  });

  // --- restricted ----------------------------------------------------------------------------------------
  arr(spec.volumes).forEach((v, i) => {
    if (!isObject(v)) return;
    for (const key of Object.keys(v)) {
      if (key === 'name' || key === 'hostPath' || RESTRICTED_VOLUMES.has(key)
          || v[key] === null || v[key] === undefined) {
        continue;
      }
      report('pss-volume-types', `volume ${str(v.name) ?? `#${i}`} uses ${key}; restricted allows only `
        + `${[...RESTRICTED_VOLUMES].join(', ')}`, [...p, 'volumes', i, key]);
    }
  });

  if (!windows) {
    for (const c of containers) {
      if (sc(c).allowPrivilegeEscalation !== false) {
        report('pss-allow-privilege-escalation', `must be false (container ${c.name})`,
          scPath(c, 'allowPrivilegeEscalation'));
      }
    }
  }

  // runAsNonRoot: true on the pod, or on every container; an explicit false anywhere is a violation.
  const podNonRoot = psc.runAsNonRoot;
  if (podNonRoot === false) report('pss-run-as-non-root', 'must be true, not false', [...pscPath, 'runAsNonRoot']);
  for (const c of containers) {
    const v = sc(c).runAsNonRoot;
    if (v === false) {
      report('pss-run-as-non-root', `must be true, not false (container ${c.name})`, scPath(c, 'runAsNonRoot'));
    } else if (v !== true && podNonRoot !== true) {
      report('pss-run-as-non-root', `must be true on the pod or on container ${c.name}`, scPath(c, 'runAsNonRoot'));
    }
  }

  if (psc.runAsUser === 0) report('pss-run-as-user', 'must not be 0 (root)', [...pscPath, 'runAsUser']);
  for (const c of containers) {
    if (sc(c).runAsUser === 0) {
      report('pss-run-as-user', `must not be 0 (root) (container ${c.name})`, scPath(c, 'runAsUser'));
    }
  }

  // seccomp: never Unconfined (baseline); RuntimeDefault/Localhost on the pod or on every container (restricted).
  const podSeccomp = dig(psc, 'seccompProfile', 'type');
  if (podSeccomp !== undefined && podSeccomp !== null && !SECCOMP_OK.has(String(podSeccomp))) {
    report('pss-seccomp', `must be RuntimeDefault or Localhost (got ${String(podSeccomp)})`,
      [...pscPath, 'seccompProfile', 'type']);
  }
  for (const c of containers) {
    const type = dig(sc(c), 'seccompProfile', 'type');
    if (type !== undefined && type !== null) {
      if (!SECCOMP_OK.has(String(type))) {
        report('pss-seccomp', `must be RuntimeDefault or Localhost (got ${String(type)}, container ${c.name})`,
          scPath(c, 'seccompProfile', 'type'));
      }
    } else if (!windows && !SECCOMP_OK.has(String(podSeccomp))) {
      report('pss-seccomp', `must be RuntimeDefault or Localhost on the pod or on container ${c.name}`,
        scPath(c, 'seccompProfile', 'type'));
    }
  }
}
