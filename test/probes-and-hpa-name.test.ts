/**
 * gRPC and TCP health probes (HealthProbe.grpc, HealthProbe.tcp) and the HorizontalPodAutoscaler name of
 * Scaling.hpa({ name }): rendered output, accepted boundaries and the inputs that fail.
 */
import { Testing } from 'cdk8s';
import { DurableApi, DurableWorker, DurableWorkerProps, HealthProbe, KedaTrigger, Scaling } from '../lib';
import { IMAGE, all, container, namespacedChart, one, scheduler, synthValid } from './util';

const W = 'durable-system/Worker';

function worker(props: Partial<DurableWorkerProps> = {}, chart = namespacedChart(), id = 'Worker'): DurableWorker {
  return new DurableWorker(chart, id, { image: IMAGE, scheduler: scheduler(), taskHub: 'orders', ...props });
}

describe('HealthProbe.grpc and HealthProbe.tcp', () => {
  test('a gRPC probe with a service and a TCP probe render with the default timings', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    worker({
      port: 8080,
      readinessProbe: HealthProbe.grpc(8080, { service: 'orders.v1.Worker' }),
      livenessProbe: HealthProbe.tcp(8080),
    }, chart);
    // THEN
    const c = container(one(synthValid(chart), 'Deployment'));
    expect(c.readinessProbe).toEqual({ grpc: { port: 8080, service: 'orders.v1.Worker' }, initialDelaySeconds: 0,
      periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(c.livenessProbe).toEqual({ tcpSocket: { port: 8080 }, initialDelaySeconds: 0, periodSeconds: 10,
      timeoutSeconds: 1, failureThreshold: 3 });
  });

  test('a gRPC probe without a service asks for the overall health; timings are taken as given', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    worker({ port: 50051, startupProbe: HealthProbe.grpc(50051, { periodSeconds: 5, failureThreshold: 30 }) }, chart);
    // THEN
    expect(container(one(synthValid(chart), 'Deployment')).startupProbe).toEqual({ grpc: { port: 50051 },
      initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 1, failureThreshold: 30 });
  });

  test('an empty gRPC service (the overall health, as the kubelet sends it) and null options are accepted', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    worker({
      port: 8080,
      readinessProbe: HealthProbe.grpc(8080, { service: '' }),
      livenessProbe: HealthProbe.tcp(8080, null as any),
    }, chart);
    // THEN
    const c = container(one(synthValid(chart), 'Deployment'));
    expect(c.readinessProbe.grpc).toEqual({ port: 8080, service: '' });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 8080 });
  });

  test('ports 1 and 65535 are accepted', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    worker({ port: 1, readinessProbe: HealthProbe.grpc(1) }, chart, 'Low');
    worker({ name: 'high', port: 65535, readinessProbe: HealthProbe.tcp(65535) }, chart, 'High');
    // THEN
    const [low, high] = all(synthValid(chart), 'Deployment').map(container);
    expect(low.readinessProbe.grpc).toEqual({ port: 1 });
    expect(high.readinessProbe.tcpSocket).toEqual({ port: 65535 });
  });

  test('an API can replace its HTTP probes with gRPC ones on its port', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    new DurableApi(chart, 'Api', {
      image: IMAGE, scheduler: scheduler(), taskHub: 'orders',
      readinessProbe: HealthProbe.grpc(8080), livenessProbe: HealthProbe.grpc(8080, { periodSeconds: 20 }),
    });
    // THEN
    const c = container(one(synthValid(chart), 'Deployment'));
    expect(c.readinessProbe.grpc).toEqual({ port: 8080 });
    expect(c.livenessProbe.grpc).toEqual({ port: 8080 });
    expect(c.livenessProbe.httpGet).toBeUndefined();
  });

  test.each([
    ['a gRPC', () => HealthProbe.grpc(8080)],
    ['a TCP', () => HealthProbe.tcp(8080)],
  ])('fails when %s probe is set on a worker without port', (kind, probe) => {
    // GIVEN / WHEN / THEN
    expect(() => worker({ livenessProbe: probe() })).toThrow(new Error(`${W}: 'livenessProbe' is ${kind} probe but `
      + "the container has no port: set 'port' on the workload or use HealthProbe.exec()"));
  });

  test.each([
    ['grpc', () => HealthProbe.grpc(9090)],
    ['tcp', () => HealthProbe.tcp(9090)],
  ])('fails when a %s probe targets a port the container lacks', (_kind, probe) => {
    // GIVEN / WHEN / THEN
    expect(() => worker({ port: 8080, readinessProbe: probe() })).toThrow(new Error(
      `${W}: 'readinessProbe.port' (9090) is not a port of the container (8080)`));
  });

  test.each([
    [0, 'must be an integer from 1 to 65535'],
    [65536, 'must be an integer from 1 to 65535'],
    [80.5, 'must be an integer from 1 to 65535'],
    ['grpc', 'must be an integer from 1 to 65535'],
  ])('fails when a gRPC probe port is %j (Kubernetes takes a number, no port name)', (port, allowed) => {
    // GIVEN / WHEN / THEN
    expect(() => worker({ port: 8080, readinessProbe: HealthProbe.grpc(port as any) })).toThrow(new Error(
      `${W}: 'readinessProbe.port' (${JSON.stringify(port)}) ${allowed}`));
  });

  test('fails when a TCP probe port is 0', () => {
    // GIVEN / WHEN / THEN
    expect(() => worker({ port: 8080, startupProbe: HealthProbe.tcp(0) })).toThrow(new Error(
      `${W}: 'startupProbe.port' (0) must be an integer from 1 to 65535`));
  });

  test.each(['orders Worker', ' orders.v1.Worker', 'orders.v1.Worker\n', 42])(
    'fails when the gRPC service name is %j', service => {
      // GIVEN / WHEN / THEN
      expect(() => worker({ port: 8080, readinessProbe: HealthProbe.grpc(8080, { service: service as any }) }))
        .toThrow(new Error(`${W}: 'readinessProbe.service' (${JSON.stringify(service)}) must be a gRPC service name `
          + 'without spaces or control characters, e.g. "my.package.Worker"; leave it out to ask for the server\'s '
          + 'overall health'));
    });

  test('fails when a gRPC probe timing is out of range, as for the other probes', () => {
    // GIVEN / WHEN / THEN
    expect(() => worker({ port: 8080, readinessProbe: HealthProbe.grpc(8080, { timeoutSeconds: 0 }) })).toThrow(
      new Error(`${W}: 'readinessProbe.timeoutSeconds' (0) must be an integer >= 1`));
  });
});

describe('Scaling.hpa name', () => {
  test('the HPA takes the given name and still targets the Deployment', () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    worker({ scaling: Scaling.hpa({ name: 'orders.worker-hpa' }) }, chart);
    // THEN
    const hpa = one(synthValid(chart), 'HorizontalPodAutoscaler');
    expect(hpa.metadata.name).toBe('orders.worker-hpa');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'durable-worker' });
  });

  test("without a name the HPA keeps the workload's name", () => {
    // GIVEN
    const chart = namespacedChart();
    // WHEN
    worker({ scaling: Scaling.hpa() }, chart);
    // THEN
    expect(one(synthValid(chart), 'HorizontalPodAutoscaler').metadata.name).toBe('durable-worker');
  });

  test('a name of 253 characters (a DNS subdomain) is accepted', () => {
    // GIVEN
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    const chart = namespacedChart();
    // WHEN
    worker({ scaling: Scaling.hpa({ name }) }, chart);
    // THEN
    expect(name).toHaveLength(253);
    expect(one(synthValid(chart), 'HorizontalPodAutoscaler').metadata.name).toBe(name);
  });

  test('the same HPA name in two namespaces is accepted', () => {
    // GIVEN
    const app = Testing.app();
    // WHEN
    worker({ scaling: Scaling.hpa({ name: 'orders-hpa' }) }, namespacedChart('orders', app));
    worker({ scaling: Scaling.hpa({ name: 'orders-hpa' }) }, namespacedChart('billing', app));
    // THEN
    expect(() => app.synth()).not.toThrow();
  });

  test.each(['Orders', 'orders_hpa', '', `${'a'.repeat(254)}`])('fails when the HPA name is %j', name => {
    // GIVEN / WHEN / THEN
    expect(() => worker({ scaling: Scaling.hpa({ name }) })).toThrow(new Error(`${W}: 'scaling.name' `
      + `(${JSON.stringify(name)}) must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' or '.', `
      + 'starting and ending with a letter or digit'));
  });

  test('fails when two workers give their HPAs one name in a namespace', () => {
    // GIVEN
    const chart = namespacedChart();
    worker({ name: 'orders', scaling: Scaling.hpa({ name: 'shared-hpa' }) }, chart, 'Orders');
    // WHEN / THEN
    expect(() => worker({ name: 'billing', scaling: Scaling.hpa({ name: 'shared-hpa' }) }, chart, 'Billing'))
      .toThrow(new Error('durable-system/Billing: HorizontalPodAutoscaler name "shared-hpa" in namespace '
        + '"durable-system" is already used by durable-system/Orders: set another \'scaling.name\''));
  });

  test("fails when an HPA name is another worker's default HPA name", () => {
    // GIVEN
    const chart = namespacedChart();
    worker({ name: 'orders', scaling: Scaling.hpa() }, chart, 'Orders');
    // WHEN / THEN
    expect(() => worker({ name: 'billing', scaling: Scaling.hpa({ name: 'orders' }) }, chart, 'Billing'))
      .toThrow(new Error('durable-system/Billing: HorizontalPodAutoscaler name "orders" in namespace '
        + '"durable-system" is already used by durable-system/Orders: set another \'scaling.name\''));
  });

  test("fails when an HPA name is the one KEDA gives another worker's HPA", () => {
    // GIVEN
    const chart = namespacedChart();
    worker({ name: 'orders', scaling: Scaling.keda({ triggers: [KedaTrigger.cpu(70)] }) }, chart, 'Orders');
    // WHEN / THEN
    expect(() => worker({ name: 'billing', scaling: Scaling.hpa({ name: 'keda-hpa-orders' }) }, chart, 'Billing'))
      .toThrow(new Error('durable-system/Billing: this workload\'s HPA "keda-hpa-orders" has the name KEDA gives the '
        + 'HPA of the ScaledObject of durable-system/Orders in namespace "durable-system": give one of the workloads '
        + "another 'name' (or 'scaling.name')"));
  });
});
