import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { NamespaceBaselineOptions } from './namespace-baseline-options';
import {
  defaultEphemeralStorageBytes, renderBaselinePolicies, renderLimitRange, renderNamespace, renderResourceQuota,
} from './private/baseline-objects';
import { checkArray, checkOptions, checkOwnNamespace, fail, show } from './private/input-checks';
import { commonLabels } from './private/labels';
import {
  loadBalancerShortfall, namespaceServices, QuotaConsumer, QuotaLimits, QuotaTotals, serviceShortfall,
} from './private/quota';
import { DurableRegistry, namespaceLoadBalancers, namespaceWorkloads, ONE_APP_PER_CLUSTER } from './private/registry';

/** Props of {@link NamespaceBaseline}. */
export interface NamespaceBaselineProps extends NamespaceBaselineOptions {
  /**
   * The namespace (a DNS-1123 label), which must be the namespace of the chart.
   *
   * @default - the namespace of the chart
   */
  readonly namespaceName?: string;
}

/**
 * The security and capacity baseline of a namespace that hosts Durable Task workloads: the Namespace with
 * Pod Security Admission `restricted` enforced, a ResourceQuota and LimitRange, and NetworkPolicies that
 * deny all traffic except DNS and HTTPS egress. Workloads add their own allow rules (e.g. DurableApi admits
 * its ingress controller).
 */
export class NamespaceBaseline extends Construct {
  /** The namespace name. */
  public readonly namespaceName: string;
  /**
   * The Namespace object.
   *
   * @default - none when `createNamespace` is false (an adopted namespace)
   */
  public readonly namespaceObject?: k8s.KubeNamespace;
  /** The ResourceQuota. */
  public readonly resourceQuota: k8s.KubeResourceQuota;
  /** The LimitRange. */
  public readonly limitRange: k8s.KubeLimitRange;
  /** The NetworkPolicies: default deny, DNS egress, HTTPS egress. */
  public readonly networkPolicies: k8s.KubeNetworkPolicy[];

  public constructor(scope: Construct, id: string, props: NamespaceBaselineProps = {}) {
    super(scope, id);
    checkOptions(this, 'props', props);
    const namespaceName = props.namespaceName ?? chartNamespace(this);
    for (const options of ['quota', 'limitRange'] as const) {
      checkOptions(this, options, props[options]);
    }
    checkArray(this, 'httpsEgressCidrs', props.httpsEgressCidrs);
    if (props.createNamespace !== undefined && typeof props.createNamespace !== 'boolean') {
      fail(this, `'createNamespace' (${show(props.createNamespace)}) must be true or false`);
    }
    if (props.createNamespace === false && props.podSecurityVersion !== undefined) {
      fail(this, `'podSecurityVersion' (${show(props.podSecurityVersion)}) needs 'createNamespace' true: an adopted `
        + "namespace keeps the platform's Pod Security labels");
    }
    checkOwnNamespace(this, 'namespaceName', namespaceName);
    this.checkChartNamespace(namespaceName);
    this.namespaceName = namespaceName;
    const labels = commonLabels(namespaceName);
    this.namespaceObject = props.createNamespace === false ? undefined
      : renderNamespace(this, namespaceName, props.podSecurityVersion ?? 'v1.33', labels);
    const { quota, limits } = renderResourceQuota(this, props.quota, labels);
    this.resourceQuota = quota;
    this.limitRange = renderLimitRange(this, props.limitRange, labels,
      props.quota?.requestsEphemeralStorage !== undefined);
    this.networkPolicies = renderBaselinePolicies(this, props.httpsEgressCidrs, labels);
    this.register({ ...limits, defaultEphemeralStorage: defaultEphemeralStorageBytes(props.limitRange) });
  }

  private checkChartNamespace(namespace: string): void {
    const chartNamespace = Chart.of(this).namespace;
    if (chartNamespace === undefined) {
      fail(this, `has no namespace: create it in a Chart with the 'namespace' ${show(namespace)} `
        + "(its 'namespaceName'), so that the quota and policies apply to the chart's workloads");
    }
    if (chartNamespace !== namespace) {
      fail(this, `'namespaceName' (${show(namespace)}) must be the namespace of its chart (${show(chartNamespace)}), `
        + "so that the quota and policies apply to the chart's workloads");
    }
  }

  /**
   * Claims the namespace, and checks that its quota fits the namespace's workloads: they may be added after the
   * baseline, in any chart of the namespace. The totals only grow, so the check runs each time a workload joins and
   * fails at the first one the quota cannot admit (a validation would run once for every chart cdk8s renders).
   */
  private register(limits: QuotaLimits): void {
    const registry = DurableRegistry.of(this);
    registry.claim(this, { kind: 'Namespace', key: this.namespaceName }, first =>
      `'namespaceName' (${show(this.namespaceName)}) is already created by ${first}: every tenant `
        + `needs a namespace of its own${ONE_APP_PER_CLUSTER}`);
    const workloads = registry.membersOf<QuotaConsumer>(namespaceWorkloads(this.namespaceName));
    const loadBalancers = registry.membersOf(namespaceLoadBalancers(this.namespaceName));
    const services = registry.membersOf(namespaceServices(this.namespaceName));
    const totals = new QuotaTotals(workloads);
    const check = (): void => {
      const errors = [...totals.shortfalls(limits), ...loadBalancerShortfall(limits, loadBalancers),
        ...serviceShortfall(limits, services)];
      if (errors.length > 0) {
        fail(this, errors.join(`\n${this.node.path}: `));
      }
    };
    registry.watch(namespaceWorkloads(this.namespaceName), check);
    registry.watch(namespaceLoadBalancers(this.namespaceName), check);
    registry.watch(namespaceServices(this.namespaceName), check);
  }
}

/** The namespace of the baseline's chart: its default 'namespaceName'. */
function chartNamespace(baseline: NamespaceBaseline): string {
  const namespace = Chart.of(baseline).namespace;
  if (namespace === undefined) {
    fail(baseline, "'namespaceName' is required when the chart has no namespace: give the namespace, e.g. \"orders\", "
      + "and create the baseline in a Chart with that 'namespace', so that the quota and policies apply to the "
      + "chart's workloads");
  }
  return namespace;
}
