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
    // Local: the client's address reaches the pods unmasqueraded, so the policy's ipBlock can match it
    expect(service.spec.externalTrafficPolicy).toBe('Local');
    expect(service.spec.ports).toEqual([{ name: 'grpc', port: 80, targetPort: 'grpc', protocol: 'TCP' }]);
    expect(container(one(manifests, 'Deployment')).ports).toEqual([{ name: 'grpc', containerPort: 8080, protocol: 'TCP' }]);
    const policy = all(manifests, 'NetworkPolicy').find((p: any) => p.metadata.name === 'durable-api-allow-load-balancer');
    expect(policy.spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.224.0.0/12' } }]);
  });
});

describe('DurableApi exposure: inputs controllers, cert-manager and Gateway API would refuse', () => {
  const P = 'durable-system/Api';
  const build = (props: Partial<DurableApiProps>) => () => synthApi(props);
  const HOST = { host: 'api.example.com' };
  const GW = { gatewayName: 'public', gatewayNamespace: 'gateways' };

  test('fails when the ingress annotations set the legacy class annotation', () => {
    // GIVEN an Ingress whose annotations repeat the class (the API server rejects it next to spec.ingressClassName)
    // WHEN / THEN
    expect(build({ ingress: { ...HOST, annotations: [{ key: 'kubernetes.io/ingress.class', value: 'nginx' }] } }))
      .toThrow(new Error(`${P}: 'ingress.annotations' sets "kubernetes.io/ingress.class", which the API server rejects `
        + "next to spec.ingressClassName: set the class with 'ingress.className'"));
  });

  test.each([
    ['cert-manager.io/cluster-issuer', {}],
    ['cert-manager.io/issuer', { clusterIssuer: 'letsencrypt' }],
    ['kubernetes.io/tls-acme', {}],
  ])('fails when the ingress annotations set %s (options %j)', (key, extra) => {
    // GIVEN an Ingress with TLS that asks cert-manager by hand (no policy for its HTTP-01 solver; or two issuers)
    // WHEN / THEN
    expect(build({ ingress: { ...HOST, tlsSecretName: 'api-tls', ...extra, annotations: [{ key, value: 'x' }] } }))
      .toThrow(new Error(`${P}: 'ingress.annotations' sets ${JSON.stringify(key)}: let the construct ask cert-manager `
        + "for the certificate with 'ingress.clusterIssuer' and 'ingress.tlsSecretName', so that it also admits "
        + "cert-manager's HTTP-01 solver through the namespace's default deny"));
  });

  test('fails when an ingress source CIDR has host bits set (NetworkPolicy ipBlocks take network addresses)', () => {
    // GIVEN / WHEN / THEN: the same rule as the baseline's egress CIDRs
    expect(build({ ingress: { ...HOST, sourceCidrs: ['10.0.0.1/16'] } })).toThrow(new Error(`${P}: `
      + "'ingress.sourceCidrs[0]' (\"10.0.0.1/16\") is not a network address: the network it covers is "
      + '"10.0.0.0/16"; write that, or "10.0.0.1/32" for the single address'));
  });

  test('a namespaced Issuer by annotation (e.g. DNS-01 with Azure DNS) is allowed, with the HTTP-01 solver policy', () => {
    // GIVEN / WHEN
    const manifests = synthApi({ ingress: { ...HOST, tlsSecretName: 'api-tls',
      annotations: [{ key: 'cert-manager.io/issuer', value: 'azure-dns' }] } });
    // THEN
    expect(one(manifests, 'Ingress').metadata.annotations).toEqual({ 'cert-manager.io/issuer': 'azure-dns' });
    expect(all(manifests, 'NetworkPolicy').map(p => p.metadata.name)).toContain('durable-api-allow-acme-http01');
  });

  test('the cluster issuer annotation may repeat the construct\'s value', () => {
    // GIVEN / WHEN
    const manifests = synthApi({ ingress: { ...HOST, tlsSecretName: 'api-tls', clusterIssuer: 'letsencrypt',
      annotations: [{ key: 'cert-manager.io/cluster-issuer', value: 'letsencrypt' }] } });
    // THEN
    expect(one(manifests, 'Ingress').metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(all(manifests, 'NetworkPolicy').map(p => p.metadata.name)).toContain('durable-api-allow-acme-http01');
  });

  test.each(['azure-application-gateway', 'azure-alb-external'])(
    'fails when an Ingress of class %s has no source CIDRs', className => {
      // GIVEN an ingress class whose proxies run outside the cluster (traffic comes from their subnet)
      // WHEN / THEN
      expect(build({ ingress: { ...HOST, className, controllerNamespace: 'kube-system' } }))
        .toThrow(new Error(`${P}: 'ingress.sourceCidrs' is required for ingress class ${JSON.stringify(className)}: its `
          + "proxies run outside the cluster, so requests come from the gateway's subnet, not from the controller "
          + "namespace; give that subnet's CIDR, or the namespace's default deny blocks every request"));
    });

  test.each(['azure-application-gateway', 'azure-alb-external'])(
    'an Ingress of class %s without controller namespace admits its subnet only', className => {
      // GIVEN proxies outside the cluster: their controller pods forward no requests
      // WHEN
      const manifests = synthApi({ ingress: { ...HOST, className, sourceCidrs: ['10.225.0.0/24'],
        tlsSecretName: 'orders-tls', clusterIssuer: 'letsencrypt' } });
      // THEN the API and cert-manager's HTTP-01 solver admit the gateway's subnet, and no namespace
      for (const name of ['durable-api-allow-ingress-controller', 'durable-api-allow-acme-http01']) {
        expect(one(manifests, 'NetworkPolicy', name).spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.225.0.0/24' } }]);
      }
    });

  test('an Application Gateway Ingress admits its subnet', () => {
    // GIVEN / WHEN
    const manifests = synthApi({ ingress: { ...HOST, className: 'azure-application-gateway',
      controllerNamespace: 'kube-system', sourceCidrs: ['10.225.0.0/16'] } });
    // THEN
    const policy = one(manifests, 'NetworkPolicy', 'durable-api-allow-ingress-controller');
    expect(policy.spec.ingress[0].from).toContainEqual({ ipBlock: { cidr: '10.225.0.0/16' } });
  });

  test('fails when two Prefix paths differ only by a trailing slash', () => {
    // GIVEN "/orders" and "/orders/", which a Prefix path matches alike
    // WHEN / THEN
    expect(build({ ingress: { ...HOST, paths: ['/orders', '/orders/'] } }))
      .toThrow(new Error(`${P}: 'ingress.paths[1]' ("/orders/") matches the same requests as "/orders": a Prefix path `
        + "ignores a trailing '/'; give each path once"));
    expect(build({ httpRoute: { ...GW, paths: ['/orders/', '/orders'] } }))
      .toThrow(new Error(`${P}: 'httpRoute.paths[1]' ("/orders") matches the same requests as "/orders/": a Prefix path `
        + "ignores a trailing '/'; give each path once"));
  });

  test('fails when two APIs route one Prefix path with and without a trailing slash', () => {
    // GIVEN an API on /orders
    const chart = namespacedChart();
    new DurableApi(chart, 'Orders', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', name: 'orders',
      ingress: { ...HOST, path: '/orders' } });
    // WHEN / THEN another on /orders/
    expect(() => new DurableApi(chart, 'Billing', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      name: 'billing', ingress: { ...HOST, path: '/orders/' } }))
      .toThrow(new Error("durable-system/Billing: 'ingress.host' and 'ingress.path' (api.example.com/orders/, class "
        + 'nginx) is already routed by durable-system/Orders: every host and path may have one backend'));
  });

  test('fails when two APIs route one HTTPRoute path with the same headers, named in another case and order', () => {
    // GIVEN an API that matches x-tenant: a and x-env: prod
    const chart = namespacedChart();
    const gateway = { gatewayName: 'public', gatewayNamespace: 'gateways' };
    new DurableApi(chart, 'Orders', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', name: 'orders',
      httpRoute: { ...gateway, headers: [{ name: 'x-tenant', value: 'a' }, { name: 'x-env', value: 'prod' }] } });
    // WHEN / THEN another on the same headers (names match without regard to case)
    expect(() => new DurableApi(chart, 'Billing', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      name: 'billing', httpRoute: { ...gateway, headers: [{ name: 'X-Env', value: 'prod' }, { name: 'X-Tenant',
        value: 'a' }] } }))
      .toThrow(new Error("durable-system/Billing: 'httpRoute.hostnames' and 'httpRoute.path' (*/ on Gateway "
        + 'gateways/public) is already routed by durable-system/Orders: every host and path may have one backend'));
  });

  test('two APIs may route one HTTPRoute path on two listeners of a Gateway', () => {
    // GIVEN an API on the Gateway's listener "internal"
    const chart = namespacedChart();
    const gateway = { gatewayName: 'public', gatewayNamespace: 'gateways' };
    new DurableApi(chart, 'Orders', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', name: 'orders',
      httpRoute: { ...gateway, sectionName: 'internal' } });
    // WHEN another API routes the same host and path on the listener "external"
    new DurableApi(chart, 'Billing', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', name: 'billing',
      httpRoute: { ...gateway, sectionName: 'external' } });
    // THEN both are valid
    const routes = synthValid(chart).filter(m => m.kind === 'HTTPRoute');
    expect(routes.map(r => r.spec.parentRefs[0].sectionName)).toEqual(['internal', 'external']);
  });

  test.each([
    ['the same listener', 'internal', 'internal', ', listener internal'],
    ['a route on every listener after one on a listener', 'internal', undefined, ''],
    ['a route on a listener after one on every listener', undefined, 'internal', ', listener internal'],
  ])('fails when two APIs route one HTTPRoute path on %s', (_case, first, second, listener) => {
    // GIVEN
    const chart = namespacedChart();
    const gateway = { gatewayName: 'public', gatewayNamespace: 'gateways' };
    new DurableApi(chart, 'Orders', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', name: 'orders',
      httpRoute: { ...gateway, sectionName: first } });
    // WHEN / THEN
    expect(() => new DurableApi(chart, 'Billing', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      name: 'billing', httpRoute: { ...gateway, sectionName: second } }))
      .toThrow(new Error(`durable-system/Billing: 'httpRoute.hostnames' and 'httpRoute.path' (*/ on Gateway `
        + `gateways/public${listener}) is already routed by durable-system/Orders: every host and path may have one `
        + 'backend'));
  });

  test('Exact paths with and without a trailing slash are two paths', () => {
    // GIVEN / WHEN
    const manifests = synthApi({ ingress: { ...HOST, paths: ['/orders', '/orders/'], pathType: RoutePathType.EXACT } });
    // THEN
    expect(one(manifests, 'Ingress').spec.rules[0].http.paths.map((p: any) => p.path)).toEqual(['/orders', '/orders/']);
  });

  test.each([
    ['hostnames', { hostnames: Array.from({ length: 17 }, (_, i) => `h${i}.example.com`) },
      "'httpRoute.hostnames' has 17 host names: an HTTPRoute takes at most 16"],
    ['paths', { paths: Array.from({ length: 65 }, (_, i) => `/p${i}`) },
      "'httpRoute.paths' has 65 paths (one match each): an HTTPRoute takes at most 64"],
    ['headers', { headers: Array.from({ length: 17 }, (_, i) => ({ name: `x-h${i}`, value: 'v' })) },
      "'httpRoute.headers' has 17 headers: an HTTPRoute takes at most 16"],
    ['an empty header value', { headers: [{ name: 'x-tenant', value: '' }] },
      "'httpRoute.headers[0].value' (\"\") must not be empty: an HTTPRoute matches a header value of 1-4096 characters"],
    ['a header value of 4097 characters', { headers: [{ name: 'x-tenant', value: 'a'.repeat(4097) }] },
      `'httpRoute.headers[0].value' ("${'a'.repeat(40)}...") is 4097 characters long: an HTTPRoute matches a header `
      + 'value of 1-4096 characters'],
    ['a path of 1025 characters', { path: `/${'a'.repeat(1024)}` },
      `'httpRoute.path' ("/${'a'.repeat(39)}...") is 1025 characters long: an HTTPRoute path has at most 1024`],
  ])('fails when an HTTPRoute exceeds a Gateway API limit: %s', (_what, extra, message) => {
    // GIVEN more than the Gateway API CRD admits
    // WHEN / THEN
    expect(build({ httpRoute: { ...GW, ...extra } })).toThrow(new Error(`${P}: ${message}`));
  });

  test('an HTTPRoute at the Gateway API limits is accepted', () => {
    // GIVEN / WHEN 16 host names, 64 paths, 16 headers, a 4096-character value and a 1024-character path
    const manifests = synthApi({ httpRoute: { ...GW,
      hostnames: Array.from({ length: 16 }, (_, i) => `h${i}.example.com`),
      paths: [`/${'a'.repeat(1023)}`, ...Array.from({ length: 63 }, (_, i) => `/p${i}`)],
      headers: [{ name: 'x-long', value: 'v'.repeat(4096) },
        ...Array.from({ length: 15 }, (_, i) => ({ name: `x-h${i}`, value: 'v' }))] } });
    // THEN
    expect(one(manifests, 'HTTPRoute').spec.rules[0].matches).toHaveLength(64);
  });
});
