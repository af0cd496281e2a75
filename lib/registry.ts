import { IConstruct } from 'constructs';

/**
 * App-wide claims on names that must be unique (a Deployment name in a namespace, a namespace, a task hub).
 * Constructs claim at construction time and check their claim in a validation, so uniqueness costs O(1)
 * per construct instead of a walk over the whole app (which is quadratic with hundreds of tenants).
 */
const claims = new WeakMap<IConstruct, Map<string, IConstruct[]>>();

/** Records that `owner` uses `key`; returns everyone who claimed it (in order), to inspect at validation. */
export function claim(owner: IConstruct, key: string): readonly IConstruct[] {
  const root = owner.node.root;
  let byKey = claims.get(root);
  if (!byKey) {
    byKey = new Map();
    claims.set(root, byKey);
  }
  let owners = byKey.get(key);
  if (!owners) {
    owners = [];
    byKey.set(key, owners);
  }
  owners.push(owner);
  return owners;
}

/**
 * Constructs whose name claim is implied by their owner's (a workload's own ServiceAccount is named like the
 * workload, whose Deployment claim already reports a clash).
 */
export const impliedClaims = new WeakSet<IConstruct>();

/**
 * A validation message when `owner` is not the first to claim a key, naming who claimed it first;
 * the first claimant reports nothing, so one conflict gives one error.
 */
export function conflict(owner: IConstruct, owners: readonly IConstruct[], describe: (first: string) => string): string[] {
  const index = owners.indexOf(owner);
  return index > 0 ? [describe(owners[0].node.path)] : [];
}
