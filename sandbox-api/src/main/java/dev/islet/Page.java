package dev.islet;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing. {@link #nextCursor()} is empty on the last page.
 *
 * @param items the items of this page, in order
 * @param nextCursor where the next page starts, if there is one
 * @param <T> item type
 */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}
