package io.kring.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Kring's own settings ({@code kring.*} in application.properties, or {@code KRING_*} environment variables).
 */
@ConfigMapping(prefix = "kring")
public interface KringConfig {

    /** Folder for Kring's data; the embedded PostgreSQL keeps its files in {@code <data-dir>/postgres} (env {@code KRING_DATA_DIR}). */
    @WithDefault("./data")
    String dataDir();

    /** Public base URL(s) of this server, e.g. {@code https://kring.example.org}, comma-separated; the WebSocket Origin check allows exactly these origins; unset: the origin must match the request's Host (env {@code KRING_PUBLIC_URL}). */
    Optional<List<String>> publicUrl();

    /** Reverse proxies whose {@code X-Forwarded-For} is believed: addresses or CIDR ranges, comma-separated; unset: the TCP peer is the client (env {@code KRING_TRUSTED_PROXIES}). */
    Optional<List<String>> trustedProxies();

    /**
     * This node's own address as clients reach it, e.g. {@code https://kring.example.org/node/a}: set, Kring runs as
     * one of several nodes on one PostgreSQL (architecture section 10); a node answers requests about a meeting another
     * node owns with {@code 307} to that node's address, and closes such sockets with {@code 4307} and the address as
     * reason; at most 123 bytes; unset: a single node, no ownership (env {@code KRING_NODE_URL}).
     */
    Optional<String> nodeUrl();

    /** With {@code node-url}: a node that does not renew its ownership (frozen, cut off) for this long loses its meetings to another node (env {@code KRING_OWNERSHIP_LEASE}). */
    @WithDefault("10S")
    Duration ownershipLease();

    /** Limits per client address at the HTTP edge (docs/protocol.md "HTTP limits"). */
    AddressLimits limits();

    /** Limits per client address: a sliding window of one minute each. */
    interface AddressLimits {

        /** Meeting creations per client address per minute; more answer {@code 429 RATE_LIMITED} (env {@code KRING_LIMITS_CREATIONS_PER_MINUTE}). */
        @WithDefault("10")
        int creationsPerMinute();

        /** Joins per client address per minute; more answer {@code 429 RATE_LIMITED} (env {@code KRING_LIMITS_JOINS_PER_MINUTE}). */
        @WithDefault("60")
        int joinsPerMinute();

        /** At most this many client addresses are remembered per limit; past it the least recently seen is forgotten (env {@code KRING_LIMITS_TRACKED_ADDRESSES}). */
        @WithDefault("10000")
        int trackedAddresses();
    }

    /** The HTTP server's own deadlines. */
    HttpLimits http();

    /** Deadlines against slow HTTP clients. */
    interface HttpLimits {

        /** A connection must send each request's headers within this time, or it is closed; {@code 0S} is off (env {@code KRING_HTTP_HEADER_TIMEOUT}). */
        @WithDefault("10S")
        Duration headerTimeout();
    }

    /** Who may read {@code /q/metrics}. */
    Metrics metrics();

    /** Access to the Prometheus metrics. */
    interface Metrics {

        /** Client addresses or CIDR ranges allowed to read {@code /q/metrics}; everyone else gets 404 (env {@code KRING_METRICS_ALLOW}). */
        @WithDefault("127.0.0.0/8,::1")
        List<String> allow();
    }

    /** Limits of the live connections. */
    WebSocketLimits websocket();

    /** Limits of the live connections (R-rules in docs/meeting-rules.md). */
    interface WebSocketLimits {

        /** A connection whose unwritten events pass this many bytes is closed with 1013: it reconnects and gets a fresh welcome (env {@code KRING_WEBSOCKET_MAX_UNSENT_BYTES}). */
        @WithDefault("1048576")
        long maxUnsentBytes();

        /** A connection that sends nothing, not even a pong to the server's pings, for this long is dropped, TCP and all, and its participant goes offline (R6; env {@code KRING_WEBSOCKET_SILENCE_TIMEOUT}). */
        @WithDefault("60S")
        Duration silenceTimeout();

        /** At most this many connections from one client address (an IPv6 /64) that have not said hello yet; one more is closed at once with 1013 (R10; env {@code KRING_WEBSOCKET_MAX_HELLO_PENDING_PER_ADDRESS}). */
        @WithDefault("1000")
        int maxHelloPendingPerAddress();

        /** At most this many connections in all that have not said hello yet; one more is closed at once with 1013 (R10; env {@code KRING_WEBSOCKET_MAX_HELLO_PENDING}). */
        @WithDefault("20000")
        int maxHelloPending();
    }

    /** Stored meetings that ended, or recorded nothing, more than this many days ago are deleted, as by {@code DELETE} (E4; env {@code KRING_RETENTION_DAYS}). */
    @WithDefault("365")
    int retentionDays();

    /** When a meeting leaves the server's memory (E-rules in docs/meeting-rules.md). */
    Memory memory();

    /** When a meeting leaves the server's memory; it is loaded again from the store on its next use. */
    interface Memory {

        /** A meeting nobody is connected to and nobody used for this long leaves memory (E1; env {@code KRING_MEMORY_IDLE_TIME}). */
        @WithDefault("5M")
        Duration idleTime();

        /** ... unless one of its deadlines falls within this window; a meeting out of memory is loaded again when its deadline comes this close (E2; env {@code KRING_MEMORY_DEADLINE_WINDOW}). */
        @WithDefault("10M")
        Duration deadlineWindow();
    }

    /** Video calls beside the meeting (CALL-rules in docs/meeting-rules.md). */
    Call call();

    /** Video calls: a link per meeting and per breakout room. */
    interface Call {

        /** An {@code https://} base such as {@code https://meet.jit.si/}: every new meeting and every room of every round gets its own link, the base followed by {@code Kring-} and 24 random URL-safe characters; unset: no links unless a moderator sets them (env {@code KRING_CALL_BASE_URL}). */
        Optional<String> baseUrl();
    }

    /** How long Kring waits for its database. */
    Database database();

    /** How long Kring waits for its database (P9 in docs/meeting-rules.md). */
    interface Database {

        /** A command whose events are not stored within this time is answered UNAVAILABLE, and the database itself refuses to store them later; until the database answers again, commands are refused at once (env {@code KRING_DATABASE_APPEND_TIMEOUT}). */
        @WithDefault("2S")
        Duration appendTimeout();
    }

    /** The embedded PostgreSQL, used when no {@code quarkus.datasource.jdbc.url} is configured. */
    EmbeddedPostgres embeddedPostgres();

    /** Settings of the embedded PostgreSQL (read at start-up by {@code io.kring.database.EmbeddedPostgresConfigSourceFactory}). */
    interface EmbeddedPostgres {

        /** Start an embedded PostgreSQL when no {@code quarkus.datasource.jdbc.url} is configured; {@code false} requires a JDBC URL (env {@code KRING_EMBEDDED_POSTGRES_ENABLED}). */
        @WithDefault("true")
        boolean enabled();

        /** Use a fresh throw-away data directory per JVM under {@code data-dir}, deleted at exit, instead of {@code <data-dir>/postgres} (the test profile sets it). */
        @WithDefault("false")
        boolean temporary();

        /** Where the PostgreSQL binaries are extracted (~60 MB), a folder only Kring's user may write (kept 0700); default {@code <data-dir>/postgres-binaries} (env {@code KRING_EMBEDDED_POSTGRES_BINARIES_DIR}). */
        Optional<String> binariesDir();
    }
}
