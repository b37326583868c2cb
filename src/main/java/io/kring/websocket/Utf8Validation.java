package io.kring.websocket;

import jakarta.enterprise.context.ApplicationScoped;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * R9: a text frame that is not valid UTF-8 closes the connection with 1007 (protocol 2.5). Vert.x decodes
 * text frames itself and replaces bad bytes, so the check has to see the bytes first: Netty's validator goes
 * into the connection's pipeline just before Vert.x's handler. That happens here, before the upgrade, so it
 * is in place before the client's first frame (the hello) can arrive; the upgrade replaces the HTTP codec
 * with the WebSocket one ahead of it and Vert.x's handler behind it, and leaves it between them. It passes
 * everything that is not a WebSocket frame through, so the connection is unchanged if another check refuses
 * the upgrade.
 */
@ApplicationScoped
public class Utf8Validation implements HttpUpgradeCheck {

    static final String HANDLER_NAME = "kring-utf8-validator";

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        install(context.httpRequest());
        return CheckResult.permitUpgrade();
    }

    private static void install(HttpServerRequest request) {
        try {
            if (!(request.connection() instanceof ConnectionBase connection)) {
                Log.warnf("no Netty channel under a %s: invalid UTF-8 is not closed with 1007",
                        request.connection() == null ? null : request.connection().getClass().getName());
                return;
            }
            ChannelHandlerContext vertxHandler = connection.channelHandlerContext();
            ChannelPipeline pipeline = vertxHandler.pipeline();
            // A keep-alive connection may ask for an upgrade again after a refused one.
            if (pipeline.get(HANDLER_NAME) == null) {
                pipeline.addBefore(vertxHandler.name(), HANDLER_NAME, new Utf8FrameValidator(true));
            }
        } catch (RuntimeException e) {
            Log.warnf("invalid UTF-8 is not closed with 1007 on this connection: %s", e.toString());
        }
    }
}
