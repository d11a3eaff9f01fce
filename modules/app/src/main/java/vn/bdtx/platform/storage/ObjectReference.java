package vn.bdtx.platform.storage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column (or an expression over a row) that names an object of the store: every
 * context that stores objects declares each of its own as a bean, and the
 * reconciliation ({@link StoreReconciliation}) keeps exactly the objects some row
 * names. A bucket no reference is declared for is never reconciled.
 *
 * @param bucket        where the objects it names are
 * @param table         the table of the rows
 * @param keyExpression a column of that table holding the key, or an SQL expression over its columns
 *                      (written in code, never from input)
 */
public record ObjectReference(Bucket bucket, String table, String keyExpression) {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

  public ObjectReference {
    Objects.requireNonNull(bucket, "bucket");
    if (table == null || !NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    if (keyExpression == null || keyExpression.isBlank() || keyExpression.contains(";")) {
      throw new IllegalArgumentException("not a key expression: " + keyExpression);
    }
  }

  /** True when the key is simply a column of the table. */
  public boolean isColumn() {
    return NAME.matcher(keyExpression).matches();
  }

  /** The condition a key {@code k} meets when a row of this table names it. */
  String exists(String k) {
    return "EXISTS (SELECT 1 FROM " + table + " WHERE " + keyExpression + " = " + k + ")";
  }
}
