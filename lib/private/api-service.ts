import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ApiServiceOptions, ApiServiceType } from '../exposure-options';
import { mergedAnnotations, RouteBackend } from './exposure';
import { chartNamespace, checkArray, checkBoolean, checkOptions, fail, show } from './input-checks';
import { checkEgressCidr } from './egress-cidrs';
import { isPortName } from './k8s-facts';
import { namespaceServices } from './quota';
import { DurableRegistry, namespaceLoadBalancers } from './registry';

/** The AKS annotation for a load balancer on the virtual network only (cloud-provider-azure). */
const AZURE_INTERNAL_LB = 'service.beta.kubernetes.io/azure-load-balancer-internal';

/**
 * A port name as the API server takes it (IANA_SVC_NAME: 1-15 lowercase letters, digits or '-', at least one letter,
 * no '-' at either end or twice in a row), e.g. `http` or `grpc`.
 */
export function checkPortName(scope: Construct, prop: string, name: string): void {
  if (!isPortName(name)) {
    fail(scope, `'${prop}' (${show(name)}) must be a port name: `
      + `1-15 lowercase letters, digits or '-', with at least one `
      + "letter and no '-' at either end or twice in a row, e.g. \"http\" or \"grpc\"");
  }
}

/** The API's Service, and the NetworkPolicy that admits a load balancer's sources through the default deny. */
export function renderApiService(scope: Construct, backend: RouteBackend, portName: string,
  options: ApiServiceOptions | undefined): { service: k8s.KubeService; policy?: k8s.KubeNetworkPolicy } {
  checkOptions(scope, 'service', options);
  const type = options?.serviceType ?? ApiServiceType.CLUSTER_IP;
  if (!Object.values(ApiServiceType).includes(type)) {
    fail(scope, `'service.serviceType' (${show(type)}) must be ApiServiceType.CLUSTER_IP or LOAD_BALANCER`);
  }
  const loadBalancer = type === ApiServiceType.LOAD_BALANCER;
  checkArray(scope, 'service.sourceCidrs', options?.sourceCidrs);
  checkBoolean(scope, 'service.internalLoadBalancer', options?.internalLoadBalancer);
  const cidrs = options?.sourceCidrs ?? [];
  // They are the load balancer's loadBalancerSourceRanges and the ipBlocks of its NetworkPolicy: network addresses.
  cidrs.forEach((cidr, i) => checkEgressCidr(scope, `service.sourceCidrs[${i}]`, cidr));
  if (loadBalancer && cidrs.length === 0) {
    fail(scope, "'service.sourceCidrs' is required for a load balancer: the CIDRs it admits (e.g. the virtual "
      + 'network\'s, or "0.0.0.0/0" for the internet); the namespace\'s default deny blocks everything else');
  }
  if (!loadBalancer && (options?.internalLoadBalancer || cidrs.length > 0)) {
    fail(scope, "'service.internalLoadBalancer' and 'service.sourceCidrs' need 'service.serviceType' "
      + 'ApiServiceType.LOAD_BALANCER');
  }
  const annotations = mergedAnnotations(scope, 'service.annotations', options?.annotations,
    options?.internalLoadBalancer ? { [AZURE_INTERNAL_LB]: 'true' } : {});
  const service = new k8s.KubeService(scope, 'Service', {
    metadata: {
      name: backend.name,
      labels: backend.labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      type,
      selector: backend.selector,
      ports: [{
        name: portName, port: backend.servicePort, targetPort: k8s.IntOrString.fromString(portName), protocol: 'TCP',
      }],
      // Local: the pods see the client's address, which the NetworkPolicy below admits by 'sourceCidrs'. With the
      // default (Cluster) each node "masquerades" it to its own address (kubernetes/api core/v1/types.go,
      // ServiceSpec.ExternalTrafficPolicy), so the policy would drop whatever does not come from a node in the CIDRs.
      ...(loadBalancer ? { loadBalancerSourceRanges: cidrs, externalTrafficPolicy: 'Local' } : {}),
    },
  });
  if (loadBalancer) {
    DurableRegistry.of(scope).join(namespaceLoadBalancers(chartNamespace(scope)), scope);
  }
  DurableRegistry.of(scope).join(namespaceServices(chartNamespace(scope)), scope);
  const policy = loadBalancer ? new k8s.KubeNetworkPolicy(scope, 'LoadBalancerPolicy', {
    metadata: { name: `${backend.name}-allow-load-balancer`, labels: backend.labels },
    spec: {
      podSelector: { matchLabels: backend.selector },
      policyTypes: ['Ingress'],
      ingress: [{
        from: cidrs.map(cidr => ({ ipBlock: { cidr } })),
        ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(backend.port) }],
      }],
    },
  }) : undefined;
  return { service, policy };
}
