/**
 * The scaler types KEDA 2.20 knows: the `case` labels of `buildScaler` in kedacore/keda v2.20.2,
 * pkg/scaling/scalers_builder.go (between TRIGGERS-START and TRIGGERS-END), without its test-only `external-mock`.
 * A ScaledObject with any other type is accepted by the API server but fails in KEDA: "no scaler found for type".
 */
export const KEDA_SCALER_TYPES: readonly string[] = Object.freeze([
  'activemq', 'apache-kafka', 'arangodb', 'artemis-queue', 'aws-cloudwatch', 'aws-dynamodb', 'aws-dynamodb-streams',
  'aws-kinesis-stream', 'aws-sqs-queue', 'azure-app-insights', 'azure-blob', 'azure-data-explorer', 'azure-eventhub',
  'azure-log-analytics', 'azure-monitor', 'azure-pipelines', 'azure-queue', 'azure-servicebus', 'beanstalkd',
  'cassandra', 'couchdb', 'cpu', 'cron', 'datadog', 'dynatrace', 'elastic-forecast', 'elasticsearch', 'etcd',
  'external', 'external-push', 'forgejo-runner', 'gcp-cloudtasks', 'gcp-pubsub', 'gcp-stackdriver', 'gcp-storage',
  'github-runner', 'graphite', 'huawei-cloudeye', 'ibmmq', 'influxdb', 'kafka', 'kubernetes-resource',
  'kubernetes-workload', 'liiklus', 'loki', 'memory', 'metrics-api', 'mongodb', 'mssql', 'mysql', 'nats-jetstream',
  'new-relic', 'nsq', 'opensearch', 'openstack-metric', 'openstack-swift', 'postgresql', 'predictkube', 'prometheus',
  'pulsar', 'rabbitmq', 'redis', 'redis-cluster', 'redis-cluster-streams', 'redis-sentinel', 'redis-sentinel-streams',
  'redis-streams', 'selenium-grid', 'solace-direct-messaging', 'solace-event-queue', 'solarwinds', 'solr', 'splunk',
  'splunk-observability', 'sumologic', 'temporal',
]);

/** Scalers with their own factory in this library, which checks their metadata. */
export const TYPED_SCALERS: readonly string[] = Object.freeze(['cpu', 'memory', 'prometheus', 'cron']);
