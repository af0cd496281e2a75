import { checkImage } from './private/image';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ContainerResources } from './container';
import { IDurableTaskSchedulerEmulator } from './emulator-binding';
import { emulatorClients, EmulatorClient } from './private/emulator-link';
import { emulatorDeployment, emulatorIngressPolicy, emulatorService, EmulatorSpec } from './private/emulator-objects';
import {
  checkArray, checkDns1035Label, checkDnsSubdomain, checkInteger, checkTaskHub, show,
  workloadNamespace,
} from './private/input-checks';
import { selectorLabels, workloadLabels } from './private/labels';
import { checkResources } from './private/pod-spec';
import { namespaceServices } from './private/quota';
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
 * keeps its state in memory; TCP readiness and liveness probes on gRPC), a ClusterIP Service (gRPC 8080, HTTP 8081,
 * dashboard 8082) and a NetworkPolicy that admits the gRPC port from the workloads that use it. Workloads bind to
 * it with `DurableTaskScheduler.fromEmulator(emulator)`; `DTS_TASK_HUB_NAMES` lists every task hub they use. The
 * pod runs under Pod Security `restricted` with a read-only root file system and a writable /tmp.
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
  /** The emulator's HTTP port (mapped by Microsoft's Aspire integration; what it serves is not documented). */
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
  /**
   * Extra pods during a rollout: none, the emulator's Deployment is replaced (strategy Recreate), never surged.
   * @internal
   */
  public readonly _surgePods: number = 0;
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
    // A JavaScript caller may pass null for the optional props.
    props = props ?? {};
    this.name = props.name ?? 'dts-emulator';
    checkDns1035Label(this, 'name', this.name);
    this.namespaceName = workloadNamespace(this);
    this.selector = selectorLabels(this.name);
    const spec = this.checkedSpec(props);
    this.extraHubs = [...props.taskHubs ?? []];
    this.cpuRequestCores = spec.resources.cpuRequestCores;
    this.memoryRequestBytes = spec.resources.memoryRequestBytes;
    this.cpuLimitCores = spec.resources.cpuLimitCores;
    this.memoryLimitBytes = spec.resources.memoryLimitBytes;

    const registry = DurableRegistry.of(this);
    registry.claim(this, { kind: 'Deployment', key: `${this.namespaceName}/${this.name}` }, first =>
      `Deployment name ${show(this.name)} in namespace ${show(this.namespaceName)} is already used by ${first}: `
      + "give the emulator another 'name'");
    registry.join(namespaceWorkloads(this.namespaceName), this);

    this.deployment = emulatorDeployment(this, spec);
    this.service = emulatorService(this, spec);
    registry.join(namespaceServices(this.namespaceName), this);
    this.ingressPolicy = emulatorIngressPolicy(this, spec,
      registry.membersOf<EmulatorClient>(emulatorClients(this)));
  }

  /** The checked props the emulator's objects are made from. */
  private checkedSpec(props: DurableTaskSchedulerEmulatorProps): EmulatorSpec {
    const image = props.image ?? DurableTaskSchedulerEmulator.DEFAULT_IMAGE;
    checkImage(this, 'image', image);
    checkArray(this, 'taskHubs', props.taskHubs);
    props.taskHubs?.forEach((hub, i) => checkTaskHub(this, `taskHubs[${i}]`, hub));
    const runAsUser = props.runAsUser ?? 1654;
    checkInteger(this, 'runAsUser', runAsUser, 1);
    checkArray(this, 'imagePullSecrets', props.imagePullSecrets);
    props.imagePullSecrets?.forEach((name, i) => checkDnsSubdomain(this, `imagePullSecrets[${i}]`, name));
    const resources = checkResources(this, props.resources, EMULATOR_DEFAULT_RESOURCES);
    return {
      name: this.name,
      labels: workloadLabels(this.name, 'scheduler-emulator'),
      selector: this.selector,
      image,
      runAsUser,
      resources,
      imagePullSecrets: props.imagePullSecrets,
      ports: [['grpc', this.grpcPort], ['http', this.httpPort], ['dashboard', this.dashboardPort]],
      grpcPort: this.grpcPort,
      taskHubNames: () => this.taskHubNames,
    };
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
