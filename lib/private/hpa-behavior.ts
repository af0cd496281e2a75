import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { ScalingPolicySelect, ScalingPolicyType, ScalingRules } from '../scaling-options';
import { checkArray, checkInteger, checkOptions, fail, show } from './input-checks';

/** The standard AKS guide's scale-up: fast, no stabilization. */
function defaultScaleUp(): k8s.HpaScalingRulesV2 {
  return {
    stabilizationWindowSeconds: 0,
    policies: [
      { type: 'Percent', value: 100, periodSeconds: 15 },
      { type: 'Pods', value: 4, periodSeconds: 15 },
    ],
    selectPolicy: 'Max',
  };
}

/** The standard AKS guide's scale-down: slow, after 5 minutes of lower load. */
function defaultScaleDown(): k8s.HpaScalingRulesV2 {
  return {
    stabilizationWindowSeconds: 300,
    policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }],
  };
}

/**
 * One direction of an HPA's behavior, checked as the API server does (autoscaling/v2 validation: stabilization
 * 0-3600 s, at least one policy, each policy's value > 0 and period 1-1800 s). Unset fields keep `fallback`'s.
 */
function renderRules(scope: IConstruct, prop: string, rules: ScalingRules | undefined,
  fallback: k8s.HpaScalingRulesV2 | undefined): k8s.HpaScalingRulesV2 | undefined {
  checkOptions(scope, prop, rules);
  if (rules === undefined) {
    return fallback;
  }
  if (rules.stabilizationWindowSeconds !== undefined) {
    checkInteger(scope, `${prop}.stabilizationWindowSeconds`, rules.stabilizationWindowSeconds, 0, 3600);
  }
  checkArray(scope, `${prop}.policies`, rules.policies);
  const policies = rules.policies?.map((policy, i) => {
    const at = `${prop}.policies[${i}]`;
    if (!Object.values(ScalingPolicyType).includes(policy?.policyType)) {
      fail(scope, `'${at}.policyType' (${show(policy?.policyType)}) must be ScalingPolicyType.PODS or PERCENT`);
    }
    checkInteger(scope, `${at}.value`, policy.value, 1);
    checkInteger(scope, `${at}.periodSeconds`, policy.periodSeconds, 1, 1800);
    return { type: policy.policyType, value: policy.value, periodSeconds: policy.periodSeconds };
  });
  if (policies !== undefined && policies.length === 0) {
    fail(scope, `'${prop}.policies' is empty: give at least one policy, or leave it out for the default`);
  }
  if (rules.selectPolicy !== undefined && !Object.values(ScalingPolicySelect).includes(rules.selectPolicy)) {
    fail(scope, `'${prop}.selectPolicy' (${show(rules.selectPolicy)}) must be `
      + `ScalingPolicySelect.MAX, MIN or DISABLED`);
  }
  const base = fallback ?? {};
  return {
    stabilizationWindowSeconds: rules.stabilizationWindowSeconds ?? base.stabilizationWindowSeconds,
    policies: policies ?? base.policies ?? defaultPolicies(prop),
    selectPolicy: rules.selectPolicy ?? base.selectPolicy,
  };
}

/** The guide's policies of a direction, for a KEDA rule that gives none (the API server requires one). */
function defaultPolicies(prop: string): k8s.HpaScalingPolicyV2[] {
  return (prop.endsWith('scaleUp') ? defaultScaleUp() : defaultScaleDown()).policies!;
}

/** Behavior of the HPA a Scaling.hpa() creates: the guide's defaults, with the user's rules on top. */
export function renderHpaBehavior(scope: IConstruct, prop: string, scaleUp: ScalingRules | undefined,
  scaleDown: ScalingRules | undefined): k8s.HorizontalPodAutoscalerBehaviorV2 {
  return {
    scaleDown: renderRules(scope, `${prop}.scaleDown`, scaleDown, defaultScaleDown()),
    scaleUp: renderRules(scope, `${prop}.scaleUp`, scaleUp, defaultScaleUp()),
  };
}

/** Behavior of the HPA KEDA manages: only what the user sets (KEDA's and the HPA's defaults otherwise). */
export function renderKedaBehavior(scope: IConstruct, prop: string, scaleUp: ScalingRules | undefined,
  scaleDown: ScalingRules | undefined): k8s.HorizontalPodAutoscalerBehaviorV2 | undefined {
  const up = renderRules(scope, `${prop}.scaleUp`, scaleUp, undefined);
  const down = renderRules(scope, `${prop}.scaleDown`, scaleDown, undefined);
  if (!up && !down) {
    return undefined;
  }
  return { ...(down ? { scaleDown: down } : {}), ...(up ? { scaleUp: up } : {}) };
}
