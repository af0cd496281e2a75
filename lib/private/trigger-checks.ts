import { IConstruct } from 'constructs';
import { WorkloadIdentity } from '../identity';
import { checkInstance, fail, show } from './input-checks';

/**
 * A trigger's optional identity: undefined, or a WorkloadIdentity (checked). A plain object or `null` from a
 * JavaScript caller is reported, not read (it has no `_validate` or `_key`).
 */
export function checkTriggerIdentity(scope: IConstruct, prop: string,
  identity: WorkloadIdentity | undefined): WorkloadIdentity | undefined {
  if (identity === undefined) {
    return undefined;
  }
  checkInstance(scope, prop, identity, WorkloadIdentity, 'WorkloadIdentity.fromClientId(...)');
  identity._validate(scope, prop);
  return identity;
}

/**
 * KEDA's prometheus scaler appends `/api/v1/query?query=...` to the server address
 * (pkg/scalers/prometheus_scaler.go: `fmt.Sprintf("%s/api/v1/query?query=%s&time=%s", serverAddress, ...)`): a query
 * or fragment in the address swallows that path, so every query fails.
 */
export function checkPrometheusAddress(scope: IConstruct, prop: string, value: string): void {
  const url = new URL(value);
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    fail(scope, `'${prop}' (${show(value)}) has a query or fragment: KEDA appends "/api/v1/query?query=..." to the `
      + 'server address, so it must end with the host or a path, e.g. "https://prometheus.example.com" or '
      + '"http://prometheus.monitoring.svc:9090"');
  }
}
