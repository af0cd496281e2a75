/**
 * Pod spec rules of the API server that the schema cannot express (k8s.io/kubernetes pkg/apis/core/validation,
 * validation.go): `ValidatePodSpecificAnnotations` and `validateSeccompAnnotationsAndFields` (pod template
 * annotations), `ValidateVolumes` (volume names), `validateContainerPorts`, `validateEnv` / `validateEnvVarValueFrom`
 * (env names, Secret and ConfigMap keys), `ValidateVolumeMounts` and the probe checks of `validateContainers`.
 * Every finding is one the API server would answer with "Invalid value" on apply.
 */
import { Findings } from './context';
import { isConfigMapKey, isDns1123Label, isPortName, podAnnotationProblem } from './k8s-facts';
import { FieldPath, JsonObject, arr, dig, isObject, str } from './types';
import { ContainerRef, PodTemplate, containersOf } from './workloads';

/** Checks the pod template's annotations, volumes and containers. */
export function checkPodSpec(t: PodTemplate, out: Findings): void {
  checkPodAnnotations(t, out);
  const volumes = checkVolumes(t, out);
  for (const c of containersOf(t)) {
    checkPorts(t, c, out);
    checkEnv(t, c, out);
    checkMounts(t, c, volumes, out);
    checkProbes(t, c, out);
  }
}

function checkPodAnnotations(t: PodTemplate, out: Findings): void {
  const containers = containersOf(t, ['containers', 'initContainers']);
  const containerSeccompTypes: Record<string, unknown> = {};
  for (const c of containers) {
    const type = dig(c.container, 'securityContext', 'seccompProfile', 'type');
    if (type !== undefined) containerSeccompTypes[c.name] = type;
  }
  const context = {
    containers: containers.map(c => c.name),
    podSeccompType: dig(t.spec, 'securityContext', 'seccompProfile', 'type'),
    containerSeccompTypes,
    nodeName: t.spec.nodeName,
  };
  for (const [key, value] of Object.entries(t.annotations)) {
    const problem = podAnnotationProblem(key, value, context);
    if (problem !== undefined) {
      out.report('schema', t.owner, `pod annotation ${JSON.stringify(key)} (${JSON.stringify(value)}) ${problem}`,
        [...t.metadataPath, 'annotations', key]);
    }
  }
}

/** Volume names: DNS-1123 labels, each once. Returns the names. */
function checkVolumes(t: PodTemplate, out: Findings): Set<string> {
  const names = new Set<string>();
  arr(t.spec.volumes).forEach((v, i) => {
    const name = str(dig(v, 'name'));
    if (name === undefined) return;
    const path: FieldPath = [...t.specPath, 'volumes', i, 'name'];
    if (!isDns1123Label(name)) {
      out.report('schema', t.owner, `volume name ${JSON.stringify(name)} must be a DNS-1123 label: 1-63 lowercase `
        + "letters, digits or '-', starting and ending with a letter or digit", path);
    }
    if (names.has(name)) out.report('schema', t.owner, `volume name ${JSON.stringify(name)} is used twice`, path);
    names.add(name);
  });
  return names;
}

/** Container ports: 1-65535, IANA_SVC_NAME names, each name once in the container. */
function checkPorts(t: PodTemplate, c: ContainerRef, out: Findings): void {
  const names = new Set<string>();
  arr(c.container.ports).forEach((p, i) => {
    if (!isObject(p)) return;
    const path: FieldPath = [...c.path, 'ports', i];
    const name = str(p.name);
    if (name !== undefined && name !== '') {
      if (!isPortName(name)) {
        out.report('schema', t.owner, `port name ${JSON.stringify(name)} must be 1-15 lowercase letters, digits or `
          + "'-', with at least one letter and no '-' at either end or twice in a row", [...path, 'name']);
      } else if (names.has(name)) {
        out.report('schema', t.owner, `port name ${JSON.stringify(name)} is used twice in container ${c.name}`,
          [...path, 'name']);
      }
      names.add(name);
    }
    // A port number declared twice only draws a warning from the API server ("duplicate port definition").
    const port = p.containerPort;
    if (typeof port === 'number' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      out.report('schema', t.owner, `containerPort ${port} must be from 1 to 65535`, [...path, 'containerPort']);
    }
  });
}

/**
 * Printable ASCII other than '=' (`IsRelaxedEnvVarName`, on by default since Kubernetes 1.32): what every current
 * cluster refuses in an env name or envFrom prefix. The stricter C-identifier rule of older clusters is the library's.
 */
function isRelaxedEnvVarName(value: string): boolean {
  return /^[\x20-\x3c\x3e-\x7e]+$/.test(value);
}

/** Env names and prefixes, and the keys of Secret and ConfigMap references (`IsConfigMapKey`). */
function checkEnv(t: PodTemplate, c: ContainerRef, out: Findings): void {
  arr(c.container.env).forEach((e, i) => {
    const name = str(dig(e, 'name'));
    const path: FieldPath = [...c.path, 'env', i];
    if (name !== undefined && !isRelaxedEnvVarName(name)) {
      out.report('schema', t.owner,
        `env name ${JSON.stringify(name)} must be printable ASCII characters other than '='`, [...path, 'name']);
    }
    for (const ref of ['secretKeyRef', 'configMapKeyRef']) {
      const key = str(dig(e, 'valueFrom', ref, 'key'));
      if (key !== undefined && !isConfigMapKey(key)) {
        out.report('schema', t.owner, `${ref} key ${JSON.stringify(key)} must be 1-253 letters, digits, '-', '_' or `
          + "'.', and not be '.' or '..' or start with '..'", [...path, 'valueFrom', ref, 'key']);
      }
    }
  });
  arr(c.container.envFrom).forEach((e, i) => {
    const prefix = str(dig(e, 'prefix'));
    if (prefix !== undefined && prefix !== '' && !isRelaxedEnvVarName(prefix)) {
      out.report('schema', t.owner, `envFrom prefix ${JSON.stringify(prefix)} must be printable ASCII characters other `
        + "than '='", [...c.path, 'envFrom', i, 'prefix']);
    }
  });
}

/** Volume mounts: a volume of the pod, each mount path once, a subPath relative and without '..'. */
function checkMounts(t: PodTemplate, c: ContainerRef, volumes: Set<string>, out: Findings): void {
  const paths = new Set<string>();
  arr(c.container.volumeMounts).forEach((m, i) => {
    if (!isObject(m)) return;
    const path: FieldPath = [...c.path, 'volumeMounts', i];
    const name = str(m.name);
    if (name !== undefined && !volumes.has(name)) {
      out.report('schema', t.owner, `volume mount ${JSON.stringify(name)} names no volume of the pod`,
        [...path, 'name']);
    }
    const mountPath = str(m.mountPath);
    if (mountPath !== undefined) {
      if (paths.has(mountPath)) {
        out.report('schema', t.owner, `mountPath ${JSON.stringify(mountPath)} is used twice in container ${c.name}`,
          [...path, 'mountPath']);
      }
      paths.add(mountPath);
    }
    const subPath = str(m.subPath);
    if (subPath !== undefined && (subPath.startsWith('/') || subPath.split('/').includes('..'))) {
      out.report('schema', t.owner, `subPath ${JSON.stringify(subPath)} must be a relative path without a '..' `
        + 'segment', [...path, 'subPath']);
    }
  });
}

const PROBE_FIELDS = ['periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const;

/** Probe timings of at least 1 (0 is read as "unset"); liveness and startup probes succeed after one success. */
function checkProbes(t: PodTemplate, c: ContainerRef, out: Findings): void {
  for (const kind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = c.container[kind];
    if (!isObject(probe)) continue;
    const at = (field: string): FieldPath => [...c.path, kind, field];
    const initial = (probe as JsonObject).initialDelaySeconds;
    if (typeof initial === 'number' && initial < 0) {
      out.report('schema', t.owner, `${kind}.initialDelaySeconds ${initial} must not be negative`,
        at('initialDelaySeconds'));
    }
    for (const field of PROBE_FIELDS) {
      const value = probe[field];
      if (typeof value === 'number' && value < 0) {
        out.report('schema', t.owner, `${kind}.${field} ${value} must not be negative`, at(field));
      }
    }
    const success = probe.successThreshold;
    if (kind !== 'readinessProbe' && typeof success === 'number' && success !== 1 && success !== 0) {
      out.report('schema', t.owner, `${kind}.successThreshold ${success} must be 1 (only a readiness probe may need `
        + 'more than one success)', at('successThreshold'));
    }
  }
}
