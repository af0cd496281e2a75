import { MetadataEntry } from './metadata';

/** How a route's path matches request paths. */
export enum RoutePathType {
  /** The path and everything below it, by `/`-separated segment (Ingress `Prefix`, HTTPRoute `PathPrefix`). */
  PREFIX = 'Prefix',
  /** Exactly the path (Ingress and HTTPRoute `Exact`). */
  EXACT = 'Exact',
}

/** A request header an HTTPRoute rule requires, with an exact value. */
export interface HttpHeaderMatch {
  /** Header name, e.g. `x-tenant`. */
  readonly name: string;
  /** Value the header must have. */
  readonly value: string;
}

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
   * Namespace of the ingress controller pods: the only namespace the API's NetworkPolicy admits. Not needed for
   * `azure-application-gateway` (AGIC) and `azure-alb-external`, whose proxies run outside the cluster: their
   * `sourceCidrs` are admitted instead.
   *
   * @default - 'ingress-nginx' for class nginx, 'app-routing-system' for webapprouting.kubernetes.azure.com; none for
   * azure-application-gateway and azure-alb-external; required for other classes
   */
  readonly controllerNamespace?: string;
  /**
   * Path prefix routed to the API. Give `path` or `paths`.
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * Several paths routed to the API (one Ingress rule, one path entry each).
   *
   * @default - [`path`]
   */
  readonly paths?: string[];
  /**
   * How the paths match.
   *
   * @default RoutePathType.PREFIX
   */
  readonly pathType?: RoutePathType;
  /**
   * Also make the API the Ingress's default backend (requests that match no rule; the controller decides whether
   * it honours it for other hosts).
   *
   * @default false
   */
  readonly defaultBackend?: boolean;
  /**
   * Annotations of the Ingress (e.g. ingress-nginx `nginx.ingress.kubernetes.io/proxy-body-size`), merged with the
   * construct's (cert-manager's issuer): a key the construct sets must keep its value.
   *
   * @default - only the construct's
   */
  readonly annotations?: MetadataEntry[];
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
   * network (e.g. the Application Gateway subnet with AGIC). Required for `azure-application-gateway` and
   * `azure-alb-external`.
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
  /**
   * Host names the route matches.
   *
   * @default - every host name of the Gateway's listeners
   */
  readonly hostnames?: string[];
  /**
   * Listener (section) of the Gateway to attach to.
   *
   * @default - every listener that admits the route
   */
  readonly sectionName?: string;
  /**
   * Path prefix routed to the API. Give `path` or `paths`.
   *
   * @default '/'
   */
  readonly path?: string;
  /**
   * Several paths routed to the API (one match each).
   *
   * @default - [`path`]
   */
  readonly paths?: string[];
  /**
   * How the paths match.
   *
   * @default RoutePathType.PREFIX
   */
  readonly pathType?: RoutePathType;
  /**
   * Headers every match also requires (exact values), e.g. a tenant header.
   *
   * @default - none
   */
  readonly headers?: HttpHeaderMatch[];
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

/** The type of an API's Service. */
export enum ApiServiceType {
  /** Reachable inside the cluster only (and through an Ingress or Gateway). */
  CLUSTER_IP = 'ClusterIP',
  /**
   * A cloud load balancer. On AKS, set `internalLoadBalancer` for one on the virtual network only; the quota of a
   * NamespaceBaseline admits none unless `quota.loadBalancers` allows it.
   */
  LOAD_BALANCER = 'LoadBalancer',
}

/** The Service of an API. */
export interface ApiServiceOptions {
  /**
   * Service type.
   *
   * @default ApiServiceType.CLUSTER_IP
   */
  readonly serviceType?: ApiServiceType;
  /**
   * For a load balancer on AKS: an internal one (annotation
   * `service.beta.kubernetes.io/azure-load-balancer-internal: "true"`), reachable from the virtual network only.
   *
   * @default false
   */
  readonly internalLoadBalancer?: boolean;
  /**
   * Source CIDRs a load balancer admits (Service `loadBalancerSourceRanges`, and the NetworkPolicy that lets them
   * reach the pods through the namespace's default deny). Required for a load balancer. The Service has
   * `externalTrafficPolicy: Local`, so the pods see the client's address (not a node's) and the policy can admit it;
   * the load balancer then sends traffic only to nodes that run a pod of the API.
   *
   * @default - none (required with ApiServiceType.LOAD_BALANCER)
   */
  readonly sourceCidrs?: string[];
  /**
   * Annotations of the Service, e.g. `service.beta.kubernetes.io/azure-load-balancer-internal-subnet`.
   *
   * @default - only the construct's
   */
  readonly annotations?: MetadataEntry[];
  /**
   * Name of the Service and container port, after what it serves: `http`, `grpc`, ...
   *
   * @default 'http'
   */
  readonly portName?: string;
}
