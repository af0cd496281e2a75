import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ContainerResources } from './container';
import { IDurableTaskSchedulerEmulator } from './emulator-binding';
import { emulatorClients, EmulatorClient, emulatorIngressPeers } from './private/emulator-link';
import {
  checkArray, checkDns1035Label, checkDnsSubdomain, checkImage, checkInteger, checkTaskHub, show,
  workloadNamespace,
} from './private/input-checks';
import { selectorLabels, workloadLabels } from './private/labels';
import {
  checkResources, renderResources, restrictedContainerSecurityContext, restrictedPodSecurityContext,
} from './private/pod-spec';
import { DurableRegistry, namespaceWorkloads } from './private/registry';

/** Props of {@link DurableTaskSchedulerEmulator}. */
export interface DurableTaskSchedulerEmulatorProps {
  /**
   * Name of the Deployment and Service (a DNS-1035 label: it names a Service).
   *
   * @default 'dts-emulator'
   */
  readonly name?: string;
  /**
   * The emulator image, with a pinned tag or digest (never `latest`).
   *
   * @default DurableTaskSchedulerEmulator.DEFAULT_IMAGE
   */
  readonly image?: string;
  /**
   * Task hubs to create besides those of the workloads that use the emulator (each workload's `taskHub` is added
   * by itself).
   *
   * @default - only the workloads' task hubs ('default' when no workload uses the emulator)
   */
  readonly taskHubs?: string[];
  /**
   * Container CPU and memory.
   *
   * @default - requests 100m CPU / 256Mi memory, limits 1 CPU / 1Gi memory
   */
  readonly resources?: ContainerResources;
  /**
   * User id the container runs as (must not be 0). 1654 is the `app` user of Microsoft's .NET container images.
   *
   * @default 1654
   */
  readonly runAsUser?: number;
  /**
   * Secrets to pull the image with (a mirror of the image in a private registry).
   *
   * @default - none
   */
  readonly imagePullSecrets?: string[];
}

const EMULATOR_DEFAULT_RESOURCES: Readonly<Required<ContainerResources>> = Object.freeze({
  cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi',
});

/**
 * The Durable Task Scheduler emulator in the cluster, for development and tests: a Deployment (one replica: it
 * keeps its state in memory), a ClusterIP Service (gRPC 8080, HTTP 8081 with `/healthz`, dashboard 8082) and a
 * NetworkPolicy that admits the gRPC port from the workloads that use it. Workloads bind to it with
 * `DurableTaskScheduler.fromEmulator(emulator)`; `DTS_TASK_HUB_NAMES` lists every task hub they use. The pod runs
 * under Pod Security `restricted` with a read-only root file system and a writable /tmp.
 */
export class DurableTaskSchedulerEmulator extends Construct implements IDurableTaskSchedulerEmulator {
  /** The image used when none is given: the newest tag found in public Microsoft sources, pinned. */
  public static readonly DEFAULT_IMAGE = 'mcr.microsoft.com/dts/dts-emulator:v0.0.10';

  /** Name of the Deployment and Service. */
  public readonly name: string;
  /** Namespace of the emulator (its chart's namespace). */
  public readonly namespaceName: string;
  /** The gRPC port (HTTP/2 without TLS). */
  public readonly grpcPort: number = 8080;
  /** The HTTP port with `/healthz`. */
  public readonly httpPort: number = 8081;
  /** The dashboard port (open it with `kubectl port-forward`). */
  public readonly dashboardPort: number = 8082;
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  /** The Service. */
  public readonly service: k8s.KubeService;
  /** The NetworkPolicy that admits the workloads' gRPC traffic. */
  public readonly ingressPolicy: k8s.KubeNetworkPolicy;
  /** Fewest replicas that run (always 1). */
  public readonly minReplicas: number = 1;
  /** Most replicas that run (always 1: two emulators would each keep half of the state). */
  public readonly maxReplicas: number = 1;
  /** CPU request of the container, in cores. */
  public readonly cpuRequestCores: number;
  /** Memory request of the container, in bytes. */
  public readonly memoryRequestBytes: number;
  /** CPU limit of the container, in cores. */
  public readonly cpuLimitCores: number;
  /** Memory limit of the container, in bytes. */
  public readonly memoryLimitBytes: number;
  private readonly extraHubs: string[];
  private readonly selector: Record<string, string>;

  public constructor(scope: Construct, id: string, props: DurableTaskSchedulerEmulatorProps = {}) {
    super(scope, id);
    this.name = props.name ?? 'dts-emulator';
    checkDns1035Label(this, 'name', this.name);
    this.namespaceName = workloadNamespace(this);
    const image = props.image ?? DurableTaskSchedulerEmulator.DEFAULT_IMAGE;
    checkImage(this, 'image', image);
    checkArray(this, 'taskHubs', props.taskHubs);
    this.extraHubs = [...props.taskHubs ?? []];
    this.extraHubs.forEach((hub, i) => checkTaskHub(this, `taskHubs[${i}]`, hub));
    const runAsUser = props.runAsUser ?? 1654;
    checkInteger(this, 'runAsUser', runAsUser, 1);
    checkArray(this, 'imagePullSecrets', props.imagePullSecrets);
    props.imagePullSecrets?.forEach((name, i) => checkDnsSubdomain(this, `imagePullSecrets[${i}]`, name));
    const resources = checkResources(this, { ...EMULATOR_DEFAULT_RESOURCES, ...props.resources });
    this.cpuRequestCores = resources.cpuRequestCores;
    this.memoryRequestBytes = resources.memoryRequestBytes;
    this.cpuLimitCores = resources.cpuLimitCores;
    this.memoryLimitBytes = resources.memoryLimitBytes;

    const registry = DurableRegistry.of(this);
    registry.claim(this, { kind: 'Deployment', key: `${this.namespaceName}/${this.name}` }, first =>
      `Deployment name ${show(this.name)} in namespace ${show(this.namespaceName)} is already used by ${first}: `
      + "give the emulator another 'name'");
    registry.join(namespaceWorkloads(this.namespaceName), this);
    const clients = registry.membersOf<EmulatorClient>(emulatorClients(this));

    this.selector = selectorLabels(this.name);
    const labels = workloadLabels(this.name, 'scheduler-emulator');
    const ports = [['grpc', this.grpcPort], ['http', this.httpPort], ['dashboard', this.dashboardPort]] as const;
    const healthz = { httpGet: { path: '/healthz', port: k8s.IntOrString.fromString('http') } };
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: this.name, labels },
      spec: {
        replicas: 1,
        // In-memory state: never run an old and a new pod side by side.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { ...this.selector } },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: restrictedPodSecurityContext(runAsUser),
            containers: [{
              name: 'emulator',
              image,
              imagePullPolicy: 'IfNotPresent',
              ports: ports.map(([name, port]) => ({ name, containerPort: port, protocol: 'TCP' })),
              env: [
                // Filled at synth: workloads bind to the emulator after it is created.
                { name: 'DTS_TASK_HUB_NAMES', value: Lazy.any({ produce: () => this.taskHubNames.join(',') }) },
                // What the runtime keeps under $HOME lands on the writable /tmp (the root file system is read-only).
                { name: 'HOME', value: '/tmp' },
              ],
              resources: renderResources(resources),
              readinessProbe: { ...healthz, periodSeconds: 5 },
              livenessProbe: { ...healthz, initialDelaySeconds: 10, periodSeconds: 20 },
              securityContext: restrictedContainerSecurityContext(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }],
            ...(props.imagePullSecrets?.length
              ? { imagePullSecrets: props.imagePullSecrets.map(name => ({ name })) } : {}),
          },
        },
      },
    });
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name: this.name, labels },
      spec: {
        type: 'ClusterIP',
        selector: { ...this.selector },
        ports: ports.map(([name, port]) => ({
          name, port, targetPort: k8s.IntOrString.fromString(name), protocol: 'TCP',
          // gRPC is HTTP/2 without TLS (h2c): tells meshes and gateways not to speak HTTP/1.1 to it.
          ...(name === 'grpc' ? { appProtocol: 'kubernetes.io/h2c' } : {}),
        })),
      },
    });
    // Probes come from the kubelet and `kubectl port-forward` enters the pod's network namespace: NetworkPolicies
    // apply to neither, so only the workloads' gRPC traffic needs a rule.
    this.ingressPolicy = new k8s.KubeNetworkPolicy(this, 'IngressPolicy', {
      metadata: { name: `${this.name}-allow-clients`, labels },
      spec: {
        podSelector: { matchLabels: { ...this.selector } },
        policyTypes: ['Ingress'],
        ingress: Lazy.any({
          produce: () => clients.length === 0 ? [] : [{
            from: emulatorIngressPeers(clients),
            ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(this.grpcPort) }],
          }],
        }),
      },
    });
  }

  /** The in-cluster gRPC endpoint, `http://<name>.<namespace>.svc:8080`. */
  public get endpoint(): string {
    return `http://${this.name}.${this.namespaceName}.svc:${this.grpcPort}`;
  }

  /** Labels that select the emulator's pods (a copy). */
  public get selectorLabels(): Record<string, string> {
    return { ...this.selector };
  }

  /**
   * The task hubs the emulator creates (`DTS_TASK_HUB_NAMES`): `taskHubs`, then those of the workloads bound to it,
   * each once (task hub names are case-insensitive), or `default` when there is none.
   */
  public get taskHubNames(): string[] {
    const hubs: string[] = [];
    for (const hub of [...this.extraHubs, ...DurableRegistry.of(this).membersOf<EmulatorClient>(emulatorClients(this))
      .map(c => c.taskHub)]) {
      if (!hubs.some(h => h.toLowerCase() === hub.toLowerCase())) {
        hubs.push(hub);
      }
    }
    return hubs.length > 0 ? hubs : ['default'];
  }
}
