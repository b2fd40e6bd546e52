package dev.islet;

import java.util.concurrent.CompletableFuture;

/**
 * Sends requests to one worker. Obtained from {@link Dispatcher#get}.
 *
 * <p>{@link #fetch} never throws for a guest's failure; the future completes exceptionally with an
 * {@link IsletException}: {@link WorkerNotFoundException}, {@link GuestException}, {@link
 * LimitExceededException}, or one with {@link Outcome#INTERNAL_ERROR}. Cancelling the future cancels
 * the invocation. Dependent stages added without {@code *Async} run on an Islet thread: keep them
 * short. Thread-safe.
 */
public interface Fetcher {
  /** Invokes the worker's {@code fetch} handler with {@code request}. */
  CompletableFuture<Response> fetch(Request request);
}
