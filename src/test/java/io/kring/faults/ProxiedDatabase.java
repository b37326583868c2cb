package io.kring.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.kring.database.EmbeddedDb;

/** A PostgreSQL of its own for one test class, reached through a {@link DatabaseProxy} the test can cut. */
public class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {

    static DatabaseProxy proxy;
    private EmbeddedDb.Server postgres;

    @Override
    public Map<String, String> start() {
        try {
            Path dataDir = Files.createTempDirectory(Path.of("target"), "proxied-pg-");
            postgres = EmbeddedDb.startServer(dataDir, true, Path.of("target", "postgres-binaries"));
            proxy = new DatabaseProxy(postgres.postgres().getPort());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the proxied PostgreSQL", e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", postgres.password());
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
