import { Chart } from 'cdk8s';
import { fail, show } from './input-checks';
import { DurableRegistry } from './registry';

/** One addIdentity call, as the holder of the names it claims. */
export interface ClaimOwner {
  readonly name: string;
}

/**
 * The app-wide names (ASO object names, Azure names, subjects, grants) the addIdentity calls of one AzureIdentities
 * chart claim. The app's registry tells charts apart; within the chart, this tells its identities apart.
 */
export class IdentityClaims {
  private readonly claimedBy = new Map<string, ClaimOwner>();

  public constructor(private readonly chart: Chart) {}

  /**
   * Claims an app-wide `key` of `kind` for one addIdentity call: when another call on this chart, or another chart,
   * holds it, fails with `<prop>: <conflict(holder)>`.
   */
  public claim(prop: string, identity: ClaimOwner, kind: string, key: string,
    conflict: (holder: string) => string): void {
    const id = `${kind} ${key}`;
    const holder = this.claimedBy.get(id);
    if (holder !== undefined && holder !== identity) {
      fail(this.chart, `${prop}: ${conflict(`identity ${show(holder.name)} of ${this.chart.node.path}`)}`);
    }
    this.claimedBy.set(id, identity);
    DurableRegistry.of(this.chart).claim(this.chart, { kind, key }, first => `${prop}: ${conflict(first)}`);
  }

  /** An ASO object name in the chart's namespace; names derived from two identities' names could meet. */
  public objectName(prop: string, identity: ClaimOwner, kind: string, name: string): void {
    const namespace = this.chart.namespace;
    this.claim(prop, identity, kind, `${namespace}/${name}`, holder => `its ${kind} would be named ${show(name)}, `
      + `the name of one that ${holder} has in namespace ${show(namespace)}: give one of the identities another `
      + "'name'");
  }
}
