import { checkImage } from './image';
import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { EnvironmentVariable } from '../environment';
import { WorkloadIdentity } from '../identity';
import { WorkItemType } from '../keda-trigger-options';
import { Scaling } from '../scaling';
import { DurableTaskScheduler, SchedulerAuthentication } from '../scheduler';
import { DurableServiceAccount, IDurableServiceAccount } from '../service-account';
import { DurableWorkloadOptions } from '../workload-options';
import { checkExistingAccount } from './account-identity';
import { DurableDeployment } from './deployment';
import { checkBindingTypes, checkWorkloadIdentityEnv } from './binding-checks';
import {
  checkDnsLabel, checkDnsSubdomain, checkEnum, checkInstance, checkInteger, checkPort,
  checkRequired, checkTaskHub, fail,
  show, workloadNamespace,
} from './input-checks';
import {
  checkAnnotationsSize, checkPodAnnotations, checkWorkloadIdentityAnnotations, renderPodLabels,
} from './pod-metadata';
import { selectorLabels, workloadLabels } from './labels';
import {
  CheckedResources, checkResources, checkShutdown, renderEnv, renderEnvFrom, renderNodeSelector, renderProbes,
  renderResources, renderSchedulingExtras, renderTolerations, renderTopologySpread, renderVolumes,
  restrictedContainerSecurityContext, restrictedPodSecurityContext,
} from './pod-spec';
import { renderAffinity } from './affinity';
import { checkPortName } from './api-service';
import { applyObjectMetadata, checkedEntries } from './object-metadata';
import { DurableRegistry, namespaceWorkloads } from './registry';
import { emulatorClients, renderEmulatorEgress } from './emulator-link';
import {
  checkMetrics, METRICS_PORT_NAME, ObservedWorkload, renderMetrics, renderTelemetryEnv, renderTelemetryPolicy,
} from './observability';

/** What a workload connects to: the options plus its scheduler binding. */
export interface DurableWorkloadProps extends DurableWorkloadOptions {
  /** The scheduler the workload connects to. */
  readonly scheduler: DurableTaskScheduler;
  /** The task hub (3-64 letters, digits or '-'). */
  readonly taskHub: string;
}

/** What distinguishes one kind of workload from another; set by the subclass, not by users. */
export interface WorkloadRole {
  /** The `app.kubernetes.io/component` label and the container name. */
  readonly component: string;
  /** Name when the user gives none. */
  readonly defaultName: string;
  /** Grace period when the user gives none. */
  readonly defaultGracePeriodSeconds: number;
  /** Container port. */
  readonly port?: number;
  /** Name of the container port (and of the Service port that targets it). */
  readonly portName?: string;
  /** Variables the construct sets itself, after the scheduler's; user `env` must not override them. */
  readonly systemEnv: EnvironmentVariable[];
  /** Work item type, passed to a DTS scaler trigger. */
  readonly workItemType?: WorkItemType;
}

/** The checked props a workload renders from. */
interface CheckedProps {
  readonly identity?: WorkloadIdentity;
  readonly resources: CheckedResources;
  readonly gracePeriod: number;
  readonly runAsUser: number;
  readonly metricsPort?: number;
}

/**
 * Base of DurableWorker and DurableApi: a hardened Deployment (Pod Security Standards `restricted`), its
 * ServiceAccount, its autoscaler and a PodDisruptionBudget. Not part of the public API: jsii copies its public
 * members into each subclass.
 *
 * @internal
 */
export abstract class DurableWorkload extends Construct {
  /** Name of the Deployment (and of the workload's other objects). */
  public readonly name: string;
  /** Namespace of the workload (its chart's namespace). */
  public readonly namespaceName: string;
  /** Task hub the workload works on. */
  public readonly taskHub: string;
  /** The ServiceAccount the pods run as. */
  public readonly serviceAccount: IDurableServiceAccount;
  /** The Deployment. */
  public readonly deployment: k8s.KubeDeployment;
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
  /**
   * The PodMonitor (`azmonitoring.coreos.com/v1` or `monitoring.coreos.com/v1`), when `metrics` is set.
   */
  public readonly podMonitor?: ApiObject;
  /**
   * NetworkPolicies of the workload's telemetry, metrics and emulator binding: egress to the OTLP collector, ingress
   * from the metrics scraper, egress to the in-cluster emulator.
   */
  public readonly networkPolicies: k8s.KubeNetworkPolicy[] = [];
  private readonly selector: Record<string, string>;
  private readonly userLabels: Record<string, string>;
  private readonly userAnnotations: Record<string, string>;
  /** The container, once rendered (KEDA reads the variables it names from it). */
  private container?: k8s.Container;

  protected constructor(scope: Construct, id: string, props: DurableWorkloadProps, role: WorkloadRole) {
    super(scope, id);
    checkEnum(this, 'workItemType', role.workItemType, WorkItemType, 'WorkItemType');
    this.name = props.name ?? role.defaultName;
    checkDnsLabel(this, 'name', this.name);
    this.namespaceName = workloadNamespace(this);
    this.taskHub = props.taskHub;
    const checked = this.checkProps(props, role);
    this.cpuRequestCores = checked.resources.cpuRequestCores;
    this.memoryRequestBytes = checked.resources.memoryRequestBytes;
    this.cpuLimitCores = checked.resources.cpuLimitCores;
    this.memoryLimitBytes = checked.resources.memoryLimitBytes;
    this.userLabels = checkedEntries(this, 'labels', props.labels, 'label');
    this.userAnnotations = checkedEntries(this, 'annotations', props.annotations, 'annotation');

    this.register(props);
    this.selector = selectorLabels(this.name);
    const labels = workloadLabels(this.name, role.component);
    this.serviceAccount = props.serviceAccount
      ?? new DurableServiceAccount(this, 'ServiceAccount', { name: this.name, identity: props.identity });
    const scaling = (props.scaling ?? Scaling.hpa())._plan(this, {
      name: this.name,
      labels,
      endpoint: props.scheduler.endpoint,
      taskHub: props.taskHub,
      workItemType: role.workItemType,
      identity: checked.identity,
      resources: checked.resources,
    });
    this.minReplicas = scaling.minReplicas;
    this.maxReplicas = scaling.maxReplicas;

    const observed: ObservedWorkload = {
      name: this.name, namespace: this.namespaceName, image: props.image, labels, selector: this.selector,
    };
    // Objects in the order `kubectl apply` needs them: the Deployment before what targets it (KEDA's admission
    // webhook rejects a ScaledObject whose target does not exist yet).
    this.deployment = this.renderDeployment(props, role, { ...checked, labels, replicas: scaling.replicas, observed });
    const autoscaling = scaling.create(this.container!);
    this.autoscaler = autoscaling.autoscaler;
    this.triggerAuthentications = autoscaling.triggerAuthentications;
    this.podDisruptionBudget = this.maxReplicas > 1 ? this.renderPodDisruptionBudget(labels) : undefined;
    this.podMonitor = this.renderObservability(props, observed);
    // Last, when its replicas and resources are known: the namespace's quota is checked as each workload joins.
    DurableRegistry.of(this).join(namespaceWorkloads(this.namespaceName), this);
  }

  /** The props checked one by one (each failing with its prop), and what the rendering needs of them. */
  private checkProps(props: DurableWorkloadProps, role: WorkloadRole): CheckedProps {
    const identity = this.checkBinding(props);
    const resources = checkResources(this, props.resources);
    const gracePeriod = checkShutdown(this, props.terminationGracePeriodSeconds ?? role.defaultGracePeriodSeconds,
      props.preStopDelaySeconds);
    const runAsUser = props.runAsUser ?? 1000;
    checkInteger(this, 'runAsUser', runAsUser, 1);
    if (role.port !== undefined) {
      checkPort(this, 'port', role.port);
    }
    if (role.portName !== undefined) {
      checkPortName(this, 'service.portName', role.portName);
    }
    const metricsPort = checkMetrics(this, props.metrics, role.port, role.portName);
    return { identity, resources, gracePeriod, runAsUser, metricsPort };
  }

  /** The Deployment: the pod template with its labels, annotations and spec. */
  private renderDeployment(props: DurableWorkloadProps, role: WorkloadRole,
    pod: CheckedProps & { labels: Record<string, string>; replicas?: number; observed: ObservedWorkload }):
  k8s.KubeDeployment {
    const podLabels = renderPodLabels(this, pod.labels, pod.identity,
      { ...this.userLabels, ...checkedEntries(this, 'podLabels', props.podLabels, 'label') });
    const podAnnotations = checkedEntries(this, 'podAnnotations', props.podAnnotations, 'annotation');
    checkWorkloadIdentityAnnotations(this, 'annotations', this.userAnnotations, pod.identity, role.component);
    checkWorkloadIdentityAnnotations(this, 'podAnnotations', podAnnotations, pod.identity, role.component);
    const annotations = { ...this.userAnnotations, ...podAnnotations };
    checkAnnotationsSize(this, "'annotations' and 'podAnnotations' (on the pods)", annotations);
    checkPodAnnotations(this, annotations, podAnnotations, role.component);
    return new DurableDeployment(this, 'Deployment',
      { workload: this, name: this.name, namespace: this.namespaceName, autoscaler: () => this.autoscaler },
      // 0 is no delay: no hook (checkShutdown).
      role.component, props.preStopDelaySeconds || undefined, {
        metadata: { name: this.name, labels: pod.labels },
        spec: {
          // An autoscaler owns the count; a replicas field would reset it on every sync.
          replicas: pod.replicas,
          selector: { matchLabels: { ...this.selector } },
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'),
              maxUnavailable: k8s.IntOrString.fromNumber(0) },
          },
          template: {
            metadata: { labels: podLabels, ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
            spec: this.renderPodSpec(props, role, {
              ...pod, telemetryEnv: renderTelemetryEnv(this, props.telemetry, pod.observed),
            }),
          },
        },
      });
  }

  /** Telemetry egress, metrics (PodMonitor and scrape policy) and emulator egress; returns the PodMonitor. */
  private renderObservability(props: DurableWorkloadProps, observed: ObservedWorkload): ApiObject | undefined {
    const telemetryPolicy = renderTelemetryPolicy(this, props.telemetry, observed);
    const metrics = renderMetrics(this, props.metrics, observed);
    const emulator = props.scheduler.emulator;
    this.networkPolicies.push(...[telemetryPolicy, metrics.policy].filter(p => p !== undefined),
      ...(emulator ? [renderEmulatorEgress(this, emulator, observed)] : []));
    return metrics.podMonitor;
  }

  /**
   * Adds the user's `labels` and `annotations` to every object of the workload; the subclass calls it once all its
   * objects exist.
   * @internal
   */
  protected _applyUserMetadata(): void {
    if (Object.keys(this.userLabels).length > 0 || Object.keys(this.userAnnotations).length > 0) {
      applyObjectMetadata(this, this.userLabels, this.userAnnotations);
    }
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
    return `system:serviceaccount:${this.namespaceName}:${this.serviceAccount.name}`;
  }

  /** Checks image, task hub, scheduler and identity; returns the identity the pods run with. */
  private checkBinding(props: DurableWorkloadProps): WorkloadIdentity | undefined {
    checkRequired(this, 'image', props.image, 'a container image with a tag, e.g. '
      + '"myregistry.azurecr.io/worker:1.4.2"');
    checkRequired(this, 'scheduler', props.scheduler, 'DurableTaskScheduler.fromEndpoint(...)');
    checkRequired(this, 'taskHub', props.taskHub, 'the task hub name');
    checkBindingTypes(this, props);
    checkImage(this, 'image', props.image);
    checkTaskHub(this, 'taskHub', props.taskHub);
    props.scheduler._validate(this);
    props.identity?._validate(this, 'identity');
    const shared = props.serviceAccount;
    if (shared && props.identity) {
      fail(this, `'identity' and 'serviceAccount' are mutually exclusive: set the identity on the shared `
        + `ServiceAccount (${describeAccount(shared)})`);
    }
    const ownAccount = shared instanceof DurableServiceAccount ? shared as DurableServiceAccount : undefined;
    if (ownAccount && ownAccount.namespaceName !== this.namespaceName) {
      fail(this, `'serviceAccount' (${describeAccount(ownAccount)}) is in namespace `
        + `${show(ownAccount.namespaceName)}, but pods `
        + `can only use a ServiceAccount of their own namespace (${show(this.namespaceName)})`);
    }
    if (shared) {
      checkDnsSubdomain(this, 'serviceAccount.name', shared.name);
      if (shared.identity !== undefined) {
        checkInstance(this, 'serviceAccount.identity', shared.identity, WorkloadIdentity,
          'WorkloadIdentity.fromClientId(...)');
        shared.identity._validate(this, 'serviceAccount.identity');
      }
      if (!ownAccount) checkExistingAccount(this, this.namespaceName, shared.name, shared.identity);
    }
    const identity = shared ? shared.identity : props.identity;
    const scheduler = props.scheduler;
    if (scheduler.connectionStringEnvName !== undefined
      && scheduler.authentication === SchedulerAuthentication.WORKLOAD_IDENTITY && !identity) {
      fail(this, "'scheduler.authentication' (WorkloadIdentity) needs a workload identity: set 'identity' (or a "
        + "'serviceAccount' with one), or use SchedulerAuthentication.DEFAULT_AZURE");
    }
    checkWorkloadIdentityEnv(this, props.env, identity);
    return identity;
  }

  /**
   * Checks the tenant binding and claims the Deployment name in the namespace.
   */
  private register(props: DurableWorkloadProps): void {
    if (this.name === 'default' && !props.serviceAccount) {
      fail(this, "'name' (\"default\") would also name the workload's own ServiceAccount \"default\": that is the "
        + "namespace's default ServiceAccount, which every pod without its own uses; choose another name");
    }
    const registry = DurableRegistry.of(this);
    const tenant = registry.tenantOf(Chart.of(this));
    if (tenant && tenant.taskHub.toLowerCase() !== props.taskHub.toLowerCase()) {
      fail(this, `'taskHub' (${show(props.taskHub)}) is not the task hub of its TaskHubTenant ${tenant.path} `
        + `(${show(tenant.taskHub)}): a tenant's workloads work on the tenant's task hub only; use addWorker/addApi`);
    }
    if (tenant && tenant.schedulerOrigin !== new URL(props.scheduler.endpoint).origin) {
      fail(this, `'scheduler' (${show(props.scheduler.endpoint)}) is not the scheduler of its TaskHubTenant `
        + `${tenant.path} (${tenant.schedulerOrigin}): a tenant's workloads use the tenant's scheduler only; use `
        + 'addWorker/addApi');
    }
    registry.claim(this, { kind: 'Deployment', key: `${this.namespaceName}/${this.name}` }, first =>
      `Deployment name ${show(this.name)} in namespace ${show(this.namespaceName)} is already used by ${first}: `
      + "give each workload a unique 'name'");
    if (props.scheduler.emulator) {
      // The emulator creates this workload's task hub and admits its pods.
      registry.join(emulatorClients(props.scheduler.emulator), this);
    }
  }

  private renderPodSpec(props: DurableWorkloadProps, role: WorkloadRole, pod: {
    identity?: WorkloadIdentity; resources: CheckedResources; gracePeriod: number; runAsUser: number;
    metricsPort?: number; telemetryEnv: k8s.EnvVar[];
  }): k8s.PodSpec {
    const named = [
      ...(role.port === undefined ? [] : [{ name: role.portName ?? 'http', port: role.port }]),
      ...(pod.metricsPort === undefined ? [] : [{ name: METRICS_PORT_NAME, port: pod.metricsPort }]),
    ];
    const ports = named.map(p => p.port);
    const { volumes, volumeMounts } = renderVolumes(this, props.volumes, pod.identity !== undefined);
    this.container = {
      name: role.component,
      image: props.image,
      imagePullPolicy: 'IfNotPresent',
      command: props.command,
      args: props.args,
      ports: named.length === 0 ? undefined
      : named.map(p => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
      env: renderEnv(this, {
        scheduler: props.scheduler, taskHub: props.taskHub, identity: pod.identity, systemEnv: role.systemEnv,
        extraEnv: pod.telemetryEnv, env: props.env,
      }),
      envFrom: renderEnvFrom(this, props.envFrom),
      resources: renderResources(pod.resources),
      ...renderProbes(this, props, ports),
      securityContext: restrictedContainerSecurityContext(),
      volumeMounts,
    };
    return {
      serviceAccountName: this.serviceAccount.name,
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: pod.gracePeriod,
      securityContext: restrictedPodSecurityContext(pod.runAsUser),
      containers: [this.container],
      volumes,
      nodeSelector: renderNodeSelector(this, props.nodeSelector),
      tolerations: renderTolerations(this, props.tolerations),
      affinity: renderAffinity(this, props.nodeAffinity, props.podAffinity),
      ...renderSchedulingExtras(this, props),
      topologySpreadConstraints: this.maxReplicas > 1 ? renderTopologySpread(this.selector) : undefined,
    };
  }

  private renderPodDisruptionBudget(labels: Record<string, string>): k8s.KubePodDisruptionBudget {
    return new k8s.KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
      metadata: { name: this.name, labels },
      spec: {
        maxUnavailable: k8s.IntOrString.fromNumber(1),
        selector: { matchLabels: { ...this.selector } },
        // Crash-looping pods must not block node drains.
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }
}

/** A ServiceAccount as error messages name it: its construct path, or its name when it exists already. */
function describeAccount(account: IDurableServiceAccount): string {
  return account instanceof DurableServiceAccount ? account.node.path : `existing ServiceAccount ${show(account.name)}`;
}
