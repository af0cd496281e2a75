/** CPU and memory of the workload's container. */
export interface ContainerResources {
  /**
   * CPU request (a Kubernetes quantity).
   *
   * @default '250m'
   */
  readonly cpuRequest?: string;
  /**
   * Memory request (a Kubernetes quantity).
   *
   * @default '512Mi'
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit (a Kubernetes quantity), at least the request.
   *
   * @default '1'
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit (a Kubernetes quantity), at least the request.
   *
   * @default '1Gi'
   */
  readonly memoryLimit?: string;
}
