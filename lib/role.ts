/**
 * An Azure built-in role of the Durable Task Scheduler that a workload's identity needs on its task hub. Assign it
 * at the task hub's scope:
 * `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.DurableTask/schedulers/<scheduler>/taskHubs/<hub>`.
 */
export class DurableTaskRole {
  /** Runs orchestrations, activities and entities (workers): *Durable Task Worker*. */
  public static readonly WORKER = new DurableTaskRole('Durable Task Worker', '80d0d6b0-f522-40a4-8886-a5a11720c375');
  /**
   * Schedules, queries and manages orchestrations and raises events (APIs and clients), and can run work items too:
   * *Durable Task Data Contributor*.
   */
  public static readonly DATA_CONTRIBUTOR = new DurableTaskRole('Durable Task Data Contributor',
    '0ad04412-c4d5-4796-b79c-f76d14c8d402');
  /** Reads orchestration state and the backlog (dashboards, scalers): *Durable Task Data Reader*. */
  public static readonly DATA_READER = new DurableTaskRole('Durable Task Data Reader',
    'd6a5505f-6ebb-45a4-896e-ac8274cfc0ac');

  private constructor(
    /** The role's name in Azure, e.g. `Durable Task Worker`. */
    public readonly roleName: string,
    /** The built-in role definition id (a GUID, the same in every Azure tenant). */
    public readonly roleDefinitionId: string,
  ) {}
}
