package io.kring.web;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import io.kring.config.KringConfig;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;

/**
 * Closes a connection that has not sent a request's headers within {@code kring.http.header-timeout}
 * of opening or, when kept alive, of the first byte of its next request (slowloris: the idle timeout
 * alone never fires for a client that trickles a byte every few seconds). Neither Vert.x nor Quarkus
 * offers a header deadline or a hook into a new connection's pipeline, so once the server listens this
 * puts a handler on its listening channel that gives every accepted connection a {@link Deadline} at
 * the head of its pipeline, before the HTTP decoder: it sees the raw bytes and finds the empty line
 * that ends the headers. Only plain-text listeners get one (under TLS the bytes there are encrypted).
 * {@code HttpEdgeTest} fails if a Vert.x upgrade moves the fields read here.
 */
@ApplicationScoped
public class HeaderDeadline {

    private static final String NAME = "kring-header-deadline";

    private final long timeoutMillis;

    public HeaderDeadline(KringConfig config) {
        this.timeoutMillis = config.http().headerTimeout().toMillis();
    }

    void installOnStart(@ObservesAsync HttpServerStart started, Vertx vertx) {
        install(vertx);
    }

    /** Puts the acceptor hook on every plain-text HTTP listening channel that has none yet. */
    void install(Vertx vertx) {
        if (timeoutMillis <= 0) {
            return;
        }
        try {
            Field bindFuture = TCPServerBase.class.getDeclaredField("bindFuture");
            bindFuture.setAccessible(true);
            Field options = TCPServerBase.class.getDeclaredField("options");
            options.setAccessible(true);
            for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
                if (((io.vertx.core.net.NetServerOptions) options.get(server)).isSsl()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                io.vertx.core.Future<Channel> bound = (io.vertx.core.Future<Channel>) bindFuture.get(server);
                Channel listening = bound == null ? null : bound.result();
                if (listening != null && listening.pipeline().get(NAME) == null) {
                    listening.pipeline().addFirst(NAME, new Acceptor(timeoutMillis));
                    Log.debugf("header deadline of %d ms on %s", timeoutMillis, listening.localAddress());
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            Log.warnf("no HTTP header deadline (slow clients are held until the idle timeout): %s", e);
        }
    }

    /** On the listening channel: each accepted connection gets its own {@link Deadline}. */
    @ChannelHandler.Sharable
    static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final long timeoutMillis;

        Acceptor(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addFirst(NAME, new Deadline(timeoutMillis));
            }
            ctx.fireChannelRead(msg);
        }
    }

    /**
     * On one connection: closes it unless each request's headers end within the deadline. The clock
     * starts at the connection and, on a kept-alive connection, at the first byte after a response.
     * A connection that is upgraded (WebSocket, HTTP/2) has no HTTP/1 decoder left: it leaves it alone.
     */
    static final class Deadline extends ChannelDuplexHandler {

        private enum State { HEADERS, REQUEST, RESPONDED }

        private final long timeoutMillis;
        private State state = State.HEADERS;
        private ScheduledFuture<?> timer;
        /** A byte of the request line arrived (the decoder skips leading blank lines, so must we). */
        private boolean started;
        /** Bytes on the current header line, line breaks not counted: 0 at a line break means the empty line. */
        private int lineLength;

        Deadline(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                arm(ctx);
            }
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            arm(ctx);
            ctx.fireChannelActive();
        }

        private void arm(ChannelHandlerContext ctx) {
            if (timer == null) {
                timer = ctx.executor().schedule(() -> {
                    ctx.channel().close();
                }, timeoutMillis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
                if (state == State.RESPONDED) {
                    if (ctx.pipeline().get(HttpRequestDecoder.class) == null) {
                        ctx.pipeline().remove(this); // upgraded: no more HTTP/1 requests here
                        ctx.fireChannelRead(msg);
                        return;
                    }
                    state = State.HEADERS;
                    started = false;
                    lineLength = 0;
                    arm(ctx);
                }
                if (state == State.HEADERS && headersEnd(bytes)) {
                    disarm();
                    state = State.REQUEST;
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (state == State.REQUEST) {
                state = State.RESPONDED;
            }
            ctx.write(msg, promise);
        }

        private boolean headersEnd(ByteBuf bytes) {
            for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
                byte b = bytes.getByte(i);
                if (b == '\n') {
                    if (started && lineLength == 0) {
                        return true;
                    }
                    lineLength = 0;
                } else if (b == '\r') {
                    continue;
                } else if (started || (b & 0xff) > ' ') {
                    started = true;
                    lineLength++;
                }
            }
            return false;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }

        private void disarm() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }
}
