import { Construct } from 'constructs';
import { Application, ApplicationProps } from '../../imports/argoproj.io';
import { Kustomization, KustomizationProps } from '../../imports/kustomize.toolkit.fluxcd.io';

/**
 * The GitOps objects whose add-on settings depend on what the delivered charts hold. They are worked out when the
 * app is synthesized, not when `deliver()` is called, so workloads added to a chart after it (a tenant's
 * `addWorker`, an Ingress with a cluster issuer) are covered too: `complete` fills in the objects' props (which
 * cdk8s reads only when it renders) right before each rendering.
 */

/** An Argo CD Application completed when it is rendered. */
export class DeliveredApplication extends Application {
  public constructor(scope: Construct, id: string, props: ApplicationProps, private readonly complete: () => void) {
    super(scope, id, props);
  }

  public toJson(): any {
    this.complete();
    return super.toJson();
  }
}

/** A Flux Kustomization completed when it is rendered. */
export class DeliveredKustomization extends Kustomization {
  public constructor(scope: Construct, id: string, props: KustomizationProps, private readonly complete: () => void) {
    super(scope, id, props);
  }

  public toJson(): any {
    this.complete();
    return super.toJson();
  }
}
