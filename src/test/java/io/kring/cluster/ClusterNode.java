package io.kring.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One packaged Kring (target/quarkus-app) run as a node of a cluster: a child process a test may kill or freeze. */
final class ClusterNode implements AutoCloseable {

    final String name;
    final int port;
    /** KRING_NODE_URL: this node's address through the balancer's per-node prefix. */
    final String url;
    final Path log;
    private final String jdbcUrl;
    private final String password;
    private final Duration lease;
    private Process process;

    ClusterNode(String name, int port, String url, Path logDir, String jdbcUrl, String password, Duration lease) {
        this.name = name;
        this.port = port;
        this.url = url;
        this.log = logDir.resolve("node-" + name + ".log");
        this.jdbcUrl = jdbcUrl;
        this.password = password;
        this.lease = lease;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the process; {@link #awaitReady} waits for it (so two nodes start side by side). */
    ClusterNode start() throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!jar.toFile().exists()) {
            throw new IllegalStateException("package the app first: " + jar.toAbsolutePath());
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", password);
        builder.environment().put("KRING_DATA_DIR", log.getParent().resolve("data-" + name).toString());
        builder.environment().put("KRING_NODE_URL", url);
        builder.environment().put("KRING_OWNERSHIP_LEASE", lease.toMillis() + "ms");
        builder.environment().put("KRING_TRUSTED_PROXIES", "127.0.0.1");
        builder.environment().put("KRING_LIMITS_CREATIONS_PER_MINUTE", "100000");
        builder.environment().put("KRING_LIMITS_JOINS_PER_MINUTE", "100000");
        process = builder.start();
        return this;
    }

    ClusterNode awaitReady() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited at start-up, see " + log);
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("node " + name + " was not ready within 120 s, see " + log);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, the socket to PostgreSQL is closed by the kernel. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP or SIGCONT: frozen as by a long GC pause, with every socket left open. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            signal("CONT");
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
