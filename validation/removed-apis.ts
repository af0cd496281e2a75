/**
 * API versions that Kubernetes 1.33 no longer serves, from the deprecated API migration guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). `kinds` overrides the version-wide
 * entry where kinds moved to different groups or were removed in different releases.
 */
import { own } from './types';

interface Removal {
  /** Kubernetes minor release that stopped serving it. */
  readonly removedIn: string;
  /** Replacement apiVersion, or a sentence when there is none. */
  readonly use: string;
}

interface RemovedVersion extends Removal {
  readonly kinds?: Readonly<Record<string, Removal>>;
}

const GONE_PSP: Removal = {
  removedIn: '1.25', use: 'nothing: PodSecurityPolicy was removed; use Pod Security Admission (namespace labels)',
};

const REMOVED: Readonly<Record<string, RemovedVersion>> = {
  'extensions/v1beta1': {
    removedIn: '1.16',
    use: 'apps/v1',
    kinds: {
      Ingress: { removedIn: '1.22', use: 'networking.k8s.io/v1' },
      NetworkPolicy: { removedIn: '1.16', use: 'networking.k8s.io/v1' },
      PodSecurityPolicy: GONE_PSP,
    },
  },
  'apps/v1beta1': { removedIn: '1.16', use: 'apps/v1' },
  'apps/v1beta2': { removedIn: '1.16', use: 'apps/v1' },
  'networking.k8s.io/v1beta1': { removedIn: '1.22', use: 'networking.k8s.io/v1' },
  'policy/v1beta1': { removedIn: '1.25', use: 'policy/v1', kinds: { PodSecurityPolicy: GONE_PSP } },
  'autoscaling/v2beta1': { removedIn: '1.25', use: 'autoscaling/v2' },
  'autoscaling/v2beta2': { removedIn: '1.26', use: 'autoscaling/v2' },
  'batch/v1beta1': { removedIn: '1.25', use: 'batch/v1' },
  'batch/v2alpha1': { removedIn: '1.21', use: 'batch/v1' },
  'rbac.authorization.k8s.io/v1beta1': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'rbac.authorization.k8s.io/v1alpha1': { removedIn: '1.22', use: 'rbac.authorization.k8s.io/v1' },
  'admissionregistration.k8s.io/v1beta1': {
    removedIn: '1.22',
    use: 'admissionregistration.k8s.io/v1',
  },
  'apiextensions.k8s.io/v1beta1': { removedIn: '1.22', use: 'apiextensions.k8s.io/v1' },
  'apiregistration.k8s.io/v1beta1': { removedIn: '1.22', use: 'apiregistration.k8s.io/v1' },
  'authentication.k8s.io/v1beta1': { removedIn: '1.22', use: 'authentication.k8s.io/v1' },
  'authorization.k8s.io/v1beta1': { removedIn: '1.22', use: 'authorization.k8s.io/v1' },
  'certificates.k8s.io/v1beta1': { removedIn: '1.22', use: 'certificates.k8s.io/v1' },
  'coordination.k8s.io/v1beta1': { removedIn: '1.22', use: 'coordination.k8s.io/v1' },
  'scheduling.k8s.io/v1beta1': { removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  'scheduling.k8s.io/v1alpha1': { removedIn: '1.22', use: 'scheduling.k8s.io/v1' },
  'node.k8s.io/v1beta1': { removedIn: '1.25', use: 'node.k8s.io/v1' },
  'discovery.k8s.io/v1beta1': { removedIn: '1.25', use: 'discovery.k8s.io/v1' },
  'events.k8s.io/v1beta1': { removedIn: '1.25', use: 'events.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta1': { removedIn: '1.26', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta2': { removedIn: '1.29', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'flowcontrol.apiserver.k8s.io/v1beta3': { removedIn: '1.32', use: 'flowcontrol.apiserver.k8s.io/v1' },
  'storage.k8s.io/v1beta1': {
    removedIn: '1.22',
    use: 'storage.k8s.io/v1',
    kinds: { CSIStorageCapacity: { removedIn: '1.27', use: 'storage.k8s.io/v1' } },
  },
  'settings.k8s.io/v1alpha1': { removedIn: '1.20', use: 'nothing: PodPreset was removed' },
};

/**
 * Kinds still served under an apiVersion listed above (betas re-used for newer types), which must not be
 * reported as removed. They are not in the schema set either, so they end up as unknown kinds.
 */
const STILL_SERVED: Readonly<Record<string, readonly string[]>> = {
  'admissionregistration.k8s.io/v1beta1': ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
    'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding'],
  'storage.k8s.io/v1beta1': ['VolumeAttributesClass'],
  'authentication.k8s.io/v1beta1': ['SelfSubjectReview'],
  'networking.k8s.io/v1beta1': ['IPAddress', 'ServiceCIDR'],
  'coordination.k8s.io/v1beta1': ['LeaseCandidate'],
};

/** The removal of `apiVersion`/`kind`, or undefined when Kubernetes 1.33 may still serve it. */
export function removedApi(apiVersion: string, kind: string): Removal | undefined {
  const entry = own(REMOVED, apiVersion);
  if (!entry || own(STILL_SERVED, apiVersion)?.includes(kind)) return undefined;
  return own(entry.kinds, kind) ?? entry;
}
