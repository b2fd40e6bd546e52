package dev.islet;

/** No worker of that name is deployed in the namespace. Message: {@code "Worker not found: <name>"}. */
public class WorkerNotFoundException extends IsletException {
  private static final long serialVersionUID = 1L;

  private final String workerName;

  public WorkerNotFoundException(String workerName) {
    super(Outcome.SCRIPT_NOT_FOUND, "Worker not found: " + workerName);
    this.workerName = workerName;
  }

  public String workerName() {
    return workerName;
  }
}
