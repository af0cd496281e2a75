import { DurableApi, HealthProbe, Scaling } from '../lib';
import { IMAGE, all, container, identity, namespacedChart, one, scheduler, synthValid } from './util';

describe('DurableApi', () => {
  test('defaults: 2 replicas, ClusterIP Service 80 -> 8080, probes, PDB, own ServiceAccount', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    const api = new DurableApi(chart, 'Api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', identity: identity() });
    // THEN
    const manifests = synthValid(chart);
    expect(manifests).toMatchSnapshot();
    const deployment = one(manifests, 'Deployment', 'durable-api');
    expect(deployment.spec.replicas).toBe(2);
    expect(container(deployment).ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container(deployment).readinessProbe.httpGet).toEqual({ path: '/healthz', port: 8080 });
    expect(container(deployment).livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 10, periodSeconds: 20 });
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(30);
    const service = one(manifests, 'Service', 'durable-api');
    expect(service.spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'durable-api' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    });
    expect(one(manifests, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(one(manifests, 'ServiceAccount').metadata.name).toBe('durable-api');
    expect(api.federatedSubject).toBe('system:serviceaccount:durable-system:durable-api');
    expect(all(manifests, 'Ingress')).toEqual([]);
    expect(all(manifests, 'NetworkPolicy')).toEqual([]);
  });

  test('Ingress uses spec.ingressClassName, TLS and the cert-manager issuer', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      ingress: { host: 'durable-api.example.com', tlsSecretName: 'durable-api-tls', clusterIssuer: 'letsencrypt-prod' },
    });
    // THEN
    const ingress = one(synthValid(chart), 'Ingress');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' });
    expect(JSON.stringify(ingress)).not.toContain('kubernetes.io/ingress.class');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['durable-api.example.com'], secretName: 'durable-api-tls' }],
      rules: [{
        host: 'durable-api.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'durable-api', port: { number: 80 } } } }] },
      }],
    });
  });

  test('a cert-manager issuer also admits the ingress controller to the HTTP-01 solver pods', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      ingress: { host: 'durable-api.example.com', tlsSecretName: 'durable-api-tls', clusterIssuer: 'letsencrypt-prod' },
    });
    // THEN
    const policy = one(synthValid(chart), 'NetworkPolicy', 'durable-api-allow-acme-http01');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { 'acme.cert-manager.io/http01-solver': 'true' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
        ports: [{ protocol: 'TCP', port: 8089 }],
      }],
    });
  });

  test('load balancers outside the pod network are admitted by source CIDR; gateways by data-plane namespace', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      ingress: { host: 'a.example.com', className: 'azure-application-gateway', controllerNamespace: 'kube-system', sourceCidrs: ['10.225.0.0/24'] },
      httpRoute: { gatewayName: 'eg', gatewayNamespace: 'gateways', dataPlaneNamespace: 'envoy-gateway-system', hostnames: ['a.example.com'] },
    });
    // THEN
    const manifests = synthValid(chart);
    expect(one(manifests, 'NetworkPolicy', 'durable-api-allow-ingress-controller').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
      { ipBlock: { cidr: '10.225.0.0/24' } },
    ]);
    expect(one(manifests, 'NetworkPolicy', 'durable-api-allow-gateway').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'envoy-gateway-system' } } },
    ]);
    expect(one(manifests, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'eg', namespace: 'gateways' }]);
  });

  test('Ingress without TLS has no tls section nor annotations', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ingress: { host: 'api.internal.example.com' } });
    // THEN
    const ingress = one(synthValid(chart), 'Ingress');
    expect(ingress.spec.tls).toBeUndefined();
    expect(ingress.metadata.annotations).toBeUndefined();
  });

  test('ingress traffic is admitted only from the ingress controller namespace, on the app port', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      ingress: { host: 'durable-api.example.com', className: 'webapprouting.kubernetes.azure.com' },
    });
    // THEN
    const policy = one(synthValid(chart), 'NetworkPolicy');
    expect(policy.metadata.name).toBe('durable-api-allow-ingress-controller');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'durable-api' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'app-routing-system' } } }],
        ports: [{ protocol: 'TCP', port: 8080 }],
      }],
    });
  });

  test('Gateway API HTTPRoute as an alternative to Ingress', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    const api = new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', port: 5000, servicePort: 8080,
      httpRoute: { gatewayName: 'public', gatewayNamespace: 'gateway-system', hostnames: ['durable-api.example.com'], sectionName: 'https' },
    });
    // THEN
    const manifests = synthValid(chart);
    expect(api.ingress).toBeUndefined();
    const route = one(manifests, 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
      hostnames: ['durable-api.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'durable-api', port: 8080 }] }],
    });
    const policy = one(manifests, 'NetworkPolicy');
    expect(policy.spec.ingress[0]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } } }],
      ports: [{ protocol: 'TCP', port: 5000 }],
    });
    expect(one(manifests, 'Service').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
  });

  test('an API can autoscale; then the Deployment has no replicas', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling: Scaling.hpa({ minReplicas: 2, maxReplicas: 6 }) });
    // THEN
    const manifests = synthValid(chart);
    expect(one(manifests, 'Deployment').spec.replicas).toBeUndefined();
    expect(one(manifests, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
  });

  test('probes can be replaced', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      readinessProbe: HealthProbe.http('/ready', { periodSeconds: 5 }),
      livenessProbe: HealthProbe.http('/live'),
    });
    // THEN
    const c = container(one(synthValid(chart), 'Deployment'));
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 });
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/live', port: 8080 } });
  });
});
