import { IConstruct } from 'constructs';
import { checkConfigMapKey, checkDnsSubdomain, checkGuid, checkTenantId } from './private/input-checks';

/** Options for {@link WorkloadIdentity.fromClientId}. */
export interface WorkloadIdentityOptions {
  /**
   * Microsoft Entra tenant of the identity, when it differs from the cluster's: its id (a GUID) or one of its domain
   * names, e.g. `contoso.onmicrosoft.com` (the Azure Identity SDKs and KEDA take either).
   * Rendered as the ServiceAccount annotation `azure.workload.identity/tenant-id`.
   *
   * @default - the tenant configured on the cluster's workload identity webhook
   */
  readonly tenantId?: string;
}

/** Options for {@link WorkloadIdentity.fromClientIdConfigMap}. */
export interface ClientIdConfigMapOptions extends WorkloadIdentityOptions {
  /**
   * Key of the client id in the ConfigMap.
   *
   * @default 'clientId' (what Azure Service Operator writes with `operatorSpec.configMaps.clientId`)
   */
  readonly key?: string;
}

/** A ConfigMap key that holds an identity's client id. */
export interface ClientIdConfigMapRef {
  /** Name of the ConfigMap, in the workload's namespace. */
  readonly name: string;
  /** Key of the client id. */
  readonly key: string;
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
    return new WorkloadIdentity(clientId, undefined, options?.tenantId);
  }

  /**
   * The identity whose client id a ConfigMap in the workload's namespace holds, e.g. the one Azure Service Operator
   * writes for a `UserAssignedIdentity` it creates (`AzureIdentities.addIdentity({ name, create })` writes
   * `<name>-identity`, key `clientId`). The client id is then unknown at synth, so one pull request can create the
   * identity and the workloads that use it.
   *
   * The ServiceAccount gets no client-id annotation; the container gets `AZURE_CLIENT_ID` from the ConfigMap, which
   * the workload identity webhook keeps (it adds only variables a container does not set), and a connection string
   * refers to it as `$(AZURE_CLIENT_ID)`. Pods wait in `CreateContainerConfigError` until the ConfigMap exists. KEDA
   * triggers cannot authenticate as such an identity (a TriggerAuthentication needs the client id itself).
   */
  public static fromClientIdConfigMap(configMapName: string, options: ClientIdConfigMapOptions = {}):
  WorkloadIdentity {
    return new WorkloadIdentity(undefined, { name: configMapName, key: options?.key ?? 'clientId' }, options?.tenantId);
  }

  /** Client id of the identity; undefined when a ConfigMap holds it (`clientIdConfigMap`). */
  public readonly clientId?: string;
  /** The ConfigMap key that holds the client id, for an identity made with `fromClientIdConfigMap`. */
  public readonly clientIdConfigMap?: ClientIdConfigMapRef;
  /** Tenant id of the identity, when given. */
  public readonly tenantId?: string;

  private constructor(clientId?: string, clientIdConfigMap?: ClientIdConfigMapRef, tenantId?: string) {
    this.clientId = clientId;
    this.clientIdConfigMap = clientIdConfigMap;
    this.tenantId = tenantId;
  }

  /**
   * What tells identities apart: the client id (case-insensitive), or the ConfigMap key that holds it.
   * @internal
   */
  public get _key(): string {
    return this.clientId !== undefined
      ? this.clientId.toLowerCase()
      : `configmap:${this.clientIdConfigMap!.name}/${this.clientIdConfigMap!.key}`;
  }

  /**
   * How messages and plans show the identity: its client id, or where its client id is.
   * @internal
   */
  public get _description(): string {
    const ref = this.clientIdConfigMap;
    return this.clientId ?? `the client id in ConfigMap ${ref!.name} (key ${ref!.key})`;
  }

  /**
   * Checks the ids in the context of the construct that uses this identity.
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    if (this.clientIdConfigMap !== undefined) {
      checkDnsSubdomain(scope, `${prop}.clientIdConfigMap.name`, this.clientIdConfigMap.name);
      const key = this.clientIdConfigMap.key;
      checkConfigMapKey(scope, `${prop}.clientIdConfigMap.key`, key, 'ConfigMap', ", not '.' or '..'");
    } else {
      checkGuid(scope, `${prop}.clientId`, this.clientId!);
    }
    if (this.tenantId !== undefined) {
      checkTenantId(scope, `${prop}.tenantId`, this.tenantId);
    }
  }
}
