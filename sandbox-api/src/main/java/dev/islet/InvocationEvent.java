package dev.islet;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What happened in one invocation, delivered to {@link InvocationListener#onInvocation} once the
 * invocation is over (after its {@code waitUntil} work).
 *
 * @param namespace namespace name
 * @param script script name
 * @param version script version that ran
 * @param outcome how it ended
 * @param status response status, or 0 if there was no response
 * @param cpuTime CPU time spent running guest code on behalf of this invocation
 * @param allocatedBytes bytes the guest code allocated on behalf of this invocation (garbage
 *     included: the measure memory limits apply to)
 * @param wallTime time from dispatch to the end of the invocation
 * @param coldStart whether a new instance had to be created for it
 * @param logs console lines (capped; see {@link #logsTruncated})
 * @param logsTruncated true if lines were dropped because of the cap
 * @param exceptions uncaught guest errors, each as message and stack
 * @param error the exception the host's future completed with, if any
 */
public record InvocationEvent(
    String namespace,
    String script,
    long version,
    Outcome outcome,
    int status,
    Duration cpuTime,
    long allocatedBytes,
    Duration wallTime,
    boolean coldStart,
    List<LogEntry> logs,
    boolean logsTruncated,
    List<String> exceptions,
    Optional<IsletException> error) {
  public InvocationEvent {
    logs = List.copyOf(logs);
    exceptions = List.copyOf(exceptions);
  }
}
