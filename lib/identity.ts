import { IConstruct } from 'constructs';
import { checkGuid } from './private/input-checks';

/** Options for {@link WorkloadIdentity.fromClientId}. */
export interface WorkloadIdentityOptions {
  /**
   * Microsoft Entra tenant of the identity, when it differs from the cluster's.
   * Rendered as the ServiceAccount annotation `azure.workload.identity/tenant-id`.
   *
   * @default - the tenant configured on the cluster's workload identity webhook
   */
  readonly tenantId?: string;
}

/**
 * An Azure user-assigned managed identity (or app registration) that pods use through
 * Azure Workload Identity.
 *
 * The workload's ServiceAccount gets `azure.workload.identity/client-id` (+ `tenant-id`), its pods the
 * label `azure.workload.identity/use: "true"`; the webhook then injects the token volume and the
 * `AZURE_*` variables. Create a federated identity credential for the subject the workload exposes
 * (`federatedSubject`).
 */
export class WorkloadIdentity {
  /**
   * The identity with this client id (a GUID).
   */
  public static fromClientId(clientId: string, options: WorkloadIdentityOptions = {}): WorkloadIdentity {
    return new WorkloadIdentity(clientId, options.tenantId);
  }

  private constructor(
    /** Client id of the identity. */
    public readonly clientId: string,
    /** Tenant id of the identity, when given. */
    public readonly tenantId?: string,
  ) {}

  /**
   * Checks the ids in the context of the construct that uses this identity.
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    checkGuid(scope, `${prop}.clientId`, this.clientId);
    if (this.tenantId !== undefined) {
      checkGuid(scope, `${prop}.tenantId`, this.tenantId);
    }
  }
}
