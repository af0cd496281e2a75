import { createHash } from 'crypto';
import { IConstruct } from 'constructs';
import { DurableTaskRole } from '../role';
import { fail, isGuid, show, showUrl } from './input-checks';

/**
 * Names of the Azure Service Operator objects of an identity. ASO names an Azure resource after its object
 * (`metadata.name`) unless `spec.azureName` says otherwise, so an object's name must also be a valid Azure name.
 */

/**
 * Azure's rule for the name of a federated identity credential: 3-120 letters, digits, '-' or '_', starting with a
 * letter or digit (the `azureName` pattern of ASO's FederatedIdentityCredential CRD, v1api20230131).
 */
const CREDENTIAL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,119}$/;

/** Azure's rule for the name of a user-assigned managed identity: 3-128 letters, digits, '-' or '_'. */
const IDENTITY_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,127}$/;

/**
 * A resource group name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.' (Azure's naming rules
 * for Microsoft.Resources/resourceGroups). Letters and digits are Unicode ones: the `resourceGroupName` parameter of
 * Azure/azure-rest-api-specs (specification/common-types/resource-management, ResourceGroupNameParameter) has the
 * .NET pattern `^[-\w\._\(\)]+$` ("alphanumeric, underscore, parentheses, hyphen, period (except at end), and
 * Unicode characters that match the allowed characters"), Char.IsLetterOrDigit in the .NET SDKs' docs; so
 * `rg-café` or `ресурсы` are resource groups Azure creates. The length is counted in UTF-16 units, as .NET does.
 */
const RESOURCE_GROUP = /^[\p{L}\p{Nd}_\-.()]+$/u;

/** Whether `name` is a valid resource group name (also the looser rule for names inside Azure resource ids). */
export function isResourceGroupName(name: unknown): boolean {
  return typeof name === 'string' && name.length >= 1 && name.length <= 90 && RESOURCE_GROUP.test(name)
    && !name.endsWith('.');
}

/** The first 10 hex digits of the SHA-256 of `text`: a name suffix that stays the same from synth to synth. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/**
 * Names of the federated credentials of one identity, one per subject (`system:serviceaccount:<ns>:<account>`):
 * `<identity>-<namespace>-<account>` where that is a valid Azure credential name and no other subject of the
 * identity reads the same; otherwise (a name over 120 characters, a '.' in the account, two subjects that read the
 * same) its first characters and a hash of the subject, which stays the same from synth to synth.
 */
export function credentialNames(identity: string, subjects: readonly string[]): Map<string, string> {
  return uniqueNames(new Map(subjects.map(s => {
    const [, , ns, account] = s.split(':');
    return [s, `${identity}-${ns}-${account}`] as [string, string];
  })), name => CREDENTIAL_NAME.test(name), subject => subject, 120);
}

/**
 * Names of the role assignments of one identity: `<identity>-<hub>-<role>`, plus a hash of the task hub's resource
 * id where one identity has the same role on hubs of the same name in two schedulers.
 */
export function roleAssignmentNames<T extends { role: DurableTaskRole; scope: string; hub: string }>(
  identity: string, grants: T[]): Map<T, string> {
  return uniqueNames(new Map(grants.map(g => [g, `${identity}-${g.hub.toLowerCase()}-`
    + g.role.roleName.replace('Durable Task ', '').replace(' ', '-').toLowerCase()] as [T, string])),
  () => true, g => g.scope.toLowerCase(), 253);
}

/**
 * The readable name of each key where it is `valid` and no other key's reads the same; otherwise its first characters
 * ('.' as '-') and a hash of `identify(key)`, at most `max` characters.
 */
function uniqueNames<K>(readable: Map<K, string>, valid: (name: string) => boolean, identify: (key: K) => string,
  max: number): Map<K, string> {
  const counts = new Map<string, number>();
  for (const name of readable.values()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return new Map([...readable].map(([key, name]) => {
    if (valid(name) && counts.get(name) === 1) return [key, name] as [K, string];
    const hash = shortHash(identify(key));
    return [key, `${name.replace(/\./g, '-').slice(0, max - hash.length - 1).replace(/-+$/, '')}-${hash}`] as [K, string];
  }));
}

/** Checks the name of an identity that ASO creates: also the identity's name in Azure. */
export function checkCreatedIdentityName(scope: IConstruct, owner: string, name: string): void {
  if (!IDENTITY_NAME.test(name)) {
    fail(scope, `${owner}: 'name' (${show(name)}) names the identity ASO creates in Azure, which needs 3-128 letters, `
      + "digits, '-' or '_'");
  }
}

/**
 * The parts of a user-assigned identity's resource id, checked as Azure checks them; `owner` (e.g. `identity "x"`)
 * and `prop` name it in messages.
 */
export function checkIdentityResourceId(scope: IConstruct, owner: string, prop: string, id: unknown): void {
  const m = typeof id === 'string'
    ? /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/([^/]+)$/i
        .exec(id)
    : null;
  if (!m) {
    fail(scope, `${owner}: '${prop}' (${show(id)}) must be the resource id of a user-assigned identity: `
      + '/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>');
  }
  const [, subscription, group, name] = m;
  if (!isGuid(subscription)) {
    fail(scope, `${owner}: '${prop}' (${show(id)}): its subscription ${show(subscription)} must be a GUID like `
      + '00000000-0000-0000-0000-000000000000');
  }
  if (!isResourceGroupName(group)) {
    fail(scope, `${owner}: '${prop}' (${show(id)}): its resource group ${show(group)} must be an Azure resource `
      + "group name: 1-90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.'");
  }
  if (!IDENTITY_NAME.test(name)) {
    fail(scope, `${owner}: '${prop}' (${show(id)}): its identity name ${show(name)} must be 3-128 letters, digits, `
      + "'-' or '_'");
  }
}

/**
 * Checks the cluster's OIDC issuer URL, the `issuer` of every federated credential. Entra ID matches a token's `iss`
 * claim against the credential's issuer character by character, and an AKS cluster's issuer
 * (`az aks show --query oidcIssuerProfile.issuerUrl`) ends in '/': without it no token matches (AADSTS70021;
 * Azure/azure-workload-identity issue 1700). Other issuers are used exactly as given.
 */
export function checkOidcIssuer(scope: IConstruct, issuer: unknown): void {
  if (typeof issuer !== 'string' || !/^https:\/\/[^\s/]+(\/\S*)?$/.test(issuer)) {
    fail(scope, `'oidcIssuerUrl' (${showUrl(issuer)}) must be an https:// URL, e.g. `
      + '"https://westus2.oic.prod-aks.azure.com/<tenant>/<guid>/"');
  }
  if (isAksIssuerHost(issuer) && !issuer.endsWith('/')) {
    fail(scope, `'oidcIssuerUrl' (${show(issuer)}) is an AKS OIDC issuer without its trailing '/': `
      + 'AKS tokens name the issuer with it, and Entra ID compares the federated credential\'s issuer exactly; '
      + `write ${show(`${issuer}/`)} (as az aks show --query oidcIssuerProfile.issuerUrl prints it)`);
  }
}

/** Whether `url` is on an AKS OIDC issuer host (`<region>.oic.prod-aks.azure.com`; formerly `oidc.prod-aks...`). */
function isAksIssuerHost(url: string): boolean {
  try {
    return new URL(url).hostname.toLowerCase().endsWith('.prod-aks.azure.com');
  } catch {
    return false;
  }
}

/**
 * What identifies a role assignment in Azure: its scope, role and principal. Azure keeps one per triple; another under
 * another name (ASO derives each object's GUID from the object) fails with 409 RoleAssignmentExists, and its ASO
 * object never becomes Ready.
 */
export function grantKey(scope: string, role: DurableTaskRole, principal: string): string {
  return `${scope.toLowerCase()} ${role.roleDefinitionId} ${principal.toLowerCase()}`;
}

/** The message when `holder` assigns the same role on the same scope to the same principal. */
export function grantConflict(holder: string, role: DurableTaskRole, scope: string, principal: string): string {
  return `${holder} assigns ${role.roleName} on ${scope} to the same principal (${principal}) already, and Azure `
    + 'keeps one role assignment per scope, role and principal (another fails with RoleAssignmentExists): add the '
    + "'workloads' to one addIdentity";
}

/**
 * An Azure region: its name (`westus2`) or its display name (`West US 2`), in any case. ARM compares locations without
 * case and spaces (the providers API lists a resource type's locations by display name; Terraform's azurerm provider
 * sends them as written and compares ARM's answer with `location.Normalize`, lower case without spaces:
 * hashicorp/terraform-provider-azurerm internal/location/normalize.go). ASO passes `spec.location` to ARM in every
 * PUT and never compares it with the status (Azure/azure-service-operator v2/internal/reconcilers/arm/
 * azure_generic_arm_reconciler_instance.go `DetermineCreateOrUpdateAction`, `BeginCreateOrUpdateResource`).
 * Returns the region's name, as ARM reports it back, so that `spec.location` and `status.location` agree.
 */
export function azureLocation(scope: IConstruct, owner: string, prop: string, location: unknown): string {
  if (typeof location !== 'string' || !/^[A-Za-z0-9]+( [A-Za-z0-9]+)*$/.test(location)) {
    fail(scope, `${owner}: '${prop}' (${show(location)}) must be an Azure region: its name, e.g. "westus2", or its `
      + 'display name, e.g. "West US 2"');
  }
  return location.replace(/ /g, '').toLowerCase();
}
