package vn.bdtx.reporting;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Where the report pages and exports read from. By default the primary pool (the same connections as every other
 * query). With {@code bdtx.reports.db.url} set (BDTX_REPORTS_DB_URL, e.g. a PostgreSQL streaming replica,
 * {@code r2dbc:postgresql://replica:5432/bdtx}), a second, smaller pool of this node reads them there, in read-only
 * transactions; the refresh of the read model and everything else still writes and reads on the primary. A replica
 * lags the primary by its replay delay (normally under a second), which the report pages, fed by the outbox every
 * few seconds, already allow for. The pool is not a Spring bean of type ConnectionFactory or DatabaseClient, so the
 * primary ones Spring Boot makes stay the only ones the rest of the application sees.
 */
@Component
public class ReportsDatabase implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ReportsDatabase.class);

  private final DatabaseClient db;
  private final TransactionalOperator readOnly;
  private final ConnectionPool pool;

  ReportsDatabase(DatabaseClient primary, ReactiveTransactionManager transactions,
                  @Value("${bdtx.reports.db.url:}") String url,
                  @Value("${bdtx.reports.db.user:${bdtx.db.user}}") String user,
                  @Value("${bdtx.reports.db.password:${bdtx.db.password}}") String password,
                  @Value("${bdtx.reports.db.pool-size:5}") int poolSize) {
    var definition = new DefaultTransactionDefinition();
    definition.setReadOnly(true);
    if (url == null || url.isBlank()) {
      this.pool = null;
      this.db = primary;
      this.readOnly = TransactionalOperator.create(transactions, definition);
      return;
    }
    var options = ConnectionFactoryOptions.parse(url.strip()).mutate()
        .option(ConnectionFactoryOptions.USER, user)
        .option(ConnectionFactoryOptions.PASSWORD, password)
        .build();
    // As the primary pool (application.yml): checked locally on hand-out, fails fast when the replica is away.
    this.pool = new ConnectionPool(ConnectionPoolConfiguration.builder(ConnectionFactories.get(options))
        .name("bdtx-reports").initialSize(0).maxSize(poolSize)
        .maxAcquireTime(Duration.ofSeconds(5)).maxCreateConnectionTime(Duration.ofSeconds(5))
        .maxIdleTime(Duration.ofMinutes(10)).validationDepth(ValidationDepth.LOCAL)
        .build());
    this.db = DatabaseClient.create(pool);
    this.readOnly = TransactionalOperator.create(new R2dbcTransactionManager(pool), definition);
    log.info("Reports read from their own pool: {} as {} (at most {} connections)", redacted(url), user, poolSize);
  }

  /** The client of the report reads: the reports pool when configured, else the primary. */
  public DatabaseClient db() {
    return db;
  }

  /** Read-only transactions on {@link #db()}'s connections. */
  public TransactionalOperator readOnly() {
    return readOnly;
  }

  /** True when report reads have a pool of their own (BDTX_REPORTS_DB_URL set). */
  public boolean separate() {
    return pool != null;
  }

  @Override
  public void destroy() {
    if (pool != null) {
      pool.dispose();
    }
  }

  private static String redacted(String url) {
    return url.replaceAll("//[^@/]*@", "//***@");
  }
}
