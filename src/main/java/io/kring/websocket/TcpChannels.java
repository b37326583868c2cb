package io.kring.websocket;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Optional;

import io.netty.channel.Channel;
import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketImplBase;

/**
 * The TCP channel under a WebSocket connection. WebSockets Next offers only the closing handshake, and
 * that never ends for a peer that does not read: its close frame waits behind everything else it did not
 * read. Dropping such a peer (R6) needs the channel, which Quarkus keeps behind a package-private method
 * and Vert.x Web behind a wrapper; {@code DeadPeerTest} fails if an upgrade moves either.
 */
final class TcpChannels {

    private static final Method WEB_SOCKET = accessible("io.quarkus.websockets.next.runtime.WebSocketConnectionBase");
    private static final Field WRAPPED = wrappedField();

    private TcpChannels() {
    }

    static Optional<Channel> of(WebSocketConnection connection) {
        if (WEB_SOCKET == null) {
            return Optional.empty();
        }
        try {
            Object webSocket = WEB_SOCKET.invoke(connection);
            if (WRAPPED != null && WRAPPED.getDeclaringClass().isInstance(webSocket)) {
                webSocket = WRAPPED.get(webSocket);
            }
            if (webSocket instanceof WebSocketImplBase<?> vertxWebSocket) {
                return Optional.of(vertxWebSocket.channelHandlerContext().channel());
            }
            Log.warnf("no TCP channel under a %s; silent peers are closed with a handshake instead (R6)",
                    webSocket == null ? null : webSocket.getClass().getName());
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("no TCP channel for connection %s (%s); silent peers are closed with a handshake instead (R6)",
                    connection.id(), e);
        }
        return Optional.empty();
    }

    private static Method accessible(String className) {
        try {
            Method method = Class.forName(className).getDeclaredMethod("webSocket");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("silent WebSocket peers are closed with a handshake, not dropped (R6): %s", e);
            return null;
        }
    }

    private static Field wrappedField() {
        try {
            Field field = Class.forName("io.vertx.ext.web.impl.ServerWebSocketWrapper").getDeclaredField("delegate");
            if (!WebSocketBase.class.isAssignableFrom(field.getType())) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
