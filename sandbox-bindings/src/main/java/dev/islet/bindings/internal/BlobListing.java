package dev.islet.bindings.internal;

import dev.islet.store.BlobObject;
import dev.islet.store.BlobPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * {@link dev.islet.store.BlobStore#list} over a sorted index of one bucket, for stores that keep
 * one in memory (memory, directory): prefix, delimiter roll-up, startAfter and cursor paging.
 */
public final class BlobListing {
  private BlobListing() {}

  /**
   * One page of {@code index} (ordered by {@link Keys#UTF8_ORDER}).
   *
   * @param describe the object an index value stands for
   * @throws IllegalArgumentException for a cursor {@link Keys#cursorAfter} did not make
   */
  public static <V> BlobPage page(NavigableMap<String, V> index, Function<V, BlobObject> describe, String prefix,
      String delimiter, String startAfter, String cursor, int limit) {
    String after = cursor == null ? null : Keys.keyOf(cursor);
    if (startAfter != null && (after == null || Keys.UTF8_ORDER.compare(startAfter, after) > 0)) {
      after = startAfter;
    }
    var view = after != null && Keys.UTF8_ORDER.compare(after, prefix) >= 0
        ? index.tailMap(after, false) : index.tailMap(prefix, true);
    List<BlobObject> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (Map.Entry<String, V> e : view.entrySet()) {
      String key = e.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      String rolled = null;
      if (delimiter != null && !delimiter.isEmpty()) {
        int at = key.indexOf(delimiter, prefix.length());
        if (at >= 0) {
          rolled = key.substring(0, at + delimiter.length());
          if (rolled.equals(last)) {
            continue; // already listed this prefix
          }
          if (after != null && Keys.UTF8_ORDER.compare(rolled, after) <= 0 && after.startsWith(rolled)) {
            continue; // the previous page ended inside this prefix
          }
        }
      }
      if (objects.size() + prefixes.size() == limit) {
        more = true;
        break;
      }
      if (rolled != null) {
        prefixes.add(rolled);
        last = rolled;
      } else {
        objects.add(describe.apply(e.getValue()));
        last = key;
      }
    }
    return new BlobPage(objects, prefixes, more ? Keys.cursorAfter(last) : null);
  }
}
