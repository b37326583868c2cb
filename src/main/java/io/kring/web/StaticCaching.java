package io.kring.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The frontend's files are plain modules without hashed names, so a browser must never keep an
 * old copy after an upgrade: instead of Quarkus' default {@code public, immutable, max-age=86400}
 * for static resources, they are revalidated on every load ({@code no-cache}; a 304 is cheap).
 */
@ApplicationScoped
public class StaticCaching {

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            rc.addHeadersEndHandler(ignored -> {
                MultiMap headers = rc.response().headers();
                String cacheControl = headers.get("Cache-Control");
                if (cacheControl != null && cacheControl.contains("immutable")) {
                    headers.set("Cache-Control", "no-cache");
                }
            });
            rc.next();
        }, 900);
    }
}
