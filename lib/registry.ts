import { IConstruct } from 'constructs';

/**
 * App-wide claims on names that must be unique (a Deployment name in a namespace, a namespace, a task hub).
 * Constructs claim at construction time and check their claim in a validation, so uniqueness costs O(1)
 * per construct instead of a walk over the whole app (which is quadratic with hundreds of tenants).
 */
const claims = new WeakMap<IConstruct, Map<string, IConstruct[]>>();

/** Records that `owner` uses `key`; returns everyone who claimed it (in order), to inspect at validation. */
export function claim(owner: IConstruct, key: string): readonly IConstruct[] {
  const owners = claimList(owner, key);
  owners.push(owner);
  return owners;
}

/**
 * The live list of everyone who claims `key` in the app of `scope`, without claiming it: later claims
 * appear in it, so a validation can hold it from construction on.
 */
export function claimants(scope: IConstruct, key: string): readonly IConstruct[] {
  return claimList(scope, key);
}

function claimList(scope: IConstruct, key: string): IConstruct[] {
  const root = scope.node.root;
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
  return owners;
}

/** The key under which workloads register with their namespace (for namespace-wide checks such as quotas). */
export function namespaceWorkloadsKey(namespace: string): string {
  return `NamespaceWorkloads:${namespace}`;
}

/**
 * Constructs whose name claim is implied by their owner's (a workload's own ServiceAccount is named like the
 * workload, whose Deployment claim already reports a clash).
 */
export const impliedClaims = new WeakSet<IConstruct>();

const NO_ERRORS: string[] = [];

/**
 * Adds a validation to `scope` that recomputes only when `version()` changes. cdk8s validates the whole app
 * once per chart it synthesizes (quadratic in the number of charts), so a validation that redid its work on
 * every pass would dominate synth time with hundreds of tenants. `version` must change whenever an input of
 * `compute` can (typically the lengths of the claim lists it reads).
 */
export function addMemoizedValidation(scope: IConstruct, version: () => number, compute: () => string[]): void {
  let seen = NaN;
  let result = NO_ERRORS;
  scope.node.addValidation({
    validate: () => {
      const current = version();
      if (current !== seen) {
        seen = current;
        const errors = compute();
        result = errors.length === 0 ? NO_ERRORS : errors;
      }
      return result;
    },
  });
}

/**
 * A validation message when `owner` is not the first to claim a key, naming who claimed it first;
 * the first claimant reports nothing, so one conflict gives one error.
 */
export function conflict(owner: IConstruct, owners: readonly IConstruct[], describe: (first: string) => string): string[] {
  const index = owners.indexOf(owner);
  return index > 0 ? [describe(owners[0].node.path)] : [];
}
