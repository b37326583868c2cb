package io.kring.cluster;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as the cluster's balancer, run as a child process with its own configuration in a temporary
 * folder (not the system service): the configuration of docs/operations.md, meeting paths hashed by meeting id.
 */
final class Nginx implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    final int port;
    private final Process process;
    final Path dir;

    private Nginx(int port, Process process, Path dir) {
        this.port = port;
        this.process = process;
        this.dir = dir;
    }

    static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    /** {@code nodes}: name and port of each node; each is also reachable under {@code /node/<name>/}. */
    static Nginx start(Path dir, int port, List<ClusterNode> nodes) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("temp"));
        StringBuilder servers = new StringBuilder();
        StringBuilder prefixes = new StringBuilder();
        for (ClusterNode node : nodes) {
            servers.append("        server 127.0.0.1:").append(node.port).append(" max_fails=1 fail_timeout=2s;\n");
            prefixes.append("        location /node/").append(node.name).append("/ {\n")
                    .append("            proxy_pass http://127.0.0.1:").append(node.port).append("/;\n")
                    .append("        }\n");
        }
        String config = """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 16384; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/temp/body;
                    proxy_temp_path %1$s/temp/proxy;
                    fastcgi_temp_path %1$s/temp/fastcgi;
                    uwsgi_temp_path %1$s/temp/uwsgi;
                    scgi_temp_path %1$s/temp/scgi;
                    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                    upstream kring_meeting {
                        hash $meeting consistent;
                %2$s    }
                    upstream kring_any {
                %2$s    }
                    server {
                        listen 127.0.0.1:%3$d;
                        proxy_http_version 1.1;
                        proxy_set_header Host $http_host;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 1h;
                        proxy_send_timeout 1h;
                        proxy_next_upstream error timeout;
                        location ~ ^/(?:api|ws)/meetings/(?<meeting>[^/]+) {
                            proxy_pass http://kring_meeting;
                        }
                %4$s        location / {
                            proxy_pass http://kring_any;
                        }
                    }
                }
                """.formatted(dir.toAbsolutePath(), servers, port, prefixes);
        Path conf = dir.resolve("nginx.conf");
        Files.writeString(conf, config);
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toAbsolutePath().toString(), "-c",
                conf.toAbsolutePath().toString(), "-e", dir.resolve("error.log").toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(dir.resolve("stdout.log"))
                        + Files.readString(dir.resolve("error.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new Nginx(port, process, dir);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nginx did not listen within 10 s");
    }

    String http(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: fast shutdown
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
