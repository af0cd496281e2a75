import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { WorkloadIdentity } from './identity';
import { WorkItemType } from './keda-trigger';
import { LABELS, selectorLabels, workloadLabels } from './labels';
import { HealthProbe } from './probe';
import { checkQuantity } from './quantity';
import { addMemoizedValidation, claim, conflict, impliedClaims, namespaceWorkloadsKey } from './registry';
import { chartNamespace, checkDnsLabel, checkEnvName, checkImage, checkInteger, checkLabelKey, checkLabelValue, checkTaskHub, fail, show } from './rules';
import { Scaling } from './scaling';
import { DurableTaskScheduler, SchedulerAuthentication } from './scheduler';
import { DurableServiceAccount } from './service-account';

/** CPU and memory of the workload's container. */
export interface ContainerResources {
  /**
   * CPU request (a Kubernetes quantity).
   *
   * @default '250m'
   */
  readonly cpuRequest?: string;
  /**
   * Memory request (a Kubernetes quantity).
   *
   * @default '512Mi'
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit (a Kubernetes quantity), at least the request.
   *
   * @default '1'
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit (a Kubernetes quantity), at least the request.
   *
   * @default '1Gi'
   */
  readonly memoryLimit?: string;
}

/** An environment variable with a literal value. */
export interface EnvironmentVariable {
  /** Variable name. */
  readonly name: string;
  /** Variable value. */
  readonly value: string;
}

/** A node label the pods must be scheduled on, e.g. a dedicated node pool. */
export interface NodeLabel {
  /** Label key, e.g. `kubernetes.azure.com/agentpool`. */
  readonly key: string;
  /** Label value, e.g. `durable`. */
  readonly value: string;
}

/** The effect of a node taint a toleration matches. */
export enum TaintEffect {
  /** Pods without the toleration are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler avoids the node for pods without the toleration. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** Pods without the toleration are evicted from the node. */
  NO_EXECUTE = 'NoExecute',
}

/** A toleration of a node taint, e.g. of a dedicated node pool. */
export interface NodeToleration {
  /** Taint key. */
  readonly key: string;
  /**
   * Taint value.
   *
   * @default - any value (operator `Exists`)
   */
  readonly value?: string;
  /**
   * Taint effect.
   *
   * @default - every effect
   */
  readonly effect?: TaintEffect;
}

/** Options shared by DurableWorker and DurableApi. */
export interface DurableWorkloadOptions {
  /**
   * Name of the Deployment and of every object of this workload (a DNS-1123 label). It is also the
   * value of the `app.kubernetes.io/name` selector label, so it must not change once deployed.
   *
   * @default - 'durable-worker' for a worker ('durable-worker-<type>' with a `workItemType`), 'durable-api'
   * for an API
   */
  readonly name?: string;
  /** Container image with a tag (not `latest`) or a digest. */
  readonly image: string;
  /**
   * Azure Workload Identity for this workload: it gets its own ServiceAccount with the identity's
   * client id. Mutually exclusive with `serviceAccount`.
   *
   * @default - no workload identity
   */
  readonly identity?: WorkloadIdentity;
  /**
   * Run as this existing ServiceAccount (e.g. one shared by a worker and an API). Mutually exclusive with
   * `identity`.
   *
   * @default - a ServiceAccount of the workload's own, named like the workload
   */
  readonly serviceAccount?: DurableServiceAccount;
  /**
   * How many replicas run.
   *
   * @default - Scaling.hpa() for a worker (3-20), Scaling.fixedReplicas(2) for an API
   */
  readonly scaling?: Scaling;
  /**
   * Container CPU and memory.
   *
   * @default - requests 250m CPU / 512Mi memory, limits 1 CPU / 1Gi memory
   */
  readonly resources?: ContainerResources;
  /**
   * Additional environment variables. They must not repeat a name, nor override the scheduler variables or
   * a worker's work item type variable.
   *
   * @default - only the scheduler variables
   */
  readonly env?: EnvironmentVariable[];
  /**
   * Container entrypoint.
   *
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Container arguments.
   *
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Seconds Kubernetes waits after SIGTERM before killing a pod: time for in-flight work items to finish.
   *
   * @default - 120 for a worker, 30 for an API
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Seconds to wait in a `preStop` sleep before SIGTERM, so endpoints and load balancers stop sending
   * traffic first (uses the `sleep` lifecycle action, Kubernetes 1.30+). Must be less than the grace period.
   *
   * @default - no preStop hook
   */
  readonly preStopDelaySeconds?: number;
  /**
   * Readiness probe.
   *
   * @default - none for a worker; HTTP GET /healthz for an API
   */
  readonly readinessProbe?: HealthProbe;
  /**
   * Liveness probe. Never tie it to scheduler connectivity.
   *
   * @default - none for a worker; HTTP GET /healthz (after 10 s, every 20 s) for an API
   */
  readonly livenessProbe?: HealthProbe;
  /**
   * Startup probe.
   *
   * @default - none
   */
  readonly startupProbe?: HealthProbe;
  /**
   * User id the container runs as (must not be 0).
   *
   * @default 1000
   */
  readonly runAsUser?: number;
  /**
   * Schedule pods only on nodes with these labels (e.g. a dedicated node pool).
   *
   * @default - any node
   */
  readonly nodeSelector?: NodeLabel[];
  /**
   * Taints the pods tolerate (e.g. of a dedicated node pool).
   *
   * @default - none
   */
  readonly tolerations?: NodeToleration[];
}

/** Role of a workload: its `app.kubernetes.io/component` label. */
export enum WorkloadComponent {
  /** A Durable Task worker (gRPC client of the scheduler). */
  WORKER = 'worker',
  /** An HTTP API that starts and queries orchestrations. */
  API = 'api',
}

/** Props of {@link DurableWorkload}, as DurableWorker and DurableApi pass them (defaults resolved). */
export interface DurableWorkloadProps extends DurableWorkloadOptions {
  /** The scheduler the workload connects to. */
  readonly scheduler: DurableTaskScheduler;
  /** The task hub (3-64 letters, digits or '-'). */
  readonly taskHub: string;
  /** Role of the workload. */
  readonly component: WorkloadComponent;
  /**
   * Container port (named `http`).
   *
   * @default - no port
   */
  readonly port?: number;
  /**
   * Variables the construct sets itself, after the scheduler's; user `env` must not override them.
   *
   * @default - none
   */
  readonly systemEnv?: EnvironmentVariable[];
  /**
   * Work item type, passed to a DTS scaler trigger.
   *
   * @default - every type
   */
  readonly workItemType?: WorkItemType;
}

const DEFAULT_RESOURCES: Required<ContainerResources> = { cpuRequest: '250m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '1Gi' };

/**
 * Base of DurableWorker and DurableApi: a hardened Deployment (Pod Security Standards `restricted`), its
 * ServiceAccount, its autoscaler and a PodDisruptionBudget.
 */
export abstract class DurableWorkload extends Construct {
  /** Name of the Deployment (and of the workload's other objects). */
  public readonly name: string;
  /** Namespace of the workload (its chart's namespace). */
  public readonly namespaceName: string;
  /** Task hub the workload works on. */
  public readonly taskHub: string;
  private readonly selector: Record<string, string>;
  /** The ServiceAccount the pods run as. */
  public readonly serviceAccount: DurableServiceAccount;
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
  private readonly durableDeployment: DurableDeployment;
  /** Fewest replicas that run. */
  public readonly minReplicas: number;
  /** Most replicas that run. */
  public readonly maxReplicas: number;
  /** CPU request of the container, in cores. */
  public readonly cpuRequestCores: number;
  /** Memory request of the container, in bytes. */
  public readonly memoryRequestBytes: number;
  /** CPU limit of the container, in cores. */
  public readonly cpuLimitCores: number;
  /** Memory limit of the container, in bytes. */
  public readonly memoryLimitBytes: number;
  /**
   * The HorizontalPodAutoscaler or KEDA ScaledObject.
   *
   * @default - none (fixed replicas)
   */
  public readonly autoscaler?: ApiObject;
  /** KEDA TriggerAuthentications of the ScaledObject's triggers. */
  public readonly triggerAuthentications: ApiObject[];
  /**
   * The PodDisruptionBudget (`maxUnavailable: 1`), when more than one replica can run.
   */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;

  protected constructor(scope: Construct, id: string, props: DurableWorkloadProps) {
    super(scope, id);
    const name = props.name ?? `durable-${props.component}`;
    checkDnsLabel(this, 'name', name);
    const namespace = chartNamespace(this);
    checkImage(this, 'image', props.image);
    checkTaskHub(this, 'taskHub', props.taskHub);
    props.scheduler._validate(this);
    props.identity?._validate(this, 'identity');
    this.name = name;
    this.namespaceName = namespace;
    this.taskHub = props.taskHub;
    this.selector = selectorLabels(name);
    const labels = workloadLabels(name, props.component);

    this.serviceAccount = this.resolveServiceAccount(props, name);
    const identity = this.serviceAccount.identity;
    if (props.scheduler.connectionStringEnvName !== undefined && props.scheduler.authentication === SchedulerAuthentication.WORKLOAD_IDENTITY && !identity) {
      fail(this, `'scheduler.authentication' (WorkloadIdentity) needs a workload identity: set 'identity' (or a 'serviceAccount' with one), or use SchedulerAuthentication.DEFAULT_AZURE`);
    }

    const resources = { ...DEFAULT_RESOURCES, ...props.resources };
    this.cpuRequestCores = checkQuantity(this, 'resources.cpuRequest', resources.cpuRequest);
    this.memoryRequestBytes = checkQuantity(this, 'resources.memoryRequest', resources.memoryRequest);
    this.cpuLimitCores = checkQuantity(this, 'resources.cpuLimit', resources.cpuLimit);
    this.memoryLimitBytes = checkQuantity(this, 'resources.memoryLimit', resources.memoryLimit);
    if (this.cpuLimitCores < this.cpuRequestCores) {
      fail(this, `'resources.cpuLimit' (${show(resources.cpuLimit)}) must be >= 'resources.cpuRequest' (${show(resources.cpuRequest)})`);
    }
    if (this.memoryLimitBytes < this.memoryRequestBytes) {
      fail(this, `'resources.memoryLimit' (${show(resources.memoryLimit)}) must be >= 'resources.memoryRequest' (${show(resources.memoryRequest)})`);
    }

    const gracePeriod = props.terminationGracePeriodSeconds ?? (props.component === WorkloadComponent.WORKER ? 120 : 30);
    checkInteger(this, 'terminationGracePeriodSeconds', gracePeriod, 0);
    if (props.preStopDelaySeconds !== undefined) {
      checkInteger(this, 'preStopDelaySeconds', props.preStopDelaySeconds, 1);
      if (props.preStopDelaySeconds >= gracePeriod) {
        fail(this, `'preStopDelaySeconds' (${props.preStopDelaySeconds}) must be < 'terminationGracePeriodSeconds' (${gracePeriod}): the preStop sleep counts against the grace period`);
      }
    }
    const runAsUser = props.runAsUser ?? 1000;
    checkInteger(this, 'runAsUser', runAsUser, 1);

    const ports = props.port === undefined ? [] : [props.port];
    if (props.port !== undefined) {
      checkInteger(this, 'port', props.port, 1, 65535);
    }

    const nameClaims = claim(this, `Deployment:${namespace}:${name}`);
    claim(this, namespaceWorkloadsKey(namespace));
    const scaling = (props.scaling ?? Scaling.hpa())._bind(this, {
      name,
      labels,
      endpoint: props.scheduler.endpoint,
      taskHub: props.taskHub,
      workItemType: props.workItemType,
      identity,
    });
    this.minReplicas = scaling.minReplicas;
    this.maxReplicas = scaling.maxReplicas;
    this.autoscaler = scaling.autoscaler;
    this.triggerAuthentications = scaling.triggerAuthentications;

    const podLabels = identity ? { ...labels, [LABELS.workloadIdentity]: 'true' } : labels;
    const multiReplica = this.maxReplicas > 1;

    this.deployment = this.durableDeployment = new DurableDeployment(this, 'Deployment', props.component, props.preStopDelaySeconds, {
      metadata: { name, labels },
      spec: {
        // An autoscaler owns the count; a replicas field would reset it on every sync.
        replicas: scaling.replicas,
        selector: { matchLabels: { ...this.selector } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromNumber(0) } },
        template: {
          metadata: { labels: podLabels },
          spec: {
            serviceAccountName: this.serviceAccount.name,
            automountServiceAccountToken: false,
            terminationGracePeriodSeconds: gracePeriod,
            securityContext: {
              runAsNonRoot: true,
              runAsUser,
              runAsGroup: runAsUser,
              fsGroup: runAsUser,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [{
              name: props.component,
              image: props.image,
              imagePullPolicy: 'IfNotPresent',
              command: props.command,
              args: props.args,
              ports: ports.length === 0 ? undefined : ports.map(port => ({ name: 'http', containerPort: port, protocol: 'TCP' })),
              env: this.renderEnv(props, identity),
              resources: {
                requests: { cpu: k8s.Quantity.fromString(resources.cpuRequest), memory: k8s.Quantity.fromString(resources.memoryRequest) },
                limits: { cpu: k8s.Quantity.fromString(resources.cpuLimit), memory: k8s.Quantity.fromString(resources.memoryLimit) },
              },
              readinessProbe: props.readinessProbe?._render(this, 'readinessProbe', ports),
              livenessProbe: props.livenessProbe?._render(this, 'livenessProbe', ports),
              startupProbe: props.startupProbe?._render(this, 'startupProbe', ports),
              securityContext: {
                runAsNonRoot: true,
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp', emptyDir: { sizeLimit: k8s.Quantity.fromString('1Gi') } }],
            nodeSelector: this.renderNodeSelector(props.nodeSelector),
            tolerations: this.checkTolerations(props.tolerations)?.map(t => ({
              key: t.key,
              operator: t.value === undefined ? 'Exists' : 'Equal',
              value: t.value,
              effect: t.effect,
            })),
            topologySpreadConstraints: multiReplica ? this.renderTopologySpread() : undefined,
          },
        },
      },
    });

    if (multiReplica) {
      this.podDisruptionBudget = new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
        metadata: { name, labels },
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: { ...this.selector } },
          // Crash-looping pods must not block node drains.
          unhealthyPodEvictionPolicy: 'AlwaysAllow',
        },
      });
    }

    // Inputs: the name claims, the chart's direct children (hand-added autoscalers) and user JSON patches.
    const chart = Chart.of(this);
    addMemoizedValidation(this,
      () => this.durableDeployment.patched ? NaN : nameClaims.length + chart.node.children.length * 0x10000,
      () => this.validateChart(nameClaims));
  }

  /**
   * Labels that select the workload's pods (a copy: selectors are immutable on a live Deployment).
   */
  public get selectorLabels(): Record<string, string> {
    return { ...this.selector };
  }

  /**
   * Subject of the Azure federated identity credential for this workload's ServiceAccount:
   * `system:serviceaccount:<namespace>:<serviceaccount>`.
   */
  public get federatedSubject(): string {
    return this.serviceAccount.federatedSubject;
  }

  private resolveServiceAccount(props: DurableWorkloadProps, name: string): DurableServiceAccount {
    if (!props.serviceAccount) {
      const own = new DurableServiceAccount(this, 'ServiceAccount', { name, identity: props.identity });
      impliedClaims.add(own);
      return own;
    }
    if (props.identity) {
      fail(this, `'identity' and 'serviceAccount' are mutually exclusive: set the identity on the shared DurableServiceAccount (${props.serviceAccount.node.path})`);
    }
    if (props.serviceAccount.namespaceName !== this.namespaceName) {
      fail(this, `'serviceAccount' (${props.serviceAccount.node.path}) is in namespace ${show(props.serviceAccount.namespaceName)}, but pods can only use a ServiceAccount of their own namespace (${show(this.namespaceName)})`);
    }
    return props.serviceAccount;
  }

  private renderEnv(props: DurableWorkloadProps, identity: WorkloadIdentity | undefined): k8s.EnvVar[] {
    const system = [...props.scheduler.renderEnv(props.taskHub, identity), ...(props.systemEnv ?? [])];
    const reserved = new Set(system.map(v => v.name));
    if (reserved.size !== system.length) {
      const duplicate = system.find((v, i) => system.findIndex(w => w.name === v.name) !== i)!;
      fail(this, `environment variable ${show(duplicate.name)} would be set twice by the construct: the scheduler variables (${props.scheduler.envNames.join(', ')}) and 'workItemTypeEnvName' must have different names`);
    }
    const seen = new Set<string>();
    for (const [i, variable] of (props.env ?? []).entries()) {
      checkEnvName(this, `env[${i}].name`, variable.name);
      if (reserved.has(variable.name)) {
        fail(this, `'env[${i}].name' (${show(variable.name)}) would override a variable the construct sets (${[...reserved].join(', ')}): configure it through the scheduler or choose another name`);
      }
      if (seen.has(variable.name)) {
        fail(this, `'env[${i}].name' (${show(variable.name)}) is a duplicate: environment variable names must be unique`);
      }
      seen.add(variable.name);
    }
    return [...system, ...(props.env ?? [])].map(v => ({ name: v.name, value: v.value }));
  }

  private renderNodeSelector(labels: NodeLabel[] | undefined): Record<string, string> | undefined {
    if (!labels || labels.length === 0) {
      return undefined;
    }
    const selector: Record<string, string> = {};
    for (const [i, label] of labels.entries()) {
      checkLabelKey(this, `nodeSelector[${i}].key`, label.key);
      checkLabelValue(this, `nodeSelector[${i}].value`, label.value);
      if (label.key in selector) {
        fail(this, `'nodeSelector[${i}].key' (${show(label.key)}) is a duplicate: each node label key can be selected once`);
      }
      selector[label.key] = label.value;
    }
    return selector;
  }

  private checkTolerations(tolerations: NodeToleration[] | undefined): NodeToleration[] | undefined {
    tolerations?.forEach((t, i) => {
      // An empty key with operator Exists would tolerate every taint of every node.
      checkLabelKey(this, `tolerations[${i}].key`, t.key);
      if (t.value !== undefined) {
        checkLabelValue(this, `tolerations[${i}].value`, t.value);
      }
    });
    return tolerations;
  }

  private renderTopologySpread(): k8s.TopologySpreadConstraint[] {
    // ScheduleAnyway: spreading is a preference, so single-zone clusters and small node pools still schedule.
    return ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map(topologyKey => ({
      maxSkew: 1,
      topologyKey,
      whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchLabels: { ...this.selector } },
      matchLabelKeys: ['pod-template-hash'],
    }));
  }

  /**
   * Cross-object rules: a unique name in the namespace, one autoscaler per Deployment.
   *
   * cdk8s validates the whole app once per chart it synthesizes, so these checks must stay O(1): names are
   * claimed at construction (see registry.ts), and only the chart's direct children are searched for
   * autoscalers added by hand next to the workload. (The manifest validator's `autoscaler-conflict` rule
   * covers every other place.)
   */
  private validateChart(nameClaims: readonly Construct[]): string[] {
    if (nameClaims.length > 1) {
      // A name clash also doubles the autoscalers; report it once, by the later workload.
      return conflict(this, nameClaims, first =>
        `Deployment name ${show(this.name)} in namespace ${show(this.namespaceName)} is already used by ${first}: give each workload a unique 'name'`);
    }
    const autoscalers = this.autoscaler ? [this.autoscaler] : [];
    for (const child of Chart.of(this).node.children) {
      if (child instanceof ApiObject && (child.kind === 'HorizontalPodAutoscaler' || child.kind === 'ScaledObject')) {
        const target = child.toJson()?.spec?.scaleTargetRef;
        if (target?.kind === 'Deployment' && target?.name === this.name) {
          autoscalers.push(child);
        }
      }
    }
    const errors: string[] = [];
    if (autoscalers.length > 1) {
      const list = autoscalers.map(a => `${a.kind} ${a.node.path}`).join(', ');
      errors.push(`Deployment ${show(this.name)} has ${autoscalers.length} autoscalers (${list}): an HPA and a ScaledObject (or two of either) must never target the same Deployment`);
    }
    if (!this.autoscaler && autoscalers.length > 0) {
      // Fixed replicas in the Deployment and an autoscaler added by hand would fight over the count.
      errors.push(`Deployment ${show(this.name)} has fixed replicas but ${autoscalers[0].kind} ${autoscalers[0].node.path} targets it: use 'scaling: Scaling.hpa(...)' or 'Scaling.keda(...)' instead of adding an autoscaler`);
    }
    // The construct sets no replicas under its own autoscaler; only a user's JSON patch can.
    if (this.autoscaler && this.durableDeployment.patched && this.deployment.toJson().spec?.replicas !== undefined) {
      errors.push(`Deployment ${show(this.name)} is autoscaled but sets spec.replicas: remove the replicas override`);
    }
    return errors;
  }
}

/**
 * A Deployment whose container may have a `preStop` sleep action. The action (Kubernetes 1.30+) is newer
 * than the typed 1.28 classes, whose toJson drops unknown fields, so it is added after rendering.
 */
class DurableDeployment extends k8s.KubeDeployment {
  /** Whether a user patched the rendered object (escape hatch), so validations must look at its output. */
  public patched = false;

  public constructor(scope: Construct, id: string, private readonly containerName: string,
    private readonly preStopSleepSeconds: number | undefined, props: k8s.KubeDeploymentProps) {
    super(scope, id, props);
  }

  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.patched = true;
  }

  public override toJson(): any {
    const json = super.toJson();
    // By name: a user's JSON patch may have added containers (sidecars) in front of ours.
    const container = json.spec.template.spec.containers.find((c: { name: string }) => c.name === this.containerName);
    if (this.preStopSleepSeconds !== undefined && container && container.lifecycle === undefined) {
      container.lifecycle = { preStop: { sleep: { seconds: this.preStopSleepSeconds } } };
    }
    return json;
  }
}
