import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EmulatorClient, emulatorIngressPeers } from './emulator-link';
import {
  CheckedResources, renderResources, restrictedContainerSecurityContext, restrictedPodSecurityContext,
} from './pod-spec';

/** What the emulator's objects are made from: its checked props and ports. */
export interface EmulatorSpec {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly selector: Record<string, string>;
  readonly image: string;
  readonly runAsUser: number;
  readonly resources: CheckedResources;
  readonly imagePullSecrets?: readonly string[];
  /** Name and port of gRPC, HTTP and the dashboard. */
  readonly ports: ReadonlyArray<readonly [string, number]>;
  readonly grpcPort: number;
  /** `DTS_TASK_HUB_NAMES`, read at synth: workloads bind to the emulator after it is created. */
  readonly taskHubNames: () => string[];
}

/** The emulator's Deployment: one replica, replaced (never rolled) as its state is in memory. */
export function emulatorDeployment(scope: Construct, spec: EmulatorSpec): k8s.KubeDeployment {
  // A TCP probe on the gRPC port: every Microsoft source has the emulator serve gRPC on 8080 (Learn quickstarts;
  // Aspire's RunAsEmulator, dotnet/aspire src/Aspire.Hosting.Azure.Functions/DurableTask/
  // DurableTaskResourceExtensions.cs, which maps 8080/8081/8082 and defines no health check). No public source
  // documents an HTTP health path, so an httpGet probe could fail on a healthy emulator and have it restarted.
  const healthz = { tcpSocket: { port: k8s.IntOrString.fromString('grpc') } };
  return new k8s.KubeDeployment(scope, 'Deployment', {
    metadata: { name: spec.name, labels: spec.labels },
    spec: {
      replicas: 1,
      // In-memory state: never run an old and a new pod side by side.
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { ...spec.selector } },
      template: {
        metadata: { labels: spec.labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: restrictedPodSecurityContext(spec.runAsUser),
          containers: [{
            name: 'emulator',
            image: spec.image,
            imagePullPolicy: 'IfNotPresent',
            ports: spec.ports.map(([name, port]) => ({ name, containerPort: port, protocol: 'TCP' })),
            env: [
              // Filled at synth: workloads bind to the emulator after it is created.
              { name: 'DTS_TASK_HUB_NAMES', value: Lazy.any({ produce: () => spec.taskHubNames().join(',') }) },
              // What the runtime keeps under $HOME lands on the writable /tmp (the root file system is read-only).
              { name: 'HOME', value: '/tmp' },
            ],
            resources: renderResources(spec.resources),
            readinessProbe: { ...healthz, periodSeconds: 5 },
            livenessProbe: { ...healthz, initialDelaySeconds: 10, periodSeconds: 20 },
            securityContext: restrictedContainerSecurityContext(),
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }],
          ...(spec.imagePullSecrets?.length
            ? { imagePullSecrets: spec.imagePullSecrets.map(name => ({ name })) } : {}),
        },
      },
    },
  });
}

/** The emulator's ClusterIP Service, one port per emulator port. */
export function emulatorService(scope: Construct, spec: EmulatorSpec): k8s.KubeService {
  return new k8s.KubeService(scope, 'Service', {
    metadata: { name: spec.name, labels: spec.labels },
    spec: {
      type: 'ClusterIP',
      selector: { ...spec.selector },
      ports: spec.ports.map(([name, port]) => ({
        name, port, targetPort: k8s.IntOrString.fromString(name), protocol: 'TCP',
        // gRPC is HTTP/2 without TLS (h2c): tells meshes and gateways not to speak HTTP/1.1 to it.
        ...(name === 'grpc' ? { appProtocol: 'kubernetes.io/h2c' } : {}),
      })),
    },
  });
}

/**
 * The NetworkPolicy that admits gRPC from `clients` (a live list: workloads bind after the emulator is created).
 * Probes come from the kubelet and `kubectl port-forward` enters the pod's network namespace: NetworkPolicies apply
 * to neither, so only the workloads' gRPC traffic needs a rule.
 */
export function emulatorIngressPolicy(scope: Construct, spec: EmulatorSpec, clients: readonly EmulatorClient[]):
k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, 'IngressPolicy', {
    metadata: { name: `${spec.name}-allow-clients`, labels: spec.labels },
    spec: {
      podSelector: { matchLabels: { ...spec.selector } },
      policyTypes: ['Ingress'],
      ingress: Lazy.any({
        produce: () => clients.length === 0 ? [] : [{
          from: emulatorIngressPeers(clients),
          ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(spec.grpcPort) }],
        }],
      }),
    },
  });
}
