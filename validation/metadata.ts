/**
 * Object metadata as the API server validates it (k8s.io/apimachinery pkg/api/validation `ValidateObjectMeta` and
 * the name rules of each kind): names, label keys and values, annotation keys and their total size. The schemas
 * only say "string", so a 70-character label value, an upper-case name or a 300 KiB annotation passes them.
 */
import { Findings, Manifest } from './context';
import {
  ANNOTATIONS_MAX_BYTES, annotationsBytes, isDns1035Label, isDns1123Label, isDns1123Subdomain, isLabelValue,
  isQualifiedName,
} from './k8s-facts';
import { FieldPath, JsonObject, isObject } from './types';
import { PodTemplate } from './workloads';

const RBAC = 'rbac.authorization.k8s.io';

/**
 * The name rule of a kind: Namespaces are DNS-1123 labels (ValidateNamespaceName), Services DNS-1035 labels
 * (ValidateServiceName), RBAC objects and Events path segments (no '/' or '%', not '.' or '..'), everything else
 * (Deployments, ConfigMaps, custom resources, ...) DNS-1123 subdomains.
 */
function nameProblem(m: Manifest): string | undefined {
  const name = m.name;
  if (m.group === '' && m.kind === 'Namespace') {
    return isDns1123Label(name) ? undefined : "must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', "
      + 'starting and ending with a letter or digit';
  }
  if (m.group === '' && m.kind === 'Service') {
    return isDns1035Label(name) ? undefined : "must be a DNS-1035 label: 1-63 lowercase letters, digits or '-', "
      + 'starting with a letter and ending with a letter or digit';
  }
  if (m.group === RBAC || ((m.group === '' || m.group === 'events.k8s.io') && m.kind === 'Event')) {
    return name !== '.' && name !== '..' && !/[/%]/.test(name) ? undefined
      : "must be a path segment: not '.' or '..', without '/' or '%'";
  }
  return isDns1123Subdomain(name) ? undefined : "must be a DNS-1123 subdomain: 1-253 lowercase letters, digits, '-' "
    + "or '.', starting and ending with a letter or digit";
}

/** Checks the name, namespace, labels and annotations of an object. */
export function checkObjectMeta(m: Manifest, out: Findings): void {
  if (m.name !== '') {
    const problem = nameProblem(m);
    if (problem) out.report('schema', m, `name ${JSON.stringify(m.name)} ${problem}`, ['metadata', 'name']);
  }
  const namespace = isObject(m.raw.metadata) ? m.raw.metadata.namespace : undefined;
  if (typeof namespace === 'string' && !isDns1123Label(namespace)) {
    out.report('schema', m, `namespace ${JSON.stringify(namespace)} must be a DNS-1123 label`,
      ['metadata', 'namespace']);
  }
  checkLabelsAndAnnotations(m, m.raw.metadata, ['metadata'], out);
}

/** Checks the labels and annotations of a pod template (the API server validates them like an object's). */
export function checkTemplateMeta(t: PodTemplate, out: Findings): void {
  let metadata: unknown = t.owner.raw;
  for (const key of t.metadataPath) metadata = isObject(metadata) ? metadata[key as string] : undefined;
  checkLabelsAndAnnotations(t.owner, metadata, t.metadataPath, out);
}

function checkLabelsAndAnnotations(m: Manifest, metadata: unknown, path: FieldPath, out: Findings): void {
  if (!isObject(metadata)) return;
  const labels: JsonObject = isObject(metadata.labels) ? metadata.labels : {};
  for (const [key, value] of Object.entries(labels)) {
    if (!isQualifiedName(key)) {
      out.report('schema', m, `label key ${JSON.stringify(key)} must be an optional DNS subdomain prefix and '/', `
        + "then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
      [...path, 'labels', key]);
    } else if (typeof value === 'string' && !isLabelValue(value)) {
      const shown = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
      out.report('schema', m, `label value ${shown} must be empty or 1-63 letters, digits, '-', '_' or '.', `
        + 'starting and ending with a letter or digit', [...path, 'labels', key]);
    }
  }
  const annotations: JsonObject = isObject(metadata.annotations) ? metadata.annotations : {};
  for (const key of Object.keys(annotations)) {
    // ValidateAnnotations checks the lower-cased key.
    if (!isQualifiedName(key.toLowerCase())) {
      out.report('schema', m, `annotation key ${JSON.stringify(key)} must be an optional DNS subdomain prefix and `
        + "'/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
      [...path, 'annotations', key]);
    }
  }
  const bytes = annotationsBytes(annotations);
  if (bytes > ANNOTATIONS_MAX_BYTES) {
    out.report('schema', m, `annotations have ${bytes} bytes of keys and values, more than the API server's `
      + `${ANNOTATIONS_MAX_BYTES} (256 KiB)`, [...path, 'annotations']);
  }
}
