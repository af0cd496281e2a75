/**
 * Values of the reference app. The defaults are documented examples; every value can be overridden by
 * the environment variable named next to it (e.g. in a CI job that synthesizes a real environment).
 */
export interface TenantSettings {
  /** Chart id and namespace of the tenant. */
  readonly namespace: string;
  /** The tenant's task hub. */
  readonly taskHub: string;
  /** Client id of the tenant's workload identity. */
  readonly clientId: string;
}

/** An Azure identity that exists (for the Azure Service Operator objects of the system workloads). */
export interface ExistingIdentitySettings {
  readonly resourceId: string;
  readonly principalId: string;
}

/**
 * Delivery as code: tenants from a tenants file, and per tenant (and for durable-system) the Azure identities
 * (ASO) and the GitOps objects (Argo CD and Flux) in files of their own.
 */
export interface DeliverySettings {
  /** The tenants file (`DURABLE_TENANTS_FILE`, relative to the working directory). */
  readonly tenantsFile: string;
  /** Git repository that holds dist/ (`DURABLE_GIT_REPO`). */
  readonly gitRepoUrl: string;
  /** Branch GitOps delivers (`DURABLE_GIT_REVISION`). */
  readonly gitRevision: string;
  /** The AKS cluster's OIDC issuer URL (`DURABLE_OIDC_ISSUER`). */
  readonly oidcIssuerUrl: string;
  /** The existing identities of the durable-system worker and API. */
  readonly systemWorkerIdentity: ExistingIdentitySettings;
  readonly systemApiIdentity: ExistingIdentitySettings;
}

export interface ReferenceSettings {
  /** DTS endpoint (`DURABLE_SCHEDULER_ENDPOINT`). */
  readonly schedulerEndpoint: string;
  /** Task hub of the shared `durable-system` workloads (`DURABLE_SYSTEM_TASK_HUB`). */
  readonly systemTaskHub: string;
  /** Worker image (`DURABLE_WORKER_IMAGE`). */
  readonly workerImage: string;
  /** API image (`DURABLE_API_IMAGE`). */
  readonly apiImage: string;
  /** Client id of the workers' identity, role Durable Task Worker (`DURABLE_WORKER_CLIENT_ID`). */
  readonly workerClientId: string;
  /** Client id of the API's identity, role Durable Task Data Contributor (`DURABLE_API_CLIENT_ID`). */
  readonly apiClientId: string;
  /** Public host of the API (`DURABLE_API_HOST`). */
  readonly apiHost: string;
  /** IngressClass of the API (`DURABLE_INGRESS_CLASS`). */
  readonly ingressClassName: string;
  /** Secret with the API's TLS certificate (`DURABLE_TLS_SECRET`). */
  readonly tlsSecretName: string;
  /** cert-manager ClusterIssuer that issues it (`DURABLE_CLUSTER_ISSUER`). */
  readonly clusterIssuer: string;
  /** Tenants: one namespace and task hub each (used when there is no `delivery`, i.e. with `DURABLE_TENANTS`). */
  readonly tenants: TenantSettings[];
  /** Tenants from the tenants file, with Azure identities and GitOps objects. */
  readonly delivery?: DeliverySettings;
}

const SUBSCRIPTION = '00000000-0000-0000-0000-00000000000a';
const identityId = (name: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/durable-demo-rg/providers/`
  + `Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;

/** The delivery settings, with overrides from `env`. */
export function loadDeliverySettings(env: Record<string, string | undefined>): DeliverySettings {
  return {
    tenantsFile: setting(env, 'DURABLE_TENANTS_FILE') ?? 'tenants.yaml',
    gitRepoUrl: setting(env, 'DURABLE_GIT_REPO') ?? 'https://github.com/example/durable-platform.git',
    gitRevision: setting(env, 'DURABLE_GIT_REVISION') ?? 'main',
    oidcIssuerUrl: setting(env, 'DURABLE_OIDC_ISSUER')
      ?? 'https://westus2.oic.prod-aks.azure.com/00000000-0000-0000-0000-0000000000aa/11111111-2222-3333-4444-555555555555/',
    systemWorkerIdentity: { resourceId: identityId('durable-worker'),
      principalId: '11111111-0000-0000-0000-000000000001' },
    systemApiIdentity: { resourceId: identityId('durable-api'), principalId: '22222222-0000-0000-0000-000000000002' },
  };
}

export const DEFAULT_SETTINGS: ReferenceSettings = {
  schedulerEndpoint: 'https://durable-demo.westus2.durabletask.io',
  systemTaskHub: 'default',
  workerImage: 'myregistry.azurecr.io/durable-worker:1.0.0',
  apiImage: 'myregistry.azurecr.io/durable-api:1.0.0',
  workerClientId: '11111111-1111-1111-1111-111111111111',
  apiClientId: '22222222-2222-2222-2222-222222222222',
  apiHost: 'durable-api.example.com',
  ingressClassName: 'nginx',
  tlsSecretName: 'durable-api-tls',
  clusterIssuer: 'letsencrypt-prod',
  tenants: [
    { namespace: 'tenant-a', taskHub: 'tenant-a', clientId: 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa' },
    { namespace: 'tenant-b', taskHub: 'tenant-b', clientId: 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb' },
  ],
};

/**
 * What main.ts synthesizes: the settings with tenants from the tenants file (`tenants.yaml`, or
 * `DURABLE_TENANTS_FILE`) and their Azure identities and GitOps objects. `DURABLE_TENANTS` (a comma-separated list
 * of `namespace:taskHub:clientId`) still works: it replaces the file with the compact layout, without delivery objects.
 */
export function loadAppSettings(env: Record<string, string | undefined> = process.env): ReferenceSettings {
  const settings = loadSettings(env);
  return env.DURABLE_TENANTS === undefined ? { ...settings, delivery: loadDeliverySettings(env) } : settings;
}

/**
 * The settings, with overrides from `env`, and the compact tenants (`DURABLE_TENANTS` or the two examples).
 */
export function loadSettings(env: Record<string, string | undefined> = process.env): ReferenceSettings {
  const d = DEFAULT_SETTINGS;
  return {
    schedulerEndpoint: setting(env, 'DURABLE_SCHEDULER_ENDPOINT') ?? d.schedulerEndpoint,
    systemTaskHub: setting(env, 'DURABLE_SYSTEM_TASK_HUB') ?? d.systemTaskHub,
    workerImage: setting(env, 'DURABLE_WORKER_IMAGE') ?? d.workerImage,
    apiImage: setting(env, 'DURABLE_API_IMAGE') ?? d.apiImage,
    workerClientId: setting(env, 'DURABLE_WORKER_CLIENT_ID') ?? d.workerClientId,
    apiClientId: setting(env, 'DURABLE_API_CLIENT_ID') ?? d.apiClientId,
    apiHost: setting(env, 'DURABLE_API_HOST') ?? d.apiHost,
    ingressClassName: setting(env, 'DURABLE_INGRESS_CLASS') ?? d.ingressClassName,
    tlsSecretName: setting(env, 'DURABLE_TLS_SECRET') ?? d.tlsSecretName,
    clusterIssuer: setting(env, 'DURABLE_CLUSTER_ISSUER') ?? d.clusterIssuer,
    tenants: env.DURABLE_TENANTS !== undefined ? parseTenants(env.DURABLE_TENANTS) : d.tenants,
  };
}

/**
 * A variable's value, or undefined when it is not set. A variable set to nothing (`DURABLE_API_HOST=`) is an error
 * naming it: the default does not silently apply, and the empty value does not reach a construct as its prop.
 */
function setting(env: Record<string, string | undefined>, name: string): string | undefined {
  const value = env[name];
  if (value !== undefined && value.trim() === '') {
    throw new Error(`${name} is set but empty (${JSON.stringify(value)}): give it a value, or unset it for the `
      + 'default');
  }
  return value;
}

function parseTenants(value: string): TenantSettings[] {
  return value.split(',').map(s => s.trim()).filter(s => s !== '').map(entry => {
    const [namespace, taskHub, clientId, ...rest] = entry.split(':');
    if (!namespace || !taskHub || !clientId || rest.length > 0) {
      throw new Error(`DURABLE_TENANTS entry ${JSON.stringify(entry)} must be "namespace:taskHub:clientId"`);
    }
    return { namespace, taskHub, clientId };
  });
}
