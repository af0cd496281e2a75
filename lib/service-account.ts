import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadIdentity } from './identity';
import { commonLabels } from './labels';
import { addMemoizedValidation, claim, conflict, impliedClaims } from './registry';
import { chartNamespace, checkDnsLabel, show } from './rules';

/** Props of {@link DurableServiceAccount}. */
export interface DurableServiceAccountProps {
  /** ServiceAccount name (a DNS-1123 label). */
  readonly name: string;
  /**
   * Azure Workload Identity for pods that run as this ServiceAccount.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
}

const WORKLOAD_IDENTITY_CLIENT_ID = 'azure.workload.identity/client-id';
const WORKLOAD_IDENTITY_TENANT_ID = 'azure.workload.identity/tenant-id';

/**
 * A ServiceAccount for Durable Task workloads, optionally bound to an Azure Workload Identity.
 *
 * Every DurableWorker and DurableApi creates its own by default (workers need the Durable Task Worker
 * role, APIs Durable Task Data Contributor). Create one explicitly and pass it as `serviceAccount` to
 * share it between workloads.
 */
export class DurableServiceAccount extends k8s.KubeServiceAccount {
  /** The namespace it lives in (its chart's namespace). */
  public readonly namespaceName: string;
  /** The workload identity, if any. */
  public readonly identity?: WorkloadIdentity;
  /**
   * Subject of the Azure federated identity credential for this ServiceAccount:
   * `system:serviceaccount:<namespace>:<name>`.
   */
  public readonly federatedSubject: string;

  public constructor(scope: Construct, id: string, props: DurableServiceAccountProps) {
    // The construct is the ServiceAccount object itself: one node per account keeps app-wide validation
    // passes (which cdk8s runs once per chart) short.
    super(scope, id, {
      metadata: {
        name: props.name,
        labels: commonLabels(props.name),
        ...(props.identity ? { annotations: identityAnnotations(props.identity) } : {}),
      },
      // Pods never need the Kubernetes API token; the workload identity webhook projects its own token.
      automountServiceAccountToken: false,
    });
    checkDnsLabel(this, 'name', props.name);
    props.identity?._validate(this, 'identity');
    const namespace = chartNamespace(this);
    this.namespaceName = namespace;
    this.identity = props.identity;
    this.federatedSubject = `system:serviceaccount:${namespace}:${props.name}`;

    const claims = claim(this, `ServiceAccount:${namespace}:${props.name}`);
    addMemoizedValidation(this, () => claims.length, () =>
      (impliedClaims.has(this) && impliedClaims.has(claims[0])) ? [] : conflict(this, claims, first =>
        `ServiceAccount name ${show(props.name)} in namespace ${show(namespace)} is already used by ${first}: workloads name their own ServiceAccount after themselves, so give a shared one a name no workload has`));
  }
}

function identityAnnotations(identity: WorkloadIdentity): Record<string, string> {
  return {
    [WORKLOAD_IDENTITY_CLIENT_ID]: identity.clientId,
    ...(identity.tenantId ? { [WORKLOAD_IDENTITY_TENANT_ID]: identity.tenantId } : {}),
  };
}
