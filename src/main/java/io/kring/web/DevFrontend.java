package io.kring.web;

import io.quarkus.runtime.LaunchMode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.FileSystemAccess;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Dev mode only: serves {@code frontend/} straight from the source folder, so an edited page shows
 * on the next reload (dev-mode hot reload copies resources but ignores their target path).
 */
@ApplicationScoped
public class DevFrontend {

    /** The source folder of the frontend, relative to the project (dev mode's working directory). */
    static Path directory() {
        return Path.of("frontend").toAbsolutePath();
    }

    void route(@Observes Router router) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || !Files.isDirectory(directory())) {
            return;
        }
        router.route().order(-100).handler(StaticHandler.create(FileSystemAccess.ROOT, directory().toString())
                .setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
    }
}
