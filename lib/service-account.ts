import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadIdentity } from './identity';
import { claimAccountIdentity } from './private/account-identity';
import { checkDnsSubdomain, checkInstance, checkRequired, fail, show, workloadNamespace } from './private/input-checks';
import { WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION, WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION } from './private/k8s-facts';
import { commonLabels } from './private/labels';
import { DurableRegistry } from './private/registry';

/** A ServiceAccount pods can run as: one of this library's, or one that exists already. */
export interface IDurableServiceAccount {
  /** ServiceAccount name. */
  readonly name: string;
  /**
   * The workload identity its annotations bind it to, if any.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
}

/** Options of {@link DurableServiceAccount.fromServiceAccountName}. */
export interface ExistingServiceAccountOptions {
  /**
   * The workload identity the existing ServiceAccount is annotated with (`azure.workload.identity/client-id`):
   * workloads that run as it get the `azure.workload.identity/use` pod label and a connection string with its
   * client id. The ServiceAccount itself is not changed.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
}

/** Props of {@link DurableServiceAccount}. */
export interface DurableServiceAccountProps {
  /** ServiceAccount name: a DNS-1123 subdomain (lowercase letters, digits, '-' and '.'), as Kubernetes takes it. */
  readonly name: string;
  /**
   * Azure Workload Identity for pods that run as this ServiceAccount.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
}

/**
 * A ServiceAccount for Durable Task workloads, optionally bound to an Azure Workload Identity.
 *
 * Every DurableWorker and DurableApi creates its own by default (workers need the Durable Task Worker
 * role, APIs Durable Task Data Contributor). Create one explicitly and pass it as `serviceAccount` to
 * share it between workloads.
 */
export class DurableServiceAccount extends k8s.KubeServiceAccount implements IDurableServiceAccount {
  /**
   * A ServiceAccount that exists already in the workload's namespace (made by the platform team, Helm, ...): the
   * workload runs as it and creates none.
   */
  public static fromServiceAccountName(name: string,
    options: ExistingServiceAccountOptions = {}): IDurableServiceAccount {
    return { name, identity: options?.identity };
  }

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
        name: props?.name,
        labels: commonLabels(props?.name),
        ...(props?.identity instanceof WorkloadIdentity ? { annotations: identityAnnotations(props.identity) } : {}),
      },
      // Pods never need the Kubernetes API token; the workload identity webhook projects its own token.
      automountServiceAccountToken: false,
    });
    checkRequired(this, 'name', props?.name, 'the ServiceAccount name, e.g. "orders-worker"');
    // A ServiceAccount name is a DNS subdomain (k8s.io/kubernetes pkg/apis/core/validation
    // `ValidateServiceAccountName`), as for an existing one ('serviceAccount.name' of a workload).
    checkDnsSubdomain(this, 'name', props.name);
    if (props.name === 'default') {
      fail(this, "'name' (\"default\") is the namespace's default ServiceAccount, which every pod without its own "
        + 'uses: an identity on it would reach all of them; choose another name');
    }
    if (props.identity !== undefined) {
      checkInstance(this, 'identity', props.identity, WorkloadIdentity, 'WorkloadIdentity.fromClientId(...)');
      props.identity._validate(this, 'identity');
    }
    const namespace = workloadNamespace(this);
    this.namespaceName = namespace;
    this.identity = props.identity;
    this.federatedSubject = `system:serviceaccount:${namespace}:${props.name}`;

    // A workload's own ServiceAccount is named like the workload, whose Deployment name is claimed first: a
    // clash of two workloads is reported as a Deployment name clash, so this one is between a workload and a
    // shared ServiceAccount.
    DurableRegistry.of(this).claim(this, { kind: 'ServiceAccount', key: `${namespace}/${props.name}` }, first =>
      `ServiceAccount name ${show(props.name)} in namespace ${show(namespace)} is already used by ${first}: `
      + "workloads name their own ServiceAccount after themselves, so give a shared one a 'name' no workload has");
    claimAccountIdentity(this, `ServiceAccount ${show(props.name)}`, namespace, props.name, props.identity);
  }
}

function identityAnnotations(identity: WorkloadIdentity): Record<string, string> {
  return {
    // An identity whose client id is in a ConfigMap gets none: the pods read it from there (AZURE_CLIENT_ID).
    ...(identity.clientId ? { [WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION]: identity.clientId } : {}),
    ...(identity.tenantId ? { [WORKLOAD_IDENTITY_TENANT_ID_ANNOTATION]: identity.tenantId } : {}),
  };
}
