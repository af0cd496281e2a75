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
      if (options.port !== undefined) {
        checkPort(scope, `${prop}.port`, options.port);
      }
      const port = options.port ?? ports[0];
      if (port === undefined || ports.length === 0) {
        fail(scope, `'${prop}' is an HTTP probe but the container has no port: set 'port' on the `
          + `workload or use HealthProbe.exec()`);
      }
      if (!ports.includes(port)) {
        fail(scope, `'${prop}.port' (${show(port)}) is not a port of the container (${ports.join(', ')})`);
      }
      return { httpGet: { path, port: k8s.IntOrString.fromNumber(port) } };
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
