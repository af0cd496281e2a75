/**
 * The tenants file's data model and its structural checks: types, required fields, unknown fields and number
 * bounds, each reported with the file, the entry and the field path. The constructs check everything else (names,
 * images, endpoints, ...) and their messages are passed on with the same prefix. schemas/tenants.schema.json
 * describes the same model for editors; test/tenants-file.test.ts keeps the two in step.
 */
import { show } from './input-checks';
import { isYaml12Boolean, notABoolean, notAString, quantityText } from './tenants-yaml-text';

export interface IdentitySpec {
  readonly clientId?: string;
  readonly tenantId?: string;
  readonly azure?: {
    readonly resourceId?: string;
    readonly principalId?: string;
    readonly create?: { readonly subscriptionId: string; readonly resourceGroup: string; readonly location: string };
  };
}

export interface ScalingSpec {
  readonly type: 'fixed' | 'hpa' | 'keda';
  /** hpa: the HorizontalPodAutoscaler's name (HpaScalingOptions.name). */
  readonly name?: string;
  readonly replicas?: number;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly cpuUtilization?: number;
  readonly memoryUtilization?: number;
  readonly triggers?: TriggerSpec[];
}

export interface TriggerSpec {
  readonly type: 'cpu' | 'memory' | 'durableTaskScheduler';
  readonly value?: number;
  readonly name?: string;
  readonly maxConcurrentWorkItemsCount?: number;
  /** A durableTaskScheduler trigger's own identity (KedaTrigger.durableTaskScheduler `identity`). */
  readonly identity?: IdentitySpec;
}

export interface WorkloadSpec {
  readonly name?: string;
  readonly image?: string;
  readonly scaling?: ScalingSpec;
  readonly resources?: { cpuRequest?: string; memoryRequest?: string; cpuLimit?: string; memoryLimit?: string };
  readonly env?: { name: string; value: string }[];
  readonly preStopDelaySeconds?: number;
  readonly terminationGracePeriodSeconds?: number;
  readonly imagePullSecrets?: string[];
  readonly readinessProbe?: ProbeSpec;
  readonly livenessProbe?: ProbeSpec;
  readonly startupProbe?: ProbeSpec;
}

/** A health probe: HealthProbe.http / grpc / tcp / exec by `type`, with their options. */
export interface ProbeSpec {
  readonly type: 'http' | 'grpc' | 'tcp' | 'exec';
  readonly path?: string;
  readonly port?: number;
  readonly service?: string;
  readonly command?: string[];
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
}

export interface WorkerSpec extends WorkloadSpec {
  readonly port?: number;
  readonly workItemType?: 'Orchestration' | 'Activity' | 'Entity';
}

export interface ApiSpec extends WorkloadSpec {
  readonly port?: number;
  readonly servicePort?: number;
  readonly ingress?: { host: string; className?: string; tlsSecretName?: string; clusterIssuer?: string;
    path?: string; controllerNamespace?: string; sourceCidrs?: string[]; };
  readonly httpRoute?: { gatewayName: string; gatewayNamespace: string; hostnames: string[]; sectionName?: string;
    path?: string; sourceCidrs?: string[]; };
}

/** A tenant's `baseline`: NamespaceBaselineOptions, field for field. */
export interface BaselineSpec {
  readonly createNamespace?: boolean;
  readonly podSecurityVersion?: string;
  readonly quota?: Record<string, string | number>;
  readonly limitRange?: Record<string, string>;
  readonly httpsEgressCidrs?: string[];
}

export interface TenantSpec {
  readonly name: string;
  readonly namespace?: string;
  readonly createBaseline?: boolean;
  readonly baseline?: BaselineSpec;
  readonly taskHub?: string;
  readonly scheduler?: string;
  readonly identity?: IdentitySpec;
  readonly apiIdentity?: IdentitySpec;
  readonly workers?: WorkerSpec[];
  readonly apis?: ApiSpec[];
}

export interface SchedulerSpec {
  readonly name: string;
  readonly endpoint: string;
  readonly connectionStringEnvName?: string;
  readonly azure?: { subscriptionId: string; resourceGroup: string; schedulerName: string };
}

export interface TenantsSpec {
  readonly schedulers: SchedulerSpec[];
  readonly defaults?: { workerImage?: string; apiImage?: string };
  readonly tenants: TenantSpec[];
}

/** A node of the structural model: what a field may hold. */
export type Shape =
  | { t: 'string'; enum?: string[] }
  | { t: 'integer'; min: number; max?: number }
  | { t: 'boolean' }
  | { t: 'quantity' }
  | { t: 'list'; of: Shape; minItems?: number }
  | { t: 'object'; fields: Record<string, Shape>; required?: string[]; variants?: Variants;
    dependentRequired?: Record<string, string[]>; };

/** The fields each value of the enum field `key` uses (the others do not apply to it), and those it needs. */
export interface Variants {
  readonly key: string;
  readonly allowed: Record<string, string[]>;
  readonly required?: Record<string, string[]>;
}

const str = (): Shape => ({ t: 'string' });
const int = (min: number, max?: number): Shape => ({ t: 'integer', min, max });
const bool = (): Shape => ({ t: 'boolean' });
/** A Kubernetes quantity: a string, or an unquoted number (`cpuRequest: 0.5`), as kubectl takes one. */
const qty = (): Shape => ({ t: 'quantity' });
const obj = (fields: Record<string, Shape>, required: string[] = [], variants?: Variants): Shape =>
  ({ t: 'object', fields, required, ...(variants ? { variants } : {}) });

function identityShape(): Shape {
  return obj({
    clientId: str(), tenantId: str(),
    azure: {
      ...obj({
        resourceId: str(), principalId: str(),
        create: obj({ subscriptionId: str(), resourceGroup: str(), location: str() },
          ['subscriptionId', 'resourceGroup', 'location']),
      }),
      // An existing identity: its resource id (federated credentials) and principal id (role assignment).
      dependentRequired: { resourceId: ['principalId'], principalId: ['resourceId'] },
    } as Shape,
  });
}

function scalingShape(): Shape {
  return obj({
    type: { t: 'string', enum: ['fixed', 'hpa', 'keda'] },
    name: str(), replicas: int(0), minReplicas: int(0), maxReplicas: int(1), cpuUtilization: int(1),
    memoryUtilization: int(1),
    triggers: {
      t: 'list', minItems: 1, of: obj({
        type: { t: 'string', enum: ['cpu', 'memory', 'durableTaskScheduler'] }, value: int(1), name: str(),
        maxConcurrentWorkItemsCount: int(1), identity: identityShape(),
      }, ['type'], { key: 'type', allowed: {
        cpu: ['type', 'value', 'name'],
        memory: ['type', 'value', 'name'],
        durableTaskScheduler: ['type', 'name', 'maxConcurrentWorkItemsCount', 'identity'],
      } }),
    },
  }, ['type'], { key: 'type', allowed: {
    fixed: ['type', 'replicas'],
    hpa: ['type', 'name', 'minReplicas', 'maxReplicas', 'cpuUtilization', 'memoryUtilization'],
    keda: ['type', 'minReplicas', 'maxReplicas', 'triggers'],
  } });
}

/**
 * A health probe: `type` chooses HealthProbe.http (`path`, optional `port`), grpc (`port`, optional `service`), tcp
 * (`port`) or exec (`command`), each with the timing options. Bounds as HealthProbe checks them; the rest (a path
 * starting with '/', a port of the container, a program to run) by HealthProbe, reported at the file's field.
 */
function probeShape(): Shape {
  const timing = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold'];
  return obj({
    type: { t: 'string', enum: ['http', 'grpc', 'tcp', 'exec'] }, path: str(), port: int(1, 65535), service: str(),
    command: { t: 'list', of: str(), minItems: 1 },
    initialDelaySeconds: int(0), periodSeconds: int(1), timeoutSeconds: int(1), failureThreshold: int(1),
  }, ['type'], {
    key: 'type',
    allowed: { http: ['type', 'path', 'port', ...timing], grpc: ['type', 'port', 'service', ...timing],
      tcp: ['type', 'port', ...timing], exec: ['type', 'command', ...timing] },
    required: { http: ['path'], grpc: ['port'], tcp: ['port'], exec: ['command'] },
  });
}

function workloadFields(): Record<string, Shape> {
  return {
    name: str(), image: str(), scaling: scalingShape(),
    resources: obj({ cpuRequest: qty(), memoryRequest: qty(), cpuLimit: qty(), memoryLimit: qty() }),
    env: { t: 'list', of: obj({ name: str(), value: str() }, ['name', 'value']) },
    preStopDelaySeconds: int(0), terminationGracePeriodSeconds: int(0), imagePullSecrets: { t: 'list', of: str() },
    readinessProbe: probeShape(), livenessProbe: probeShape(), startupProbe: probeShape(),
  };
}

/**
 * A tenant's `baseline`: the props of NamespaceBaselineOptions under the same names (TaskHubTenant's `baseline`), so
 * `baseline.quota.pods` in the file is `baseline: { quota: { pods } }` in TypeScript. Types and the bounds of the
 * quota's counts here (as NamespaceBaseline checks them: pods >= 1, the others >= 0); quantities, the Pod Security
 * version and CIDRs by NamespaceBaseline, reported at the file's field.
 */
function baselineShape(): Shape {
  return obj({
    createNamespace: bool(), podSecurityVersion: str(),
    quota: obj({
      requestsCpu: qty(), requestsMemory: qty(), limitsCpu: qty(), limitsMemory: qty(), pods: int(1),
      loadBalancers: int(0), nodePorts: int(0), services: int(0), secrets: int(0), configMaps: int(0),
      persistentVolumeClaims: int(0), requestsEphemeralStorage: qty(),
    }),
    limitRange: obj({
      defaultCpuRequest: qty(), defaultMemoryRequest: qty(), defaultCpuLimit: qty(), defaultMemoryLimit: qty(),
      defaultEphemeralStorage: qty(),
    }),
    httpsEgressCidrs: { t: 'list', of: str() },
  });
}

function routeSources(): Shape {
  return { t: 'list', of: str() };
}

/** The structural model of the whole file. */
export function tenantsFileShape(): Shape {
  const worker = obj({
    ...workloadFields(), workItemType: { t: 'string', enum: ['Orchestration', 'Activity', 'Entity'] },
    port: int(1, 65535),
  });
  const api = obj({
    ...workloadFields(), port: int(1, 65535), servicePort: int(1, 65535),
    ingress: obj({
      host: str(), className: str(), tlsSecretName: str(), clusterIssuer: str(), path: str(),
      controllerNamespace: str(), sourceCidrs: routeSources(),
    }, ['host']),
    httpRoute: obj({
      gatewayName: str(), gatewayNamespace: str(), hostnames: { t: 'list', of: str(), minItems: 1 },
      sectionName: str(), path: str(), sourceCidrs: routeSources(),
    }, ['gatewayName', 'gatewayNamespace', 'hostnames']),
  });
  const tenant = obj({
    name: str(), namespace: str(), createBaseline: bool(), baseline: baselineShape(), taskHub: str(), scheduler: str(),
    identity: identityShape(), apiIdentity: identityShape(),
    workers: { t: 'list', of: worker }, apis: { t: 'list', of: api },
  }, ['name']);
  const scheduler = obj({
    name: str(), endpoint: str(), connectionStringEnvName: str(),
    azure: obj({ subscriptionId: str(), resourceGroup: str(), schedulerName: str() },
      ['subscriptionId', 'resourceGroup', 'schedulerName']),
  }, ['name', 'endpoint']);
  return obj({
    schedulers: { t: 'list', of: scheduler, minItems: 1 },
    defaults: obj({ workerImage: str(), apiImage: str() }),
    tenants: { t: 'list', of: tenant },
  }, ['schedulers', 'tenants']);
}

/** Whether `record` has `key` as its own property (never a member of Object.prototype such as `constructor`). */
export function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

/**
 * Checks `value` against the model. Returns the first problem as `<label> (<value>) <what is allowed>`, where `label`
 * names the file, the tenant entry and the quoted field, e.g.
 * `tenants.yaml: tenants[3] "acme": 'workers[0].scaling.maxReplicas' (0) must be >= 1`.
 */
export function checkShape(value: unknown, shape: Shape, path: string,
  label: (path: string) => string, typed: ReadonlyMap<string, string> = new Map()): string | undefined {
  const here = () => label(path);
  switch (shape.t) {
    case 'string':
      if (typeof value !== 'string') return `${here()} ${notAString(value, typed.get(path))}`;
      if (shape.enum && !shape.enum.includes(value)) {
        return `${here()} (${show(value)}) must be one of ${shape.enum.map(e => JSON.stringify(e)).join(', ')}`;
      }
      return undefined;
    case 'quantity': {
      const text = typed.get(path);
      if (typeof value === 'string' || quantityText(value, text) !== undefined) return undefined;
      return typeof value === 'number' && text !== undefined
        ? `${here()} (${text}) is the number ${show(value)} to YAML 1.1, not the quantity ${text}: quote it, `
          + JSON.stringify(text)
        : `${here()} ${notAString(value, text)}`;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        // A quoted number is a string in YAML and JSON: say so.
        const quoted = typeof value === 'string' && /^[0-9]+$/.test(value) ? `: write ${value} without quotes` : '';
        const shown = value instanceof Date ? typed.get(path) ?? value.toISOString() : show(value);
        return `${here()} (${shown}) must be an integer${quoted}`;
      }
      if (value < shape.min) return `${here()} (${value}) must be >= ${shape.min}`;
      if (shape.max !== undefined && value > shape.max) return `${here()} (${value}) must be <= ${shape.max}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' && isYaml12Boolean(typed.get(path) ?? String(value)) ? undefined
        : `${here()} ${notABoolean(value, typed.get(path))}`;
    case 'list':
      if (!Array.isArray(value)) {
        const none = value === null && !shape.minItems ? `; for none, write "${path.replace(/.*[.\]]/, '')}: []"` : '';
        return `${here()} (${show(value)}) must be a list${none}`;
      }
      if (shape.minItems !== undefined && value.length < shape.minItems) {
        return `${here()} ([]) must have at least ${shape.minItems} entry`;
      }
      for (let i = 0; i < value.length; i++) {
        const problem = checkShape(value[i], shape.of, `${path}[${i}]`, label, typed);
        if (problem) return problem;
      }
      return undefined;
    default: {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
        return `${here()} (${show(value)}) must be a mapping`;
      }
      const record = value as Record<string, unknown>;
      const join = (key: string) => (path === '' ? key : `${path}.${key}`);
      for (const key of shape.required ?? []) {
        // A list given as null (`tenants:` with nothing after it) is reported as a list that is not one.
        const emptyList = record[key] === null && hasOwn(record, key) && shape.fields[key].t === 'list';
        if (!hasOwn(record, key) || record[key] === undefined || (record[key] === null && !emptyList)) {
          const text = typed.get(join(key));
          // `value:` or `value: ~` is YAML's null, not an empty string.
          const isNull = text === undefined || shape.fields[key].t !== 'string' ? ''
            : ` (YAML reads ${text === '' ? 'no value' : text} as null): write "" for an empty string`
              + (text === '' ? '' : `, or quote the text, ${JSON.stringify(text)}`);
          return `${label(join(key))} is required${isNull}`;
        }
      }
      for (const [key, needs] of Object.entries(shape.dependentRequired ?? {})) {
        const missing = needs.find(n => !hasOwn(record, n) || record[n] === undefined || record[n] === null);
        if (hasOwn(record, key) && record[key] !== undefined && record[key] !== null && missing !== undefined) {
          return `${label(join(missing))} is required with '${join(key).replace(/^tenants\[\d+\]\./, '')}'`;
        }
      }
      // Own keys only, looked up as own keys: `__proto__`, `constructor` or `toString` in the file are unknown fields.
      for (const [key, v] of Object.entries(record)) {
        const field = hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
        if (!field) {
          return `${label(join(key))} is an unknown field; allowed: ${Object.keys(shape.fields).join(', ')}`;
        }
        if (v === undefined) continue;
        const problem = checkShape(v, field, join(key), label, typed);
        if (problem) return problem;
      }
      // Fields the chosen variant does not use would be ignored: reject them.
      const variant = shape.variants ? record[shape.variants.key] : undefined;
      if (shape.variants && typeof variant === 'string' && hasOwn(shape.variants.allowed, variant)) {
        const allowed = shape.variants.allowed[variant];
        for (const [key, v] of Object.entries(record)) {
          if (v !== undefined && !allowed.includes(key)) {
            const chosen = `${shape.variants.key} ${JSON.stringify(variant)}`;
            return `${label(join(key))} (${show(v)}) does not apply to ${chosen}; `
              + `${chosen} allows: ${allowed.join(', ')}`;
          }
        }
        const needed = shape.variants.required?.[variant] ?? [];
        const missing = needed.find(k => record[k] === undefined || record[k] === null);
        if (missing !== undefined) {
          return `${label(join(missing))} is required with ${shape.variants.key} ${JSON.stringify(variant)}`;
        }
      }
      return undefined;
    }
  }
}

/**
 * A copy of the file's data with every number in a quantity field replaced by its quantity text (see quantityText),
 * for the constructs, which take quantities as strings. Call it on data that passed checkShape.
 */
export function withQuantityTexts(value: unknown, shape: Shape, path: string,
  typed: ReadonlyMap<string, string> = new Map()): unknown {
  if (shape.t === 'quantity') {
    return typeof value === 'number' ? quantityText(value, typed.get(path)) : value;
  }
  if (shape.t === 'list' && Array.isArray(value)) {
    return value.map((v, i) => withQuantityTexts(v, shape.of, `${path}[${i}]`, typed));
  }
  if (shape.t === 'object' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, hasOwn(shape.fields, key)
      ? withQuantityTexts(v, shape.fields[key], path === '' ? key : `${path}.${key}`, typed) : v]));
  }
  return value;
}
