import { Finding, validateManifests } from '../../validation/index';
import { NS, Obj, cleanSet, get, remove, workerPod } from './fixtures';

const WORKER = { kind: 'Deployment', name: 'durable-worker', namespace: NS };
const API = { kind: 'Deployment', name: 'durable-api', namespace: NS };
const HPA = { kind: 'HorizontalPodAutoscaler', name: 'durable-api', namespace: NS };
const SO = { kind: 'ScaledObject', name: 'durable-worker', namespace: NS };

/** Findings of the compliant set after `mutate`, without positions. */
function afterMutating(mutate: (set: Obj[]) => void): Omit<Finding, 'index'>[] {
  const set = cleanSet();
  mutate(set);
  return validateManifests(set).map(({ index: _index, ...rest }) => rest);
}

describe('autoscaling', () => {
  test('hpa-target-missing: the scaleTargetRef must name an object of the namespace', () => {
    // GIVEN / WHEN the HPA targets a misspelt Deployment (the api PDB allows one eviction either way)
    const findings = afterMutating(set => {
      get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.scaleTargetRef.name = 'durable-apii';
      get(set, 'PodDisruptionBudget', 'durable-api').spec = { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'durable-api' } } };
    });
    // THEN
    expect(findings).toEqual([{ rule: 'hpa-target-missing', message: 'Deployment durable-apii (apps/v1) is not in namespace durable-system', ...HPA, field: 'spec.scaleTargetRef' }]);
  });

  test('hpa-target-missing: the target must be in the same namespace and API group', () => {
    // GIVEN / WHEN the HPA names the right Deployment through another API group
    const findings = afterMutating(set => {
      get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.scaleTargetRef.apiVersion = 'argoproj.io/v1alpha1';
      get(set, 'PodDisruptionBudget', 'durable-api').spec = { maxUnavailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'durable-api' } } };
    });
    // THEN
    expect(findings).toEqual([{ rule: 'hpa-target-missing', message: 'Deployment durable-api (argoproj.io/v1alpha1) is not in namespace durable-system', ...HPA, field: 'spec.scaleTargetRef' }]);
  });

  test('scaledobject-target-missing: kind defaults to Deployment', () => {
    // GIVEN / WHEN the ScaledObject names a missing workload without a kind
    const findings = afterMutating(set => { get(set, 'ScaledObject', 'durable-worker').spec.scaleTargetRef = { name: 'durable-wroker' }; });
    // THEN
    expect(findings).toEqual([{ rule: 'scaledobject-target-missing', message: 'Deployment durable-wroker is not in namespace durable-system', ...SO, field: 'spec.scaleTargetRef' }]);
  });

  test('autoscaler-conflict: an HPA next to the ScaledObject of the same Deployment', () => {
    // GIVEN / WHEN a second autoscaler targets the worker
    const findings = afterMutating(set => {
      const hpa = structuredClone(get(set, 'HorizontalPodAutoscaler', 'durable-api'));
      hpa.metadata.name = 'durable-worker-extra';
      hpa.spec.scaleTargetRef.name = 'durable-worker';
      set.push(hpa);
    });
    // THEN the Deployment is reported once, naming both
    expect(findings).toEqual([{ rule: 'autoscaler-conflict', message: 'is scaled by 2 autoscalers (HorizontalPodAutoscaler durable-worker-extra, ScaledObject durable-worker); keep one', ...WORKER }]);
  });

  test('autoscaled-replicas: autoscaled Deployments leave spec.replicas unset', () => {
    // GIVEN / WHEN the KEDA-scaled worker pins replicas
    const findings = afterMutating(set => { get(set, 'Deployment', 'durable-worker').spec.replicas = 2; });
    // THEN
    expect(findings).toEqual([{ rule: 'autoscaled-replicas', message: 'must be unset: ScaledObject durable-worker manages the replica count', ...WORKER, field: 'spec.replicas' }]);
  });

  test('autoscaler-min-max: minimum above maximum, for HPAs and ScaledObjects', () => {
    // GIVEN / WHEN both autoscalers have min > max
    const findings = afterMutating(set => {
      get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.minReplicas = 12;
      get(set, 'ScaledObject', 'durable-worker').spec.minReplicaCount = 30;
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'autoscaler-min-max', message: 'minReplicaCount 30 is greater than maxReplicaCount 20', ...SO, field: 'spec.minReplicaCount' },
      { rule: 'autoscaler-min-max', message: 'minReplicas 12 is greater than maxReplicas 10', ...HPA, field: 'spec.minReplicas' },
    ]);
  });

  test('autoscaler-resource-requests: utilization scaling needs requests (a limit alone counts)', () => {
    // GIVEN / WHEN the api container (HPA on cpu utilization) has neither cpu request nor limit, and the
    // worker (KEDA cpu trigger) keeps only a cpu limit
    const findings = afterMutating(set => {
      const api = get(set, 'Deployment', 'durable-api').spec.template.spec.containers[0].resources;
      delete api.requests.cpu;
      delete api.limits.cpu;
      const worker = workerPod(set).containers[0].resources;
      delete worker.requests.cpu;
      worker.limits.cpu = '1';
    });
    // THEN only the api is reported, at the missing request
    expect(findings).toEqual([{
      rule: 'autoscaler-resource-requests',
      message: 'required: HorizontalPodAutoscaler durable-api scales on cpu utilization, which is relative to the request of container api',
      ...API,
      field: 'spec.template.spec.containers[0].resources.requests.cpu',
    }]);
  });

  test('autoscaler-resource-requests: an HPA without metrics defaults to cpu utilization', () => {
    // GIVEN / WHEN the HPA has no metrics and the api container no cpu request or limit
    const findings = afterMutating(set => {
      delete get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.metrics;
      const api = get(set, 'Deployment', 'durable-api').spec.template.spec.containers[0].resources;
      delete api.requests.cpu;
      delete api.limits.cpu;
    });
    // THEN
    expect(findings).toEqual([{
      rule: 'autoscaler-resource-requests',
      message: 'required: HorizontalPodAutoscaler durable-api scales on cpu utilization, which is relative to the request of container api',
      ...API,
      field: 'spec.template.spec.containers[0].resources.requests.cpu',
    }]);
  });

  test('autoscaler-resource-requests: KEDA memory triggers, containerName and AverageValue', () => {
    // GIVEN / WHEN the worker gets a sidecar without requests, a memory trigger limited to the sidecar and
    // an AverageValue cpu trigger (absolute, no request needed)
    const findings = afterMutating(set => {
      workerPod(set).initContainers = [{
        name: 'proxy', image: 'proxy:1', restartPolicy: 'Always',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }];
      const so = get(set, 'ScaledObject', 'durable-worker');
      so.spec.triggers = [
        so.spec.triggers[0],
        { type: 'memory', metricType: 'Utilization', metadata: { value: '80', containerName: 'proxy' } },
        { type: 'cpu', metricType: 'AverageValue', metadata: { value: '500m' } },
      ];
    });
    // THEN the sidecar's memory request is reported
    expect(findings).toEqual([{
      rule: 'autoscaler-resource-requests',
      message: 'required: ScaledObject durable-worker scales on memory utilization, which is relative to the request of container proxy',
      ...WORKER,
      field: 'spec.template.spec.initContainers[0].resources.requests.memory',
    }]);
  });

  test('scaledobject-name-length: at most 54 characters', () => {
    // GIVEN / WHEN the ScaledObject has a 55-character name
    const name = `durable-worker-${'x'.repeat(40)}`;
    const findings = afterMutating(set => { get(set, 'ScaledObject', 'durable-worker').metadata.name = name; });
    // THEN
    expect(findings).toEqual([{ rule: 'scaledobject-name-length', message: 'name has 55 characters; KEDA allows at most 54 (it names the HPA keda-hpa-<name>)', kind: 'ScaledObject', name, namespace: NS, field: 'metadata.name' }]);
  });

  test('keda-trigger-metadata: a cron time zone Go cannot load, and prometheus addresses KEDA cannot query', () => {
    // GIVEN / WHEN the ScaledObject gets cron and prometheus triggers with such metadata
    const cron = (timezone: string) => ({ type: 'cron', metadata: { timezone, start: '0 8 * * *', end: '0 18 * * *', desiredReplicas: '2' } });
    const prometheus = (serverAddress: string) => ({ type: 'prometheus', metadata: { serverAddress, query: 'up', threshold: '1' } });
    const findings = afterMutating(set => {
      get(set, 'ScaledObject', 'durable-worker').spec.triggers.push(cron('US/PACIFIC'), cron('Mars/Olympus'), cron('Europe/Amsterdam'),
        prometheus('https://keda:p@ss;word@prometheus.example.com'), prometheus('http://prometheus.monitoring:9090/api/v1/query'),
        prometheus('http://prometheus.monitoring:9090?x=1'), prometheus('http://prometheus.monitoring:9090/prometheus'));
    });
    // THEN one finding per unusable value, the user and password hidden (also a password the URL parser
    // percent-encodes); the valid zone and the base URL with a path pass
    const field = (i: number, name: string) => `spec.triggers[${i}].metadata.${name}`;
    expect(findings).toEqual([
      { rule: 'keda-trigger-metadata', message: 'trigger 2 (cron): timezone "US/PACIFIC" is not a name of the IANA tz database; Go loads zones case-sensitively: write "US/Pacific"', ...SO, field: field(2, 'timezone') },
      { rule: 'keda-trigger-metadata', message: 'trigger 3 (cron): timezone "Mars/Olympus" is not a name of the IANA tz database, e.g. "Europe/Amsterdam" or "UTC"', ...SO, field: field(3, 'timezone') },
      { rule: 'keda-trigger-metadata', message: 'trigger 5 (prometheus): serverAddress "https://***@prometheus.example.com" has credentials in it, in plain text: read them from a Secret (authModes: basic, and a TriggerAuthentication with secretTargetRef)', ...SO, field: field(5, 'serverAddress') },
      { rule: 'keda-trigger-metadata', message: 'trigger 6 (prometheus): serverAddress "http://prometheus.monitoring:9090/api/v1/query" ends in "/api/v1/query", but KEDA appends "/api/v1/query?query=..." itself: give the server\'s base URL', ...SO, field: field(6, 'serverAddress') },
      { rule: 'keda-trigger-metadata', message: 'trigger 7 (prometheus): serverAddress "http://prometheus.monitoring:9090?x=1" has a query or fragment: KEDA appends "/api/v1/query?query=..." to it, so every query would go to the wrong URL', ...SO, field: field(7, 'serverAddress') },
    ]);
  });

  test('scaledobject-cpu-memory-min-replicas: cpu/memory-only ScaledObjects cannot scale from zero', () => {
    // GIVEN / WHEN the worker keeps only its cpu trigger, once with minReplicaCount 0 and once unset
    const only = (min: number | undefined): Omit<Finding, 'index'>[] => afterMutating(set => {
      const so = get(set, 'ScaledObject', 'durable-worker');
      so.spec.triggers = [so.spec.triggers[1]];
      if (min === undefined) delete so.spec.minReplicaCount;
      else so.spec.minReplicaCount = min;
    });
    // THEN both are reported; 1 is fine
    expect(only(0)).toEqual([{ rule: 'scaledobject-cpu-memory-min-replicas', message: 'must be at least 1 when every trigger is cpu or memory (is 0); KEDA cannot scale such a workload from zero', ...SO, field: 'spec.minReplicaCount' }]);
    expect(only(undefined)).toEqual([{ rule: 'scaledobject-cpu-memory-min-replicas', message: 'must be at least 1 when every trigger is cpu or memory (unset, defaults to 0); KEDA cannot scale such a workload from zero', ...SO, field: 'spec.minReplicaCount' }]);
    expect(only(1)).toEqual([]);
  });

  test('scaledobject-auth-missing: TriggerAuthentication in the namespace, or ClusterTriggerAuthentication', () => {
    // GIVEN / WHEN one trigger names a missing TriggerAuthentication, one a missing and one an existing
    // ClusterTriggerAuthentication
    const findings = afterMutating(set => {
      const so = get(set, 'ScaledObject', 'durable-worker');
      const queue = so.spec.triggers[0];
      so.spec.triggers = [
        { ...queue, authenticationRef: { name: 'durable-wrk' } },
        { ...queue, authenticationRef: { name: 'shared', kind: 'ClusterTriggerAuthentication' } },
        { ...queue, authenticationRef: { name: 'platform', kind: 'ClusterTriggerAuthentication' } },
      ];
      // First in the set: the ScaledObject needs it before itself (apply-order)
      set.unshift({ apiVersion: 'keda.sh/v1alpha1', kind: 'ClusterTriggerAuthentication', metadata: { name: 'platform' }, spec: { podIdentity: { provider: 'azure-workload' } } });
    });
    // THEN the two missing ones are reported
    expect(findings).toEqual([
      { rule: 'scaledobject-auth-missing', message: 'TriggerAuthentication durable-wrk is not in namespace durable-system', ...SO, field: 'spec.triggers[0].authenticationRef.name' },
      { rule: 'scaledobject-auth-missing', message: 'ClusterTriggerAuthentication shared is not in the manifest set', ...SO, field: 'spec.triggers[1].authenticationRef.name' },
    ]);
  });
});

describe('PodDisruptionBudgets', () => {
  const WORKER_PDB = { kind: 'PodDisruptionBudget', name: 'durable-worker', namespace: NS };
  const API_PDB = { kind: 'PodDisruptionBudget', name: 'durable-api', namespace: NS };

  test('pdb-no-match: the selector must match a pod template', () => {
    // GIVEN / WHEN the worker PDB selects a misspelt component
    const findings = afterMutating(set => { get(set, 'PodDisruptionBudget', 'durable-worker').spec.selector.matchLabels['app.kubernetes.io/component'] = 'wrker'; });
    // THEN
    expect(findings).toEqual([{ rule: 'pdb-no-match', message: 'matches no pod template in namespace durable-system', ...WORKER_PDB, field: 'spec.selector' }]);
  });

  test('pdb-blocks-eviction: maxUnavailable 0 and "0%"', () => {
    // GIVEN / WHEN
    const findings = afterMutating(set => {
      get(set, 'PodDisruptionBudget', 'durable-worker').spec.maxUnavailable = 0;
      get(set, 'PodDisruptionBudget', 'durable-api').spec = { maxUnavailable: '0%', selector: get(set, 'PodDisruptionBudget', 'durable-api').spec.selector };
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'pdb-blocks-eviction', message: '0 blocks every voluntary eviction (node drain, cluster upgrade)', ...WORKER_PDB, field: 'spec.maxUnavailable' },
      { rule: 'pdb-blocks-eviction', message: '"0%" blocks every voluntary eviction (node drain, cluster upgrade)', ...API_PDB, field: 'spec.maxUnavailable' },
    ]);
  });

  test('pdb-blocks-eviction: minAvailable at the autoscaler minimum, or 100%', () => {
    // GIVEN / WHEN the api PDB keeps 2 of an HPA minimum of 2, and the worker PDB keeps 100%
    const findings = afterMutating(set => {
      get(set, 'PodDisruptionBudget', 'durable-api').spec.minAvailable = 2;
      get(set, 'PodDisruptionBudget', 'durable-worker').spec = { minAvailable: '100%', selector: get(set, 'PodDisruptionBudget', 'durable-worker').spec.selector };
    });
    // THEN
    expect(findings).toEqual([
      { rule: 'pdb-blocks-eviction', message: '"100%" blocks every voluntary eviction (node drain, cluster upgrade)', ...WORKER_PDB, field: 'spec.minAvailable' },
      { rule: 'pdb-blocks-eviction', message: '2 requires 2 of 2 pod(s) of Deployment durable-system/durable-api to stay available: no pod can be evicted', ...API_PDB, field: 'spec.minAvailable' },
    ]);
  });

  test('pdb-blocks-eviction: percentages round up like the disruption controller', () => {
    // GIVEN / WHEN the HPA may go down to 1 replica and the PDB keeps 50%
    const findings = afterMutating(set => {
      get(set, 'HorizontalPodAutoscaler', 'durable-api').spec.minReplicas = 1;
      get(set, 'PodDisruptionBudget', 'durable-api').spec.minAvailable = '50%';
    });
    // THEN 50% of 1 rounds up to 1: blocked
    expect(findings).toEqual([{ rule: 'pdb-blocks-eviction', message: '"50%" requires 1 of 1 pod(s) of Deployment durable-system/durable-api to stay available: no pod can be evicted', ...API_PDB, field: 'spec.minAvailable' }]);
  });

  test('fixed replicas count when a workload is not autoscaled', () => {
    // GIVEN / WHEN the api loses its HPA and runs 3 fixed replicas, with minAvailable 2
    const findings = afterMutating(set => {
      remove(set, 'HorizontalPodAutoscaler', 'durable-api');
      get(set, 'Deployment', 'durable-api').spec.replicas = 3;
      get(set, 'PodDisruptionBudget', 'durable-api').spec.minAvailable = 2;
    });
    // THEN one pod may be evicted: nothing to report
    expect(findings).toEqual([]);
  });
});

describe('Services, Ingresses and HTTPRoutes', () => {
  const SVC = { kind: 'Service', name: 'durable-api', namespace: NS };
  const ING = { kind: 'Ingress', name: 'durable-api', namespace: NS };
  const ROUTE = { kind: 'HTTPRoute', name: 'durable-api', namespace: NS };

  test('service-no-match: the selector must match a pod template', () => {
    // GIVEN / WHEN
    const findings = afterMutating(set => { get(set, 'Service', 'durable-api').spec.selector['app.kubernetes.io/component'] = 'apii'; });
    // THEN
    expect(findings).toEqual([{ rule: 'service-no-match', message: 'matches no pod template in namespace durable-system', ...SVC, field: 'spec.selector' }]);
  });

  test('service-target-port-missing: a named target port must be declared by the containers', () => {
    // GIVEN / WHEN one port targets an undeclared name, another an undeclared number, a third the declared number
    const findings = afterMutating(set => {
      const ports = get(set, 'Service', 'durable-api').spec.ports;
      ports.push({ name: 'https', port: 443, targetPort: 'https' }, { name: 'metrics', port: 9090 }, { name: 'direct', port: 8080 });
    });
    // THEN only the name is reported: Kubernetes routes to an undeclared port number
    expect(findings).toEqual([
      { rule: 'service-target-port-missing', message: 'port name https is not declared by any container of Deployment durable-system/durable-api', ...SVC, field: 'spec.ports[1].targetPort' },
    ]);
  });

  test('service-target-port-missing: requireDeclaredTargetPorts also checks numeric target ports', () => {
    // GIVEN an undeclared numeric port (implicit targetPort) and the declared one
    const set = cleanSet();
    get(set, 'Service', 'durable-api').spec.ports.push({ name: 'metrics', port: 9090 }, { name: 'direct', port: 8080 });
    // WHEN validated with the option
    const findings = validateManifests(set, { requireDeclaredTargetPorts: true })
      .map(({ index: _index, ...rest }) => rest);
    // THEN the undeclared number is reported
    expect(findings).toEqual([
      { rule: 'service-target-port-missing', message: 'port 9090 is not declared by any container of Deployment durable-system/durable-api', ...SVC, field: 'spec.ports[1].port' },
    ]);
  });

  test('ingress-backend-missing: Service name, port number and port name must exist', () => {
    // GIVEN / WHEN three more paths point to a missing Service, a missing port number and a missing port name
    const findings = afterMutating(set => {
      const paths = get(set, 'Ingress', 'durable-api').spec.rules[0].http.paths;
      paths.push(
        { path: '/a', pathType: 'Prefix', backend: { service: { name: 'durable-apii', port: { number: 80 } } } },
        { path: '/b', pathType: 'Prefix', backend: { service: { name: 'durable-api', port: { number: 8080 } } } },
        { path: '/c', pathType: 'Prefix', backend: { service: { name: 'durable-api', port: { name: 'grpc' } } } },
      );
    });
    // THEN
    const at = (i: number): string => `spec.rules[0].http.paths[${i}].backend.service`;
    expect(findings).toEqual([
      { rule: 'ingress-backend-missing', message: 'Service durable-apii is not in namespace durable-system', ...ING, field: `${at(1)}.name` },
      { rule: 'ingress-backend-missing', message: 'Service durable-api has no port 8080 (ports: http/80)', ...ING, field: `${at(2)}.port.number` },
      { rule: 'ingress-backend-missing', message: 'Service durable-api has no port named grpc (ports: http/80)', ...ING, field: `${at(3)}.port.name` },
    ]);
  });

  test('ingress-backend-missing: the default backend is checked too', () => {
    // GIVEN / WHEN
    const findings = afterMutating(set => { get(set, 'Ingress', 'durable-api').spec.defaultBackend = { service: { name: 'fallback', port: { number: 80 } } }; });
    // THEN
    expect(findings).toEqual([{ rule: 'ingress-backend-missing', message: 'Service fallback is not in namespace durable-system', ...ING, field: 'spec.defaultBackend.service.name' }]);
  });

  test('httproute-backend-missing: Service backendRefs (and mirrors) must name a Service and one of its ports', () => {
    // GIVEN / WHEN the route gets a wrong port, a missing Service, a missing mirror target and a non-Service backend
    const findings = afterMutating(set => {
      const rule = get(set, 'HTTPRoute', 'durable-api').spec.rules[0];
      rule.backendRefs.push(
        { name: 'durable-api', port: 8080 },
        { name: 'durable-apii', port: 80 },
        { group: 'example.com', kind: 'Bucket', name: 'static' },
      );
      rule.filters = [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', namespace: 'canary', port: 80 } } }];
    });
    // THEN the non-Service backend is left alone
    expect(findings).toEqual([
      { rule: 'httproute-backend-missing', message: 'Service durable-api has no port 8080 (ports: http/80)', ...ROUTE, field: 'spec.rules[0].backendRefs[1].port' },
      { rule: 'httproute-backend-missing', message: 'Service durable-apii is not in namespace durable-system', ...ROUTE, field: 'spec.rules[0].backendRefs[2].name' },
      { rule: 'httproute-backend-missing', message: 'Service shadow is not in namespace canary', ...ROUTE, field: 'spec.rules[0].filters[0].requestMirror.backendRef.name' },
    ]);
  });
});

describe('workload identity, network policies, env', () => {
  test('workload-identity-service-account: the ServiceAccount needs the client-id annotation', () => {
    // GIVEN / WHEN the worker's ServiceAccount loses its client id
    const findings = afterMutating(set => { delete get(set, 'ServiceAccount', 'durable-worker').metadata.annotations['azure.workload.identity/client-id']; });
    // THEN the ServiceAccount is reported
    expect(findings).toEqual([{
      rule: 'workload-identity-service-account',
      message: 'required: Deployment durable-system/durable-worker runs with azure.workload.identity/use: "true" as this ServiceAccount',
      kind: 'ServiceAccount',
      name: 'durable-worker',
      namespace: NS,
      field: 'metadata.annotations["azure.workload.identity/client-id"]',
    }]);
  });

  test('workload-identity-service-account: no annotation is needed when every container sets AZURE_CLIENT_ID', () => {
    // GIVEN / WHEN the worker reads its client id from a ConfigMap instead of the ServiceAccount annotation
    const findings = afterMutating(set => {
      delete get(set, 'ServiceAccount', 'durable-worker').metadata.annotations['azure.workload.identity/client-id'];
      get(set, 'Deployment', 'durable-worker').spec.template.spec.containers[0].env.unshift(
        { name: 'AZURE_CLIENT_ID', valueFrom: { configMapKeyRef: { name: 'durable-worker-identity', key: 'clientId' } } });
    });
    // THEN the webhook keeps that variable, so nothing is missing
    expect(findings).toEqual([]);
  });

  test('workload-identity-service-account: the pod must use a ServiceAccount of the set', () => {
    // GIVEN / WHEN the api pod falls back to the `default` ServiceAccount
    const findings = afterMutating(set => { delete get(set, 'Deployment', 'durable-api').spec.template.spec.serviceAccountName; });
    // THEN
    expect(findings).toEqual([{
      rule: 'workload-identity-service-account',
      message: 'ServiceAccount default is not in namespace durable-system; pods labelled azure.workload.identity/use: "true" need one annotated with azure.workload.identity/client-id',
      ...API,
      field: 'spec.template.spec.serviceAccountName',
    }]);
  });

  test('namespace-default-deny: a namespace with workloads needs default-deny ingress and egress', () => {
    // GIVEN / WHEN the default-deny policy is gone
    const set = cleanSet();
    remove(set, 'NetworkPolicy', 'default-deny');
    const findings = validateManifests(set);
    // THEN the namespace is reported (at the Namespace object of the set)
    expect(findings).toContainEqual({
      rule: 'namespace-default-deny',
      message: 'no NetworkPolicy denies ingress and egress by default (podSelector {}, policyTypes [Ingress, Egress], no rules other than egress to DNS on port 53)',
      kind: 'Namespace',
      name: NS,
      index: set.findIndex(o => o.kind === 'Namespace'),
    });
    expect(findings).toHaveLength(1);
  });

  test('namespace-default-deny: two single-direction policies count; an allow-all rule does not', () => {
    // GIVEN / WHEN default-deny is split into ingress and egress policies, and the egress one allows everything
    const findings = afterMutating(set => {
      const deny = get(set, 'NetworkPolicy', 'default-deny');
      deny.spec = { podSelector: {}, policyTypes: ['Ingress'] };
      const egress = structuredClone(deny);
      egress.metadata.name = 'default-deny-egress';
      egress.spec = { podSelector: {}, policyTypes: ['Egress'], egress: [{}] };
      set.push(egress);
    });
    // THEN egress is still open
    expect(findings).toEqual([{ rule: 'namespace-default-deny', message: 'no NetworkPolicy denies egress by default (podSelector {}, policyTypes [Egress], no rules other than egress to DNS on port 53)', kind: 'Namespace', name: NS }]);
  });

  test('namespace-default-deny: namespaces without a Namespace object are reported too', () => {
    // GIVEN / WHEN a workload lives in a namespace the set has no policies for
    const findings = afterMutating(set => {
      const other = structuredClone(get(set, 'Deployment', 'durable-api'));
      other.metadata.namespace = 'other';
      other.spec.template.metadata.labels['azure.workload.identity/use'] = 'false';
      set.push(other);
    });
    // THEN
    expect(findings).toEqual([{ rule: 'namespace-default-deny', message: 'no NetworkPolicy denies ingress and egress by default (podSelector {}, policyTypes [Ingress, Egress], no rules other than egress to DNS on port 53)', kind: 'Namespace', name: 'other' }]);
  });

  test('env-duplicate: the same env name twice in one container', () => {
    // GIVEN / WHEN
    const findings = afterMutating(set => { workerPod(set).containers[0].env.push({ name: 'DTS_TASKHUB', value: 'other' }); });
    // THEN
    expect(findings).toEqual([{ rule: 'env-duplicate', message: 'duplicate env var DTS_TASKHUB in container worker (first at env[1])', ...WORKER, field: 'spec.template.spec.containers[0].env[3].name' }]);
  });
});
