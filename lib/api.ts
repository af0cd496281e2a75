import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ApiHttpRouteOptions, ApiIngressOptions, ApiServiceOptions } from './exposure-options';
import { renderApiService } from './private/api-service';
import { DEFAULT_API_NAME } from './private/default-names';
import { renderHttpRouteExposure, renderIngressExposure, RouteBackend } from './private/exposure';
import { checkDns1035Label, checkOptions, checkPort } from './private/input-checks';
import { workloadLabels } from './private/labels';
import { DurableWorkload } from './private/workload-base';
import { optionsOf } from './private/workload-copy';
import { DurableTaskRole } from './role';
import { HealthProbe } from './probe';
import { Scaling } from './scaling';
import { DurableTaskScheduler } from './scheduler';
import { DurableWorkloadOptions } from './workload-options';

/** Options of a DurableApi, without its scheduler binding (what TaskHubTenant.addApi takes). */
export interface DurableApiOptions extends DurableWorkloadOptions {
  /**
   * Port the app listens on.
   *
   * @default 8080
   */
  readonly port?: number;
  /**
   * Port of the ClusterIP Service.
   *
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Service type, load balancer, annotations and port name.
   *
   * @default - a ClusterIP Service with port `http`
   */
  readonly service?: ApiServiceOptions;
  /**
   * Expose the API through an Ingress.
   *
   * @default - no Ingress
   */
  readonly ingress?: ApiIngressOptions;
  /**
   * Expose the API through a Gateway API HTTPRoute (alternative or addition to `ingress`).
   *
   * @default - no HTTPRoute
   */
  readonly httpRoute?: ApiHttpRouteOptions;
}

/** Props of {@link DurableApi}. */
export interface DurableApiProps extends DurableApiOptions {
  /** The scheduler the API talks to (as a Durable Task client). */
  readonly scheduler: DurableTaskScheduler;
  /** The task hub the API schedules orchestrations on. */
  readonly taskHub: string;
}

/**
 * An HTTP API that acts as a Durable Task client: a hardened Deployment (2 replicas by default) with
 * probes, a ClusterIP Service (80 → 8080), its ServiceAccount, a PodDisruptionBudget, and optionally an
 * Ingress or HTTPRoute plus the NetworkPolicy that admits traffic only from the ingress controller or
 * gateway namespace.
 */
export class DurableApi extends DurableWorkload {
  /** The role its identity needs on the task hub (it schedules and queries orchestrations). */
  public readonly requiredRole: DurableTaskRole = DurableTaskRole.DATA_CONTRIBUTOR;
  /** The Service (ClusterIP unless `service.type` says otherwise). */
  public readonly service: k8s.KubeService;
  /** The Ingress, if requested. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HTTPRoute, if requested. */
  public readonly httpRoute?: ApiObject;
  /** NetworkPolicies that admit traffic from the ingress controller / gateway namespaces or load balancer sources. */
  public readonly ingressPolicies: k8s.KubeNetworkPolicy[] = [];
  /**
   * The options the API was built with, without its scheduler binding (`scheduler`, `taskHub`): what
   * `TaskHubTenant.addApi` takes, including the identity a tenant gave it. Build the same API elsewhere from
   * them, e.g. against the DTS emulator in a dev profile (a shallow copy: the defaults are not filled in).
   */
  public readonly options: DurableApiOptions;

  public constructor(scope: Construct, id: string, props: DurableApiProps) {
    // A JavaScript caller may pass no props: the base class then reports each required prop.
    props = props ?? ({} as DurableApiProps);
    const port = props.port ?? 8080;
    super(scope, id, {
      ...props,
      scaling: props.scaling ?? Scaling.fixedReplicas(2),
      readinessProbe: props.readinessProbe ?? HealthProbe.http('/healthz'),
      livenessProbe: props.livenessProbe ?? HealthProbe.http('/healthz',
        { initialDelaySeconds: 10, periodSeconds: 20 }),
    }, {
      component: 'api', defaultName: DEFAULT_API_NAME, defaultGracePeriodSeconds: 30, port, systemEnv: [],
      portName: props.service?.portName ?? 'http',
    });
    checkDns1035Label(this, 'name', this.name);
    this.options = optionsOf(props);
    checkOptions(this, 'ingress', props.ingress);
    checkOptions(this, 'httpRoute', props.httpRoute);
    const servicePort = props.servicePort ?? 80;
    checkPort(this, 'servicePort', servicePort);
    const backend: RouteBackend = {
      name: this.name, servicePort, port, selector: this.selectorLabels, labels: workloadLabels(this.name, 'api'),
    };
    const { service, policy } = renderApiService(this, backend, props.service?.portName ?? 'http', props.service);
    this.service = service;
    if (policy) {
      this.ingressPolicies.push(policy);
    }
    if (props.ingress) {
      const { ingress, policies } = renderIngressExposure(this, backend, props.ingress);
      this.ingress = ingress;
      this.ingressPolicies.push(...policies);
    }
    if (props.httpRoute) {
      const { route, policy } = renderHttpRouteExposure(this, backend, props.httpRoute);
      this.httpRoute = route;
      this.ingressPolicies.push(policy);
    }
    this._applyUserMetadata();
  }
}
