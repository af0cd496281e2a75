import { Construct } from 'constructs';
import { renderHpa, renderKeda, ScalingPlan, ScalingTarget } from './private/autoscalers';
import { HpaScalingOptions, KedaScalingOptions } from './scaling-options';
import { checkInteger } from './private/input-checks';

/** How a workload's replica count is managed. */
export enum ScalingType {
  /** A fixed replica count in the Deployment. */
  FIXED = 'fixed',
  /** A Kubernetes HorizontalPodAutoscaler (autoscaling/v2). */
  HPA = 'hpa',
  /** A KEDA ScaledObject. */
  KEDA = 'keda',
}

/**
 * How many replicas a workload runs: fixed, a Kubernetes HPA, or KEDA.
 * Exactly one of them owns the replica count, so an HPA and a ScaledObject never fight over a Deployment.
 */
export class Scaling {
  /**
   * A fixed number of replicas, set in the Deployment; 0 pauses the workload.
   */
  public static fixedReplicas(replicas: number): Scaling {
    return new Scaling(ScalingType.FIXED, (scope, _target, prop) => {
      // 0 pauses the workload (no pods, no PodDisruptionBudget).
      checkInteger(scope, `${prop}.replicas`, replicas, 0);
      return { minReplicas: replicas, maxReplicas: replicas, replicas, create: () => ({ triggerAuthentications: [] }) };
    });
  }

  /**
   * An `autoscaling/v2` HorizontalPodAutoscaler on CPU and memory utilization.
   */
  public static hpa(options: HpaScalingOptions = {}): Scaling {
    return new Scaling(ScalingType.HPA, (scope, target, prop) => renderHpa(scope, target, prop, options ?? {}));
  }

  /**
   * A KEDA ScaledObject with the given triggers (plus a TriggerAuthentication per identity the
   * triggers authenticate with).
   */
  public static keda(options: KedaScalingOptions): Scaling {
    return new Scaling(ScalingType.KEDA, (scope, target, prop) => renderKeda(scope, target, prop,
      options ?? ({} as KedaScalingOptions)));
  }

  private constructor(
    /** Which mechanism owns the replica count. */
    public readonly scalingType: ScalingType,
    private readonly render: (scope: Construct, target: ScalingTarget, prop: string) => ScalingPlan,
  ) {}

  /**
   * Validates the options for a workload; the plan creates the autoscaling objects in `scope` when asked.
   * @internal
   */
  public _plan(scope: Construct, target: ScalingTarget): ScalingPlan {
    return this.render(scope, target, 'scaling');
  }
}
