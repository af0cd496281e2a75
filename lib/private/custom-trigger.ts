import { IConstruct } from 'constructs';
import { CustomTriggerOptions, KedaMetricType } from '../keda-trigger-options';
import { checkOptions, fail, show } from './input-checks';
import { KEDA_SCALER_TYPES, TYPED_SCALERS } from './keda-scalers';
import { checkedEntries } from './object-metadata';
import { checkSecretRefs, checkTriggerIdentity } from './trigger-checks';
import { RenderedTrigger } from './trigger-types';

export function renderCustomTrigger(scope: IConstruct, prop: string, scalerType: string,
  options: CustomTriggerOptions): Omit<RenderedTrigger, 'type' | 'name'> {
  checkOptions(scope, prop, options);
  if (typeof scalerType !== 'string' || !KEDA_SCALER_TYPES.includes(scalerType)) {
    fail(scope, `'${prop}.scalerType' (${show(scalerType)}) is not a scaler of KEDA 2.20: use one of its scaler types, `
      + 'e.g. "azure-servicebus", "azure-monitor", "external" (see https://keda.sh/docs/2.20/scalers/)');
  }
  if (TYPED_SCALERS.includes(scalerType)) {
    fail(scope, `'${prop}.scalerType' (${show(scalerType)}) has its own factory that checks its metadata: use `
      + `KedaTrigger.${scalerType}(...)`);
  }
  const metadata = checkedEntries(scope, `${prop}.metadata`, options.metadata, 'metadata');
  if (Object.keys(metadata).length === 0) {
    fail(scope, `'${prop}.metadata' is empty: give the scaler's metadata as KEDA documents it for ${scalerType}`);
  }
  if (options.metricType !== undefined
      && ![KedaMetricType.AVERAGE_VALUE, KedaMetricType.VALUE].includes(options.metricType)) {
    fail(scope, `'${prop}.metricType' (${show(options.metricType)}) must be AVERAGE_VALUE or VALUE: Utilization is for `
      + 'cpu and memory only');
  }
  const identity = checkTriggerIdentity(scope, `${prop}.identity`, options.identity);
  checkSecretRefs(scope, `${prop}.secretRefs`, options.secretRefs);
  return {
    ...(options.metricType !== undefined ? { metricType: options.metricType } : {}),
    metadata,
    identity,
    ...(options.secretRefs?.length ? { secretRefs: options.secretRefs } : {}),
  };
}
