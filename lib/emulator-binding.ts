import { IConstruct } from 'constructs';

/**
 * A Durable Task Scheduler emulator running in the cluster, as workloads bind to it
 * (`DurableTaskScheduler.fromEmulator`). Implemented by DurableTaskSchedulerEmulator.
 */
export interface IDurableTaskSchedulerEmulator extends IConstruct {
  /** Name of the emulator's Deployment and Service. */
  readonly name: string;
  /** Namespace of the emulator. */
  readonly namespaceName: string;
  /** The in-cluster gRPC endpoint, `http://<name>.<namespace>.svc:8080`. */
  readonly endpoint: string;
  /** The gRPC port of the emulator pods (what the workloads' egress NetworkPolicy opens). */
  readonly grpcPort: number;
  /** Labels that select the emulator's pods. */
  readonly selectorLabels: Record<string, string>;
}
