package dev.islet;

/** A worker broke one of its {@link Limits}; {@link #limit()} says which. */
public class LimitExceededException extends IsletException {
  private static final long serialVersionUID = 1L;

  private final Limits.Kind limit;

  public LimitExceededException(Limits.Kind limit, String message) {
    super(outcomeOf(limit), message);
    this.limit = limit;
  }

  private static Outcome outcomeOf(Limits.Kind limit) {
    switch (limit) {
      case CPU_TIME:
        return Outcome.EXCEEDED_CPU;
      case WALL_TIME:
        return Outcome.EXCEEDED_WALL_TIME;
      case MEMORY:
        return Outcome.EXCEEDED_MEMORY;
      case SUBREQUESTS:
      case KV_OPERATIONS:
      case BLOB_OPERATIONS:
        return Outcome.EXCEEDED_SUBREQUESTS;
      default:
        return Outcome.EXCEEDED_OTHER_LIMIT;
    }
  }

  /** The limit that was exceeded. */
  public Limits.Kind limit() {
    return limit;
  }
}
