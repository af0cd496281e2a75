import { MetadataEntry } from './metadata';

/** Transport of the OTLP exporter (`OTEL_EXPORTER_OTLP_PROTOCOL`). */
export enum OtlpProtocol {
  /** OTLP over gRPC (the collector's port 4317). */
  GRPC = 'grpc',
  /** OTLP over HTTP with protobuf bodies (the collector's port 4318). */
  HTTP_PROTOBUF = 'http/protobuf',
}

/** Where the OpenTelemetry SDK in the container exports traces over OTLP. */
export interface OtlpExporterOptions {
  /**
   * The collector's URL (`OTEL_EXPORTER_OTLP_ENDPOINT`): an in-cluster Service written
   * `http://<service>.<namespace>.svc:4317` (or `...svc.cluster.local`), or an https:// endpoint outside the cluster.
   * Without path for OTLP/gRPC; with `OtlpProtocol.HTTP_PROTOBUF` it may have a base path (e.g.
   * `https://otlp-gateway-<zone>.grafana.net/otlp`), to which the exporter appends `/v1/traces` etc. itself.
   */
  readonly endpoint: string;
  /**
   * OTLP transport.
   *
   * @default OtlpProtocol.GRPC
   */
  readonly protocol?: OtlpProtocol;
  /**
   * Port of the collector pods that the egress NetworkPolicy opens. NetworkPolicies match the pod's port, not the
   * Service's, so set it when the collector's Service maps another port.
   *
   * @default - the endpoint's port
   */
  readonly collectorPort?: number;
  /**
   * Labels of the collector pods (in-cluster endpoints): egress is opened to these pods only.
   *
   * @default - every pod of the collector's namespace
   */
  readonly collectorPodLabels?: MetadataEntry[];
  /**
   * CIDRs of an endpoint outside the cluster: an egress NetworkPolicy opens them on the endpoint's port. Required
   * for an outside endpoint on a port other than 443 (443 is already open through the NamespaceBaseline's
   * `httpsEgressCidrs`).
   *
   * @default - no policy of its own for an outside endpoint on port 443
   */
  readonly egressCidrs?: string[];
}

/** Export to Azure Monitor Application Insights through the Azure Monitor OpenTelemetry distro. */
export interface AzureMonitorExporterOptions {
  /**
   * The Secret that holds the Application Insights connection string (it carries the ingestion key, so never a
   * literal value).
   */
  readonly connectionStringSecret: string;
  /**
   * Key of the connection string in the Secret.
   *
   * @default 'connection-string'
   */
  readonly connectionStringKey?: string;
}

/**
 * OpenTelemetry for a workload: the standard `OTEL_*` variables (and `APPLICATIONINSIGHTS_CONNECTION_STRING`) that
 * the Durable Task SDKs' OpenTelemetry integration and the exporters read. The SDKs emit traces (.NET
 * `ActivitySource("Microsoft.DurableTask")`, OpenTelemetry tracers in Python, Java and JavaScript); the app still
 * registers the exporter. At least one of `otlp` and `azureMonitor`.
 */
export interface WorkloadTelemetryOptions {
  /**
   * Export over OTLP to a collector or backend.
   *
   * @default - no OTLP exporter variables
   */
  readonly otlp?: OtlpExporterOptions;
  /**
   * Export to Azure Monitor (`APPLICATIONINSIGHTS_CONNECTION_STRING` from a Secret key).
   *
   * @default - no Azure Monitor connection string
   */
  readonly azureMonitor?: AzureMonitorExporterOptions;
  /**
   * `OTEL_SERVICE_NAME`.
   *
   * @default - the workload's name
   */
  readonly serviceName?: string;
  /**
   * The `service.version` resource attribute.
   *
   * @default - the image tag (none for an image given by digest only)
   */
  readonly serviceVersion?: string;
  /**
   * More resource attributes (`OTEL_RESOURCE_ATTRIBUTES`), e.g. `deployment.environment.name`. They must not repeat
   * the ones the construct sets: `k8s.namespace.name`, `k8s.pod.name`, `k8s.deployment.name`, `service.version`.
   *
   * @default - none
   */
  readonly resourceAttributes?: MetadataEntry[];
}
