/**
 * An independent check of the PodMonitors the library writes: the CRDs' openAPIV3Schema (validation/schemas/crds.json)
 * compiled with a fresh ajv, made strict the way the API server prunes (additionalProperties: false wherever a schema
 * lists properties and does not preserve unknown fields). It shares no code with the validator's schema walker.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';

const crds = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'validation', 'schemas', 'crds.json'), 'utf8')).kinds;

function strict(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k,
    k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, strict(pv)])) : strict(v)]));
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: false, formats: { int32: true, int64: true } });
/** Errors of `object` against the schema of its own apiVersion and kind; a group without that kind is an error too. */
function check(object: any): string[] {
  const entry = crds[object.apiVersion]?.[object.kind];
  if (!entry) return [`no CRD serves ${object.apiVersion} ${object.kind}`];
  const schema = entry.schema ?? crds[object.apiVersion][Object.keys(crds[object.apiVersion])
    .find(k => crds[object.apiVersion][k].validator === entry.schemaOf)!].schema;
  const { metadata, ...rest } = object;
  const validate = ajv.compile({ ...strict(schema), properties: { ...strict(schema).properties, metadata: { type: 'object' } } });
  return validate({ ...rest, metadata }) ? [] : validate.errors!.map(e => `${e.instancePath} ${e.message}`);
}

const fromExample = parseAllDocuments(fs.readFileSync(
  path.join(__dirname, '..', 'examples', 'observability', 'dist', 'payments.k8s.yaml'), 'utf8'))
  .map(d => d.toJS()).filter(m => m?.kind === 'PodMonitor');

describe('PodMonitors against their CRD schemas (independent of the validator)', () => {
  test('the committed example has one of each group, and both conform', () => {
    expect(fromExample.map(m => m.apiVersion).sort()).toEqual(['azmonitoring.coreos.com/v1', 'monitoring.coreos.com/v1']);
    for (const m of fromExample) {
      expect(check(m)).toEqual([]);
    }
  });

  test('fails on an unknown field, a wrong type and a wrong group', () => {
    const base = fromExample.find(m => m.apiVersion === 'azmonitoring.coreos.com/v1');
    const variant = (patch: (m: any) => void) => {
      const copy = JSON.parse(JSON.stringify(base));
      patch(copy);
      return check(copy);
    };
    expect(variant(m => { m.spec.podMetricsEndpoints[0].portName = 'metrics'; }))
      .toEqual(['/spec/podMetricsEndpoints/0 must NOT have additional properties']);
    expect(variant(m => { m.spec.labelLimit = '63'; })).toEqual(['/spec/labelLimit must be integer']);
    expect(variant(m => { m.apiVersion = 'monitoring.coreos.com/v1alpha1'; }))
      .toEqual(['no CRD serves monitoring.coreos.com/v1alpha1 PodMonitor']);
  });
});
