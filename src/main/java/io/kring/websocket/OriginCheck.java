package io.kring.websocket;

import java.net.URI;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.kring.config.KringConfig;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;

/**
 * Refuses WebSocket upgrades from pages of other sites (cross-site WebSocket hijacking): a browser
 * always sends {@code Origin}; it must be one of the configured public URLs ({@code KRING_PUBLIC_URL}), or,
 * when none is configured, name the request's own host.
 * Clients that are not browsers send no {@code Origin} and are let through: the token decides.
 */
@ApplicationScoped
public class OriginCheck implements HttpUpgradeCheck {

    private final List<String> allowedOrigins;

    public OriginCheck(KringConfig config) {
        this.allowedOrigins = config.publicUrl().map(urls -> urls.stream().map(OriginCheck::origin).toList())
                .orElse(List.of());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String origin = context.httpRequest().getHeader("Origin");
        if (origin == null || allowed(origin, context.httpRequest().getHeader("Host"))) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(403);
    }

    private boolean allowed(String origin, String host) {
        if (!allowedOrigins.isEmpty()) {
            // With public URLs configured the Host header proves nothing: under DNS rebinding an
            // attacker's name points at this server and the browser sends Origin == Host.
            return allowedOrigins.contains(origin(origin));
        }
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && originHost != null && originHost.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            boolean defaultPort = uri.getPort() == -1 || (uri.getPort() == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                    || (uri.getPort() == 80 && "http".equalsIgnoreCase(uri.getScheme()));
            String port = defaultPort ? "" : ":" + uri.getPort();
            return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
