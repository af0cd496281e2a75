import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { checkBoolean, checkConfigMapKey, checkDnsSubdomain, checkEnvName, fail, show } from './private/input-checks';

/**
 * An environment variable of a workload's container: a literal `value`, or a value from a Secret, a ConfigMap or
 * the pod itself (`valueFrom`).
 */
export interface EnvironmentVariable {
  /** Variable name. */
  readonly name: string;
  /**
   * Literal value. Give exactly one of `value` and `valueFrom`.
   *
   * @default - none: `valueFrom` gives the value
   */
  readonly value?: string;
  /**
   * Where the value comes from, e.g. `EnvValueSource.fromSecret('appinsights', 'connection-string')`.
   *
   * @default - none: `value` gives the value
   */
  readonly valueFrom?: EnvValueSource;
}

/** Options of a value taken from a Secret or ConfigMap key. */
export interface EnvValueSourceOptions {
  /**
   * Start the pod even when the Secret, ConfigMap or key does not exist (the variable is then unset).
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** A field of the pod, exposed through the downward API. */
export enum PodField {
  /** The pod's name (`metadata.name`). */
  POD_NAME = 'metadata.name',
  /** The pod's namespace (`metadata.namespace`). */
  NAMESPACE = 'metadata.namespace',
  /** The pod's UID (`metadata.uid`). */
  POD_UID = 'metadata.uid',
  /** The node the pod runs on (`spec.nodeName`). */
  NODE_NAME = 'spec.nodeName',
  /** The pod's ServiceAccount (`spec.serviceAccountName`). */
  SERVICE_ACCOUNT_NAME = 'spec.serviceAccountName',
  /** The pod's IP address (`status.podIP`). */
  POD_IP = 'status.podIP',
}

/** Where an environment variable's value comes from, when it is not a literal. */
export class EnvValueSource {
  /**
   * The value of `key` in the Secret `secretName` (in the workload's namespace), e.g. an Application Insights
   * connection string.
   */
  public static fromSecret(secretName: string, key: string, options: EnvValueSourceOptions = {}): EnvValueSource {
    return new EnvValueSource((scope, prop) => ({
      secretKeyRef: { name: checkedRefName(scope, `${prop}.secretName`, secretName), key: checkedKey(scope, prop, key),
        ...optional(scope, prop, options) },
    }));
  }

  /** The value of `key` in the ConfigMap `configMapName` (in the workload's namespace). */
  public static fromConfigMap(configMapName: string, key: string, options: EnvValueSourceOptions = {}): EnvValueSource {
    return new EnvValueSource((scope, prop) => ({
      configMapKeyRef: {
        name: checkedRefName(scope, `${prop}.configMapName`, configMapName), key: checkedKey(scope, prop, key),
        ...optional(scope, prop, options),
      },
    }));
  }

  /** A field of the pod (downward API), e.g. its name for `OTEL_RESOURCE_ATTRIBUTES`. */
  public static fromPodField(field: PodField): EnvValueSource {
    return new EnvValueSource((scope, prop) => {
      if (!Object.values(PodField).includes(field)) {
        fail(scope, `'${prop}.field' (${show(field)}) must be a PodField (${Object.values(PodField).join(', ')})`);
      }
      return { fieldRef: { fieldPath: field } };
    });
  }

  private constructor(private readonly render: (scope: IConstruct, prop: string) => k8s.EnvVarSource) {}

  /**
   * Validates and renders the source of a variable.
   * @internal
   */
  public _render(scope: IConstruct, prop: string): k8s.EnvVarSource {
    return this.render(scope, prop);
  }
}

/** Options of a whole Secret or ConfigMap loaded as environment variables. */
export interface EnvFromOptions {
  /**
   * Prefix of every variable name (a valid variable name prefix), e.g. `APP_`; an empty one is no prefix.
   *
   * @default - the keys as they are
   */
  readonly prefix?: string;
  /**
   * Start the pod even when the Secret or ConfigMap does not exist.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** A whole Secret or ConfigMap whose keys become environment variables (`envFrom`). */
export class EnvFromSource {
  /** Every key of the Secret `secretName` (in the workload's namespace). */
  public static secret(secretName: string, options: EnvFromOptions = {}): EnvFromSource {
    return new EnvFromSource('secretRef', secretName, options);
  }

  /** Every key of the ConfigMap `configMapName` (in the workload's namespace). */
  public static configMap(configMapName: string, options: EnvFromOptions = {}): EnvFromSource {
    return new EnvFromSource('configMapRef', configMapName, options);
  }

  private constructor(private readonly kind: 'secretRef' | 'configMapRef', private readonly refName: string,
    private readonly options: EnvFromOptions) {}

  /**
   * Validates and renders the source.
   * @internal
   */
  public _render(scope: IConstruct, prop: string): k8s.EnvFromSource {
    checkedRefName(scope, `${prop}.${this.kind === 'secretRef' ? 'secretName' : 'configMapName'}`, this.refName);
    // An empty prefix is no prefix, as the API server reads it (validation skips an empty one).
    const prefix = this.options?.prefix === '' ? undefined : this.options?.prefix;
    if (prefix !== undefined) {
      // A prefix is the start of a variable name: the same characters, and it may not start with a digit.
      checkEnvName(scope, `${prop}.prefix`, prefix);
    }
    const ref = { name: this.refName, ...optional(scope, prop, this.options) };
    return {
      ...(prefix !== undefined ? { prefix } : {}),
      ...(this.kind === 'secretRef' ? { secretRef: ref } : { configMapRef: ref }),
    };
  }
}

/** The `optional` flag of options that may be null (no options, from JavaScript or Python). */
function optional(scope: IConstruct, prop: string, options: { readonly optional?: boolean } | null): {
  optional?: boolean;
} {
  const value = options?.optional;
  checkBoolean(scope, `${prop}.optional`, value);
  return value === undefined ? {} : { optional: value };
}

function checkedRefName(scope: IConstruct, prop: string, name: string): string {
  checkDnsSubdomain(scope, prop, name);
  return name;
}

/** A Secret or ConfigMap key: 1-253 letters, digits, '-', '_' or '.' (the API server's IsConfigMapKey). */
function checkedKey(scope: IConstruct, prop: string, key: string): string {
  checkConfigMapKey(scope, `${prop}.key`, key, 'Secret or ConfigMap');
  return key;
}
