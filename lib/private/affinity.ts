import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { NodeAffinityRule, NodeSelectorOperator, PodAffinityRule } from '../placement';
import {
  checkArray, checkBoolean, checkDnsLabel, checkElement, checkInteger, checkLabelKey, checkLabelValue, fail, show,
} from './input-checks';
import { checkedEntries } from './object-metadata';

/** Largest value of a Gt/Lt node affinity rule: the scheduler reads it as an int64. */
const INT64_MAX = 2n ** 63n - 1n;

/** Node and pod (anti-)affinity from the workload's rules; undefined when there are none. */
export function renderAffinity(scope: IConstruct, nodeRules: readonly NodeAffinityRule[] | undefined,
  podRules: readonly PodAffinityRule[] | undefined): k8s.Affinity | undefined {
  checkArray(scope, 'nodeAffinity', nodeRules);
  checkArray(scope, 'podAffinity', podRules);
  const nodeAffinity = renderNodeAffinity(scope, nodeRules ?? []);
  const pod = renderPodAffinity(scope, podRules ?? []);
  if (!nodeAffinity && !pod.podAffinity && !pod.podAntiAffinity) {
    return undefined;
  }
  return { nodeAffinity, ...pod };
}

function checkWeight(scope: IConstruct, prop: string, weight: number | undefined): void {
  if (weight !== undefined) {
    checkInteger(scope, `${prop}.weight`, weight, 1, 100);
  }
}

function nodeRequirement(scope: IConstruct, prop: string, rule: NodeAffinityRule): k8s.NodeSelectorRequirement {
  checkLabelKey(scope, `${prop}.key`, rule.key);
  if (!Object.values(NodeSelectorOperator).includes(rule.matchOperator)) {
    fail(scope, `'${prop}.matchOperator' (${show(rule.matchOperator)}) must be a NodeSelectorOperator `
      + `(${Object.values(NodeSelectorOperator).join(', ')})`);
  }
  const values = rule.values ?? [];
  checkArray(scope, `${prop}.values`, rule.values);
  const op = rule.matchOperator;
  if ((op === NodeSelectorOperator.IN || op === NodeSelectorOperator.NOT_IN) && values.length === 0) {
    fail(scope, `'${prop}.values' is empty: ${op} needs at least one value`);
  }
  if ((op === NodeSelectorOperator.EXISTS || op === NodeSelectorOperator.DOES_NOT_EXIST) && values.length > 0) {
    fail(scope, `'${prop}.values' (${show(values)}) must be empty for ${op}`);
  }
  if ((op === NodeSelectorOperator.GT || op === NodeSelectorOperator.LT)
    && (values.length !== 1 || !/^-?[0-9]+$/.test(String(values[0])))) {
    fail(scope, `'${prop}.values' (${show(values)}) must be exactly one integer for ${op}`);
  }
  if ((op === NodeSelectorOperator.GT || op === NodeSelectorOperator.LT) && BigInt(String(values[0])) > INT64_MAX) {
    // The scheduler parses it with strconv.ParseInt(value, 10, 64): a larger value leaves the pod unschedulable.
    fail(scope, `'${prop}.values' (${show(values)}) is beyond the 64-bit integer the scheduler compares with `
      + `(at most ${INT64_MAX}): the pods would never be scheduled`);
  }
  values.forEach((v, i) => checkLabelValue(scope, `${prop}.values[${i}]`, v));
  return { key: rule.key, operator: op, ...(values.length > 0 ? { values } : {}) };
}

function renderNodeAffinity(scope: IConstruct, rules: readonly NodeAffinityRule[]): k8s.NodeAffinity | undefined {
  const required: k8s.NodeSelectorRequirement[] = [];
  const preferred: k8s.PreferredSchedulingTerm[] = [];
  rules.forEach((rule, i) => {
    const prop = `nodeAffinity[${i}]`;
    checkElement(scope, prop, rule, 'a node affinity rule: { key, matchOperator, values?, weight? }');
    checkWeight(scope, prop, rule.weight);
    const requirement = nodeRequirement(scope, prop, rule);
    if (rule.weight === undefined) {
      required.push(requirement);
    } else {
      preferred.push({ weight: rule.weight, preference: { matchExpressions: [requirement] } });
    }
  });
  if (required.length === 0 && preferred.length === 0) {
    return undefined;
  }
  return {
    // All required rules in one term: a node must match every one of them (terms would be ORed).
    ...(required.length > 0
      ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: required }] } }
      : {}),
    ...(preferred.length > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
  };
}

function renderPodAffinity(scope: IConstruct, rules: readonly PodAffinityRule[]):
{ podAffinity?: k8s.PodAffinity; podAntiAffinity?: k8s.PodAntiAffinity } {
  const groups = { near: { required: [] as k8s.PodAffinityTerm[], preferred: [] as k8s.WeightedPodAffinityTerm[] },
    away: { required: [] as k8s.PodAffinityTerm[], preferred: [] as k8s.WeightedPodAffinityTerm[] } };
  rules.forEach((rule, i) => {
    const prop = `podAffinity[${i}]`;
    checkElement(scope, prop, rule, 'a pod affinity rule: { podLabels, topologyKey, anti?, weight?, namespaces? }');
    checkWeight(scope, prop, rule.weight);
    checkBoolean(scope, `${prop}.anti`, rule.anti);
    const labels = checkedEntries(scope, `${prop}.podLabels`, rule.podLabels, 'label');
    if (Object.keys(labels).length === 0) {
      fail(scope, `'${prop}.podLabels' is empty: give the labels of the pods to run near or away from`);
    }
    checkLabelKey(scope, `${prop}.topologyKey`, rule.topologyKey);
    checkArray(scope, `${prop}.namespaces`, rule.namespaces);
    rule.namespaces?.forEach((ns, n) => checkDnsLabel(scope, `${prop}.namespaces[${n}]`, ns));
    const term: k8s.PodAffinityTerm = {
      labelSelector: { matchLabels: labels },
      topologyKey: rule.topologyKey,
      ...(rule.namespaces ? { namespaces: rule.namespaces } : {}),
    };
    const group = rule.anti ? groups.away : groups.near;
    if (rule.weight === undefined) {
      group.required.push(term);
    } else {
      group.preferred.push({ weight: rule.weight, podAffinityTerm: term });
    }
  });
  const render = (g: typeof groups.near) => (g.required.length + g.preferred.length === 0 ? undefined : {
    ...(g.required.length > 0 ? { requiredDuringSchedulingIgnoredDuringExecution: g.required } : {}),
    ...(g.preferred.length > 0 ? { preferredDuringSchedulingIgnoredDuringExecution: g.preferred } : {}),
  });
  return { podAffinity: render(groups.near), podAntiAffinity: render(groups.away) };
}
