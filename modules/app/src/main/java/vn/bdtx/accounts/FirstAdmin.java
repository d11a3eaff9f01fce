package vn.bdtx.accounts;

import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import vn.bdtx.domain.accounts.InitialPasswords;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;
import vn.bdtx.platform.events.Outbox;
import vn.bdtx.platform.events.Topics;

/**
 * On a fresh install there is no account, and none may have a known password
 * (ASVS 6.3.2): the first start creates one IT_ADMIN with a random password,
 * prints it once to the log, and the first login must replace it. Several nodes
 * starting together create it once, under a transaction-scoped advisory lock.
 */
@Component
class FirstAdmin implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
  /** Advisory lock key for "creating the first admin" (arbitrary, fixed). */
  private static final long LOCK_KEY = 4_660_001L;

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final PasswordEncoder encoder;
  private final String username;
  private final SecureRandom random = new SecureRandom();

  private final Outbox outbox;

  FirstAdmin(DatabaseClient db, Outbox outbox, TransactionalOperator tx, PasswordEncoder encoder,
             @Value("${bdtx.admin.username}") String username) {
    this.outbox = outbox;
    this.db = db;
    this.tx = tx;
    this.encoder = encoder;
    this.username = username;
  }

  @Override
  public void run(ApplicationArguments args) {
    createIfNoAccount().block(Duration.ofSeconds(30));
  }

  private Mono<Void> insertAdmin(String password) {
    return db.sql("""
            INSERT INTO account (username, full_name, password_hash, must_change_password)
            VALUES (:username, :fullName, :hash, TRUE) RETURNING id""")
        .bind("username", username)
        .bind("fullName", "Quản trị hệ thống")
        .bind("hash", encoder.encode(password))
        .map((row, meta) -> row.get("id", Long.class)).one()
        .flatMap(id -> db.sql("INSERT INTO role_grant (account_id, role, scope_type) VALUES (:id, :role, :scope)")
            .bind("id", id).bind("role", Role.IT_ADMIN.name()).bind("scope", ScopeType.PROVINCE.name())
            .then()
            .then(outbox.publish(Topics.ACCOUNT, id)));
  }

  /** Creates the first admin when there is no account at all; emits the password only if it did. */
  Mono<String> createIfNoAccount() {
    String password = InitialPasswords.generate(random, 16);
    Mono<String> create = db.sql("SELECT pg_advisory_xact_lock(:key)").bind("key", LOCK_KEY).then()
        .then(db.sql("SELECT EXISTS (SELECT 1 FROM account) AS present").map((row, meta) -> row.get("present", Boolean.class)).one())
        .filter(exists -> !exists)
        .flatMap(none -> insertAdmin(password).thenReturn(password))
        .as(tx::transactional);
    return create.doOnNext(p -> log.warn("""

        ================================================================
         BDTX — tài khoản quản trị đầu tiên / first administrator
           Tên đăng nhập / username : {}
           Mật khẩu      / password : {}
         Mật khẩu này chỉ in một lần; đổi nó ở lần đăng nhập đầu tiên.
         Shown once only; you must change it at the first login.
        ================================================================""", username, p));
  }
}
