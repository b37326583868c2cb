package io.kring.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Makes the embedded PostgreSQL the default database: when no {@code quarkus.datasource.jdbc.url} is
 * configured anywhere (environment, system properties, application.properties, any profile), it starts
 * one (once per JVM) and supplies its URL, user and password through a low-ordinal config source, so any real
 * setting still wins. Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory}.
 *
 * <p>Covers {@code java -jar}, {@code quarkus:dev} and {@code @QuarkusTest} alike.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    static final String USERNAME = "quarkus.datasource.username";
    static final String PASSWORD = "quarkus.datasource.password";
    static final String BINARIES_DIR = "kring.embedded-postgres.binaries-dir";
    static final String ENABLED = "kring.embedded-postgres.enabled";
    static final String TEMPORARY = "kring.embedded-postgres.temporary";
    static final String DATA_DIR = "kring.data-dir";
    static final String DEFAULT_DATA_DIR = "./data";

    /** Below application.properties (250) and the environment (300), so they always win. */
    static final int ORDINAL = 150;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        // The factory also runs during the build (augmentation): starting PostgreSQL there would bake
        // its random port into the packaged application.
        if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
            return List.of();
        }
        if (isSet(context.getValue(JDBC_URL)) || "false".equalsIgnoreCase(value(context, ENABLED, "true"))) {
            return List.of();
        }
        Path dataDir = Path.of(value(context, DATA_DIR, DEFAULT_DATA_DIR));
        boolean temporary = "true".equalsIgnoreCase(value(context, TEMPORARY, "false"));
        Path binariesDir = Path.of(value(context, BINARIES_DIR, EmbeddedDb.defaultBinariesDir(dataDir).toString()));
        EmbeddedDb.Access access = EmbeddedDb.access(dataDir, temporary, binariesDir);
        return List.of(new PropertiesConfigSource(
                Map.of(JDBC_URL, access.jdbcUrl(), USERNAME, EmbeddedDb.USER, PASSWORD, access.password()),
                "KringEmbeddedPostgres", ORDINAL));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String defaultValue) {
        ConfigValue value = context.getValue(name);
        return isSet(value) ? value.getValue().trim() : defaultValue;
    }
}
