/** Exposure that fits (issue 11): Ingress paths and annotations, HTTPRoute matches, Service type and port name. */
import { Chart } from 'cdk8s';
import { ApiServiceType, DurableApi, DurableApiProps, NamespaceBaseline, RoutePathType } from '../lib';
import { IMAGE, all, container, namespacedChart, one, scheduler, synthValid } from './util';

function synthApi(props: Partial<DurableApiProps>, chart: Chart = namespacedChart()): any[] {
  new DurableApi(chart, 'Api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
  return synthValid(chart);
}

describe('DurableApi exposure', () => {
  test('an Ingress with several exact paths, merged annotations and a default backend', () => {
    // GIVEN / WHEN
    const manifests = synthApi({
      ingress: {
        host: 'api.example.com', paths: ['/orders', '/status'], pathType: RoutePathType.EXACT, defaultBackend: true,
        tlsSecretName: 'api-tls', clusterIssuer: 'letsencrypt',
        annotations: [{ key: 'nginx.ingress.kubernetes.io/proxy-body-size', value: '8m' }],
      },
    });
    // THEN
    const ingress = one(manifests, 'Ingress');
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt', 'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
    });
    expect(ingress.spec.rules[0].http.paths.map((p: any) => [p.path, p.pathType])).toEqual([['/orders', 'Exact'], ['/status', 'Exact']]);
    expect(ingress.spec.defaultBackend).toEqual({ service: { name: 'durable-api', port: { number: 80 } } });
  });

  test('an HTTPRoute without host names, with path and header matches', () => {
    // GIVEN / WHEN
    const manifests = synthApi({
      httpRoute: {
        gatewayName: 'public', gatewayNamespace: 'gateways', paths: ['/orders', '/billing'],
        headers: [{ name: 'x-tenant', value: 'contoso' }],
      },
    });
    // THEN
    const route = one(manifests, 'HTTPRoute');
    expect(route.spec.hostnames).toBeUndefined();
    expect(route.spec.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/orders' }, headers: [{ name: 'x-tenant', value: 'contoso' }] },
      { path: { type: 'PathPrefix', value: '/billing' }, headers: [{ name: 'x-tenant', value: 'contoso' }] },
    ]);
  });

  test('an internal load balancer on AKS, a gRPC port name, and the policy that admits its sources', () => {
    // GIVEN a namespace whose quota admits one load balancer
    const chart = namespacedChart();
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'durable-system', quota: { loadBalancers: 1 } });
    // WHEN
    const manifests = synthApi({
      service: {
        serviceType: ApiServiceType.LOAD_BALANCER, internalLoadBalancer: true, sourceCidrs: ['10.224.0.0/12'], portName: 'grpc',
      },
    }, chart);
    // THEN
    const service = one(manifests, 'Service');
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.metadata.annotations).toEqual({ 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' });
    expect(service.spec.loadBalancerSourceRanges).toEqual(['10.224.0.0/12']);
    expect(service.spec.ports).toEqual([{ name: 'grpc', port: 80, targetPort: 'grpc', protocol: 'TCP' }]);
    expect(container(one(manifests, 'Deployment')).ports).toEqual([{ name: 'grpc', containerPort: 8080, protocol: 'TCP' }]);
    const policy = all(manifests, 'NetworkPolicy').find((p: any) => p.metadata.name === 'durable-api-allow-load-balancer');
    expect(policy.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.224.0.0/12' } }]);
  });
});
