package dev.islet;

import java.util.Objects;

/**
 * A worker by namespace and script name, e.g. the outbound worker of {@link
 * NamespaceOptions.Builder#outboundWorker(String, String)}.
 *
 * @param namespace the namespace's name
 * @param script the script's name
 */
public record WorkerRef(String namespace, String script) {
  public WorkerRef {
    WorkerScript.checkName(Objects.requireNonNull(namespace, "namespace"));
    WorkerScript.checkName(Objects.requireNonNull(script, "script"));
  }

  @Override
  public String toString() {
    return namespace + "/" + script;
  }
}
