import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { checkBoolean, checkDnsSubdomain, checkInteger } from './private/input-checks';
import { checkMemoryQuantity } from './private/quantity';

/** Options of a volume made from a Secret or ConfigMap. */
export interface KeyVolumeOptions {
  /**
   * File mode bits of the files (0-0777, e.g. `0o440`).
   *
   * @default - Kubernetes' default (0644)
   */
  readonly defaultMode?: number;
  /**
   * Start the pod even when the Secret or ConfigMap does not exist.
   *
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an emptyDir volume. */
export interface EmptyDirVolumeOptions {
  /**
   * Most data the volume may hold (a quantity, e.g. `256Mi`).
   *
   * @default '1Gi'
   */
  readonly sizeLimit?: string;
  /**
   * Keep the volume in memory (tmpfs): it counts against the container's memory limit.
   *
   * @default false
   */
  readonly inMemory?: boolean;
}

/** Options of a Secrets Store CSI driver volume. */
export interface SecretProviderClassVolumeOptions {
  /**
   * A Secret with the credentials the provider uses (only for providers that need one, e.g. a service principal
   * for Azure Key Vault without workload identity).
   *
   * @default - none (workload identity or the node's identity)
   */
  readonly nodePublishSecretName?: string;
}

/** What a volume holds; mount it with a {@link VolumeMount}. */
export class WorkloadVolume {
  /** The keys of a Secret (in the workload's namespace) as files. */
  public static fromSecret(secretName: string, options: KeyVolumeOptions = {}): WorkloadVolume {
    options = options ?? {};
    return new WorkloadVolume(true, (scope, prop) => {
      checkDnsSubdomain(scope, `${prop}.secretName`, secretName);
      return { secret: { secretName, ...keyOptions(scope, prop, options) } };
    });
  }

  /** The keys of a ConfigMap (in the workload's namespace) as files. */
  public static fromConfigMap(configMapName: string, options: KeyVolumeOptions = {}): WorkloadVolume {
    options = options ?? {};
    return new WorkloadVolume(true, (scope, prop) => {
      checkDnsSubdomain(scope, `${prop}.configMapName`, configMapName);
      return { configMap: { name: configMapName, ...keyOptions(scope, prop, options) } };
    });
  }

  /** An empty scratch directory that lives as long as the pod (writable). */
  public static emptyDir(options: EmptyDirVolumeOptions = {}): WorkloadVolume {
    options = options ?? {};
    return new WorkloadVolume(false, (scope, prop) => {
      const sizeLimit = options.sizeLimit ?? '1Gi';
      checkMemoryQuantity(scope, `${prop}.sizeLimit`, sizeLimit, 'storage');
      const inMemory: unknown = options.inMemory;
      checkBoolean(scope, `${prop}.inMemory`, inMemory);
      return {
        emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeLimit), ...(inMemory ? { medium: 'Memory' } : {}) },
      };
    });
  }

  /**
   * The secrets a SecretProviderClass (Secrets Store CSI driver, e.g. the Azure Key Vault provider of AKS's
   * `azure-keyvault-secrets-provider` add-on) fetches, as files. The SecretProviderClass must be in the workload's
   * namespace; with workload identity, give it the workload's client id.
   */
  public static fromSecretProviderClass(secretProviderClass: string,
    options: SecretProviderClassVolumeOptions = {}): WorkloadVolume {
    options = options ?? {};
    return new WorkloadVolume(true, (scope, prop) => {
      checkDnsSubdomain(scope, `${prop}.secretProviderClass`, secretProviderClass);
      if (options.nodePublishSecretName !== undefined) {
        checkDnsSubdomain(scope, `${prop}.nodePublishSecretName`, options.nodePublishSecretName);
      }
      return {
        csi: {
          driver: 'secrets-store.csi.k8s.io',
          // The driver serves secrets read-only and refuses writable mounts.
          readOnly: true,
          volumeAttributes: { secretProviderClass },
          ...(options.nodePublishSecretName ? { nodePublishSecretRef: { name: options.nodePublishSecretName } } : {}),
        },
      };
    });
  }

  private constructor(
    /** Whether mounts of this volume are read-only unless they say otherwise. */
    private readonly readOnlyByDefault: boolean,
    private readonly render: (scope: IConstruct, prop: string) => Omit<k8s.Volume, 'name'>,
  ) {}

  /**
   * Whether mounts are read-only unless they say otherwise.
   * @internal
   */
  public get _readOnlyByDefault(): boolean {
    return this.readOnlyByDefault;
  }

  /**
   * Validates and renders the volume.
   * @internal
   */
  public _render(scope: IConstruct, prop: string, name: string): k8s.Volume {
    return { name, ...this.render(scope, prop) };
  }
}

/** A volume mounted into the workload's container. */
export interface VolumeMount {
  /** Name of the volume in the pod (a DNS-1123 label, not `tmp`, which the construct uses for /tmp). */
  readonly name: string;
  /** What the volume holds. */
  readonly volume: WorkloadVolume;
  /** Absolute path in the container, e.g. `/mnt/secrets`. */
  readonly mountPath: string;
  /**
   * Mount read-only.
   *
   * @default - true, except for an emptyDir
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this file or directory of the volume.
   *
   * @default - the whole volume
   */
  readonly subPath?: string;
}

function keyOptions(scope: IConstruct, prop: string,
  options: KeyVolumeOptions): { defaultMode?: number; optional?: boolean } {
  if (options.defaultMode !== undefined) {
    checkInteger(scope, `${prop}.defaultMode`, options.defaultMode, 0, 0o777);
  }
  checkBoolean(scope, `${prop}.optional`, options.optional);
  return {
    ...(options.defaultMode !== undefined ? { defaultMode: options.defaultMode } : {}),
    ...(options.optional !== undefined ? { optional: options.optional } : {}),
  };
}
