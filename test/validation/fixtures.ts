/** Shared fixtures for the validation tests: the compliant set and helpers to break one thing in it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KUBECTL_YAML } from '../../validation/load';

export type Obj = Record<string, any>;

export const FIXTURES = join(__dirname, 'fixtures');
export const NS = 'durable-system';

/** Objects of a YAML fixture file, read like the CLI reads it. */
export function loadYaml(file: string): Obj[] {
  return parseAllDocuments(readFileSync(join(FIXTURES, file), 'utf8'), KUBECTL_YAML)
    .map(d => d.toJS() as Obj)
    .filter(o => o !== null);
}

const clean = loadYaml('clean.yaml');

/** A fresh deep copy of the compliant set (Deployment+Service+HPA+PDB+SA+NetworkPolicies+Ingress+ScaledObject+...). */
export function cleanSet(): Obj[] {
  return structuredClone(clean);
}

/** The object of `kind`/`name` in `set` (throws when absent, so a fixture typo fails loudly). */
export function get(set: Obj[], kind: string, name: string): Obj {
  const found = set.find(o => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`fixture has no ${kind} ${name}`);
  return found;
}

/** Removes the object of `kind`/`name` from `set`. */
export function remove(set: Obj[], kind: string, name: string): Obj[] {
  const i = set.indexOf(get(set, kind, name));
  set.splice(i, 1);
  return set;
}

/** Pod spec of the worker Deployment in `set`. */
export function workerPod(set: Obj[]): Obj {
  return get(set, 'Deployment', 'durable-worker').spec.template.spec;
}

/** A restricted-compliant standalone Pod in `durable-system` (the clean set's policies cover it). */
export function compliantPod(name = 'probe'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NS },
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: 'main',
        image: 'busybox:1.36',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }],
    },
  };
}
