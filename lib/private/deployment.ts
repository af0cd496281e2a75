import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { show } from './input-checks';
import { DurableRegistry } from './registry';

/** What a DurableDeployment checks when it is rendered, about the workload it belongs to. */
export interface RenderedDeploymentRules {
  /** Path of the workload construct, which errors name. */
  readonly workload: IConstruct;
  /** Name of the Deployment. */
  readonly name: string;
  /** Namespace of the Deployment. */
  readonly namespace: string;
  /** The autoscaler the workload created, if any (created after the Deployment). */
  readonly autoscaler: () => ApiObject | undefined;
}

/**
 * The workload's Deployment. It adds what the typed 1.28 classes cannot express, and checks at render time what
 * only the finished app shows.
 *
 * - A `preStop` sleep action (Kubernetes 1.30+) is newer than the typed classes, whose toJson drops unknown
 *   fields, so it is added after rendering.
 * - Rules on what users add around the construct (an autoscaler created by hand anywhere in the namespace, a JSON
 *   patch that sets `spec.replicas` under an autoscaler) are checked here: rendering happens once per synth, so the
 *   check costs one look at the namespace's charts per synth instead of one per validation pass (cdk8s validates
 *   the whole app again for every chart it renders).
 */
export class DurableDeployment extends k8s.KubeDeployment {
  private patched = false;

  public constructor(scope: Construct, id: string, private readonly rules: RenderedDeploymentRules,
    private readonly containerName: string, private readonly preStopSleepSeconds: number | undefined,
    props: k8s.KubeDeploymentProps) {
    super(scope, id, props);
  }

  public override addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    this.patched = true;
  }

  public override toJson(): any {
    const json = super.toJson();
    // By name: a user's JSON patch may have added containers (sidecars) in front of ours.
    const container = json.spec.template.spec.containers.find((c: { name: string }) => c.name === this.containerName);
    if (this.preStopSleepSeconds !== undefined && container
      && container.lifecycle === undefined) {
      container.lifecycle = { preStop: { sleep: { seconds: this.preStopSleepSeconds } } };
    }
    checkReplicaOwner(this.rules, this.patched ? json.spec?.replicas : undefined);
    return json;
  }
}

/** Exactly one thing owns the replica count: the Deployment (fixed replicas) or one autoscaler. */
function checkReplicaOwner(rules: RenderedDeploymentRules, patchedReplicas: unknown): void {
  const { workload, name, namespace } = rules;
  const autoscaler = rules.autoscaler();
  const autoscalers = [
    ...(autoscaler ? [autoscaler] : []),
    ...autoscalersTargeting(workload.node.root, namespace, name).filter(a => a !== autoscaler),
  ];
  const fail = (message: string): never => {
    throw new Error(`${workload.node.path}: ${message}`);
  };
  if (autoscalers.length > 1) {
    const list = autoscalers.map(a => `${a.kind} ${a.node.path}`).join(', ');
    fail(`Deployment ${show(name)} has ${autoscalers.length} autoscalers (${list}): an HPA and a ScaledObject `
      + "(or two of either) must never target the same Deployment: let 'scaling' make the one autoscaler");
  }
  if (!autoscaler && autoscalers.length > 0) {
    // Fixed replicas in the Deployment and an autoscaler added by hand would fight over the count.
    fail(`Deployment ${show(name)} has fixed replicas but ${autoscalers[0].kind} ${autoscalers[0].node.path} targets `
      + "it: use 'scaling' (Scaling.hpa(...) or Scaling.keda(...)) instead of adding an autoscaler");
  }
  // The construct sets no replicas under its own autoscaler; only a user's JSON patch can.
  if (autoscaler && patchedReplicas !== undefined) {
    fail(`Deployment ${show(name)} is autoscaled ('scaling') but a patch sets spec.replicas `
      + `(${show(patchedReplicas)}), which the autoscaler owns: remove the replicas override`);
  }
}

/**
 * Every HorizontalPodAutoscaler or ScaledObject in the app that targets Deployment `name` in `namespace`. During a
 * linear synth (DurableApp, or a plain App holding the library's constructs) it reads the registry's index of the
 * app's autoscalers (built once per synth). Otherwise (cdk8s's own synth, Testing.synth) it looks
 * through every construct outside charts and through the whole subtree of each chart of that namespace (nested
 * constructs and charts included); charts of other namespaces are not searched then, and the manifest validator's
 * `autoscaler-conflict` rule covers an object there that sets `metadata.namespace` explicitly.
 */
function autoscalersTargeting(root: IConstruct, namespace: string, name: string): ApiObject[] {
  const indexed = DurableRegistry.find(root)?.autoscalersIn(namespace);
  if (indexed !== undefined) {
    return indexed.filter(o => targets(o, namespace, name));
  }
  const found: ApiObject[] = [];
  const visit = (scope: IConstruct, inNamespace: boolean): void => {
    for (const child of scope.node.children) {
      if (child instanceof ApiObject) {
        if (inNamespace && targets(child, namespace, name)) {
          found.push(child);
        }
      } else if (child instanceof Chart) {
        if (child.namespace === namespace) {
          visit(child, true);
        }
      } else {
        visit(child, inNamespace);
      }
    }
  };
  visit(root, false);
  return found;
}

function targets(object: ApiObject, namespace: string, name: string): boolean {
  if (object.kind !== 'HorizontalPodAutoscaler' && object.kind !== 'ScaledObject') {
    return false;
  }
  if ((object.metadata.namespace ?? Chart.of(object).namespace) !== namespace) {
    return false;
  }
  // A workload's own autoscaler targets the workload's Deployment (name clashes fail at construction): no need to
  // render it again to read its target.
  const owner = object.node.scope as { autoscaler?: unknown; name?: unknown } | undefined;
  if (owner?.autoscaler === object && typeof owner.name === 'string') {
    return owner.name === name;
  }
  const target = object.toJson()?.spec?.scaleTargetRef;
  // KEDA's scaleTargetRef.kind defaults to Deployment.
  return target?.name === name && (target.kind ?? 'Deployment') === 'Deployment';
}
