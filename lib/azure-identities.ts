import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { RoleAssignmentV1Api20220401, RoleAssignmentV1Api20220401SpecPrincipalType }
  from '../imports/authorization.azure.com';
import { FederatedIdentityCredentialV1Api20230131,
  UserAssignedIdentityV1Api20230131 } from '../imports/managedidentity.azure.com';
import { DurableTaskSchedulerResource } from './azure-resources';
import { DurableTaskRole } from './role';
import {
  azureLocation, checkCreatedIdentityName, checkIdentityResourceId, checkOidcIssuer, credentialNames, grantConflict,
  grantKey, roleAssignmentNames,
} from './private/azure-names';
import { ClaimOwner, IdentityClaims } from './private/azure-claims';
import { checkSchedulerResource, hubScope } from './private/azure-scope';
import { checkArray, checkDnsLabel, checkGuid, checkOptions, checkOwnNamespace, checkRequired, fail, show }
  from './private/input-checks';
import { describeIdentity, findWorkloads, InventoryWorkload } from './private/inventory';
import { failOnLateWorkloads } from './private/late-workloads';
import { KedaTriggerType } from './keda-trigger-options';

/** Props of {@link AzureIdentities}. */
export interface AzureIdentitiesProps {
  /**
   * Namespace of the Azure Service Operator resources. ASO needs a credential that may manage the identities and
   * role assignments: a global one, or the `aso-credential` Secret in this namespace. ASO writes the ConfigMap of an
   * identity it creates here, so for workloads that read their client id from it
   * (`WorkloadIdentity.fromClientIdConfigMap`) this is their namespace. Keep it stable: an ASO object moved to
   * another namespace is a new object, and pruning the old one deletes its Azure resource.
   */
  readonly namespaceName: string;
  /**
   * The AKS cluster's OIDC issuer URL exactly as `az aks show --query oidcIssuerProfile.issuerUrl` prints it,
   * trailing '/' included: Entra ID compares it with the `iss` claim of the pods' tokens character by character.
   */
  readonly oidcIssuerUrl: string;
  /** The Azure resources of the schedulers the workloads connect to (role assignment scopes). */
  readonly schedulers: DurableTaskSchedulerResource[];
  /**
   * Namespace of the KEDA operator (trusted by identities that a KEDA trigger authenticates with).
   *
   * @default 'keda'
   */
  readonly kedaOperatorNamespace?: string;
  /**
   * ServiceAccount of the KEDA operator.
   *
   * @default 'keda-operator'
   */
  readonly kedaOperatorServiceAccount?: string;
}

/** A user-assigned managed identity that ASO creates. */
export interface CreatedIdentityOptions {
  /** Subscription of the identity (a GUID). */
  readonly subscriptionId: string;
  /** Resource group of the identity. */
  readonly resourceGroup: string;
  /**
   * Azure region: its name, e.g. `westus2`, or its display name, e.g. `West US 2` (rendered as its name, which ARM
   * reports back).
   */
  readonly location: string;
}

/** A user-assigned managed identity that exists already (created by Bicep, Terraform or `az`). */
export interface ExistingIdentityOptions {
  /** Its Azure resource id (`/subscriptions/.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>`). */
  readonly resourceId: string;
  /** Its principal (object) id, a GUID: role assignments name the principal, not the client id. */
  readonly principalId: string;
}

/** Options of {@link AzureIdentities.addIdentity}: exactly one of `create` and `existing`. */
export interface AzureIdentityOptions {
  /** Name of the ASO objects of this identity (a DNS-1123 label); the Azure name of a created identity. */
  readonly name: string;
  /**
   * The DurableWorkers and DurableApis that run as this identity (or constructs that hold some).
   *
   * @default - none; give `scalerOf` then
   */
  readonly workloads?: Construct[];
  /**
   * Workloads whose KEDA triggers authenticate as this identity, an identity of the triggers' own (their `identity`
   * option) rather than the workload's: it gets a federated credential for the KEDA operator's ServiceAccount and,
   * for a Durable Task Scheduler trigger, *Durable Task Data Reader* on the workload's task hub (unless it has
   * *Durable Task Data Contributor* there). A trigger that authenticates as the workload's own identity needs no
   * `scalerOf`: that identity gets the KEDA operator's credential and, for a Durable Task Scheduler trigger of a
   * worker, Data Reader next to Durable Task Worker (which Microsoft does not document as covering reads).
   *
   * @default - none
   */
  readonly scalerOf?: Construct[];
  /**
   * Let ASO create the identity. It writes the client id, principal id and tenant id to the ConfigMap
   * `<name>-identity` (keys `clientId`, `principalId`, `tenantId`) once Azure has created it.
   *
   * @default - use `existing`
   */
  readonly create?: CreatedIdentityOptions;
  /**
   * Reference an identity that exists.
   *
   * @default - use `create`
   */
  readonly existing?: ExistingIdentityOptions;
}

/** Azure's limit of federated identity credentials on one user-assigned managed identity. */
const MAX_FEDERATED_CREDENTIALS = 20;

/**
 * The Azure side of workload identities, as Azure Service Operator v2 resources in a chart (one file) of its own:
 * per identity a `UserAssignedIdentity` (when ASO creates it), one `FederatedIdentityCredential` per ServiceAccount
 * subject (issuer: the cluster's OIDC issuer, audience `api://AzureADTokenExchange`) plus one for the KEDA operator
 * when a KEDA trigger authenticates as the identity, and a `RoleAssignment` of the built-in role each workload needs
 * (workers *Durable Task Worker*, APIs *Durable Task Data Contributor*) scoped to its task hub, plus *Durable Task
 * Data Reader* there when the Durable Task Scheduler scaler authenticates as an identity without Data Contributor.
 *
 * API versions: `managedidentity.azure.com/v1api20230131`, `authorization.azure.com/v1api20220401` (ASO v2.19).
 *
 * The client-id loop: an identity ASO creates has its client id only once Azure created it; ASO writes it to the
 * ConfigMap `<name>-identity` in this chart's namespace. Workloads of that namespace with
 * `WorkloadIdentity.fromClientIdConfigMap('<name>-identity')` read it from there, so one pull request creates both;
 * or, in a second pull request, give the workloads the client id (`WorkloadIdentity.fromClientId`). See
 * docs/delivery-as-code.md.
 */
export class AzureIdentities extends Chart {
  private readonly props: AzureIdentitiesProps;
  /** The app-wide names each addIdentity call of this chart holds. */
  private readonly claims = new IdentityClaims(this);

  public constructor(scope: Construct, id: string, props: AzureIdentitiesProps) {
    super(scope, id, { namespace: props?.namespaceName });
    checkRequired(this, 'namespaceName', props?.namespaceName, 'the namespace of the ASO resources');
    checkDnsLabel(this, 'namespaceName', props.namespaceName);
    checkOwnNamespace(this, 'namespaceName', props.namespaceName);
    checkRequired(this, 'oidcIssuerUrl', props.oidcIssuerUrl, 'the cluster\'s OIDC issuer URL');
    checkOidcIssuer(this, props.oidcIssuerUrl);
    checkRequired(this, 'schedulers', props.schedulers, 'the Azure resource of every scheduler the workloads use');
    checkArray(this, 'schedulers', props.schedulers);
    props.schedulers.forEach((s, i) => checkSchedulerResource(this, `schedulers[${i}]`, s));
    checkDnsLabel(this, 'kedaOperatorNamespace', props.kedaOperatorNamespace ?? 'keda');
    checkDnsLabel(this, 'kedaOperatorServiceAccount', props.kedaOperatorServiceAccount ?? 'keda-operator');
    this.props = props;
  }

  /** Adds the ASO resources of one identity and the workloads that run as it. */
  public addIdentity(options: AzureIdentityOptions): void {
    checkOptions(this, 'identity', options);
    const name = options?.name;
    checkRequired(this, 'identity.name', name, 'the name of the identity, e.g. "orders-worker"');
    checkDnsLabel(this, 'identity.name', name);
    const prop = `identity ${show(name)}`;
    // This call's identity: what the claims below compare (two calls may give the same name).
    const self = { name };
    this.claims.claim(prop, self, 'AzureIdentityName', `${this.namespace}/${name}`, holder =>
      `an identity of this name is in namespace ${show(this.namespace)} already (${holder}): give each identity its `
        + 'own name');
    // null (from JavaScript or Python) is no option, as for every option bag.
    if ((options.create == null) === (options.existing == null)) {
      fail(this, `${prop}: ${options.create == null ? "has neither 'create' nor 'existing'" : "has both 'create' "
        + "and 'existing'"}: give exactly one of 'create' (ASO creates the identity) and 'existing' (reference one)`);
    }
    const workloads = this.workloadsOf(prop, 'workloads', options.workloads ?? []);
    failOnLateWorkloads(this, options.workloads ?? [], workloads.map(w => w.workload), (late, scope) =>
      `${prop}: ${late.node.path} was added to ${scope.node.path} after addIdentity, which made the identity's `
        + 'federated credentials and roles from the workloads it found then: add every workload before addIdentity');
    const scaled = this.triggerIdentityUsers(prop, options.scalerOf ?? []);
    if (workloads.length === 0 && scaled.length === 0) {
      fail(this, `${prop}: give the DurableWorkers and DurableApis that use it in 'workloads' (or those whose KEDA `
        + "triggers authenticate as it in 'scalerOf')");
    }
    const kedaSubject = `system:serviceaccount:${this.props.kedaOperatorNamespace ?? 'keda'}:`
      + `${this.props.kedaOperatorServiceAccount ?? 'keda-operator'}`;
    const subjects = [...new Set(workloads.map(w => w.subject))].sort();
    // A KEDA trigger that authenticates as the workload's own identity, or as this one: the KEDA operator requests
    // the token.
    if (scaled.length > 0 || workloads.some(w => w.scalerIdentities.some(s => s.clientId === w.clientId))) {
      subjects.push(kedaSubject);
    }
    if (subjects.length > MAX_FEDERATED_CREDENTIALS) {
      fail(this, `${prop}: 'workloads' and 'scalerOf' need ${subjects.length} federated credentials (one per `
        + 'ServiceAccount, and one for the KEDA operator when a trigger authenticates as the identity), but Azure '
        + `allows at most ${MAX_FEDERATED_CREDENTIALS} per identity: split the workloads over more identities`);
    }

    const configMap = `${name}-identity`;
    this.checkConfigMapReaders(prop, configMap, options, workloads);
    const { owner, azureId } = this.identityOwner(self, prop, options);
    this.checkOneIdentity(prop, workloads);
    this.addCredentials(prop, self, azureId, owner, subjects);
    const grants = new Map<string, { role: DurableTaskRole; scope: string; hub: string }>();
    for (const w of workloads) {
      const role = w.role;
      const scope = hubScope(w, this.props.schedulers);
      // Task hub names are case-insensitive in Azure: 'Orders' and 'orders' are one scope.
      const key = `${scope.toLowerCase()} ${role.roleDefinitionId}`;
      if (!grants.has(key)) grants.set(key, { role, scope, hub: w.taskHub });
    }
    // The Durable Task scaler reads the hub's backlog, as this identity (scalerOf) or as the workload's own. Only
    // Durable Task Data Contributor is documented as a superset of Data Reader ("a superset of all other roles",
    // MicrosoftDocs/azure-docs durable-task-scheduler-identity.md); Durable Task Worker is not, so a worker identity
    // that the scaler authenticates as gets Data Reader as well.
    const readsBacklog = (w: InventoryWorkload, ownIdentity: boolean) => w.scalerIdentities.some(t =>
      t.triggerType === KedaTriggerType.DURABLE_TASK_SCHEDULER
        && (!ownIdentity || t.clientId.toLowerCase() === w.clientId?.toLowerCase()));
    for (const w of [...scaled.filter(x => readsBacklog(x, false)), ...workloads.filter(x => readsBacklog(x, true))]) {
      const scope = hubScope(w, this.props.schedulers);
      if (![...grants.values()].some(g => g.scope.toLowerCase() === scope.toLowerCase()
          && g.role.roleDefinitionId === DurableTaskRole.DATA_CONTRIBUTOR.roleDefinitionId)) {
        grants.set(`${scope.toLowerCase()} reader`, { role: DurableTaskRole.DATA_READER, scope, hub: w.taskHub });
      }
    }
    const names = roleAssignmentNames(name, [...grants.values()]);
    for (const grant of grants.values()) {
      const { role, scope } = grant;
      const subscription = scope.split('/')[2];
      const id = names.get(grant)!;
      this.claims.objectName(prop, self, 'RoleAssignment', id);
      const principal = options.existing ? `principal id ${options.existing.principalId}` : azureId;
      const key = grantKey(scope, role, options.existing?.principalId ?? azureId);
      this.claims.claim(prop, self, 'RoleAssignmentGrant', key,
        holder => grantConflict(holder, role, scope, principal));
      new RoleAssignmentV1Api20220401(this, id, {
        metadata: { name: id },
        spec: {
          // A role assignment is an extension resource of its scope: the task hub.
          owner: { armId: scope },
          roleDefinitionReference: {
            armId: `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/`
              + role.roleDefinitionId,
          },
          principalType: RoleAssignmentV1Api20220401SpecPrincipalType.SERVICE_PRINCIPAL,
          ...(options.existing
            ? { principalId: options.existing.principalId }
            : { principalIdFromConfig: { name: configMap, key: 'principalId' } }),
        },
      });
    }
  }

  /**
   * One FederatedIdentityCredential per subject. Azure takes one credential per issuer and subject on an identity, and
   * names (ASO uses the object's) unique per identity: another addIdentity (of any AzureIdentities chart) that gives
   * the same Azure identity the same subject or credential name fails.
   */
  private addCredentials(prop: string, self: ClaimOwner, azureId: string, owner: { name?: string; armId?: string },
    subjects: string[]): void {
    const names = credentialNames(self.name, subjects);
    for (const subject of subjects) {
      const key = `${azureId.toLowerCase()} ${this.props.oidcIssuerUrl} ${subject}`;
      this.claims.claim(prop, self, 'FederatedSubject', key, holder => `${holder} federates the same Azure identity `
        + `(${azureId}) with ${subject} already, and Azure takes one credential per issuer and subject on an identity: `
        + "add the 'workloads' to one addIdentity");
      const credential = names.get(subject)!;
      this.claims.objectName(prop, self, 'FederatedIdentityCredential', credential);
      const azureName = `${azureId.toLowerCase()} ${credential}`;
      this.claims.claim(prop, self, 'FederatedCredentialAzureName', azureName, holder => 'its '
        + `FederatedIdentityCredential would be named ${show(credential)} in Azure, the name of one that ${holder} `
        + `gives the same Azure identity (${azureId}) for another subject: give one of the identities another 'name'`);
      new FederatedIdentityCredentialV1Api20230131(this, credential, {
        metadata: { name: credential },
        spec: { owner, audiences: ['api://AzureADTokenExchange'], issuer: this.props.oidcIssuerUrl, subject },
      });
    }
  }

  /**
   * The workloads of one addIdentity run as this identity: an identity's credentials and roles serve only the pods
   * that log in with its client id, so every workload has an identity and all have the same one.
   */
  private checkOneIdentity(prop: string, workloads: InventoryWorkload[]): void {
    const without = workloads.find(w => w.identityKey === undefined);
    if (without) {
      fail(this, `${prop}: ${without.path} has no workload identity, so its pods never log in as this one: give it `
        + "'identity' (or a 'serviceAccount' with one)");
    }
    const other = workloads.find(w => w.identityKey !== workloads[0].identityKey);
    if (other) {
      fail(this, `${prop}: its workloads log in as different identities (${workloads[0].path} as `
        + `${describeIdentity(workloads[0])}, ${other.path} as ${describeIdentity(other)}), but an identity's `
        + 'credentials and roles serve only the pods that use its client id: add one identity per client id');
    }
  }

  /** The workloads (DurableWorker, DurableApi, DurableClient) in `constructs`, each of which must hold some. */
  private workloadsOf(prop: string, key: string, constructs: Construct[]): InventoryWorkload[] {
    checkArray(this, `${prop}: ${key}`, constructs);
    return constructs.flatMap((w, i) => {
      const found = w instanceof Construct ? findWorkloads(w) : [];
      if (found.length === 0) {
        fail(this, `${prop}: '${key}[${i}]' (${w instanceof Construct ? w.node.path : show(w)}) must be a `
          + 'DurableWorker or DurableApi (or a construct that holds some)');
      }
      return found;
    });
  }

  /**
   * The workloads of `scalerOf`, each with exactly one identity of its KEDA triggers' own (so that this identity is
   * that one), and only its triggers that authenticate as it.
   */
  private triggerIdentityUsers(prop: string, scalerOf: Construct[]): InventoryWorkload[] {
    return this.workloadsOf(prop, 'scalerOf', scalerOf).map(w => {
      const own = w.clientId?.toLowerCase();
      const triggers = w.scalerIdentities.filter(t => t.clientId.toLowerCase() !== own);
      const ids = [...new Set(triggers.map(t => t.clientId.toLowerCase()))];
      if (ids.length !== 1) {
        fail(this, `${prop}: 'scalerOf' (${w.path}) has ${ids.length === 0 ? 'no KEDA trigger' : 'KEDA triggers'} `
          + `that authenticate${ids.length === 0 ? 's' : ''} with an identity other than the workload's own`
          + (ids.length === 0 ? '' : ` (${ids.length}: ${ids.join(', ')}): 'scalerOf' stands for the one identity of `
            + "a workload's triggers, so let its triggers share one identity"));
      }
      return { ...w, scalerIdentities: triggers };
    });
  }

  /**
   * Checks the workloads that read the identity's client id from the ConfigMap ASO writes
   * (`WorkloadIdentity.fromClientIdConfigMap`): the identity must be created (ASO writes no ConfigMap for an existing
   * one), the ConfigMap must be the one ASO writes for it, and this chart must be in the workloads' namespace, where
   * ASO writes it (next to the UserAssignedIdentity) and where a pod can read it. The chart's namespace is the user's
   * choice, never derived: an ASO object that moves to another namespace is a new object, and ASO deletes and
   * recreates its Azure resource (a new client id).
   */
  private checkConfigMapReaders(prop: string, configMap: string, options: AzureIdentityOptions,
    workloads: InventoryWorkload[]): void {
    for (const w of workloads.filter(x => x.clientIdConfigMap !== undefined)) {
      const [namespace, ref] = w.clientIdConfigMap!.split('/');
      if (options.create == null || ref !== `${configMap}:clientId`) {
        fail(this, `${prop}: ${w.path} reads its client id ('identity') from ConfigMap ${w.clientIdConfigMap}, but `
          + (options.create == null ? 'this identity exists already, so ASO writes no ConfigMap: use '
            + 'WorkloadIdentity.fromClientId with its client id'
          : `ASO writes this identity's to ${configMap} (key clientId): use `
            + `WorkloadIdentity.fromClientIdConfigMap(${show(configMap)})`));
      }
      if (namespace !== this.namespace) {
        fail(this, `${prop}: ${w.path} reads its client id ('identity') from ConfigMap ${configMap} in namespace `
          + `${show(namespace)}, but ASO writes it into the namespace of this AzureIdentities chart `
          + `(${show(this.namespace)}): create the identity in an AzureIdentities chart with `
          + `'namespaceName: ${show(namespace)}'`);
      }
    }
  }

  /**
   * The UserAssignedIdentity to create, or the reference to an existing one, as the owner of its credentials; and the
   * identity's Azure resource id.
   */
  private identityOwner(self: ClaimOwner, prop: string, options: AzureIdentityOptions):
  { owner: { name?: string; armId?: string }; azureId: string } {
    const name = self.name;
    if (options.existing != null) {
      checkOptions(this, `${prop}: existing`, options.existing);
      const id = options.existing.resourceId;
      checkIdentityResourceId(this, prop, 'existing.resourceId', id);
      checkGuid(this, `${prop}: existing.principalId`, options.existing.principalId);
      return { owner: { armId: id }, azureId: id };
    }
    const create = options.create!;
    checkOptions(this, `${prop}: create`, create);
    checkSchedulerResource(this, `${prop}: create`, {
      endpoint: 'https://unused', subscriptionId: create.subscriptionId, resourceGroup: create.resourceGroup,
      schedulerName: 'unused',
    });
    checkRequired(this, `${prop}: create.location`, create.location, 'an Azure region, e.g. "westus2"');
    const location = azureLocation(this, prop, 'create.location', create.location);
    checkCreatedIdentityName(this, prop, name);
    const azureId = `/subscriptions/${create.subscriptionId}/resourceGroups/${create.resourceGroup}/providers/`
      + `Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
    // Two ASO objects for one Azure resource: each reconciles it, and pruning either deletes it.
    this.claims.claim(prop, self, 'CreatedAzureIdentity', azureId.toLowerCase(), holder =>
      `${holder} creates this Azure identity (${azureId}) already, and pruning either ASO object would delete `
        + "it: create it once, and reference it elsewhere with 'existing'");
    new UserAssignedIdentityV1Api20230131(this, name, {
      metadata: { name },
      spec: {
        owner: { armId: `/subscriptions/${create.subscriptionId}/resourceGroups/${create.resourceGroup}` },
        location,
        // The ids exist only after Azure has created the identity: ASO publishes them here.
        operatorSpec: {
          configMaps: {
            clientId: { name: `${name}-identity`, key: 'clientId' },
            principalId: { name: `${name}-identity`, key: 'principalId' },
            tenantId: { name: `${name}-identity`, key: 'tenantId' },
          },
        },
      },
    });
    return { owner: { name }, azureId };
  }
}
