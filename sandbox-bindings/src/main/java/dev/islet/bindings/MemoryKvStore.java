package dev.islet.bindings;

import dev.islet.bindings.internal.Keys;
import dev.islet.store.KvEntry;
import dev.islet.store.KvKey;
import dev.islet.store.KvPage;
import dev.islet.store.KvStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@link InMemory#kv()}: a sorted map per namespace; expired entries vanish when met. */
final class MemoryKvStore implements KvStore {
  private final Map<String, ConcurrentSkipListMap<String, KvEntry>> namespaces = new ConcurrentHashMap<>();

  private ConcurrentSkipListMap<String, KvEntry> ns(String namespace) {
    return namespaces.computeIfAbsent(namespace, n -> new ConcurrentSkipListMap<>(Keys.UTF8_ORDER));
  }

  private static long now() {
    return System.currentTimeMillis() / 1000;
  }

  @Override
  public CompletableFuture<Optional<KvEntry>> get(String namespace, String key) {
    ConcurrentSkipListMap<String, KvEntry> m = ns(namespace);
    KvEntry e = m.get(key);
    if (e != null && e.expiredAt(now())) {
      m.remove(key, e);
      e = null;
    }
    return CompletableFuture.completedFuture(Optional.ofNullable(e));
  }

  @Override
  public CompletableFuture<Void> put(String namespace, String key, KvEntry entry) {
    ns(namespace).put(key, entry);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> delete(String namespace, String key) {
    ns(namespace).remove(key);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<KvPage> list(String namespace, String prefix, int limit, String cursor) {
    String after;
    try {
      after = cursor == null ? null : Keys.keyOf(cursor);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    ConcurrentSkipListMap<String, KvEntry> m = ns(namespace);
    ConcurrentNavigableMap<String, KvEntry> view =
        after != null && Keys.UTF8_ORDER.compare(after, prefix) >= 0 ? m.tailMap(after, false) : m.tailMap(prefix, true);
    long now = now();
    List<KvKey> keys = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (Map.Entry<String, KvEntry> e : view.entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (e.getValue().expiredAt(now)) {
        continue;
      }
      if (keys.size() == limit) {
        more = true;
        break;
      }
      keys.add(new KvKey(e.getKey(), e.getValue().expiration(), e.getValue().metadata()));
      last = e.getKey();
    }
    return CompletableFuture.completedFuture(new KvPage(keys, more ? Keys.cursorAfter(last) : null));
  }
}
