import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { checkInteger, checkPort, fail, show } from './private/input-checks';

/** Timing options common to every probe. */
export interface ProbeTimingOptions {
  /**
   * Seconds after the container starts before the first probe.
   *
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   *
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which a probe times out.
   *
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe counts as failed.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** Options for {@link HealthProbe.http}. */
export interface HttpProbeOptions extends ProbeTimingOptions {
  /**
   * Container port to probe; it must be one of the container's ports.
   *
   * @default - the workload's container port
   */
  readonly port?: number;
}

/** Options for {@link HealthProbe.grpc}. */
export interface GrpcProbeOptions extends ProbeTimingOptions {
  /**
   * Service name sent in the gRPC health check request (`grpc.health.v1.HealthCheckRequest.service`), e.g.
   * `my.package.Worker`; the server answers for that service.
   *
   * @default - none: the server's overall health
   */
  readonly service?: string;
}

/**
 * A container health probe. Keep liveness probes independent of the scheduler: a DTS outage must not
 * restart every worker; readiness is the place for dependency checks.
 */
export class HealthProbe {
  /**
   * An HTTP GET on `path` (a 2xx or 3xx answer is healthy).
   */
  public static http(path: string, options: HttpProbeOptions = {}): HealthProbe {
    options = options ?? {};
    return new HealthProbe(options, (scope, prop, ports) => {
      if (typeof path !== 'string' || !path.startsWith('/')) {
        fail(scope, `'${prop}.path' (${show(path)}) must start with '/'`);
      }
      const port = checkProbedPort(scope, prop, 'an HTTP', options.port, ports);
      return { httpGet: { path, port: k8s.IntOrString.fromNumber(port) } };
    });
  }

  /**
   * A gRPC health check (`grpc.health.v1.Health/Check`) on `port`: healthy when the server answers SERVING.
   * The port must be one of the container's ports, as a number (Kubernetes takes no port name here).
   */
  public static grpc(port: number, options: GrpcProbeOptions = {}): HealthProbe {
    options = options ?? {};
    return new HealthProbe(options, (scope, prop, ports) => {
      const checked = checkProbedPort(scope, prop, 'a gRPC', port, ports);
      const service = options.service;
      // The API server takes any string (kubernetes/kubernetes pkg/apis/core/validation/validation.go: validateHandler
      // wants exactly one handler, validateGRPCAction checks only the port). A service is a dotted protobuf name; one
      // with a space or control character is a typo the server answers with NOT_FOUND, failing a healthy container.
      // An empty one is sent as no service at all: the server's overall health.
      if (service !== undefined && (typeof service !== 'string' || hasSpaceOrControl(service))) {
        fail(scope, `'${prop}.service' (${show(service)}) must be a gRPC service name without spaces or control `
          + 'characters, e.g. "my.package.Worker"; leave it out to ask for the server\'s overall health');
      }
      return { grpc: { port: checked, ...(service !== undefined ? { service } : {}) } };
    });
  }

  /**
   * A TCP connection to `port` (healthy when it opens), for a server without an HTTP or gRPC health endpoint.
   * The port must be one of the container's ports.
   */
  public static tcp(port: number, options: ProbeTimingOptions = {}): HealthProbe {
    options = options ?? {};
    return new HealthProbe(options, (scope, prop, ports) => {
      const checked = checkProbedPort(scope, prop, 'a TCP', port, ports);
      return { tcpSocket: { port: k8s.IntOrString.fromNumber(checked) } };
    });
  }

  /**
   * Runs `command` in the container (exit code 0 is healthy).
   */
  public static exec(command: string[], options: ProbeTimingOptions = {}): HealthProbe {
    options = options ?? {};
    return new HealthProbe(options, (scope, prop) => {
      if (!Array.isArray(command) || command.length === 0 || typeof command[0] !== 'string' || command[0].trim() === ''
        || command.some(part => typeof part !== 'string')) {
        fail(scope, `'${prop}.command' (${JSON.stringify(command)}) must name a program to run`);
      }
      return { exec: { command } };
    });
  }

  private constructor(
    private readonly timing: ProbeTimingOptions,
    private readonly handler: (scope: IConstruct, prop: string, ports: number[]) => k8s.Probe,
  ) {}

  /**
   * Validates the probe against the container's ports and renders it.
   * @internal
   */
  public _render(scope: IConstruct, prop: string, ports: number[]): k8s.Probe {
    const timing = {
      initialDelaySeconds: this.timing.initialDelaySeconds ?? 0,
      periodSeconds: this.timing.periodSeconds ?? 10,
      timeoutSeconds: this.timing.timeoutSeconds ?? 1,
      failureThreshold: this.timing.failureThreshold ?? 3,
    };
    checkInteger(scope, `${prop}.initialDelaySeconds`, timing.initialDelaySeconds, 0);
    checkInteger(scope, `${prop}.periodSeconds`, timing.periodSeconds, 1);
    checkInteger(scope, `${prop}.timeoutSeconds`, timing.timeoutSeconds, 1);
    checkInteger(scope, `${prop}.failureThreshold`, timing.failureThreshold, 1);
    return { ...this.handler(scope, prop, ports), ...timing };
  }
}

/**
 * The port a network probe connects to: `port` (default: the container's first port), a port number that is one of
 * the container's ports. The kubelet connects to the pod's IP; a port the container does not declare is most likely
 * a typo (and NetworkPolicies, Services and the workload's docs only know the declared one).
 */
function checkProbedPort(scope: IConstruct, prop: string, kind: string, port: number | undefined,
  ports: number[]): number {
  if (port !== undefined) {
    checkPort(scope, `${prop}.port`, port);
  }
  const probed = port ?? ports[0];
  if (probed === undefined || ports.length === 0) {
    fail(scope, `'${prop}' is ${kind} probe but the container has no port: set 'port' on the `
      + 'workload or use HealthProbe.exec()');
  }
  if (!ports.includes(probed)) {
    fail(scope, `'${prop}.port' (${show(probed)}) is not a port of the container (${ports.join(', ')})`);
  }
  return probed;
}

/** Whether `value` has whitespace or a control character (none belongs in a gRPC service name). */
function hasSpaceOrControl(value: string): boolean {
  return Array.from(value).some(c => c <= ' ' || c === '\u007f' || c.trim() === '');
}
