package io.kring.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.HttpServer;
import io.quarkus.vertx.http.HttpServerStart;

/**
 * Logs the one line a person starting Kring needs: where to open it. Uses the port the HTTP server
 * actually bound ({@code quarkus.http.port}, 8080 by default; {@code QUARKUS_HTTP_PORT} overrides; 0 picks a free one).
 */
@ApplicationScoped
public class ReadyBanner {

    private static final Logger LOG = Logger.getLogger(ReadyBanner.class);

    @Inject
    HttpServer httpServer;

    void announce(@ObservesAsync HttpServerStart started) {
        LOG.info(message(httpServer.getPort()));
    }

    static String message(int port) {
        return "Kring is ready: http://localhost:" + port + "/";
    }
}
