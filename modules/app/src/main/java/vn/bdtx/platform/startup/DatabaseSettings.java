package vn.bdtx.platform.startup;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where PostgreSQL is ({@code bdtx.db.*}); the R2DBC and Flyway URLs are built from these. */
@ConfigurationProperties("bdtx.db")
public record DatabaseSettings(String host, int port, String name, String user, String password,
                               String maintenanceDatabase, boolean createIfMissing) {
}
