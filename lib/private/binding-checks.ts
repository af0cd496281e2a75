import { IConstruct } from 'constructs';
import { EnvironmentVariable } from '../environment';
import { WorkloadIdentity } from '../identity';
import { HealthProbe } from '../probe';
import { Scaling } from '../scaling';
import { DurableTaskScheduler } from '../scheduler';
import { DurableWorkloadOptions } from '../workload-options';
import { checkArray, checkInstance, checkOptions, checkString, fail, show } from './input-checks';

/**
 * Checks the types of a workload's props that a TypeScript caller cannot get wrong but a JavaScript (or other jsii
 * language) caller can: each fails with the prop, what it received and how to make a valid one.
 */
export function checkBindingTypes(scope: IConstruct, props: DurableWorkloadOptions & { scheduler: unknown }): void {
  checkInstance(scope, 'scheduler', props.scheduler, DurableTaskScheduler, 'DurableTaskScheduler.fromEndpoint(...)');
  optionalInstance(scope, 'identity', props.identity, WorkloadIdentity, 'WorkloadIdentity.fromClientId(...)');
  if (props.serviceAccount !== undefined && typeof props.serviceAccount?.name !== 'string') {
    fail(scope, `'serviceAccount' (${show(props.serviceAccount)}) must be a DurableServiceAccount or `
      + 'DurableServiceAccount.fromServiceAccountName(...)');
  }
  optionalInstance(scope, 'scaling', props.scaling, Scaling, 'Scaling.fixedReplicas/hpa/keda(...)');
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
    optionalInstance(scope, probe, props[probe], HealthProbe, 'HealthProbe.http/grpc/tcp/exec(...)');
  }
  checkOptions(scope, 'resources', props.resources);
  for (const list of ['env', 'command', 'args', 'nodeSelector', 'tolerations'] as const) {
    checkArray(scope, list, props[list]);
  }
  props.env?.forEach((variable, i) => checkOptions(scope, `env[${i}]`, variable));
  props.command?.forEach((part, i) => checkString(scope, `command[${i}]`, part));
  // An empty program: the container runtime fails to start the container ("exec: \"\": executable file not found").
  if (props.command !== undefined && props.command.length > 0 && props.command[0].trim() === '') {
    fail(scope, `'command[0]' (${show(props.command[0])}) is empty: the container cannot start; give the program to `
      + "run (e.g. \"dotnet\"), or leave 'command' out to run the image's entrypoint");
  }
  props.args?.forEach((part, i) => checkString(scope, `args[${i}]`, part));
}

function optionalInstance(scope: IConstruct, prop: string, value: unknown, type: Function, factory: string): void {
  if (value !== undefined) {
    checkInstance(scope, prop, value, type, factory);
  }
}

/**
 * Where the workload identity webhook mounts the projected token, which it names in `AZURE_FEDERATED_TOKEN_FILE`.
 * The path depends on the webhook's version (azure-workload-identity pkg/webhook/consts.go): up to v1.5.x
 * `TokenFileMountPath` "/var/run/secrets/azure/tokens" + `TokenFilePathName` "azure-identity-token"; from v1.6.0
 * (commit d878231, "support custom token endpoint injection") `VolumeMountPath` "/var/run/secrets/azure/wi" +
 * `TokenFilePath` "token/azure-identity-token". A fixed value is right for one of them only, so none is accepted.
 */
const TOKEN_FILE_PATHS = '/var/run/secrets/azure/tokens/azure-identity-token up to v1.5, '
  + '/var/run/secrets/azure/wi/token/azure-identity-token from v1.6';

/**
 * The variables the Azure Workload Identity webhook sets on a pod with an identity. The webhook only adds those a
 * container does not set already (azure-workload-identity pkg/webhook/webhook.go, `addEnvironmentVariables`: "append
 * the ones that are not already present"), so a user value silently wins and token exchange uses the wrong
 * identity or file. A user value is allowed only when it is what the identity sets.
 */
export function checkWorkloadIdentityEnv(scope: IConstruct, env: readonly EnvironmentVariable[] | undefined,
  identity: WorkloadIdentity | undefined): void {
  if (!identity || !env) {
    return;
  }
  const expected: Record<string, string | undefined> = {
    AZURE_CLIENT_ID: identity.clientId,
    AZURE_TENANT_ID: identity.tenantId,
    AZURE_FEDERATED_TOKEN_FILE: undefined,
    AZURE_AUTHORITY_HOST: undefined,
  };
  env.forEach((variable, i) => {
    if (!Object.hasOwn(expected, variable.name)) {
      return;
    }
    const wanted = expected[variable.name];
    if (variable.name === 'AZURE_CLIENT_ID' && identity.clientIdConfigMap !== undefined) {
      const ref = identity.clientIdConfigMap;
      fail(scope, `'env[${i}].name' (${show(variable.name)}) is set by the construct from ConfigMap ${ref.name} (key `
        + `${ref.key}), where the identity's client id is: remove it, or change the identity`);
    }
    if (variable.name === 'AZURE_FEDERATED_TOKEN_FILE') {
      fail(scope, `'env[${i}].name' (${show(variable.name)}) is set by the Azure Workload Identity webhook on pods `
        + 'with an identity, which keeps a value the container already has: remove it (the webhook mounts the token at '
        + `a path that depends on its version: ${TOKEN_FILE_PATHS})`);
    }
    if (wanted === undefined || variable.value !== wanted) {
      const same = wanted === undefined ? '' : ` (allowed only as ${show(wanted)}, what the identity sets)`;
      fail(scope, `'env[${i}].name' (${show(variable.name)}) is set by the Azure Workload Identity webhook on pods `
        + `with an identity, which keeps a value the container already has${same}: remove it, or configure the `
        + "identity ('identity', ServiceAccount annotations) instead");
    }
  });
}
