package dev.islet;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a namespace knows about one deployed script: name, tags, version, times. Immutable.
 *
 * @param name script name
 * @param version increases by one on every deploy or update of this name, starting at 1
 * @param tags the script's tags
 * @param format ES modules, service worker or WASI
 * @param size total bytes of its modules
 * @param createdOn when the name was first deployed
 * @param modifiedOn when this version was deployed
 */
public record ScriptInfo(
    String name,
    long version,
    Set<String> tags,
    WorkerScript.Format format,
    long size,
    Instant createdOn,
    Instant modifiedOn) {
  public ScriptInfo {
    Objects.requireNonNull(name, "name");
    tags = Set.copyOf(tags);
  }
}
