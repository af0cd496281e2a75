import { Construct, IConstruct } from 'constructs';
import { DurableTaskSchedulerResource } from './azure-resources';
import { KedaTriggerType } from './keda-trigger-options';
import { DurableTaskRole } from './role';
import { checkSchedulerResource, hubScope, roleName, taskHubScope } from './private/azure-scope';
import { checkArray, checkDnsLabel, checkOptions, checkRequired, show } from './private/input-checks';
import { findWorkloads, InventoryWorkload } from './private/inventory';

/** Options of {@link IdentityPlan.of}. */
export interface IdentityPlanOptions {
  /** The Azure resources of every scheduler the app's workloads connect to. */
  readonly schedulers: DurableTaskSchedulerResource[];
  /**
   * Namespace of the KEDA operator, whose ServiceAccount needs a federated credential on every identity a
   * KEDA trigger authenticates with (`podIdentity.provider: azure-workload`).
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

/** One role assignment an identity needs. */
export interface PlannedRoleAssignment {
  /** Display name of the built-in role, e.g. `Durable Task Worker`. */
  readonly roleName: string;
  /** Role definition id (a GUID). */
  readonly roleDefinitionId: string;
  /** Scope: the task hub's Azure resource id. */
  readonly scope: string;
}

/** One workload identity of the app and what Azure must grant it. */
export interface PlannedIdentity {
  /**
   * Client id of the identity.
   *
   * @default - not known at synth: `clientIdConfigMap` says where the pods read it
   */
  readonly clientId?: string;
  /**
   * For an identity whose client id a ConfigMap holds (`WorkloadIdentity.fromClientIdConfigMap`), where:
   * `<namespace>/<ConfigMap>:<key>`.
   *
   * @default - the client id is known (`clientId`)
   */
  readonly clientIdConfigMap?: string;
  /**
   * Microsoft Entra tenant of the identity, when the app names one.
   *
   * @default - the cluster's tenant
   */
  readonly tenantId?: string;
  /** Subjects of the federated identity credentials it needs (`system:serviceaccount:<ns>:<sa>`), sorted. */
  readonly subjects: string[];
  /** Role assignments it needs, sorted by scope and role. */
  readonly roles: PlannedRoleAssignment[];
  /** Construct paths of the workloads (and KEDA triggers) that use it. */
  readonly usedBy: string[];
}

/**
 * Every workload identity of an app → the ServiceAccount subjects it must trust → the built-in roles it needs →
 * their scopes (task hubs), read from the construct tree. For teams that create identities with Bicep or
 * Terraform: print it next to `dist/` (`npm run identities`) and review both in the same pull request.
 *
 * Workers get *Durable Task Worker*, APIs *Durable Task Data Contributor*, on their task hub. An identity a KEDA
 * trigger authenticates with also needs a credential for the KEDA operator's ServiceAccount, and the Durable Task
 * scaler's identity *Durable Task Data Reader* on the hub unless it holds *Durable Task Data Contributor* there (a
 * worker's identity gets Data Reader next to Durable Task Worker).
 */
export class IdentityPlan {
  /** The plan of every workload under `scope` (usually the app). */
  public static of(scope: IConstruct, options: IdentityPlanOptions): IdentityPlan {
    if (!Construct.isConstruct(scope)) {
      throw new Error(`IdentityPlan: 'scope' (${show(scope)}) must be a construct, usually the app`);
    }
    try {
      return new IdentityPlan(planIdentities(scope, options));
    } catch (e) {
      // Input errors of the app itself (path '') would start with ': '.
      const message = (e as Error).message;
      throw message.startsWith(': ') ? new Error(`IdentityPlan${message}`) : e;
    }
  }

  /** The Azure resource id of a task hub: the scope of its role assignments. */
  public static taskHubScope(scheduler: DurableTaskSchedulerResource, taskHub: string): string {
    return taskHubScope(scheduler, taskHub);
  }

  /** Display name of a built-in Durable Task role. */
  public static roleName(role: DurableTaskRole): string {
    return roleName(role);
  }

  private constructor(
    /** The identities, in the order the app first uses them. */
    public readonly identities: PlannedIdentity[],
  ) {}

  /** The plan as plain JSON data: `{ identities: [...] }`. */
  public toJson(): any {
    return { identities: this.identities.map(i => ({ ...i })) };
  }

  /** The plan as a Markdown table (one row per identity and role). */
  public toMarkdown(): string {
    const lines = [
      '| Identity (client id) | Federated credential subjects | Role | Scope |',
      '| --- | --- | --- | --- |',
    ];
    for (const identity of this.identities) {
      const subjects = identity.subjects.map(s => `\`${s}\``).join('<br>');
      const roles = identity.roles.length > 0 ? identity.roles : [undefined];
      for (const role of roles) {
        const id = identity.clientId ?? `ConfigMap ${identity.clientIdConfigMap}`;
        lines.push(`| \`${id}\` | ${subjects} | `
          + (role ? `${role.roleName} (\`${role.roleDefinitionId}\`) | \`${role.scope}\` |` : '- | - |'));
      }
    }
    return lines.join('\n') + '\n';
  }
}

interface MutableIdentity {
  clientId?: string;
  clientIdConfigMap?: string;
  tenantId?: string;
  subjects: Set<string>;
  roles: Map<string, PlannedRoleAssignment>;
  usedBy: string[];
}

function planIdentities(scope: IConstruct, options: IdentityPlanOptions): PlannedIdentity[] {
  checkOptions(scope, 'options', options);
  checkRequired(scope, 'schedulers', options?.schedulers, 'the Azure resource of every scheduler the app uses');
  checkArray(scope, 'schedulers', options.schedulers);
  options.schedulers.forEach((s, i) => checkSchedulerResource(scope, `schedulers[${i}]`, s));
  const kedaNamespace = options.kedaOperatorNamespace ?? 'keda';
  const kedaAccount = options.kedaOperatorServiceAccount ?? 'keda-operator';
  checkDnsLabel(scope, 'kedaOperatorNamespace', kedaNamespace);
  checkDnsLabel(scope, 'kedaOperatorServiceAccount', kedaAccount);
  const kedaSubject = `system:serviceaccount:${kedaNamespace}:${kedaAccount}`;

  const byClientId = new Map<string, MutableIdentity>();
  const entry = (key: string, id: { clientId?: string; clientIdConfigMap?: string; tenantId?: string }):
    MutableIdentity => {
    const found = byClientId.get(key) ?? { clientId: id.clientId, clientIdConfigMap: id.clientIdConfigMap,
      tenantId: id.tenantId, subjects: new Set(), roles: new Map(), usedBy: [] };
    byClientId.set(key, found);
    return found;
  };
  const grant = (identity: MutableIdentity, role: DurableTaskRole, scopeId: string) => {
    identity.roles.set(`${scopeId} ${role.roleDefinitionId}`,
      { roleName: roleName(role), roleDefinitionId: role.roleDefinitionId, scope: scopeId });
  };
  const workloads = findWorkloads(scope);
  const scopes = new Map(workloads.map(w => [w, hubScope(w, options.schedulers)] as [InventoryWorkload, string]));
  for (const w of workloads.filter(x => x.identityKey !== undefined)) {
    const identity = entry(w.identityKey!, w);
    identity.subjects.add(w.subject);
    identity.usedBy.push(w.path);
    grant(identity, w.role, scopes.get(w)!);
  }
  // Scaler identities after the workloads': a Data Reader grant is redundant where the identity has Data Contributor,
  // "a superset of all other roles" (MicrosoftDocs/azure-docs durable-task-scheduler-identity.md). Durable Task Worker
  // is documented for processing work items only, not as covering reads: a worker identity gets Data Reader too.
  for (const w of workloads) {
    for (const s of w.scalerIdentities) {
      const identity = entry(s.clientId.toLowerCase(), s);
      identity.subjects.add(kedaSubject);
      identity.usedBy.push(`${w.path} (KEDA trigger ${s.triggerType})`);
      const hub = scopes.get(w)!;
      const hasContributor = [...identity.roles.values()].some(r => r.scope === hub
        && r.roleDefinitionId === DurableTaskRole.DATA_CONTRIBUTOR.roleDefinitionId);
      if (s.triggerType === KedaTriggerType.DURABLE_TASK_SCHEDULER && !hasContributor) {
        grant(identity, DurableTaskRole.DATA_READER, hub);
      }
    }
  }
  return [...byClientId.values()].map(i => ({
    ...(i.clientId ? { clientId: i.clientId } : { clientIdConfigMap: i.clientIdConfigMap }),
    ...(i.tenantId ? { tenantId: i.tenantId } : {}),
    subjects: [...i.subjects].sort(),
    roles: [...i.roles.values()].sort((a, b) => a.scope.localeCompare(b.scope) || a.roleName.localeCompare(b.roleName)),
    usedBy: [...new Set(i.usedBy)],
  }));
}
