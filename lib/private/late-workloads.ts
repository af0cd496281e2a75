import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { DurableApi } from '../api';
import { DurableClient } from '../client';
import { DurableWorker } from '../worker';
import { fail } from './input-checks';
import { DurableRegistry, namespaceWorkloads } from './registry';

/**
 * Fails when a DurableWorker, DurableApi or DurableClient is added under one of `scopes` after something was made
 * from the workloads found there (`known`), e.g. an identity's federated credentials and roles, which would not
 * cover it. The new workload's construction fails with `<owner path>: <message(workload, scope)>`; `applies` limits
 * the rule to some workloads (e.g. the workers).
 */
export function failOnLateWorkloads(owner: IConstruct, scopes: readonly IConstruct[], known: readonly IConstruct[],
  message: (late: IConstruct, scope: IConstruct) => string,
  applies: (workload: IConstruct) => boolean = () => true): void {
  const registry = DurableRegistry.of(owner);
  const seen = new Set(known);
  const namespaces = new Set<string>();
  for (const scope of [...scopes, ...known]) {
    const namespace = namespaceOf(scope);
    if (namespace !== undefined) namespaces.add(namespace);
  }
  for (const namespace of namespaces) {
    const members = registry.membersOf(namespaceWorkloads(namespace));
    let checked = members.length;
    registry.watch(namespaceWorkloads(namespace), () => {
      for (; checked < members.length; checked++) {
        const member = members[checked];
        const scope = scopes.find(s => member.node.scopes.includes(s));
        if (scope !== undefined && isWorkload(member) && !seen.has(member) && applies(member)) {
          fail(owner, message(member, scope));
        }
      }
    });
  }
}

function isWorkload(c: IConstruct): boolean {
  return c instanceof DurableWorker || c instanceof DurableApi || c instanceof DurableClient;
}

/** The namespace the workloads under `scope` join: a workload's own, or that of the chart `scope` is in. */
function namespaceOf(scope: IConstruct): string | undefined {
  if (isWorkload(scope)) return (scope as DurableWorker).namespaceName;
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}
