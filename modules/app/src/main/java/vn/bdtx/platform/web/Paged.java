package vn.bdtx.platform.web;

import java.util.List;

/**
 * One page of a long list (offset paging): the rows, the page number (from 1)
 * and whether another page follows. A query asks for {@link #limit} rows (one
 * more than the page holds) from {@link #offset} and hands them to {@link #of}.
 */
public record Paged<T>(List<T> items, int page, int size, boolean hasNext) {

  public Paged {
    items = List.copyOf(items);
  }

  /** The page asked for, at least 1 (a missing, bad or too large number reads as a page that exists or is empty). */
  public static int page(Integer requested) {
    return requested == null || requested < 1 ? 1 : Math.min(requested, 100_000);
  }

  public static int offset(int page, int size) {
    return (page - 1) * size;
  }

  /** Rows to fetch: one more than the page holds, to know whether another page follows. */
  public static int limit(int size) {
    return size + 1;
  }

  public static <T> Paged<T> of(List<T> fetched, int page, int size) {
    return new Paged<>(fetched.size() > size ? fetched.subList(0, size) : fetched, page, size, fetched.size() > size);
  }

  public boolean hasPrevious() {
    return page > 1;
  }

  /** Whether there is more than one page to move between. */
  public boolean paged() {
    return hasNext || page > 1;
  }

  /** The number of the first row on this page (from 1). */
  public int first() {
    return (page - 1) * size + 1;
  }
}
