package dev.islet;

/**
 * {@link Namespace#deploy} was given a name that is already deployed; use {@link Namespace#update}
 * (or {@link Namespace#put}) to replace a worker.
 */
public class WorkerAlreadyExistsException extends IsletException {
  private static final long serialVersionUID = 1L;

  private final String workerName;

  public WorkerAlreadyExistsException(String workerName) {
    super(Outcome.REJECTED, "Worker already exists: " + workerName);
    this.workerName = workerName;
  }

  public String workerName() {
    return workerName;
  }
}
