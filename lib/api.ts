import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { HttpRoute, HttpRouteSpecRulesMatchesPathType } from '../imports/gateway.networking.k8s.io';
import { workloadLabels } from './labels';
import { HealthProbe } from './probe';
import { checkCidr, checkDns1035Label, checkDnsLabel, checkDnsSubdomain, checkHostname, checkInteger, fail, show } from './rules';
import { Scaling } from './scaling';
import { DurableTaskScheduler } from './scheduler';
import { DurableWorkload, DurableWorkloadOptions, WorkloadComponent } from './workload';

/** Exposure of an API through a Kubernetes Ingress. */
export interface ApiIngressOptions {
  /** Host name clients use, e.g. `durable-api.example.com`. */
  readonly host: string;
  /**
   * IngressClass (`spec.ingressClassName`), e.g. `nginx` or `webapprouting.kubernetes.azure.com` (AKS
   * application routing).
   *
   * @default 'nginx'
   */
  readonly className?: string;
  /**
   * Namespace of the ingress controller pods: the only namespace the API's NetworkPolicy admits.
   *
   * @default - 'ingress-nginx' for class nginx, 'app-routing-system' for webapprouting.kubernetes.azure.com
   */
  readonly controllerNamespace?: string;
  /**
   * Path prefix routed to the API.
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * Serve TLS with the certificate in this Secret (in the API's namespace).
   *
   * @default - no TLS
   */
  readonly tlsSecretName?: string;
  /**
   * Let cert-manager issue the TLS certificate with this ClusterIssuer (annotation
   * `cert-manager.io/cluster-issuer`); needs `tlsSecretName`, where cert-manager stores it.
   *
   * @default - no cert-manager annotation
   */
  readonly clusterIssuer?: string;
  /**
   * Also admit traffic to the API from these source CIDRs, for load balancers outside the cluster's pod
   * network (e.g. the Application Gateway subnet with AGIC).
   *
   * @default - only the controller namespace
   */
  readonly sourceCidrs?: string[];
}

/** Exposure of an API through a Gateway API HTTPRoute. */
export interface ApiHttpRouteOptions {
  /** Name of the Gateway the route attaches to. */
  readonly gatewayName: string;
  /** Namespace of the Gateway (and of its data-plane pods, which the API's NetworkPolicy admits). */
  readonly gatewayNamespace: string;
  /** Host names the route matches. */
  readonly hostnames: string[];
  /**
   * Listener (section) of the Gateway to attach to.
   *
   * @default - every listener that admits the route
   */
  readonly sectionName?: string;
  /**
   * Path prefix routed to the API.
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * Namespace of the Gateway's data-plane (proxy) pods, which the API's NetworkPolicy admits: some
   * implementations run them elsewhere than the Gateway (Envoy Gateway: `envoy-gateway-system`).
   *
   * @default - the `gatewayNamespace`
   */
  readonly dataPlaneNamespace?: string;
  /**
   * Also admit traffic to the API from these source CIDRs (e.g. Application Gateway for Containers' subnet).
   *
   * @default - only the data-plane namespace
   */
  readonly sourceCidrs?: string[];
}

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

/** Label the API server sets on every namespace: lets policies select a namespace by name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Port of cert-manager's ACME HTTP-01 solver pods. */
const ACME_HTTP01_SOLVER_PORT = 8089;

const CONTROLLER_NAMESPACES: Record<string, string> = {
  'nginx': 'ingress-nginx',
  'webapprouting.kubernetes.azure.com': 'app-routing-system',
};

/**
 * An HTTP API that acts as a Durable Task client: a hardened Deployment (2 replicas by default) with
 * probes, a ClusterIP Service (80 → 8080), its ServiceAccount, a PodDisruptionBudget, and optionally an
 * Ingress or HTTPRoute plus the NetworkPolicy that admits traffic only from the ingress controller or
 * gateway namespace.
 */
export class DurableApi extends DurableWorkload {
  /** The ClusterIP Service. */
  public readonly service: k8s.KubeService;
  /** The Ingress, if requested. */
  public readonly ingress?: k8s.KubeIngress;
  /** The HTTPRoute, if requested. */
  public readonly httpRoute?: ApiObject;
  /** NetworkPolicies that admit traffic from the ingress controller / gateway namespaces. */
  public readonly ingressPolicies: k8s.KubeNetworkPolicy[] = [];

  public constructor(scope: Construct, id: string, props: DurableApiProps) {
    const port = props.port ?? 8080;
    super(scope, id, {
      ...props,
      name: props.name ?? 'durable-api',
      component: WorkloadComponent.API,
      port,
      scaling: props.scaling ?? Scaling.fixedReplicas(2),
      readinessProbe: props.readinessProbe ?? HealthProbe.http('/healthz'),
      livenessProbe: props.livenessProbe ?? HealthProbe.http('/healthz', { initialDelaySeconds: 10, periodSeconds: 20 }),
    });
    checkDns1035Label(this, 'name', this.name);
    const servicePort = props.servicePort ?? 80;
    checkInteger(this, 'servicePort', servicePort, 1, 65535);
    const labels = workloadLabels(this.name, WorkloadComponent.API);

    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name: this.name, labels },
      spec: {
        type: 'ClusterIP',
        selector: this.selectorLabels,
        ports: [{ name: 'http', port: servicePort, targetPort: k8s.IntOrString.fromString('http'), protocol: 'TCP' }],
      },
    });

    if (props.ingress) {
      this.ingress = this.renderIngress(props.ingress, servicePort, labels);
      const className = props.ingress.className ?? 'nginx';
      const controllerNamespace = props.ingress.controllerNamespace ?? CONTROLLER_NAMESPACES[className];
      if (controllerNamespace === undefined) {
        fail(this, `'ingress.controllerNamespace' is required for ingress class ${show(className)}: the namespace of its controller pods, which the NetworkPolicy admits`);
      }
      checkDnsLabel(this, 'ingress.controllerNamespace', controllerNamespace);
      this.ingressPolicies.push(this.renderIngressPolicy('IngressControllerPolicy', `${this.name}-allow-ingress-controller`,
        this.selectorLabels, controllerNamespace, port, 'ingress.sourceCidrs', props.ingress.sourceCidrs, labels));
      if (props.ingress.clusterIssuer !== undefined) {
        // cert-manager's HTTP-01 solver pods run in this namespace; the ingress controller must reach them,
        // or the default-deny baseline blocks the ACME challenge and the certificate is never issued.
        this.ingressPolicies.push(this.renderIngressPolicy('AcmeSolverPolicy', `${this.name}-allow-acme-http01`,
          { 'acme.cert-manager.io/http01-solver': 'true' }, controllerNamespace, ACME_HTTP01_SOLVER_PORT, 'ingress.sourceCidrs', props.ingress.sourceCidrs, labels));
      }
    }
    if (props.httpRoute) {
      this.httpRoute = this.renderHttpRoute(props.httpRoute, servicePort, labels);
      const dataPlaneNamespace = props.httpRoute.dataPlaneNamespace ?? props.httpRoute.gatewayNamespace;
      checkDnsLabel(this, 'httpRoute.dataPlaneNamespace', dataPlaneNamespace);
      this.ingressPolicies.push(this.renderIngressPolicy('GatewayPolicy', `${this.name}-allow-gateway`,
        this.selectorLabels, dataPlaneNamespace, port, 'httpRoute.sourceCidrs', props.httpRoute.sourceCidrs, labels));
    }
  }

  private renderIngress(options: ApiIngressOptions, servicePort: number, labels: Record<string, string>): k8s.KubeIngress {
    checkHostname(this, 'ingress.host', options.host);
    const className = options.className ?? 'nginx';
    checkDnsSubdomain(this, 'ingress.className', className);
    const path = options.path ?? '/';
    if (!path.startsWith('/')) {
      fail(this, `'ingress.path' (${show(path)}) must start with '/'`);
    }
    if (options.tlsSecretName !== undefined) {
      checkDnsSubdomain(this, 'ingress.tlsSecretName', options.tlsSecretName);
    }
    if (options.clusterIssuer !== undefined) {
      checkDnsSubdomain(this, 'ingress.clusterIssuer', options.clusterIssuer);
      if (options.tlsSecretName === undefined) {
        fail(this, `'ingress.clusterIssuer' (${show(options.clusterIssuer)}) needs 'ingress.tlsSecretName': the Secret cert-manager writes the certificate to`);
      }
    }
    return new k8s.KubeIngress(this, 'Ingress', {
      metadata: {
        name: this.name,
        labels,
        ...(options.clusterIssuer ? { annotations: { 'cert-manager.io/cluster-issuer': options.clusterIssuer } } : {}),
      },
      spec: {
        ingressClassName: className,
        ...(options.tlsSecretName ? { tls: [{ hosts: [options.host], secretName: options.tlsSecretName }] } : {}),
        rules: [{
          host: options.host,
          http: {
            paths: [{
              path,
              pathType: 'Prefix',
              backend: { service: { name: this.service.name, port: { number: servicePort } } },
            }],
          },
        }],
      },
    });
  }

  private renderHttpRoute(options: ApiHttpRouteOptions, servicePort: number, labels: Record<string, string>): ApiObject {
    checkDnsSubdomain(this, 'httpRoute.gatewayName', options.gatewayName);
    checkDnsLabel(this, 'httpRoute.gatewayNamespace', options.gatewayNamespace);
    if (options.hostnames.length === 0) {
      fail(this, `'httpRoute.hostnames' is empty: give at least one host name, e.g. "durable-api.example.com"`);
    }
    options.hostnames.forEach((host, i) => checkHostname(this, `httpRoute.hostnames[${i}]`, host));
    if (options.sectionName !== undefined) {
      checkDnsSubdomain(this, 'httpRoute.sectionName', options.sectionName);
    }
    const path = options.path ?? '/';
    if (!path.startsWith('/')) {
      fail(this, `'httpRoute.path' (${show(path)}) must start with '/'`);
    }
    return new HttpRoute(this, 'HttpRoute', {
      metadata: { name: this.name, labels },
      spec: {
        parentRefs: [{
          name: options.gatewayName,
          namespace: options.gatewayNamespace,
          ...(options.sectionName ? { sectionName: options.sectionName } : {}),
        }],
        hostnames: options.hostnames,
        rules: [{
          matches: [{ path: { type: HttpRouteSpecRulesMatchesPathType.PATH_PREFIX, value: path } }],
          backendRefs: [{ name: this.service.name, port: servicePort }],
        }],
      },
    });
  }

  private renderIngressPolicy(id: string, name: string, podLabels: Record<string, string>, fromNamespace: string, port: number,
    cidrsProp: string, cidrs: string[] | undefined, labels: Record<string, string>): k8s.KubeNetworkPolicy {
    cidrs?.forEach((cidr, i) => checkCidr(this, `${cidrsProp}[${i}]`, cidr));
    return new k8s.KubeNetworkPolicy(this, id, {
      metadata: { name, labels },
      spec: {
        podSelector: { matchLabels: podLabels },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [
            { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: fromNamespace } } },
            ...(cidrs ?? []).map(cidr => ({ ipBlock: { cidr } })),
          ],
          ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }],
        }],
      },
    });
  }
}
