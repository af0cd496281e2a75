/** CPU and memory of the workload's container. */
export interface ContainerResources {
  /**
   * CPU request (a Kubernetes quantity).
   *
   * @default '250m'
   */
  readonly cpuRequest?: string;
  /**
   * Memory request (a Kubernetes quantity with a binary suffix, at least 4Mi).
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
   * Memory limit (a Kubernetes quantity), at least the request and at least 6Mi (Docker's floor, which
   * cri-dockerd clusters enforce).
   *
   * @default '1Gi'
   */
  readonly memoryLimit?: string;
}
