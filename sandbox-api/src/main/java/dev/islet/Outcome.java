package dev.islet;

/**
 * How an invocation (or a refused call) ended. Every {@link IsletException} carries one, and every
 * {@link InvocationEvent} reports one.
 */
public enum Outcome {
  /** The worker returned a response (whatever its status). */
  OK,
  /** The guest threw, rejected, or returned something that is not a {@code Response}. */
  EXCEPTION,
  /** The invocation used more CPU time than its limit. */
  EXCEEDED_CPU,
  /** The invocation or its instance used more memory than its limit. */
  EXCEEDED_MEMORY,
  /** The invocation ran longer (wall-clock) than its limit. */
  EXCEEDED_WALL_TIME,
  /** The invocation made more subrequests, KV or blob operations than its limits allow. */
  EXCEEDED_SUBREQUESTS,
  /** Another limit (startup CPU, script size, env size) was exceeded. */
  EXCEEDED_OTHER_LIMIT,
  /** No worker of that name is deployed in the namespace. */
  SCRIPT_NOT_FOUND,
  /** A script could not be deployed: syntax error, failed import, missing handler, bad module. */
  SCRIPT_INVALID,
  /** The call was refused before any guest code ran (conflicting deploy, runtime closed). */
  REJECTED,
  /** The caller cancelled the invocation. */
  CANCELED,
  /** Islet itself failed; the cause is on the exception, the guest saw only a reference. */
  INTERNAL_ERROR
}
