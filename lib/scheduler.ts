import { IConstruct } from 'constructs';
import { IDurableTaskSchedulerEmulator } from './emulator-binding';
import { WorkloadIdentity } from './identity';
import { EnvironmentVariable } from './environment';
import { checkEnvName, fail, show, showUrl } from './private/input-checks';

/**
 * How the Durable Task SDK authenticates to the scheduler, as written in a connection string's
 * `Authentication=` part.
 */
export enum SchedulerAuthentication {
  /** Managed identity; with a workload identity its client id is added as `ClientID=`. */
  MANAGED_IDENTITY = 'ManagedIdentity',
  /** Azure Workload Identity (federated token); its client id is added as `ClientID=`. */
  WORKLOAD_IDENTITY = 'WorkloadIdentity',
  /** The Azure SDK's DefaultAzureCredential chain (which includes workload identity). */
  DEFAULT_AZURE = 'DefaultAzure',
  /** No authentication: only for the local DTS emulator. */
  NONE = 'None',
}

/** Options for {@link DurableTaskScheduler.fromEndpoint}. */
export interface DurableTaskSchedulerOptions {
  /**
   * Name of the environment variable that carries the scheduler endpoint. The Durable Task SDKs read no
   * environment variable themselves; the app's code does. The Durable Task SDK samples
   * (Azure-Samples/Durable-Task-Scheduler samples/durable-task-sdks, Python, .NET, Java and JavaScript) read
   * `ENDPOINT`.
   *
   * @default 'DTS_ENDPOINT'
   */
  readonly endpointEnvName?: string;

  /**
   * Name of the environment variable that carries the task hub name. The Durable Task SDK samples read `TASKHUB`;
   * the Durable Functions samples name the hub `%TASKHUB_NAME%` in host.json.
   *
   * @default 'TASKHUB_NAME'
   */
  readonly taskHubEnvName?: string;

  /**
   * Also set a full connection string (`Endpoint=...;TaskHub=...;Authentication=...[;ClientID=...][;TenantId=...]`)
   * in an environment variable of this name: `DURABLE_TASK_SCHEDULER_CONNECTION_STRING` for Durable Functions
   * (host.json `storageProvider.connectionStringName` in the samples) and some .NET SDK samples,
   * `DTS_CONNECTION_STRING` or `DURABLE_TASK_CONNECTION_STRING` (Java samples) elsewhere. Keys as the SDKs parse
   * them (microsoft/durabletask-dotnet src/Shared/AzureManaged/DurableTaskSchedulerConnectionString.cs,
   * durabletask-java azuremanaged DurableTaskSchedulerConnectionString.java, whose keys are case-sensitive):
   * `Endpoint`, `TaskHub` and `Authentication` required, `ClientID` and `TenantId` optional.
   *
   * @default - no connection string variable
   */
  readonly connectionStringEnvName?: string;

  /**
   * The `Authentication=` part of the connection string.
   *
   * @default SchedulerAuthentication.WORKLOAD_IDENTITY when the workload has a workload identity,
   * SchedulerAuthentication.DEFAULT_AZURE otherwise
   */
  readonly authentication?: SchedulerAuthentication;
}

/**
 * A Durable Task Scheduler, addressed by its endpoint URL, and how workloads find it
 * (environment variable names, connection string).
 */
export class DurableTaskScheduler {
  /**
   * The scheduler at this endpoint, e.g. `https://myscheduler.westus2.durabletask.io`.
   *
   * The endpoint is used as given (it is opaque: some regions have extra labels such as
   * `https://name.region.1.durabletask.io`); it must be an `https://` URL without path or query.
   */
  public static fromEndpoint(endpoint: string, options: DurableTaskSchedulerOptions = {}): DurableTaskScheduler {
    // null (plain JavaScript) is no options, as undefined is.
    return new DurableTaskScheduler(endpoint, options ?? {});
  }

  /**
   * The DTS emulator running in the cluster (DurableTaskSchedulerEmulator): its in-cluster `http://` endpoint with
   * `Authentication=None` (the SDKs send credentials only over TLS, and the emulator needs none). Every workload
   * bound to it adds its task hub to the emulator's `DTS_TASK_HUB_NAMES` and gets an egress NetworkPolicy to the
   * emulator's gRPC port.
   */
  public static fromEmulator(emulator: IDurableTaskSchedulerEmulator,
    options: DurableTaskSchedulerOptions = {}): DurableTaskScheduler {
    if (!emulator || typeof emulator.endpoint !== 'string' || typeof emulator.node?.path !== 'string') {
      throw new Error(`DurableTaskScheduler.fromEmulator: 'emulator' (${show(emulator)}) must be a `
        + 'DurableTaskSchedulerEmulator');
    }
    // A JavaScript caller may pass null for the optional options.
    options = options ?? {};
    return new DurableTaskScheduler(emulator.endpoint,
      { ...options, authentication: options.authentication ?? SchedulerAuthentication.NONE }, emulator);
  }

  /** Name of the variable that carries the endpoint. */
  public readonly endpointEnvName: string;
  /** Name of the variable that carries the task hub name. */
  public readonly taskHubEnvName: string;
  /** Name of the variable that carries the connection string, if any. */
  public readonly connectionStringEnvName?: string;
  /** Explicit connection string authentication, if any. */
  public readonly authentication?: SchedulerAuthentication;
  /**
   * The in-cluster emulator, when the binding was made with `fromEmulator`.
   *
   * @default - none (a scheduler in Azure)
   */
  public readonly emulator?: IDurableTaskSchedulerEmulator;

  private constructor(
    /** The scheduler endpoint URL. */
    public readonly endpoint: string,
    options: DurableTaskSchedulerOptions,
    emulator?: IDurableTaskSchedulerEmulator,
  ) {
    this.emulator = emulator;
    this.endpointEnvName = options.endpointEnvName ?? 'DTS_ENDPOINT';
    this.taskHubEnvName = options.taskHubEnvName ?? 'TASKHUB_NAME';
    this.connectionStringEnvName = options.connectionStringEnvName;
    this.authentication = options.authentication;
  }

  /** Names of every environment variable this binding sets. */
  public get envNames(): string[] {
    return [this.endpointEnvName, this.taskHubEnvName,
      ...(this.connectionStringEnvName ? [this.connectionStringEnvName] : [])];
  }

  /**
   * The connection string for a task hub, as the Durable Task SDKs parse it.
   */
  public connectionString(taskHub: string, identity?: WorkloadIdentity): string {
    const authentication = this.authentication
      ?? (identity ? SchedulerAuthentication.WORKLOAD_IDENTITY : SchedulerAuthentication.DEFAULT_AZURE);
    const parts = [`Endpoint=${this.endpoint}`, `TaskHub=${taskHub}`, `Authentication=${authentication}`];
    const takesClientId = authentication === SchedulerAuthentication.WORKLOAD_IDENTITY
      || authentication === SchedulerAuthentication.MANAGED_IDENTITY;
    // Key case matters: the Java SDK reads keys case-sensitively.
    if (identity && takesClientId) {
      // A client id from a ConfigMap is known only in the pod: Kubernetes expands $(AZURE_CLIENT_ID), which the
      // container sets before this variable.
      parts.push(`ClientID=${identity.clientId ?? '$(AZURE_CLIENT_ID)'}`);
      if (identity.tenantId && authentication === SchedulerAuthentication.WORKLOAD_IDENTITY) {
        parts.push(`TenantId=${identity.tenantId}`);
      }
    }
    return parts.join(';');
  }

  /**
   * The environment variables a workload on `taskHub` gets.
   */
  public renderEnv(taskHub: string, identity?: WorkloadIdentity): EnvironmentVariable[] {
    const env: EnvironmentVariable[] = [
      { name: this.endpointEnvName, value: this.endpoint },
      { name: this.taskHubEnvName, value: taskHub },
    ];
    if (this.connectionStringEnvName) {
      env.push({ name: this.connectionStringEnvName, value: this.connectionString(taskHub, identity) });
    }
    return env;
  }

  /**
   * Checks the endpoint and variable names in the context of the construct that uses them.
   * @internal
   */
  public _validate(scope: IConstruct): void {
    const allowed = 'an https:// URL with a host and no path, query or credentials, e.g. "https://myscheduler.westus2.durabletask.io"';
    let url: URL | undefined;
    try {
      url = new URL(this.endpoint);
    } catch {
      url = undefined;
    }
    const emulator = this.authentication === SchedulerAuthentication.NONE;
    if (!url || (url.protocol !== 'https:' && !(emulator && url.protocol === 'http:')) || url.hostname === ''
      || url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== ''
      || (url.pathname !== '/' && url.pathname !== '') || /\s/.test(String(this.endpoint))
      // The Java SDK recognizes only a lowercase "https://" or "http://" at the start of the endpoint.
      || !/^https?:\/\//.test(this.endpoint)) {
      const hint = url && /^https?:\/\//i.test(this.endpoint) && !/^https?:\/\//.test(this.endpoint)
        ? ': write the scheme in lowercase (the Java SDK recognizes only "https://" and "http://")'
        : url?.protocol === 'http:' && !emulator
          ? ': the Durable Task SDKs send credentials only over TLS, so an http:// endpoint (the local DTS emulator) '
            + 'needs SchedulerAuthentication.NONE'
          : '';
      fail(scope, `'scheduler.endpoint' (${showUrl(this.endpoint)}) must be ${allowed}${hint}`);
    }
    if (url.protocol === 'https:' && url.port !== '') {
      // url.port is '' for the default port (443, written or not). A scheduler behind another port would be
      // unreachable: the namespace baseline's HTTPS egress policy opens TCP 443 only.
      fail(scope, `'scheduler.endpoint' (${showUrl(this.endpoint)}) has port ${url.port}: Durable Task Scheduler `
        + "endpoints serve on 443, the only port the namespace baseline's HTTPS egress allows; drop the port, e.g. "
        + `${show(`https://${url.hostname}`)}`);
    }
    if (emulator && url.protocol !== 'http:') {
      fail(scope, `'scheduler.authentication' (None) sends no credentials, which only the local DTS emulator accepts: `
        + `use it with the emulator's http:// endpoint, not ${showUrl(this.endpoint)}`);
    }
    checkEnvName(scope, 'scheduler.endpointEnvName', this.endpointEnvName);
    checkEnvName(scope, 'scheduler.taskHubEnvName', this.taskHubEnvName);
    if (this.connectionStringEnvName !== undefined) {
      checkEnvName(scope, 'scheduler.connectionStringEnvName', this.connectionStringEnvName);
    }
    const props: Array<[string, string | undefined]> = [['endpointEnvName', this.endpointEnvName],
      ['taskHubEnvName', this.taskHubEnvName], ['connectionStringEnvName', this.connectionStringEnvName]];
    for (const [i, [prop, name]] of props.entries()) {
      const first = props.findIndex(([, other]) => other === name);
      if (name !== undefined && first !== i) {
        fail(scope, `'scheduler.${prop}' (${show(name)}) is also 'scheduler.${props[first][0]}': the scheduler's `
          + 'environment variable names must differ');
      }
    }
  }
}
