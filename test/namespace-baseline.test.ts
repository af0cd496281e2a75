import { Chart, Testing } from 'cdk8s';
import { ApiServiceType, DurableApi, DurableWorker, NamespaceBaseline, Scaling } from '../lib';
import { IMAGE, all, namespacedChart, one, scheduler, synthValid } from './util';

describe('NamespaceBaseline', () => {
  test('without namespaceName, the baseline is for the namespace of its chart', () => {
    // GIVEN
    const chart = namespacedChart('orders');

    // WHEN
    const baseline = new NamespaceBaseline(chart, 'Baseline');

    // THEN the same objects as with namespaceName: 'orders'
    const explicit = namespacedChart('orders');
    new NamespaceBaseline(explicit, 'Baseline', { namespaceName: 'orders' });
    expect(baseline.namespaceName).toBe('orders');
    expect(synthValid(chart)).toEqual(synthValid(explicit));
  });

  test('namespace with PSA restricted, quota, limits and deny-by-default network policies', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });
    // THEN
    const manifests = synthValid(chart);
    expect(manifests).toMatchSnapshot();
    const ns = one(manifests, 'Namespace');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': 'v1.33',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
    expect(one(manifests, 'ResourceQuota').spec.hard).toEqual({
      'requests.cpu': '16', 'requests.memory': '32Gi', 'limits.cpu': '64', 'limits.memory': '64Gi', 'pods': 100,
      // A tenant opens no cloud load balancer or node port unless the baseline allows it.
      'services.loadbalancers': 0, 'services.nodeports': 0,
    });
    expect(one(manifests, 'LimitRange').spec.limits).toEqual([{
      type: 'Container', defaultRequest: { cpu: '100m', memory: '128Mi' }, default: { cpu: '500m', memory: '512Mi' },
    }]);
  });

  test('network policies: deny all, then allow DNS to kube-dns and HTTPS egress', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', httpsEgressCidrs: ['10.20.0.0/16'] });
    // THEN
    const policies = all(synthValid(chart), 'NetworkPolicy');
    expect(policies.map(p => p.metadata.name)).toEqual(['default-deny-all', 'allow-dns-egress', 'allow-https-egress']);
    expect(policies[0].spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(policies[1].spec.egress[0]).toEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
    });
    expect(policies[2].spec.egress[0]).toEqual({ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ protocol: 'TCP', port: 443 }] });
    // No policy admits ingress to every pod.
    expect(policies.filter(p => p.spec.ingress !== undefined)).toEqual([]);
  });

  test('quota, limits and Pod Security version can be overridden', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    new NamespaceBaseline(chart, 'Baseline', {
      namespaceName: 'orders',
      podSecurityVersion: 'latest',
      quota: { requestsCpu: '4', requestsMemory: '8Gi', limitsCpu: '8', limitsMemory: '16Gi', pods: 20 },
      limitRange: { defaultCpuRequest: '50m', defaultMemoryRequest: '64Mi', defaultCpuLimit: '200m', defaultMemoryLimit: '256Mi' },
    });
    // THEN
    const manifests = synthValid(chart);
    expect(one(manifests, 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe('latest');
    expect(one(manifests, 'ResourceQuota').spec.hard).toEqual({
      'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', 'pods': 20,
      'services.loadbalancers': 0, 'services.nodeports': 0,
    });
    expect(one(manifests, 'LimitRange').spec.limits[0].default).toEqual({ cpu: '200m', memory: '256Mi' });
  });

  test('the quota counts workloads of every chart in its namespace', () => {
    // GIVEN a baseline with room for 10 pods
    const app = Testing.app();
    new NamespaceBaseline(namespacedChart('orders', app), 'Baseline', { namespaceName: 'orders', quota: { pods: 10 } });
    const extra = new Chart(app, 'extra', { namespace: 'orders' });
    // WHEN another chart puts a worker of up to 20 replicas into the same namespace
    const addWorker = () => new DurableWorker(extra, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders' });
    // THEN the worker the quota cannot admit fails
    expect(addWorker).toThrow(
      "orders/Baseline: 'quota.pods' (10 pods) is below what the workloads need at maximum scale during a rollout (25 pods = extra/Worker 25 pods; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
    );
  });

  test('the quota must fit every workload of the chart at maximum scale', () => {
    // GIVEN a quota of 4 CPU requests
    const chart = namespacedChart('orders');
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', quota: { requestsCpu: '4' } });
    // WHEN a worker can reach (20 + 5 rollout surge) x 250m = 6.25 CPU
    const addWorker = () => new DurableWorker(chart, 'Worker', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling: Scaling.hpa(),
    });
    // THEN
    expect(addWorker).toThrow(
      "orders/Baseline: 'quota.requestsCpu' (4 CPU) is below what the workloads need at maximum scale during a rollout (6.25 CPU = orders/Worker 25 pods × 0.25 CPU; a workload's pods are its maxReplicas plus the 25 % rollout surge): raise the quota or lower 'maxReplicas'",
    );
  });

  test.each([
    ['pods', { pods: 25 }, { pods: 24 }, "'quota.pods' (24 pods) is below what the workloads need at maximum scale during a rollout (25 pods"],
    ['requestsCpu', { requestsCpu: '6250m' }, { requestsCpu: '6249m' }, "'quota.requestsCpu' (6.249 CPU) is below what the workloads need at maximum scale during a rollout (6.25 CPU"],
  ])('the quota %s admits a worker that needs exactly it, and fails one step under', (_field, exact, under, message) => {
    // GIVEN a worker that reaches (20 + 5 rollout surge) pods x 250m = 25 pods, 6.25 CPU
    const worker = (quota: object) => () => {
      const chart = namespacedChart('orders');
      new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', quota });
      new DurableWorker(chart, 'Worker', { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', scaling: Scaling.hpa() });
    };
    // WHEN / THEN
    expect(worker(exact)).not.toThrow();
    expect(worker(under)).toThrow(`orders/Baseline: ${message}`);
  });

  test('object counts and ephemeral storage: the LimitRange then gives containers an ephemeral storage default', () => {
    // GIVEN / WHEN
    const chart = namespacedChart('orders');
    new NamespaceBaseline(chart, 'Baseline', {
      namespaceName: 'orders',
      quota: { loadBalancers: 1, services: 10, secrets: 20, configMaps: 20, persistentVolumeClaims: 0, requestsEphemeralStorage: '50Gi' },
      limitRange: { defaultEphemeralStorage: '2Gi' },
    });
    const manifests = Testing.synth(chart);
    // THEN
    expect(one(manifests, 'ResourceQuota').spec.hard).toMatchObject({
      'services.loadbalancers': 1, 'services.nodeports': 0, 'services': 10, 'secrets': 20, 'configmaps': 20,
      'persistentvolumeclaims': 0, 'requests.ephemeral-storage': '50Gi',
    });
    expect(one(manifests, 'LimitRange').spec.limits[0].defaultRequest['ephemeral-storage']).toBe('2Gi');
  });

  test('adopts a namespace the platform owns: no Namespace object, the rest as usual', () => {
    // GIVEN / WHEN
    const chart = namespacedChart('orders');
    const baseline = new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', createNamespace: false });
    const manifests = Testing.synth(chart);
    // THEN
    expect(baseline.namespaceObject).toBeUndefined();
    expect(manifests.map(m => m.kind)).toEqual(['ResourceQuota', 'LimitRange', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
  });

  test('fails when the namespace\'s APIs have more load balancers than the quota admits', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders' });
    // WHEN
    const addApi = () => new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      service: { serviceType: ApiServiceType.LOAD_BALANCER, sourceCidrs: ['10.0.0.0/8'] },
    });
    // THEN
    expect(addApi).toThrow("orders/Baseline: 'quota.loadBalancers' (0) admits fewer LoadBalancer "
      + "Services than the namespace's APIs have (1: orders/Api): raise 'quota.loadBalancers'");
  });
  describe('egress CIDRs the API server and the policy engines read as written', () => {
    const baseline = (cidr: string) => () => new NamespaceBaseline(namespacedChart('orders'), 'Baseline', {
      namespaceName: 'orders', httpsEgressCidrs: [cidr],
    });

    test.each([
      ['10.0.0.1/16', '\'httpsEgressCidrs[0]\' ("10.0.0.1/16") is not a network address: the network it covers is "10.0.0.0/16"; write that, or "10.0.0.1/32" for the single address'],
      ['10.0.0.0/08', '\'httpsEgressCidrs[0]\' ("10.0.0.0/08") is not a network address: the network it covers is "10.0.0.0/8"; write that'],
      ['fd00::1/8', '\'httpsEgressCidrs[0]\' ("fd00::1/8") is not a network address: the network it covers is "fd00::/8"; write that, or "fd00::1/128" for the single address'],
      ['2001:db8:1:0:0:0:0:1/32', '\'httpsEgressCidrs[0]\' ("2001:db8:1:0:0:0:0:1/32") is not a network address: the network it covers is "2001:db8::/32"; write that, or "2001:db8:1:0:0:0:0:1/128" for the single address'],
      ['fe80::1%eth0/64', '\'httpsEgressCidrs[0]\' ("fe80::1%eth0/64") has a zone (%): the API server and the network policy engines take plain CIDRs only; write an IPv4 CIDR like "10.0.0.0/16" or an IPv6 CIDR like "fd00::/8"'],
      ['::ffff:10.0.0.0/104', '\'httpsEgressCidrs[0]\' ("::ffff:10.0.0.0/104") embeds an IPv4 address: the API server and the network policy engines take plain CIDRs only; write an IPv4 CIDR like "10.0.0.0/16" or an IPv6 CIDR like "fd00::/8"'],
      ['::ffff:a00:0/104', '\'httpsEgressCidrs[0]\' ("::ffff:a00:0/104") embeds an IPv4 address: the API server and the network policy engines take plain CIDRs only; write an IPv4 CIDR like "10.0.0.0/16" or an IPv6 CIDR like "fd00::/8"'],
    ])('fails when an egress CIDR is %s', (cidr, message) => {
      // GIVEN a CIDR the API server rejects (zone) or warns about (KEP-4858: host bits, leading zero, IPv4-mapped)
      // WHEN / THEN
      expect(baseline(cidr)).toThrow(new Error(`orders/Baseline: ${message}`));
    });

    test('network addresses of both families are accepted as written', () => {
      // GIVEN
      const cidrs = ['0.0.0.0/0', '::/0', '20.42.0.1/32', '10.20.0.0/16', 'fd00::/8', '2001:db8:0:0::/64', 'FD00:AB::/32'];
      const chart = namespacedChart('orders');
      // WHEN
      new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', httpsEgressCidrs: cidrs });
      // THEN
      const https = all(synthValid(chart), 'NetworkPolicy')[2];
      expect(https.spec.egress[0].to.map((t: any) => t.ipBlock.cidr)).toEqual(cidrs);
    });
  });

  test('fails when the Pod Security version has a leading zero, which Pod Security Admission rejects', () => {
    // GIVEN PSA's pattern ^v1\.([0-9]|[1-9][0-9]*)$: it refuses the Namespace with "v1.01"
    const chart = namespacedChart('orders');
    // WHEN
    const create = () => new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', podSecurityVersion: 'v1.01' });
    // THEN
    expect(create).toThrow(new Error('orders/Baseline: \'podSecurityVersion\' ("v1.01") must be "latest" or a Kubernetes minor version like "v1.33"'));
  });

  test.each(['v1.0', 'v1.9', 'v1.33', 'v1.99', 'latest'])('Pod Security version %s is accepted', version => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    new NamespaceBaseline(chart, 'Baseline', { namespaceName: 'orders', podSecurityVersion: version });
    // THEN
    expect(one(synthValid(chart), 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce-version']).toBe(version);
  });

  test('fails when a Pod Security version is given for an adopted namespace, where it would be ignored', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    const create = () => new NamespaceBaseline(chart, 'Baseline', {
      namespaceName: 'orders', createNamespace: false, podSecurityVersion: 'v1.30',
    });
    // THEN
    expect(create).toThrow(new Error('orders/Baseline: \'podSecurityVersion\' ("v1.30") needs \'createNamespace\' true: an adopted namespace keeps the platform\'s Pod Security labels'));
  });

  test('fails when a default ephemeral storage is given without the quota line that makes the LimitRange use it', () => {
    // GIVEN
    const chart = namespacedChart('orders');
    // WHEN
    const create = () => new NamespaceBaseline(chart, 'Baseline', {
      namespaceName: 'orders', limitRange: { defaultEphemeralStorage: '2Gi' },
    });
    // THEN
    expect(create).toThrow(new Error('orders/Baseline: \'limitRange.defaultEphemeralStorage\' ("2Gi") needs \'quota.requestsEphemeralStorage\': only with that quota line does the LimitRange give containers ephemeral storage'));
  });
});
