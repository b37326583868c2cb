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
 * ({@code 429 RATE_LIMITED} with {@code Retry-After}); create and join refuse a form body
 * ({@code 400 INVALID}, see {@link #jsonContentTypeProblem}); {@code /q/metrics}
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
                String problem = jsonContentTypeProblem(rc.request().getHeader("Content-Type"));
                if (problem != null) {
                    refuse(rc, 400, "INVALID", problem, 0);
                    return;
                }
            }
        }
        if (lower.startsWith("/api/") && (rc.request().method() == HttpMethod.POST || rc.request().method() == HttpMethod.PUT)
                && jsonContentTypeProblem(rc.request().getHeader("Content-Type")) == null) {
            // JSON is UTF-8 (RFC 8259) whatever the label says: the body is read as such, never in a declared
            // charset (an unknown one would fail the request) nor as text/plain's default.
            rc.request().headers().set("Content-Type", "application/json");
        }
        rc.next();
    }

    /**
     * Why this {@code Content-Type} cannot carry a JSON body, or null when it can (also for a profile's PUT, ND2).
     * The contract says only "JSON everywhere", so any client that sends JSON gets in: no {@code Content-Type} at
     * all (curl, a bare script), {@code application/json} with any {@code charset} (RFC 8259: JSON is UTF-8, the
     * parameter has no meaning), any {@code type/x+json} and {@code text/plain} (what fetch sends for a string
     * body). Form encodings ({@code application/x-www-form-urlencoded}, {@code multipart/*}) and any other type
     * are refused: such a body is not JSON. Whatever gets in is still read with the strict JSON rules. Refusing
     * text/plain would stop no attack: there is no ambient credential (no cookie), so a cross-site post gains
     * nothing (docs/security.md).
     */
    public static String jsonContentTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.equals("text/plain")
                || JSON_SUFFIX.matcher(mediaType).matches()) {
            return null;
        }
        return "the body must be JSON (Content-Type application/json), not " + shorten(mediaType);
    }

    /** A structured-syntax JSON type (RFC 6839), such as {@code application/merge-patch+json}. */
    private static final Pattern JSON_SUFFIX = Pattern.compile("[a-z0-9!#$&^_.-]+/[a-z0-9!#$&^_.+-]+\\+json");

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
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
