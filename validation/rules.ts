import {
  DNS1123_LABEL_MAX, MAX_SCALED_OBJECT_NAME, WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION, WORKLOAD_IDENTITY_USE_LABEL,
} from './k8s-facts';

/** Documentation of one validation rule. */
export interface RuleInfo {
  /** Stable id, as in `Finding.rule`. */
  readonly id: string;
  /** `schema`, `pod-security` (Pod Security Standards) or `cross-object`. */
  readonly category: 'schema' | 'pod-security' | 'cross-object';
  /** One line: what the rule requires. */
  readonly description: string;
  /** One line: how to fix a finding. */
  readonly fix: string;
}

/**
 * Every rule the validator applies, in report order. `RuleId` is derived from it, so a finding can
 * only use a documented id. Docs are generated from this table (see validation/README.md).
 */
export const RULES = [
  // --- schema ------------------------------------------------------------------------------------------
  {
    id: 'yaml-syntax',
    category: 'schema',
    description: 'Manifest files are valid YAML (read as YAML 1.1, like kubectl).',
    fix: 'Fix the YAML syntax at the reported position.',
  },
  {
    id: 'schema',
    category: 'schema',
    description: 'Objects match the schema of Kubernetes 1.33 or of their CRD (KEDA 2.20 keda.sh/v1alpha1, '
      + 'Gateway API 1.4 HTTPRoute, Argo CD Application, Flux GitRepository and Kustomization, Azure Service '
      + 'Operator identities and role assignments, PodMonitor and ServiceMonitor) (types, required fields, enums, '
      + 'formats); container resources use known names and requests <= limits; '
      + 'names, namespaces, label keys and values and annotation keys follow the API server\'s rules (a Namespace '
      + 'a DNS-1123 label, a Service a DNS-1035 label, most objects a DNS-1123 subdomain) and annotations stay within '
      + '256 KiB; pod specs follow the API server\'s pod rules (volume and port names, ports 1-65535, env names and '
      + 'Secret/ConfigMap keys, mounts of existing volumes at distinct paths, relative subPaths, probe thresholds, '
      + 'liveness and startup probes with successThreshold 1, pod deletion cost, seccomp and AppArmor annotations).',
    fix: 'Correct the value at the reported field.',
  },
  {
    id: 'schema-unknown-field',
    category: 'schema',
    description: 'No field outside the schema (like `kubeconform -strict`): typos and fields of another API version '
      + 'are errors, not silently dropped.',
    fix: 'Remove the field or rename it to the field the schema defines.',
  },
  {
    id: 'schema-removed-api',
    category: 'schema',
    description: 'No apiVersion that Kubernetes 1.33 no longer serves (extensions/v1beta1, apps/v1beta2, '
      + 'policy/v1beta1, autoscaling/v2beta2, ...).',
    fix: 'Move the object to the replacement apiVersion named in the finding.',
  },
  {
    id: 'schema-unknown-kind',
    category: 'schema',
    description: 'apiVersion and kind name a Kubernetes 1.33 type or a CRD kind the schema rule knows (KEDA, Gateway '
      + 'API HTTPRoute, Argo CD, Flux, Azure Service Operator, PodMonitor/ServiceMonitor).',
    fix: 'Correct apiVersion/kind (spelling, group, version).',
  },
  {
    id: 'image-reference',
    category: 'schema',
    description: 'Container images are references the container runtime can parse (distribution/reference, which '
      + 'containerd and CRI-O use): an optional registry, then lowercase repository parts joined by one `.`, one or '
      + 'two `_` or any number of `-`, a path of at most 255 characters, a tag of at most 128, a sha256, sha384 or '
      + 'sha512 digest. The API server stores any image; the runtime refuses the others (InvalidImageName).',
    fix: 'Correct the image reference, e.g. "myregistry.azurecr.io/team/worker:1.4.2".',
  },
  {
    id: 'duplicate-object',
    category: 'schema',
    description: 'No two objects with the same API group, kind, namespace and name.',
    fix: 'Rename or remove one of the objects.',
  },
  // --- Pod Security Standards (baseline + restricted) ----------------------------------------------------
  {
    id: 'pss-host-process',
    category: 'pod-security',
    description: 'PSS baseline: no Windows HostProcess pods or containers '
      + '(securityContext.windowsOptions.hostProcess).',
    fix: 'Remove windowsOptions.hostProcess or set it to false.',
  },
  {
    id: 'pss-host-namespaces',
    category: 'pod-security',
    description: 'PSS baseline: hostNetwork, hostPID and hostIPC are unset or false.',
    fix: 'Remove hostNetwork/hostPID/hostIPC from the pod spec.',
  },
  {
    id: 'pss-privileged',
    category: 'pod-security',
    description: 'PSS baseline: no privileged containers.',
    fix: 'Remove securityContext.privileged or set it to false.',
  },
  {
    id: 'pss-capabilities-add',
    category: 'pod-security',
    description: 'PSS restricted: containers add no capability except NET_BIND_SERVICE (baseline already forbids '
      + 'anything beyond its default set).',
    fix: 'Remove the capability from securityContext.capabilities.add.',
  },
  {
    id: 'pss-capabilities-drop',
    category: 'pod-security',
    description: 'PSS restricted: every container drops ALL capabilities.',
    fix: 'Set securityContext.capabilities.drop: [ALL] on the container.',
  },
  {
    id: 'pss-host-path',
    category: 'pod-security',
    description: 'PSS baseline: no hostPath volumes.',
    fix: 'Use an emptyDir, configMap, secret, projected or persistentVolumeClaim volume.',
  },
  {
    id: 'pss-host-ports',
    category: 'pod-security',
    description: 'PSS baseline: containers declare no hostPort.',
    fix: 'Remove hostPort; expose the port through a Service.',
  },
  {
    id: 'pss-apparmor',
    category: 'pod-security',
    description: 'PSS baseline: AppArmor profile (field or annotation) is unset, RuntimeDefault or Localhost.',
    fix: 'Remove the AppArmor override or use RuntimeDefault.',
  },
  {
    id: 'pss-selinux',
    category: 'pod-security',
    description: 'PSS baseline: SELinux type is unset or one of container_t, container_init_t, container_kvm_t, '
      + 'container_engine_t; user and role are unset.',
    fix: 'Remove seLinuxOptions (or its user/role) from the security context.',
  },
  {
    id: 'pss-proc-mount',
    category: 'pod-security',
    description: 'PSS baseline: procMount is unset or Default.',
    fix: 'Remove securityContext.procMount.',
  },
  {
    id: 'pss-seccomp',
    category: 'pod-security',
    description: 'PSS restricted: seccompProfile.type is RuntimeDefault or Localhost on the pod or on every '
      + 'container, and never Unconfined.',
    fix: 'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  },
  {
    id: 'pss-sysctls',
    category: 'pod-security',
    description: 'PSS baseline: only the safe sysctls (kernel.shm_rmid_forced, '
      + 'net.ipv4.ip_local_port_range, ...) are set.',
    fix: 'Remove the sysctl from spec.securityContext.sysctls.',
  },
  {
    id: 'pss-volume-types',
    category: 'pod-security',
    description: 'PSS restricted: volumes are only configMap, csi, downwardAPI, emptyDir, ephemeral, image, '
      + 'persistentVolumeClaim, projected or secret (image since Kubernetes 1.33, as the admission code allows).',
    fix: 'Replace the volume with one of the allowed types.',
  },
  {
    id: 'pss-allow-privilege-escalation',
    category: 'pod-security',
    description: 'PSS restricted: every container sets securityContext.allowPrivilegeEscalation: false.',
    fix: 'Set securityContext.allowPrivilegeEscalation: false on the container.',
  },
  {
    id: 'pss-run-as-non-root',
    category: 'pod-security',
    description: 'PSS restricted: runAsNonRoot is true on the pod (and not false on any '
      + 'container) or on every container.',
    fix: 'Set spec.securityContext.runAsNonRoot: true on the pod.',
  },
  {
    id: 'pss-run-as-user',
    category: 'pod-security',
    description: 'PSS restricted: runAsUser is never 0 (root) on the pod or a container.',
    fix: 'Use a non-zero UID, e.g. runAsUser: 1000.',
  },
  // --- cross-object --------------------------------------------------------------------------------------
  {
    id: 'hpa-target-missing',
    category: 'cross-object',
    description: 'The scaleTargetRef of every HorizontalPodAutoscaler names an object of '
      + 'the set in the same namespace.',
    fix: 'Correct scaleTargetRef (kind, name) or add the target workload.',
  },
  {
    id: 'scaledobject-target-missing',
    category: 'cross-object',
    description: 'The scaleTargetRef of every KEDA ScaledObject names an object of the set in the same namespace.',
    fix: 'Correct scaleTargetRef (kind defaults to Deployment) or add the target workload.',
  },
  {
    id: 'autoscaler-conflict',
    category: 'cross-object',
    description: 'A workload has at most one autoscaler (HorizontalPodAutoscaler or ScaledObject); two '
      + 'would fight over its replicas.',
    fix: 'Keep one autoscaler per workload.',
  },
  {
    id: 'autoscaled-replicas',
    category: 'cross-object',
    description: 'Autoscaled workloads leave spec.replicas unset, so a re-apply does not '
      + 'reset the autoscaler\'s scale.',
    fix: 'Remove spec.replicas from the autoscaled workload.',
  },
  {
    id: 'autoscaler-min-max',
    category: 'cross-object',
    description: 'Autoscaler minimum replicas are at most the maximum (HPA minReplicas/maxReplicas, ScaledObject '
      + 'minReplicaCount/maxReplicaCount).',
    fix: 'Lower the minimum or raise the maximum.',
  },
  {
    id: 'autoscaler-resource-requests',
    category: 'cross-object',
    description: 'Utilization-based cpu/memory scaling (HPA Resource/ContainerResource metrics or the default 80% cpu, '
      + 'KEDA cpu/memory triggers) targets containers that request that resource (a limit alone counts).',
    fix: 'Set resources.requests.cpu/memory on the scaled containers.',
  },
  {
    id: 'scaledobject-name-length',
    category: 'cross-object',
    description: `KEDA ScaledObject names are at most ${MAX_SCALED_OBJECT_NAME} characters (KEDA derives the HPA name `
      + `keda-hpa-<name>, limited to ${DNS1123_LABEL_MAX}).`,
    fix: 'Shorten the ScaledObject name.',
  },
  {
    id: 'scaledobject-cpu-memory-min-replicas',
    category: 'cross-object',
    description: 'ScaledObjects with only cpu/memory triggers set minReplicaCount >= 1 (they cannot scale from zero).',
    fix: 'Set spec.minReplicaCount: 1 or add an event-based trigger.',
  },
  {
    id: 'scaledobject-auth-missing',
    category: 'cross-object',
    description: 'Trigger authenticationRefs resolve to a TriggerAuthentication in the same namespace (or a '
      + 'ClusterTriggerAuthentication).',
    fix: 'Correct authenticationRef (name, kind) or add the TriggerAuthentication.',
  },
  {
    id: 'keda-trigger-metadata',
    category: 'cross-object',
    description: 'KEDA trigger metadata that KEDA accepts at apply time but cannot use: a cron `timezone` that is '
      + 'not an IANA tz database name as spelled there (Go loads it case-sensitively), a prometheus `serverAddress` '
      + 'with credentials, a query or fragment, or ending in the `/api/v1/query` path KEDA appends itself.',
    fix: 'Spell the time zone as the tz database does; give Prometheus its base URL and its credentials through a '
      + 'TriggerAuthentication.',
  },
  {
    id: 'pdb-no-match',
    category: 'cross-object',
    description: 'Every PodDisruptionBudget selector matches the pod template of at least '
      + 'one workload in its namespace.',
    fix: 'Align spec.selector with the workload\'s pod labels.',
  },
  {
    id: 'pdb-blocks-eviction',
    category: 'cross-object',
    description: 'PodDisruptionBudgets allow an eviction: no maxUnavailable 0/"0%", no minAvailable >= the workload\'s '
      + '(minimum) replicas or "100%".',
    fix: 'Use maxUnavailable: 1 (or a minAvailable below the replica count).',
  },
  {
    id: 'service-no-match',
    category: 'cross-object',
    description: 'Every Service selector matches the pod template of at least one workload in its namespace.',
    fix: 'Align spec.selector with the workload\'s pod labels.',
  },
  {
    id: 'service-target-port-missing',
    category: 'cross-object',
    description: 'Every Service targetPort given by name is a declared container port of each workload it selects '
      + '(numeric targetPorts too with the requireDeclaredTargetPorts option; Kubernetes routes '
      + 'to undeclared port numbers).',
    fix: 'Declare the port in the container\'s ports or correct targetPort.',
  },
  {
    id: 'ingress-backend-missing',
    category: 'cross-object',
    description: 'Ingress backends reference a Service of the same namespace and one of its ports (by number or name).',
    fix: 'Correct backend.service.name/port or add the Service.',
  },
  {
    id: 'httproute-backend-missing',
    category: 'cross-object',
    description: 'HTTPRoute Service backendRefs reference an existing Service and one of its ports.',
    fix: 'Correct backendRefs[].name/port or add the Service.',
  },
  {
    id: 'workload-identity-service-account',
    category: 'cross-object',
    description: `Pods labelled ${WORKLOAD_IDENTITY_USE_LABEL}: "true" run as a ServiceAccount of the set (same `
      + `namespace) annotated with ${WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION}, unless every container sets `
      + 'AZURE_CLIENT_ID itself (e.g. from the ConfigMap of an identity Azure Service Operator creates).',
    fix: `Set serviceAccountName to a ServiceAccount with the ${WORKLOAD_IDENTITY_CLIENT_ID_ANNOTATION} annotation, `
      + 'or set AZURE_CLIENT_ID in every container.',
  },
  {
    id: 'namespace-default-deny',
    category: 'cross-object',
    description: 'Every namespace with workloads has NetworkPolicies that deny all ingress and egress by default '
      + '(podSelector {}, policyTypes [Ingress, Egress], no rules except egress to DNS on port 53; one policy or two).',
    fix: 'Add a default-deny NetworkPolicy to the namespace.',
  },
  {
    id: 'env-duplicate',
    category: 'cross-object',
    description: 'No container defines the same environment variable name twice.',
    fix: 'Remove one of the duplicate env entries.',
  },
  {
    id: 'apply-order',
    category: 'cross-object',
    description: 'In each file, every object comes after the objects of that file it needs, so one `kubectl apply -f` '
      + 'pass succeeds: the Namespace, the CustomResourceDefinition of its kind; for workloads their ServiceAccount, '
      + 'ConfigMaps and Secrets; for ScaledObjects their target and TriggerAuthentications; for HPAs their target; for '
      + 'PDBs the workloads they select; for Ingresses and HTTPRoutes their Services; for RoleBindings their Role. An '
      + 'error in every case (see Apply order).',
    fix: 'Move the needed object above the object that needs it: Namespace, CRDs, ServiceAccounts, RBAC and config, '
      + 'workloads, Services, TriggerAuthentications, autoscalers and PDBs, Ingress/HTTPRoute. In a cdk8s chart the '
      + 'objects come in the order their constructs were created: create the needed object first (e.g. the ConfigMap '
      + 'before the `DurableWorker` that mounts it), or declare the dependency, which cdk8s orders by '
      + '(`worker.node.addDependency(configMap)`).',
  },
] as const satisfies readonly RuleInfo[];

/** Id of a rule in `RULES`. */
export type RuleId = (typeof RULES)[number]['id'];
