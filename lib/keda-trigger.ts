import { IConstruct } from 'constructs';
import {
  CronTriggerOptions, CustomTriggerOptions, DurableTaskSchedulerTriggerOptions, KedaTriggerOptions, KedaTriggerType,
  PrometheusTriggerOptions, WorkItemType,
} from './keda-trigger-options';
import { checkCron, sameCronSchedule } from './private/cron';
import { renderCustomTrigger } from './private/custom-trigger';
import { checkEnum, checkInteger, fail, show, showUrl } from './private/input-checks';
import {
  checkPrometheusAddress, checkPrometheusAuth, checkReachableUtilization, checkTriggerIdentity,
} from './private/trigger-checks';
import { isTimeZone, timeZoneSpelling } from './private/time-zones';
import { RenderedTrigger, TriggerContext } from './private/trigger-types';
import { warn } from './private/warnings';

/**
 * A KEDA scaler trigger, for {@link Scaling.keda}.
 */
export class KedaTrigger {
  /**
   * The context key that says the cluster's KEDA has the `azure-durabletask-scheduler` scaler (upstream KEDA up to
   * 2.20 does not): set it to `true` on the app, before adding charts, and `durableTaskScheduler()` triggers no
   * longer warn: `app.node.setContext(KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT, true)`. On a chart, it covers
   * that chart's triggers. `false` or unset: a warning per trigger; any other value fails.
   */
  public static readonly DURABLE_TASK_SCHEDULER_SCALER_CONTEXT = 'cdk8s-durable-task:kedaHasDurableTaskSchedulerScaler';

  /**
   * Scale on average CPU utilization, in percent of the containers' CPU requests (at least 1; above 100 targets
   * more than the request, up to the limit).
   */
  public static cpu(utilization: number, options: KedaTriggerOptions = {}): KedaTrigger {
    options = options ?? {};
    return new KedaTrigger(KedaTriggerType.CPU, options.name, (scope, ctx, prop) => {
      checkInteger(scope, `${prop}.utilization`, utilization, 1);
      checkReachableUtilization(scope, `${prop}.utilization`, utilization, 'cpu', ctx.resources);
      return { metricType: 'Utilization', metadata: { value: String(utilization) } };
    });
  }

  /**
   * Scale on average memory utilization, in percent of the containers' memory requests (at least 1; above 100
   * targets more than the request, up to the limit).
   */
  public static memory(utilization: number, options: KedaTriggerOptions = {}): KedaTrigger {
    options = options ?? {};
    return new KedaTrigger(KedaTriggerType.MEMORY, options.name, (scope, ctx, prop) => {
      checkInteger(scope, `${prop}.utilization`, utilization, 1);
      checkReachableUtilization(scope, `${prop}.utilization`, utilization, 'memory', ctx.resources);
      return { metricType: 'Utilization', metadata: { value: String(utilization) } };
    });
  }

  /**
   * Scale on a Prometheus query, optionally authenticated with Azure Workload Identity
   * (Azure Monitor managed Prometheus).
   */
  public static prometheus(options: PrometheusTriggerOptions): KedaTrigger {
    options = options ?? ({} as PrometheusTriggerOptions);
    return new KedaTrigger(KedaTriggerType.PROMETHEUS, options.name, (scope, _ctx, prop) => {
      checkUrl(scope, `${prop}.serverAddress`, options.serverAddress);
      checkPrometheusAddress(scope, `${prop}.serverAddress`, options.serverAddress);
      if (typeof options.query !== 'string' || options.query.trim() === '') {
        fail(scope, `'${prop}.query' (${show(options.query)}) must be a non-empty PromQL query`);
      }
      checkPositive(scope, `${prop}.threshold`, options.threshold);
      checkKedaTarget(scope, `${prop}.threshold`, options.threshold);
      if (options.activationThreshold !== undefined && !(Number.isFinite(options.activationThreshold)
          && options.activationThreshold >= 0)) {
        fail(scope, `'${prop}.activationThreshold' (${show(options.activationThreshold)}) must be a number >= 0`);
      }
      const identity = checkTriggerIdentity(scope, `${prop}.identity`, options.identity);
      checkPrometheusAuth(scope, prop, options.authModes, options.secretRefs);
      if (identity && options.authModes?.length) {
        // Both would set the request's Authorization header: Azure's token or the Secret's credentials.
        fail(scope, `'${prop}.authModes' (${show(options.authModes)}) and '${prop}.identity' both authenticate to `
          + "Prometheus: use 'identity' for Azure Monitor managed Prometheus, 'authModes' with 'secretRefs' for "
          + 'another');
      }
      const metadata: Record<string, string> = {
        serverAddress: options.serverAddress,
        query: options.query,
        threshold: String(options.threshold),
      };
      if (options.activationThreshold !== undefined) {
        metadata.activationThreshold = String(options.activationThreshold);
      }
      if (options.authModes?.length) {
        metadata.authModes = options.authModes.join(',');
      }
      return { metadata, identity, ...(options.secretRefs?.length ? { secretRefs: options.secretRefs } : {}) };
    });
  }

  /**
   * Run `desiredReplicas` within a recurring time window.
   */
  public static cron(options: CronTriggerOptions): KedaTrigger {
    options = options ?? ({} as CronTriggerOptions);
    return new KedaTrigger(KedaTriggerType.CRON, options.name, (scope, _ctx, prop) => {
      if (!isTimeZone(options.timezone)) {
        const spelling = timeZoneSpelling(options.timezone);
        fail(scope, `'${prop}.timezone' (${show(options.timezone)}) must be an IANA time zone, `
          + (spelling ? `spelled as the tz database spells it (KEDA loads it case-sensitively): ${show(spelling)}`
          : 'e.g. "Europe/Amsterdam" or "UTC"'));
      }
      checkCron(scope, `${prop}.start`, options.start);
      checkCron(scope, `${prop}.end`, options.end);
      if (options.start.trim() === options.end.trim()) {
        fail(scope, `'${prop}.end' (${show(options.end)}) must differ from '${prop}.start': KEDA rejects a window that `
          + `starts and ends at the same time`);
      }
      if (sameCronSchedule(options.start, options.end)) {
        // KEDA compares the strings only; with equal next start and end times its cron scaler is always active.
        fail(scope, `'${prop}.end' (${show(options.end)}) fires at the same times as '${prop}.start' `
          + `(${show(options.start)}): KEDA would count the window as always active; make them differ`);
      }
      checkInteger(scope, `${prop}.desiredReplicas`, options.desiredReplicas, 1);
      return {
        metadata: {
          timezone: options.timezone,
          start: options.start,
          end: options.end,
          desiredReplicas: String(options.desiredReplicas),
        },
      };
    });
  }

  /**
   * Scale on the task hub's backlog with the `azure-durabletask-scheduler` scaler.
   *
   * Metadata: `endpoint` and `taskhubName` (from the workload's binding), `maxConcurrentWorkItemsCount` and, when
   * known, `workItemType` — the four fields of Microsoft's documentation ("Configure autoscaling for Durable Task
   * SDK apps in Azure Container Apps", MicrosoftDocs/azure-docs articles/durable-task/sdks/
   * durable-task-scheduler-auto-scaling.md), whose every example sets all four.
   *
   * **Caveat:** upstream KEDA (up to and including 2.20) does not ship this scaler (kedacore/keda
   * pkg/scaling/scalers_builder.go has no such type); it runs on Azure Container Apps. A ScaledObject using it only
   * works on a cluster whose KEDA build includes it — otherwise KEDA reports
   * `no scaler found for type: azure-durabletask-scheduler`. Its source is not public: which fields it requires,
   * its defaults, whether it accepts a TriggerAuthentication with `podIdentity.provider: azure-workload` (Container
   * Apps give it a managed identity instead) and the least role it needs are not documented. Use it only when you
   * know your KEDA has it; `cpu`, `memory` and `prometheus` work everywhere.
   *
   * Each such trigger warns at synth (stderr and construct metadata) unless the context key
   * {@link KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT} is `true`: say once per app that your KEDA has it.
   */
  public static durableTaskScheduler(options: DurableTaskSchedulerTriggerOptions = {}): KedaTrigger {
    options = options ?? {};
    return new KedaTrigger(KedaTriggerType.DURABLE_TASK_SCHEDULER, options.name, (scope, ctx, prop) => {
      if (ctx.endpoint.startsWith('http://')) {
        // Only the local emulator has an http:// endpoint (SchedulerAuthentication.NONE): its NetworkPolicy admits
        // the workloads bound to it, not the KEDA operator, and the scaler authenticates over TLS.
        fail(scope, `'${prop}' (durableTaskScheduler) would have KEDA query the scheduler at `
          + `${show(ctx.endpoint)}, the local DTS emulator, which admits only the workloads bound to it and takes no `
          + 'credentials: scale on cpu or memory, or use Scaling.fixedReplicas, with the emulator');
      }
      warnNotUpstream(scope, prop);
      const maxConcurrent = options.maxConcurrentWorkItemsCount ?? 10;
      checkInteger(scope, `${prop}.maxConcurrentWorkItemsCount`, maxConcurrent, 1);
      checkEnum(scope, `${prop}.workItemType`, options.workItemType, WorkItemType, 'WorkItemType');
      const identity = checkTriggerIdentity(scope, `${prop}.identity`, options.identity);
      if (options.workItemType !== undefined && ctx.workItemType !== undefined
          && options.workItemType !== ctx.workItemType) {
        fail(scope, `'${prop}.workItemType' (${show(options.workItemType)}) differs from the worker's 'workItemType' `
          + `(${show(ctx.workItemType)}): the trigger would scale the worker on work it does not process`);
      }
      const workItemType = options.workItemType ?? ctx.workItemType;
      const metadata: Record<string, string> = {
        endpoint: ctx.endpoint,
        taskhubName: ctx.taskHub,
        maxConcurrentWorkItemsCount: String(maxConcurrent),
      };
      if (workItemType !== undefined) {
        metadata.workItemType = workItemType;
      }
      return { metadata, identity: identity ?? ctx.identity };
    });
  }

  /**
   * A trigger for any scaler of KEDA 2.20 (`azure-servicebus`, `azure-monitor`, `external`, ...): its type is checked
   * against KEDA's list, its metadata passed as string pairs, and its authentication (workload identity, Secret
   * keys) put in a TriggerAuthentication.
   */
  public static custom(scalerType: string, options: CustomTriggerOptions): KedaTrigger {
    return new KedaTrigger(KedaTriggerType.CUSTOM, options?.name, (scope, _ctx, prop) =>
      renderCustomTrigger(scope, prop, scalerType, options), scalerType);
  }

  /** The trigger name, if given. */
  public readonly name?: string;
  /** The KEDA scaler type, e.g. `cpu` or `azure-servicebus`. */
  public readonly scalerType: string;

  private constructor(
    /** The scaler type. */
    public readonly triggerType: KedaTriggerType,
    name: string | undefined,
    private readonly render: (scope: IConstruct, ctx: TriggerContext, prop: string) =>
      Omit<RenderedTrigger, 'type' | 'name'>,
    scalerType?: string,
  ) {
    this.name = name;
    this.scalerType = scalerType ?? triggerType;
  }

  /**
   * Validates and renders the trigger for a workload.
   * @internal
   */
  public _render(scope: IConstruct, ctx: TriggerContext, prop: string): RenderedTrigger {
    // KEDA takes any trigger name, as long as it is unique within the ScaledObject (kedacore/keda
    // apis/keda/v1alpha1/scaletriggers_types.go `ValidateTriggers`; checked with the other triggers): it names the
    // trigger in metrics and logs only. An empty one is no name to KEDA, so it is a mistake here.
    if (this.name !== undefined && (typeof this.name !== 'string' || this.name.trim() === '')) {
      fail(scope, `'${prop}.name' (${show(this.name)}) must be a non-empty string (KEDA takes any name that is unique `
        + 'within the ScaledObject); leave it out for an unnamed trigger');
    }
    return { type: this.scalerType, name: this.name, ...this.render(scope, ctx, prop) };
  }
}

function checkPositive(scope: IConstruct, prop: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    fail(scope, `'${prop}' (${show(value)}) must be a number > 0`);
  }
}

/**
 * A metric target KEDA hands to the HPA: KEDA renders it as a quantity with three decimals (pkg/scalers
 * `GenerateMetricInMili`/`quantityFromFloat64`, '%.3f'), so a target below 0.001 becomes 0, which the HPA rejects
 * ("must be positive").
 */
function checkKedaTarget(scope: IConstruct, prop: string, value: number): void {
  if (value < 0.001) {
    fail(scope, `'${prop}' (${show(value)}) must be >= 0.001: KEDA rounds the target to three decimals, and a target `
      + 'of 0 is rejected by the HPA; scale the query instead (e.g. multiply it by 1000)');
  }
}

function checkUrl(scope: IConstruct, prop: string, value: string): void {
  let ok = false;
  try {
    const url = new URL(value);
    ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    ok = false;
  }
  if (!ok) {
    fail(scope, `'${prop}' (${showUrl(value)}) must be an http:// or https:// URL`);
  }
}

/**
 * The `azure-durabletask-scheduler` scaler is not in upstream KEDA: say so where the user looks, once per trigger, as
 * construct metadata (type `warning`) and one line on stderr naming the construct path, unless the context says the
 * cluster's KEDA has it. Checked again in 2026-11: the newest KEDA release is v2.20.2, and kedacore/keda
 * main (8b4f083, 2026-08-20) has no such type in pkg/scaling/scalers_builder.go `buildScaler` nor in its CHANGELOG's
 * Unreleased scalers; Microsoft documents the scaler for Azure Container Apps only (MicrosoftDocs/azure-docs
 * articles/durable-task/sdks/durable-task-scheduler-auto-scaling.md), with no KEDA build for Kubernetes.
 */
function warnNotUpstream(scope: IConstruct, prop: string): void {
  const key = KedaTrigger.DURABLE_TASK_SCHEDULER_SCALER_CONTEXT;
  const acknowledged = scope.node.tryGetContext(key);
  if (acknowledged === true) return;
  if (acknowledged !== undefined && acknowledged !== false) {
    fail(scope, `context ${show(key)} (${show(acknowledged)}), read by '${prop}' (durableTaskScheduler), must be true `
      + "(the cluster's KEDA has the azure-durabletask-scheduler scaler: no warning) or false (a warning per trigger)");
  }
  const message = `'${prop}' uses the KEDA scaler '${KedaTriggerType.DURABLE_TASK_SCHEDULER}', which upstream KEDA `
    + '(up to 2.20) does not ship: the ScaledObject works only on a cluster whose KEDA build includes it (Azure '
    + 'Container Apps); elsewhere KEDA reports "no scaler found". Scale on cpu, memory or prometheus there. If your '
    + `KEDA has it, say so once for the app to silence this warning: app.node.setContext(${show(key)}, true)`;
  warn(scope, message);
}
