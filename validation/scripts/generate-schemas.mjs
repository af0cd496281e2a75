#!/usr/bin/env node
// Regenerates the committed schema data under validation/schemas/. Not part of the build or the tests:
// run it only when kubernetes-models, KEDA or Gateway API is upgraded, and commit the result.
//
//   node validation/scripts/generate-schemas.mjs [--keda <file|url>] [--gateway <file|url>] [--argocd <file|url>]
//     [--flux-source <file|url>] [--flux-kustomize <file|url>] [--aso <file|url>]
//     [--prometheus-podmonitor <file|url>] [--prometheus-servicemonitor <file|url>]
//     [--azure-monitor-podmonitor <file|url>] [--azure-monitor-servicemonitor <file|url>]
//
// Defaults are the upstream release assets named in validation/schemas/NOTICE.md.
//
// Outputs:
//   kubernetes.json           field structure of every Kubernetes kind served by kubernetes-models (v1/v2
//                             group versions only), derived from its .d.ts files. kubernetes-models ships
//                             its schemas only as precompiled ajv validators (no JSON), which check types but
//                             never reject unknown fields; this structure is what the strict walker uses.
//   crds.json                 openAPIV3Schema of the KEDA, Gateway API, Argo CD, Flux, ASO and Prometheus kinds
//                             (descriptions, CEL rules and status stripped) plus scope, for the strict walker.
//   crd-validators/           the same schemas precompiled with ajv standalone (type/enum/required/...), one
//                             module per schema, so nothing is compiled at run time (crd-validators.mjs).
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { writeCrdValidators } from './crd-validators.mjs';

const here = dirname(new URL(import.meta.url).pathname);
const outDir = resolve(here, '..', 'schemas');
const require = createRequire(import.meta.url);
const ts = require('typescript');
const YAML = require('yaml');

const UPSTREAM = {
  'keda': 'https://github.com/kedacore/keda/releases/download/v2.20.2/keda-2.20.2-crds.yaml',
  'gateway': 'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.4.1/standard-install.yaml',
  // Argo CD publishes no CRD-only asset; the Application CRD file of the tag.
  'argocd': 'https://raw.githubusercontent.com/argoproj/argo-cd/v3.5.1/manifests/crds/application-crd.yaml',
  'flux-source': 'https://github.com/fluxcd/source-controller/releases/download/v1.9.1/source-controller.crds.yaml',
  'flux-kustomize': 'https://github.com/fluxcd/kustomize-controller/releases/download/v1.9.4/kustomize-controller.crds.yaml',
  // Every CRD of the ASO release; only the kinds below are taken.
  'aso': 'https://github.com/Azure/azure-service-operator/releases/download/v2.19.0/azureserviceoperator_customresourcedefinitions_v2.19.0.yaml',
  // prometheus-operator v0.93.0 (`monitoring.coreos.com/v1`): the CRD files of the tag.
  'prometheus-podmonitor': 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/v0.93.0/example/prometheus-operator-crd/monitoring.coreos.com_podmonitors.yaml',
  'prometheus-servicemonitor': 'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/v0.93.0/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
  // Azure Monitor managed Prometheus (`azmonitoring.coreos.com/v1`, the group the AKS metrics add-on scrapes): the
  // CRDs the add-on's chart installs, release 07-07-2026. No release asset exists.
  'azure-monitor-podmonitor': 'https://raw.githubusercontent.com/Azure/prometheus-collector/v7.1.0-main-07-07-2026-548e23dc/otelcollector/deploy/addon-chart/azure-monitor-metrics-addon/templates/ama-metrics-podmonitor-crd.yaml',
  'azure-monitor-servicemonitor': 'https://raw.githubusercontent.com/Azure/prometheus-collector/v7.1.0-main-07-07-2026-548e23dc/otelcollector/deploy/addon-chart/azure-monitor-metrics-addon/templates/ama-metrics-servicemonitor-crd.yaml',
};
/** Kinds taken from each CRD bundle (the Gateway API bundle holds every standard-channel CRD). */
const WANTED = {
  'keda': ['ScaledObject', 'TriggerAuthentication', 'ClusterTriggerAuthentication'],
  'gateway': ['HTTPRoute'],
  // Application only: the library renders one Application per delivered chart, never an ApplicationSet.
  'argocd': ['Application'],
  'flux-source': ['GitRepository'],
  'flux-kustomize': ['Kustomization'],
  'aso': ['UserAssignedIdentity', 'FederatedIdentityCredential', 'RoleAssignment'],
  'prometheus-podmonitor': ['PodMonitor'],
  'prometheus-servicemonitor': ['ServiceMonitor'],
  'azure-monitor-podmonitor': ['PodMonitor'],
  'azure-monitor-servicemonitor': ['ServiceMonitor'],
};

function arg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function readSource(src) {
  if (/^https?:\/\//.test(src)) {
    const res = await fetch(src);
    if (!res.ok) throw new Error(`GET ${src}: ${res.status}`);
    return res.text();
  }
  return readFileSync(src, 'utf8');
}

// ---------------------------------------------------------------------------------------------------------
// Kubernetes: structure from kubernetes-models .d.ts files
// ---------------------------------------------------------------------------------------------------------

const kmDir = dirname(require.resolve('kubernetes-models/package.json'));
const amDir = dirname(require.resolve('@kubernetes-models/apimachinery/package.json'));
const kmVersion = JSON.parse(readFileSync(join(kmDir, 'package.json'), 'utf8')).version;

function dtsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '_schemas' && name !== 'node_modules') out.push(...dtsFiles(p));
    } else if (name.endsWith('.d.ts') && name !== 'index.d.ts') {
      out.push(p);
    }
  }
  return out;
}

/** id -> structure node. A node is {} (scalar or opaque), {$ref}, {properties}, {items}, {additionalProperties}. */
const definitions = {};
/** apiVersion -> kind -> id */
const gvk = {};
const problems = [];

for (const file of [...dtsFiles(kmDir), ...dtsFiles(amDir)]) {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  // `export { IFoo as IIoK8s...Foo, Foo as IoK8s...Foo }` names the definition.
  const localToId = new Map();
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) {
        const local = (el.propertyName ?? el.name).text;
        const exported = el.name.text;
        if (exported.startsWith('IIoK8s')) localToId.set(local, exported.slice(1));
      }
    }
  }
  const where = relative(kmDir, file);
  const refId = name => {
    if (localToId.has(name)) return localToId.get(name);
    if (name.startsWith('IIoK8s')) return name.slice(1);
    return undefined;
  };
  const convert = node => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
      case ts.SyntaxKind.NumberKeyword:
      case ts.SyntaxKind.BooleanKeyword:
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
      case ts.SyntaxKind.LiteralType:
        return {};
      case ts.SyntaxKind.ParenthesizedType:
        return convert(node.type);
      case ts.SyntaxKind.ArrayType:
        return { items: convert(node.elementType) };
      case ts.SyntaxKind.UnionType: {
        const parts = node.types.map(convert).filter(p => Object.keys(p).length > 0);
        if (parts.length === 0) return {};
        problems.push(`${where}: non-scalar union ${node.getText(sf)} treated as opaque`);
        return {};
      }
      case ts.SyntaxKind.TypeReference: {
        const name = node.typeName.getText(sf);
        if (name === 'Array' && node.typeArguments?.length === 1) return { items: convert(node.typeArguments[0]) };
        const id = refId(name);
        if (id) return { $ref: id };
        problems.push(`${where}: unknown type reference ${name} treated as opaque`);
        return {};
      }
      case ts.SyntaxKind.TypeLiteral: {
        if (node.members.length === 0) return {};
        const index = node.members.find(ts.isIndexSignatureDeclaration);
        if (index) return { additionalProperties: convert(index.type) };
        return { properties: members(node.members) };
      }
      default:
        problems.push(`${where}: unhandled type ${ts.SyntaxKind[node.kind]} treated as opaque`);
        return {};
    }
  };
  const members = list => {
    const props = {};
    for (const m of list) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const key = ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(sf);
      props[key] = convert(m.type);
    }
    return props;
  };

  for (const st of sf.statements) {
    if (ts.isInterfaceDeclaration(st) && localToId.has(st.name.text)) {
      const id = localToId.get(st.name.text);
      const props = members(st.members);
      // Empty interfaces (FieldsV1, RawExtension, JSON, JSONSchemaPropsOr*) are opaque in the OpenAPI spec.
      definitions[id] = Object.keys(props).length === 0 ? {} : { properties: props };
      const literal = key => {
        const m = st.members.find(x => ts.isPropertySignature(x) && ts.isStringLiteral(x.name) && x.name.text === key);
        return m && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)
          ? m.type.literal.text : undefined;
      };
      const apiVersion = literal('apiVersion');
      const kind = literal('kind');
      if (apiVersion && kind) {
        // kubernetes-models keeps long-removed beta group versions for compatibility; the validator reports
        // those from its own removed-API table, so only GA group versions get a schema here.
        if (/v\d+(alpha|beta)\d+$/.test(apiVersion)) continue;
        (gvk[apiVersion] ??= {})[kind] = id;
        // Status is written by controllers, never by manifests: keep it opaque so it costs nothing.
        if (props.status) props.status = {};
      }
    } else if (ts.isTypeAliasDeclaration(st) && localToId.has(st.name.text)) {
      definitions[localToId.get(st.name.text)] = convert(st.type);
    }
  }
}

// Keep only what the served kinds reach, inline scalar aliases (IntOrString, Quantity, Time, ...).
const reachable = new Set();
const visit = node => {
  if (node.$ref) {
    if (!definitions[node.$ref]) throw new Error(`dangling $ref ${node.$ref}`);
    if (!reachable.has(node.$ref)) {
      reachable.add(node.$ref);
      visit(definitions[node.$ref]);
    }
  }
  for (const p of Object.values(node.properties ?? {})) visit(p);
  if (node.items) visit(node.items);
  if (node.additionalProperties) visit(node.additionalProperties);
};
for (const kinds of Object.values(gvk)) for (const id of Object.values(kinds)) visit({ $ref: id });
const isOpaque = id => Object.keys(definitions[id]).length === 0;
const inline = node => {
  if (node.$ref) return isOpaque(node.$ref) ? {} : node;
  const out = {};
  if (node.properties) {
    out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, inline(v)]));
  }
  if (node.items) out.items = inline(node.items);
  if (node.additionalProperties) out.additionalProperties = inline(node.additionalProperties);
  return out;
};
const k8sDefs = {};
for (const id of [...reachable].sort()) {
  if (!isOpaque(id) || Object.values(gvk).some(k => Object.values(k).includes(id))) {
    k8sDefs[id] = inline(definitions[id]);
  }
}
const sortedGvk = Object.fromEntries(Object.keys(gvk).sort().map(v =>
  [v, Object.fromEntries(Object.keys(gvk[v]).sort().map(k => [k, gvk[v][k]]))]));
writeFileSync(join(outDir, 'kubernetes.json'), JSON.stringify({
  source: `kubernetes-models@${kmVersion}`,
  gvk: sortedGvk,
  definitions: k8sDefs,
}) + '\n');

// ---------------------------------------------------------------------------------------------------------
// CRDs: KEDA and Gateway API
// ---------------------------------------------------------------------------------------------------------

/**
 * Go's inline flag `(?i)` (used by ASO's `armId` patterns) is not JavaScript: spell the pattern case-insensitively,
 * each letter as both cases (outside brackets `[aA]`, inside brackets both letters), escapes left as they are.
 */
function caseInsensitive(pattern) {
  if (!pattern.startsWith('(?i)')) return pattern;
  let out = '';
  let inClass = false;
  const src = pattern.slice(4);
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      out += c + (src[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']' && inClass) {
      inClass = false;
      out += c;
    } else if (/[a-z]/i.test(c)) {
      const both = c.toLowerCase() + c.toUpperCase();
      out += inClass ? both : `[${both}]`;
    } else {
      out += c;
    }
  }
  return out;
}

/** Drops what neither the type validator nor the strict walker uses. */
function strip(schema, atRoot) {
  if (Array.isArray(schema)) return schema.map(s => strip(s, false));
  if (!schema || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'description' || k === 'x-kubernetes-validations' || k === 'example') continue;
    if (k === 'pattern' && typeof v === 'string') {
      out[k] = caseInsensitive(v);
      continue;
    }
    out[k] = k === 'properties'
      ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, atRoot && pk === 'status'
          ? { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true }
          : strip(pv, false)]))
      : strip(v, false);
  }
  return out;
}

const crds = {};
const sources = {};
/** JSON text of a stripped schema -> validator key, so identical versions (HTTPRoute v1/v1beta1) share code. */
const seen = new Map();
/** bundle -> kinds found in it (PodMonitor comes from two bundles, so each bundle is checked on its own). */
const found = {};
for (const [bundle, wanted] of Object.entries(WANTED)) {
  const src = arg(bundle) ?? UPSTREAM[bundle];
  sources[bundle] = UPSTREAM[bundle];
  for (const doc of YAML.parseAllDocuments(await readSource(src))) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition' || !wanted.includes(crd.spec.names.kind)) continue;
    (found[bundle] ??= new Set()).add(crd.spec.names.kind);
    for (const v of crd.spec.versions) {
      if (!v.served) continue;
      const apiVersion = `${crd.spec.group}/${v.name}`;
      const kind = crd.spec.names.kind;
      const schema = strip(v.schema.openAPIV3Schema, true);
      const text = JSON.stringify(schema);
      const key = `${apiVersion}/${kind}`;
      (crds[apiVersion] ??= {})[kind] = seen.has(text)
        ? { scope: crd.spec.scope, validator: seen.get(text), schemaOf: seen.get(text) }
        : { scope: crd.spec.scope, validator: key, schema };
      if (!seen.has(text)) seen.set(text, key);
    }
  }
}
for (const [bundle, kinds] of Object.entries(WANTED)) {
  for (const k of kinds) {
    if (!found[bundle]?.has(k)) throw new Error(`CRD for ${k} not found in the ${bundle} source`);
  }
}
writeFileSync(join(outDir, 'crds.json'), JSON.stringify({ sources, kinds: crds }) + '\n');

// Precompile the type validators, one module per schema.
const validators = writeCrdValidators(crds, outDir);

for (const p of problems) console.warn(`warning: ${p}`);
console.log(`kubernetes.json: ${Object.keys(k8sDefs).length} definitions, `
  + `${Object.values(sortedGvk).reduce((n, k) => n + Object.keys(k).length, 0)} kinds`);
console.log(`crds.json: ${Object.entries(crds).map(([v, k]) => `${v} ${Object.keys(k).join(',')}`).join('; ')}`);
console.log(`crd-validators/: ${validators} validators`);
