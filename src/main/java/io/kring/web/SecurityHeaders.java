package io.kring.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Adds the security headers to every HTTP response, static files included: a content security
 * policy that allows only Kring's own scripts and styles (no inline script), no sniffing, and no
 * referrer (a moderator link's fragment never leaves the page anyway; this keeps paths private too).
 */
@ApplicationScoped
public class SecurityHeaders {

    /** The policy; {@code ws:}/{@code wss:} let the page open its meeting socket. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            MultiMap headers = rc.response().headers();
            headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            rc.next();
        }, 1000);
    }
}
