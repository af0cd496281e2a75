import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { IDurableTaskSchedulerEmulator } from '../emulator-binding';
import { fail } from './input-checks';
import { NAMESPACE_NAME_LABEL } from './labels';

/** A workload bound to an emulator, as the emulator sees it (for its task hubs and its ingress policy). */
export interface EmulatorClient extends IConstruct {
  readonly name: string;
  readonly namespaceName: string;
  readonly taskHub: string;
}

/** The registry group of the workloads that use an emulator. */
export function emulatorClients(emulator: IConstruct): string {
  return `emulator-clients:${emulator.node.path}`;
}

/** The workload's egress NetworkPolicy to the emulator's gRPC port. */
export function renderEmulatorEgress(scope: Construct, emulator: IDurableTaskSchedulerEmulator, workload: {
  readonly name: string; readonly labels: Record<string, string>; readonly selector: Record<string, string>;
}): k8s.KubeNetworkPolicy {
  if (scope.node.root !== emulator.node.root) {
    fail(scope, `'scheduler' is bound to the emulator ${emulator.node.path} of another App, which would neither `
      + 'create its task hub nor admit its pods: create the emulator in the App of its workloads');
  }
  return new k8s.KubeNetworkPolicy(scope, 'EmulatorEgressPolicy', {
    metadata: { name: `${workload.name}-allow-emulator-egress`, labels: workload.labels },
    spec: {
      podSelector: { matchLabels: { ...workload.selector } },
      policyTypes: ['Egress'],
      egress: [{
        to: [{
          namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: emulator.namespaceName } },
          podSelector: { matchLabels: { ...emulator.selectorLabels } },
        }],
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(emulator.grpcPort) }],
      }],
    },
  });
}

/** The emulator's ingress rule: its gRPC port from the pods of the workloads that use it, per namespace. */
export function emulatorIngressPeers(clients: readonly EmulatorClient[]): k8s.NetworkPolicyPeer[] {
  const byNamespace = new Map<string, Set<string>>();
  for (const client of clients) {
    const names = byNamespace.get(client.namespaceName) ?? new Set<string>();
    names.add(client.name);
    byNamespace.set(client.namespaceName, names);
  }
  return [...byNamespace.keys()].sort().map(namespace => ({
    namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: namespace } },
    podSelector: {
      matchExpressions: [{
        key: 'app.kubernetes.io/name', operator: 'In', values: [...byNamespace.get(namespace)!].sort(),
      }],
    },
  }));
}
