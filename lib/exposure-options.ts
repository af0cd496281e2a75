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
