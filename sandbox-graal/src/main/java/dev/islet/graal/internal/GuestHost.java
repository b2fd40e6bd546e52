package dev.islet.graal.internal;

/**
 * What a context's prelude calls on the host. Implemented by the worker instance that owns the
 * context; calls arrive on the instance's event loop. Implementations must not throw: anything a
 * host function throws would surface in the guest.
 */
interface GuestHost {
  /** A console line. */
  void log(String level, String message);

  /** Schedules timer; returns its id, or -1 when not allowed (no request in progress). */
  int setTimer(double delayMillis, boolean repeat);

  void clearTimer(int id);

  /** {@code ctx.waitUntil(promise)} started / settled. */
  void waitUntilAdd();

  void waitUntilDone();

  /** An error the guest did not handle (timer callback, microtask, waitUntil, reportError). */
  void reportError(String message, String stack);

  /**
   * Starts a subrequest: a {@code fetch()} when {@code binding} is null, else a call through that
   * service binding. The result arrives later through the prelude's {@code fetchDone} / {@code
   * fetchFailed} with the returned id; -1 when not allowed (no request in progress).
   *
   * @param headers name, value, name, value, ...
   * @param body the request body, or null
   * @param redirect "follow", "manual" or "error"
   */
  int fetch(String binding, String method, String url, String[] headers, byte[] body, String redirect, int pipe);

  /** Starts a KV operation on the KV binding {@code binding}; as {@link #fetch}, -1 when not allowed. */
  int kv(String binding, KvBinding.Call call);

  /**
   * The bytes of the script's WebAssembly module number {@code index} (deploy-checked), or null for
   * no such module. Read only by the prelude's compile of a {@code .wasm} module import.
   */
  default java.nio.ByteBuffer wasmModule(int index) {
    return null;
  }

  /** The most bytes a WebAssembly memory or module may reach in this worker (its memory limit, or the runtime's cap). */
  default double wasmMemoryCap() {
    return WasmLimits.DEFAULT_MEMORY_CAP;
  }

  /**
   * Starts a call through the dispatch-namespace binding {@code binding} to worker {@code worker},
   * with the dispatch's limits (null: none) and outbound parameters (a JSON object text, or null);
   * as {@link #fetch}, -1 when not allowed.
   */
  int dispatch(String binding, String worker, Double cpuMs, Double subRequests, String outboundJson,
      String method, String url, String[] headers, byte[] body, int pipe);

  /** Starts an operation on the blob (R2) binding {@code binding}; as {@link #fetch}, -1 when not allowed. */
  int blob(String binding, BlobBinding.Call call);

  /**
   * Reads the next piece of body stream {@code stream} (0: the request's own body; others:
   * subrequest responses); the bytes (a ByteBuffer, or null at the end) arrive through {@code
   * callDone} with the returned id; -1 when there is no such stream.
   */
  int bodyRead(int stream);

  /** The guest cancelled body stream {@code stream}: it is closed. */
  void bodyCancel(int stream);

  /**
   * Writes a chunk of the current invocation's streamed response body: 0 when the guest may write
   * on, an id whose {@code callDone} says when it may, or -2 when the reader went away.
   */
  int bodyWrite(int pipe, byte[] chunk);

  /** Ends body pipe {@code pipe}: {@code error} null at its end, else why it failed. */
  void bodyEnd(int pipe, String error);

  /**
   * Opens a pipe for a request body the guest streams into a subrequest: its id (from 1) for
   * {@link #bodyWrite} and {@link #bodyEnd} (0 is the invocation's own response body), -1 when not allowed.
   */
  int bodyOpen();

  /** Before a tenant claims the context (prelude evaluation): logs go nowhere, timers refused. */
  GuestHost DETACHED =
      new GuestHost() {
        @Override
        public void log(String level, String message) {}

        @Override
        public int setTimer(double delayMillis, boolean repeat) {
          return -1;
        }

        @Override
        public void clearTimer(int id) {}

        @Override
        public void waitUntilAdd() {}

        @Override
        public void waitUntilDone() {}

        @Override
        public void reportError(String message, String stack) {}

        @Override
        public int bodyRead(int stream) {
          return -1;
        }

        @Override
        public void bodyCancel(int stream) {}

        @Override
        public int bodyWrite(int pipe, byte[] chunk) {
          return -2;
        }

        @Override
        public void bodyEnd(int pipe, String error) {}

        @Override
        public int bodyOpen() {
          return -1;
        }

        @Override
        public int fetch(String binding, String method, String url, String[] headers, byte[] body,
            String redirect, int pipe) {
          return -1;
        }

        @Override
        public int kv(String binding, KvBinding.Call call) {
          return -1;
        }

        @Override
        public int blob(String binding, BlobBinding.Call call) {
          return -1;
        }

        @Override
        public int dispatch(String binding, String worker, Double cpuMs, Double subRequests,
            String outboundJson, String method, String url, String[] headers, byte[] body, int pipe) {
          return -1;
        }
      };
}
