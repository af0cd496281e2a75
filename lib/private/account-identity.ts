import { IConstruct } from 'constructs';
import { WorkloadIdentity } from '../identity';
import { fail, show } from './input-checks';
import { DurableRegistry } from './registry';

/** An identity as messages name it; also what tells two identities apart. */
function describe(identity: WorkloadIdentity | undefined): string {
  if (identity === undefined) return 'no workload identity';
  const ref = identity.clientIdConfigMap;
  return identity.clientId !== undefined ? `client id ${identity.clientId.toLowerCase()}`
    : `the client id in ConfigMap ${ref!.name} (key ${ref!.key})`;
}

/**
 * Records the identity a ServiceAccount of the app carries, as a DurableServiceAccount annotates it or as a workload
 * says an existing one has it (`DurableServiceAccount.fromServiceAccountName`). The workload identity webhook gives
 * the pods the client id annotated on the ServiceAccount (azure-workload-identity `pkg/webhook/webhook.go`), while the
 * workload's connection string, KEDA authentication and Azure roles follow the identity given here: all uses of one
 * ServiceAccount must name the same identity. `what` names the use in messages.
 */
export function claimAccountIdentity(owner: IConstruct, what: string, namespace: string, name: string,
  identity: WorkloadIdentity | undefined): void {
  const tag = describe(identity);
  DurableRegistry.of(owner).claim(owner, { kind: 'ServiceAccountIdentity', key: `${namespace}/${name}`, tag }, first =>
    `${what} has ${tag}, but ${first} gives ServiceAccount ${show(name)} in namespace ${show(namespace)} another `
      + '(the workload identity webhook gives the pods the client id annotated on the ServiceAccount): give every use '
      + 'of it the same identity');
}

/** An existing ServiceAccount a workload runs as (`DurableServiceAccount.fromServiceAccountName`). */
export function checkExistingAccount(workload: IConstruct, namespace: string, name: string,
  identity: WorkloadIdentity | undefined): void {
  const what = `'serviceAccount' (existing ServiceAccount ${show(name)})`;
  if (name === 'default' && identity !== undefined) {
    fail(workload, `${what} is the namespace's default ServiceAccount, which every pod without its own uses: an `
      + 'identity on it would reach all of them; run the workload as a ServiceAccount of its own');
  }
  claimAccountIdentity(workload, what, namespace, name, identity);
}
