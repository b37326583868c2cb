package io.kring.web;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.kring.config.KringConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP edge in front of the API (docs/protocol.md "HTTP limits"): per client address at most
 * {@code kring.limits.creations-per-minute} meeting creations and {@code joins-per-minute} joins
 * ({@code 429 RATE_LIMITED} with {@code Retry-After}); every body of the API is read as JSON whatever its
 * {@code Content-Type} says (H3); {@code /q/metrics}
 * answers only the addresses in {@code kring.metrics.allow} (everyone else gets 404).
 * It runs before any resource, so a refused request costs no parsing and no database work.
 */
@ApplicationScoped
public class HttpEdge {

    /** Runs after {@link SecurityHeaders} (1000), so refusals carry the security headers too. */
    static final int PRIORITY = 900;

    /** Meeting and network creations (NW7): a network, and a meeting planned in one, count as creations. */
    private static final Pattern CREATE = Pattern.compile("/api/meetings/?|/api/networks/?|/api/networks/[^/]+/meetings/?");
    private static final Pattern JOIN = Pattern.compile("/api/meetings/[^/]+/participants/?");
    /** Quarkus' non-application root is {@code /q}; the metrics live below it. */
    private static final String METRICS = "/q/metrics";

    private final Clock clock;
    private final ClientAddresses clientAddresses;
    private final SlidingWindowLimiter creations;
    private final SlidingWindowLimiter joins;
    private final AddressRanges metricsAllowed;

    public HttpEdge(KringConfig config, Clock clock, ClientAddresses clientAddresses) {
        this.clock = clock;
        this.clientAddresses = clientAddresses;
        KringConfig.AddressLimits limits = config.limits();
        this.creations = new SlidingWindowLimiter(limits.creationsPerMinute(), 60_000, limits.trackedAddresses());
        this.joins = new SlidingWindowLimiter(limits.joinsPerMinute(), 60_000, limits.trackedAddresses());
        this.metricsAllowed = AddressRanges.parse(config.metrics().allow(), "kring.metrics.allow");
    }

    void register(@Observes Filters filters) {
        filters.register(this::filter, PRIORITY);
    }

    private void filter(RoutingContext rc) {
        // Without matrix parameters (";x=1"), as the REST layer matches it: "/api/meetings;x" still creates.
        String path = collapseSlashes(rc.normalizedPath()).replaceAll(";[^/]*", "");
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.equals(METRICS) || lower.startsWith(METRICS + "/")) {
            if (clientAddresses.forwardedByUntrustedPeer(rc.request())
                    || !metricsAllowed.contains(clientAddresses.of(rc.request()))) {
                refuse(rc, 404, "NOT_FOUND", "not found", 0);
                return;
            }
        } else if (rc.request().method() == HttpMethod.POST) {
            SlidingWindowLimiter limiter = CREATE.matcher(path).matches() ? creations
                    : JOIN.matcher(path).matches() ? joins : null;
            if (limiter != null) {
                byte[] client = clientAddresses.of(rc.request());
                String key = client == null ? "unknown" : IpAddresses.limitKey(client);
                SlidingWindowLimiter.Decision decision = limiter.tryAcquire(key, clock.millis());
                if (!decision.allowed()) {
                    refuse(rc, 429, "RATE_LIMITED", (limiter == creations ? "too many meetings or networks created"
                            : "too many joins") + " from this address; try again in "
                            + decision.retryAfterSeconds() + " s", decision.retryAfterSeconds());
                    return;
                }
            }
        }
        if (lower.startsWith("/api/") && (rc.request().method() == HttpMethod.POST || rc.request().method() == HttpMethod.PUT)) {
            // The contract says only "JSON everywhere": every body is read as strict JSON in UTF-8 (RFC 8259),
            // whatever the label says (none, text/plain from fetch, a form type from curl -d), never in a
            // declared charset (an unknown one would fail the request). There is no ambient credential to
            // protect from cross-site posts (docs/security.md).
            rc.request().headers().set("Content-Type", "application/json");
        }
        rc.next();
    }

    private static String collapseSlashes(String path) {
        return path == null ? "" : path.replaceAll("/{2,}", "/");
    }

    private static void refuse(RoutingContext rc, int status, String code, String message, long retryAfterSeconds) {
        var response = rc.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (retryAfterSeconds > 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.end(new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode());
    }
}
