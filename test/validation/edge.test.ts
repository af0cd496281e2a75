/**
 * Hostile and unusual input: every edge file is read without an exception; what kubectl rejects is a
 * yaml-syntax error of that document. Large inputs are generated here (their speed is measured by
 * bench/validator.mjs, not asserted).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateManifests } from '../../validation/index';
import { main } from '../../validation/cli';
import { LoadResult, loadFiles } from '../../validation/load';
import { FIXTURES } from './fixtures';

function loadEdge(file: string): LoadResult {
  return loadFiles([join(FIXTURES, 'edge', file)]);
}

function errorsOf(loaded: LoadResult): string[] {
  return loaded.errors.map(e => `${e.line}:${e.column} ${e.message}`);
}

describe('edge files', () => {
  test.each(['empty.yaml', 'only-separator.yaml', 'separators-and-end-markers.yaml', 'comments-only.yaml'])('%s has no object and no error', file => {
    const loaded = loadEdge(file);
    expect([loaded.documents.length, errorsOf(loaded)]).toEqual([0, []]);
  });

  test('a UTF-8 byte order mark and CRLF line ends are read like LF', () => {
    const loaded = loadEdge('bom-crlf.yaml');
    expect(errorsOf(loaded)).toEqual([]);
    expect(loaded.documents.map(d => d.object)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bom-crlf', namespace: 'tenant-a' }, data: { key: 'value' } },
    ]);
    expect(validateManifests(loaded.documents.map(d => d.object))).toEqual([]);
  });

  test('fails when indentation uses tabs', () => {
    expect(errorsOf(loadEdge('tabs.yaml'))).toEqual(['4:1 Tabs are not allowed as indentation']);
  });

  test('fails when a mapping repeats a key (kubectl: "mapping key ... already defined")', () => {
    expect(errorsOf(loadEdge('duplicate-keys.yaml'))).toEqual(['6:3 Map keys must be unique']);
  });

  test('fails when documents are not Kubernetes objects, and says what they are', () => {
    const loaded = loadEdge('not-kubernetes.yaml');
    const findings = validateManifests(loaded.documents.map(d => d.object));
    expect(findings).toEqual([
      { rule: 'schema', message: 'required field missing', field: 'apiVersion', index: 0 },
      { rule: 'schema', message: 'required field missing', field: 'kind', index: 0 },
      { rule: 'schema', message: 'a manifest must be an object (got a list)', index: 1 },
      { rule: 'schema', message: 'a manifest must be an object (got "just a string")', index: 2 },
    ]);
  });
});

describe('generated large and deep input', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'validator-edge-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  test('fails when nesting is deeper than the reader can follow, without an exception', () => {
    // GIVEN 5000 nested flow sequences in an annotation value
    const file = write('deep.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: {a: ${'['.repeat(5000)}${']'.repeat(5000)}}\n`);
    // WHEN loaded THEN one error says the nesting is too deep
    const loaded = loadFiles([file]);
    expect(loaded.documents).toEqual([]);
    expect(loaded.errors.length).toBeGreaterThan(0);
    expect(loaded.errors[0]).toEqual(expect.objectContaining({ line: 4, message: 'nesting too deep to read (this reader stops at about 800 levels)' }));
  });

  test('nesting of 300 levels is read and validated', () => {
    // GIVEN a CRD-like free-form value 300 levels deep inside an opaque field (metadata.managedFields[].fieldsV1)
    const file = write('deep-ok.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep-ok\n  managedFields: [{fieldsV1: ${'{a: '.repeat(300)}1${'}'.repeat(300)}}]\n`);
    const loaded = loadFiles([file]);
    expect(errorsOf(loaded)).toEqual([]);
    expect(validateManifests(loaded.documents.map(d => d.object))).toEqual([]);
  });

  test('fails when an object built in code nests deeper than 1000 levels', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20000; i++) deep = (deep.a = {}) as Record<string, unknown>;
    const findings = validateManifests([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', managedFields: [{ fieldsV1: root }] } }]);
    expect(findings).toEqual([{ rule: 'schema', message: 'nests objects or lists deeper than 1000 levels; not validated', kind: 'ConfigMap', name: 'x', index: 0 }]);
  });

  test('10 000 objects in one file are read and validated', () => {
    const docs = Array.from({ length: 10000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}, namespace: bulk}\ndata: {i: "${i}"}\n`);
    const loaded = loadFiles([write('many.yaml', docs.join('---\n'))]);
    expect([loaded.documents.length, errorsOf(loaded)]).toEqual([10000, []]);
    expect(validateManifests(loaded.documents.map(d => d.object))).toEqual([]);
  });

  test('a 3 MB ConfigMap is read and validated', () => {
    const value = 'x'.repeat(3 * 1024 * 1024);
    const loaded = loadFiles([write('big.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ${value}\n`)]);
    expect(errorsOf(loaded)).toEqual([]);
    expect(validateManifests(loaded.documents.map(d => d.object))).toEqual([]);
  });

  test('fails when a file cannot be read, and goes on with the others', () => {
    const ok = write('ok.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n');
    const loaded = loadFiles([dir, ok]);
    expect(loaded.documents.length).toBe(1);
    expect(loaded.errors.map(e => e.message)).toEqual([expect.stringMatching(/^cannot read the file: EISDIR/)]);
  });

  test('the CLI reports a broken document as a finding, checks the other files and exits 1', () => {
    // GIVEN the cross-document alias and a second file with a typo
    const lines: string[] = [];
    const broken = write('cli-broken.yaml', 'metadata: {name: a, labels: &l {app: a}}\n---\nmetadata: {name: b, labels: *l}\n');
    const typo = write('cli-typo.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndat: {}\n');
    // WHEN the CLI runs on both
    const code = main([broken, typo], { cwd: dir, out: l => lines.push(l), err: l => lines.push(l) });
    // THEN exit 1, with the yaml-syntax error and the other file's finding
    expect(code).toBe(1);
    expect(lines.join('\n')).toContain('cli-broken.yaml:3:29: document 2: Unresolved alias (the anchor must be set before the alias): l (yaml-syntax)');
    expect(lines.join('\n')).toContain('cli-typo.yaml:4: ConfigMap default/c: dat: unknown field (schema-unknown-field)');
  });
});
