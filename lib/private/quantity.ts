import { IConstruct } from 'constructs';
import { fail, show } from './input-checks';
import { parseQuantity } from './k8s-facts';

const EXAMPLES = 'e.g. "250m" or "1" for CPU, "512Mi" or "1Gi" for memory';

/** Parses a quantity prop, failing with the construct path when it is malformed or not positive. */
export function checkQuantity(scope: IConstruct, prop: string, value: string): number {
  const parsed = typeof value === 'string' ? parseQuantity(value) : undefined;
  if (parsed === undefined || parsed <= 0) {
    fail(scope, `'${prop}' (${show(value)}) must be a positive Kubernetes quantity, ${EXAMPLES}`);
  }
  return parsed;
}

/**
 * A memory quantity, in bytes. The API server accepts `512m` for memory, but it means 0.512 bytes: a milli (or
 * micro, nano) suffix on memory is always a typo for `Mi`, and the pod could never start (or the quota never admit
 * one), so it is refused. The same holds for storage (`what`: ephemeral storage, an emptyDir's size).
 */
export function checkMemoryQuantity(scope: IConstruct, prop: string, value: string, what = 'memory'): number {
  const bytes = checkQuantity(scope, prop, value);
  const suffix = /[mun]$/.exec(value);
  if (suffix !== null || bytes < 1) {
    fail(scope, `'${prop}' (${show(value)}) is ${bytes} bytes`
      + `${suffix ? ` ('${suffix[0]}' is a fraction, not mega)` : ''}: `
      + `${what} takes bytes with a binary suffix, e.g. "${value.replace(/[mun]$/, '')}Mi" or "1Gi"`);
  }
  return bytes;
}

/** The least memory request: 4Mi, a typo guard (a plain number is bytes); no runtime checks requests. */
export const MIN_CONTAINER_MEMORY_REQUEST = 4 * 2 ** 20;

/**
 * The least memory limit: 6Mi, the floor of Docker (moby daemon/daemon_unix.go `linuxMinMemory = 6291456`, "Minimum
 * memory limit allowed is 6MB"; 4MB before), which clusters on cri-dockerd enforce (e.g. minikube's docker runtime;
 * kubernetes/kubernetes#124841). The Kubernetes API, the kubelet, containerd and runc set no floor (runc only reports
 * "container init was OOM-killed (memory limit too low?)", libcontainer/process_linux.go `initProcess.start`). CRI-O
 * has one per runtime handler (pkg/config/config.go: `container_min_memory`, default 12 MiB, 500 KiB for crun, its
 * default runtime), checked on each container's limit and on the pod's: not enforced here, as crun accepts less.
 */
export const MIN_CONTAINER_MEMORY_LIMIT = 6 * 2 ** 20;

/**
 * A container's memory request (at least 4Mi) or limit (`limit`: at least 6Mi), in bytes. A plain number is bytes,
 * so `"512"` (meant as Mi) would be a 512-byte container: no container starts in so little (runc's init is
 * OOM-killed), Docker refuses a limit below 6MB, and a request below 4Mi is the same typo.
 */
export function checkContainerMemory(scope: IConstruct, prop: string, value: string, limit = false): number {
  const bytes = checkMemoryQuantity(scope, prop, value);
  const example = `e.g. "${/^[0-9]+$/.test(value) ? value : '256'}Mi" or "1Gi"`;
  if (limit && bytes < MIN_CONTAINER_MEMORY_LIMIT) {
    fail(scope, `'${prop}' (${show(value)}) is ${bytes} bytes: a memory limit must be at least 6Mi (Docker, behind `
      + `cri-dockerd clusters such as minikube's, refuses less: "Minimum memory limit allowed is 6MB"; no container `
      + `starts in much less); memory takes bytes with a binary suffix, ${example}`);
  }
  if (bytes < MIN_CONTAINER_MEMORY_REQUEST) {
    fail(scope, `'${prop}' (${show(value)}) is ${bytes} bytes: a container needs at least 4Mi (no container starts `
      + `in less); memory takes bytes with a binary suffix, ${example}`);
  }
  return bytes;
}
