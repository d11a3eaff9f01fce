package vn.bdtx.support;

import java.time.Duration;
import org.springframework.r2dbc.core.DatabaseClient;

/** A test's SQL with positional binds ($1, $2 …), run to the end: for set-up and for reading back what a page wrote. */
public final class Sql {

  private Sql() {
  }

  /** Runs a statement. */
  public static void run(DatabaseClient db, String sql, Object... binds) {
    bound(db, sql, binds).then().block(Duration.ofSeconds(5));
  }

  /** The number in the first column of the one row {@code sql} returns. */
  public static long number(DatabaseClient db, String sql, Object... binds) {
    return bound(db, sql, binds).map((r, m) -> ((Number) r.get(0)).longValue()).one().block(Duration.ofSeconds(5));
  }

  private static DatabaseClient.GenericExecuteSpec bound(DatabaseClient db, String sql, Object... binds) {
    var spec = db.sql(sql);
    for (int i = 0; i < binds.length; i++) {
      spec = spec.bind(i, binds[i]);
    }
    return spec;
  }
}
