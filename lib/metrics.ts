import { MetadataEntry } from './metadata';

/** Which Prometheus scrapes the workload's metrics, and so which PodMonitor API group the construct writes. */
export enum MetricsScraper {
  /**
   * Azure Monitor managed service for Prometheus (the AKS metrics add-on): a PodMonitor of group
   * `azmonitoring.coreos.com/v1` (the add-on ignores `monitoring.coreos.com`), scraped from the `ama-metrics` pods in
   * `kube-system`.
   */
  AZURE_MANAGED_PROMETHEUS = 'azmonitoring.coreos.com',
  /** prometheus-operator (e.g. kube-prometheus-stack): a PodMonitor of group `monitoring.coreos.com/v1`. */
  PROMETHEUS_OPERATOR = 'monitoring.coreos.com',
}

/**
 * Prometheus metrics the app serves itself (no Durable Task SDK serves `/metrics`): a container port named
 * `metrics`, a PodMonitor, and a NetworkPolicy that admits only the scraper to that port.
 */
export interface WorkloadMetricsOptions {
  /** Container port of the metrics endpoint; it must differ from the workload's own port. */
  readonly port: number;
  /**
   * HTTP path of the metrics endpoint.
   *
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * The Prometheus that scrapes it.
   *
   * @default MetricsScraper.AZURE_MANAGED_PROMETHEUS
   */
  readonly scraper?: MetricsScraper;
  /**
   * Scrape interval (a Prometheus duration such as `30s` or `1m`).
   *
   * @default - the scraper's default (Azure managed Prometheus: 30s)
   */
  readonly interval?: string;
  /**
   * Namespace of the scraper pods, which the NetworkPolicy admits. Required for prometheus-operator.
   *
   * @default 'kube-system' for Azure managed Prometheus
   */
  readonly scraperNamespace?: string;
  /**
   * Labels of the scraper pods, which the NetworkPolicy admits.
   *
   * @default - every pod of the scraper namespace
   */
  readonly scraperPodLabels?: MetadataEntry[];
  /**
   * Labels on the PodMonitor, e.g. `release: kube-prometheus-stack` that a prometheus-operator `Prometheus`
   * selects PodMonitors by.
   *
   * @default - only the construct's labels
   */
  readonly podMonitorLabels?: MetadataEntry[];
}
