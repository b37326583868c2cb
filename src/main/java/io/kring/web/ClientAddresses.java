package io.kring.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.kring.config.KringConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client address of a request: the TCP peer, or, when the peer is a proxy listed in
 * {@code kring.trusted-proxies}, the right-most {@code X-Forwarded-For} entry that is not itself a
 * trusted proxy. Entries left of that one were written by the client and prove nothing.
 */
@ApplicationScoped
public class ClientAddresses {

    /** More hops than any real proxy chain has; the rest of a longer header is not read. */
    private static final int MAX_HOPS = 32;

    private final AddressRanges trustedProxies;

    public ClientAddresses(KringConfig config) {
        this.trustedProxies = config.trustedProxies()
                .map(list -> AddressRanges.parse(list, "kring.trusted-proxies"))
                .orElse(AddressRanges.NONE);
    }

    /**
     * True when the request says it was forwarded for someone (X-Forwarded-For, Forwarded, X-Real-IP)
     * by a peer that is not a trusted proxy: a reverse proxy on the same host that is not listed in
     * {@code kring.trusted-proxies} makes every client look like loopback, so such a request proves
     * nothing about who is asking.
     */
    boolean forwardedByUntrustedPeer(HttpServerRequest request) {
        boolean forwarded = request.headers().contains("X-Forwarded-For") || request.headers().contains("Forwarded")
                || request.headers().contains("X-Real-IP");
        if (!forwarded) {
            return false;
        }
        SocketAddress remote = request.remoteAddress();
        byte[] peer = remote == null ? null : IpAddresses.parse(remote.hostAddress());
        return peer == null || !trustedProxies.contains(peer);
    }

    /** The client's address as bytes, or null when the connection has no IP peer. */
    byte[] of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        return of(remote == null ? null : remote.hostAddress(), request.headers().getAll("X-Forwarded-For"));
    }

    /**
     * The key the per-address limits count under (an IPv4 address, or an IPv6 /64) for a connection from the TCP
     * peer {@code peerAddress} (an IP literal; null if none) that sent these {@code X-Forwarded-For} headers:
     * the same client address as for an HTTP request, for the WebSocket handshake, which has no
     * {@link HttpServerRequest}. {@code "unknown"} without an IP peer.
     */
    public String limitKey(String peerAddress, List<String> forwardedFor) {
        byte[] client = of(peerAddress, forwardedFor);
        return client == null ? "unknown" : IpAddresses.limitKey(client);
    }

    private byte[] of(String peerAddress, List<String> forwardedFor) {
        byte[] peer = IpAddresses.parse(peerAddress);
        if (peer == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop);
            }
        }
        byte[] client = peer;
        for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
            byte[] hop = IpAddresses.parse(hops.get(i));
            if (hop == null) {
                return client; // unreadable: stop at the last hop a trusted proxy vouched for
            }
            client = hop;
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return client;
    }
}
