import { Finding, validateManifests } from '../../validation/index';
import { NS, Obj, cleanSet, get, workerPod } from './fixtures';

/** Findings for `set` without `index` (positions depend on the fixture order, not on the rule). */
function check(set: readonly unknown[]): Omit<Finding, 'index'>[] {
  return validateManifests(set).map(({ index: _index, ...rest }) => rest);
}

const worker = (set: Obj[]): Obj => workerPod(set).containers[0];
const templateMeta = (set: Obj[]): Obj => get(set, 'Deployment', 'durable-worker').spec.template.metadata;
const at = (field: string, message: string): Omit<Finding, 'index'> =>
  ({ rule: 'schema', message, kind: 'Deployment', name: 'durable-worker', namespace: NS, field });
const C = 'spec.template.spec.containers[0]';

describe('pod spec rules of the API server (pkg/apis/core/validation)', () => {
  test('the clean set passes with every boundary value: a 15-character port name, a 253-character key, the int32 '
    + 'deletion costs, matching seccomp and AppArmor annotations, a readiness probe that needs 3 successes', () => {
    // GIVEN the clean set with values at the edge of each rule
    const set = cleanSet();
    const c = worker(set);
    c.ports.push({ name: 'abcdefghijklmn1', containerPort: 65535 });
    c.env.push({ name: '..relaxed name', value: 'x' },
      { name: 'K', valueFrom: { secretKeyRef: { name: 's', key: 'k'.repeat(253), optional: true } } });
    c.readinessProbe = { ...c.readinessProbe, successThreshold: 3 };
    c.livenessProbe = { exec: { command: ['true'] }, successThreshold: 1, periodSeconds: 0 };
    templateMeta(set).annotations = {
      'controller.kubernetes.io/pod-deletion-cost': '-2147483648',
      'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/worker': 'localhost/orders',
    };
    // WHEN / THEN
    expect(check(set)).toEqual([]);
  });

  test.each<[string, (set: Obj[]) => void, Omit<Finding, 'index'>]>([
    ['a pod deletion cost that is not an int32', set => {
      templateMeta(set).annotations = { 'controller.kubernetes.io/pod-deletion-cost': '2147483648' };
    }, at('spec.template.metadata.annotations["controller.kubernetes.io/pod-deletion-cost"]', 'pod annotation '
      + '"controller.kubernetes.io/pod-deletion-cost" ("2147483648") must be a 32-bit integer (the API server rejects '
      + 'anything else)')],
    ['a seccomp annotation that contradicts the seccompProfile field', set => {
      templateMeta(set).annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' };
    }, at('spec.template.metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]', 'pod annotation '
      + '"seccomp.security.alpha.kubernetes.io/pod" ("unconfined") must match the seccompProfile the pod sets '
      + '(RuntimeDefault): the API server rejects a mismatch; set the profile in securityContext, not in an annotation')],
    ['an AppArmor annotation for a container the pod does not have', set => {
      templateMeta(set).annotations = { 'container.apparmor.security.beta.kubernetes.io/api': 'runtime/default' };
    }, at('spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/api"]', 'pod annotation '
      + '"container.apparmor.security.beta.kubernetes.io/api" ("runtime/default") names container "api", which the pod '
      + 'does not have (worker): the API server rejects it')],
    ['a volume name with an underscore', set => {
      workerPod(set).volumes.push({ name: 'tmp_dir', emptyDir: {} });
    }, at('spec.template.spec.volumes[1].name', 'volume name "tmp_dir" must be a DNS-1123 label: 1-63 lowercase '
      + "letters, digits or '-', starting and ending with a letter or digit")],
    ['a volume name used twice', set => {
      workerPod(set).volumes = [{ name: 'tmp', emptyDir: {} }, { name: 'tmp', emptyDir: {} }];
    }, at('spec.template.spec.volumes[1].name', 'volume name "tmp" is used twice')],
    ['a port name of 16 characters', set => {
      worker(set).ports[0].name = 'health-endpoints';
    }, at(`${C}.ports[0].name`, "port name \"health-endpoints\" must be 1-15 lowercase letters, digits or '-', with at "
      + "least one letter and no '-' at either end or twice in a row")],
    ['a port name used twice in a container', set => {
      worker(set).ports.push({ name: 'health', containerPort: 9090 });
    }, at(`${C}.ports[1].name`, 'port name "health" is used twice in container worker')],
    ['a container port above 65535', set => {
      worker(set).ports[0].containerPort = 65536;
    }, at(`${C}.ports[0].containerPort`, 'containerPort 65536 must be from 1 to 65535')],
    ['an env name with an equals sign', set => {
      worker(set).env.push({ name: 'A=B', value: 'x' });
    }, at(`${C}.env[3].name`, "env name \"A=B\" must be printable ASCII characters other than '='")],
    ["a ConfigMap key that starts with '..'", set => {
      worker(set).env.push({ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: '..data', optional: true } } });
    }, at(`${C}.env[3].valueFrom.configMapKeyRef.key`, 'configMapKeyRef key "..data" must be 1-253 letters, digits, '
      + "'-', '_' or '.', and not be '.' or '..' or start with '..'")],
    ['a volume mount of a volume the pod does not have', set => {
      worker(set).volumeMounts = [{ name: 'cache', mountPath: '/cache' }];
    }, at(`${C}.volumeMounts[0].name`, 'volume mount "cache" names no volume of the pod')],
    ['a mount path used twice in a container', set => {
      workerPod(set).volumes = [{ name: 'a', emptyDir: {} }, { name: 'b', emptyDir: {} }];
      worker(set).volumeMounts = [{ name: 'a', mountPath: '/data' }, { name: 'b', mountPath: '/data' }];
    }, at(`${C}.volumeMounts[1].mountPath`, 'mountPath "/data" is used twice in container worker')],
    ['an absolute subPath', set => {
      workerPod(set).volumes = [{ name: 'a', emptyDir: {} }];
      worker(set).volumeMounts = [{ name: 'a', mountPath: '/data', subPath: '/etc' }];
    }, at(`${C}.volumeMounts[0].subPath`, "subPath \"/etc\" must be a relative path without a '..' segment")],
    ['a liveness probe that needs two successes', set => {
      worker(set).livenessProbe = { exec: { command: ['true'] }, successThreshold: 2 };
    }, at(`${C}.livenessProbe.successThreshold`, 'livenessProbe.successThreshold 2 must be 1 (only a readiness probe '
      + 'may need more than one success)')],
    ['a negative probe timeout', set => {
      worker(set).startupProbe = { exec: { command: ['true'] }, timeoutSeconds: -1 };
    }, at(`${C}.startupProbe.timeoutSeconds`, 'startupProbe.timeoutSeconds -1 must not be negative')],
  ])('reports %s', (_, breakIt, finding) => {
    // GIVEN the clean set with one pod spec problem
    const set = cleanSet();
    breakIt(set);
    // WHEN
    const findings = check(set);
    // THEN
    expect(findings).toEqual([finding]);
  });
});

describe('image references the container runtime can parse (distribution/reference)', () => {
  const image = (field: string, message: string): Omit<Finding, 'index'> =>
    ({ rule: 'image-reference', message, kind: 'Deployment', name: 'durable-worker', namespace: NS, field });

  test.each([
    'python:3.12', 'registry:5000/team/worker', 'localhost:5000/worker:1', '[fd00::1]:5000/worker:1',
    'MyRegistry.azurecr.io/orders__team/orders--worker:v2_rc.1', `worker@sha512:${'c'.repeat(128)}`,
    `myregistry.azurecr.io/worker:1.4.2@sha256:${'a'.repeat(64)}`, 'nginx', 'nginx:latest',
  ])('accepts %s (tags and their absence are the library\'s rule, not the runtime\'s)', ref => {
    // GIVEN the clean set with this image
    const set = cleanSet();
    worker(set).image = ref;
    // WHEN / THEN
    expect(check(set)).toEqual([]);
  });

  test.each<[string, string]>([
    ['myregistry.azurecr.io/orders___worker:1', "has an invalid repository: an optional registry and '/', then "
      + "lowercase letters and digits in '/'-separated parts, joined inside a part by one '.', one or two '_' or any "
      + "number of '-'"],
    ['myregistry.azurecr.io/Orders/worker:1', "has an invalid repository: an optional registry and '/', then "
      + "lowercase letters and digits in '/'-separated parts, joined inside a part by one '.', one or two '_' or any "
      + "number of '-'"],
    ['myregistry.azurecr.io/worker:.1', 'has an invalid tag ".1": 1-128 letters, digits, \'_\', \'.\' or \'-\', not '
      + "starting with '.' or '-'"],
    ['myregistry.azurecr.io/worker@sha256:abc', 'has an invalid digest: "sha256:" and 64 lowercase hex digits (or '
      + 'sha384, sha512)'],
    [`myregistry.azurecr.io/team/${'w'.repeat(251)}:1`, 'has a repository path of 256 characters after the registry '
      + '(at most 255)'],
  ])('reports %s', (ref, problem) => {
    // GIVEN the clean set with an image the runtime cannot parse (the API server stores it)
    const set = cleanSet();
    worker(set).image = ref;
    // WHEN
    const findings = check(set);
    // THEN
    expect(findings).toEqual([image(`${C}.image`, `image ${JSON.stringify(ref)} of container worker ${problem}`)]);
  });
});
