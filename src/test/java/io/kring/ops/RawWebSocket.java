package io.kring.ops;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client written by hand on a plain {@link Socket}, so that a test controls exactly when it reads:
 * with a small receive buffer and no reads, the server's writes back up (a slow consumer). Frames are read
 * one at a time; fragmented messages are reassembled; pings are skipped.
 */
final class RawWebSocket implements AutoCloseable {

    /** One message read: a text message, or the close frame (opcode 8) with its status code. */
    record Message(int opcode, String text, int closeCode) {

        boolean isClose() {
            return opcode == 0x8;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket, DataInputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** Connects with a receive buffer of {@code receiveBufferBytes} (set before connecting) and upgrades {@code path}. */
    static RawWebSocket open(int port, String path, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBufferBytes);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        socket.setSoTimeout(10_000);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: localhost:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // Unbuffered on purpose: read the response head byte by byte so that nothing after it is consumed early.
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the upgrade was refused: " + head);
        }
        return new RawWebSocket(socket, in, out);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /**
     * Opens a socket to a meeting with a receive buffer of {@code receiveBufferBytes}, says hello with
     * {@code token} and reads the welcome; fails unless the first message is one.
     */
    static RawWebSocket welcomed(int port, String meetingId, String token, int receiveBufferBytes) throws IOException {
        RawWebSocket socket = open(port, "/ws/meetings/" + meetingId, receiveBufferBytes);
        socket.sendText("{\"type\":\"hello\",\"token\":\"" + token + "\"}");
        Message first = socket.read();
        if (!"welcome".equals(WsClient.JSON.readTree(first.text()).path("type").asText())) {
            socket.close();
            throw new AssertionError("expected a welcome but got " + first);
        }
        return socket;
    }

    /** Sends one masked text frame (a client must mask). */
    void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code payload} as one text frame as it is, valid UTF-8 or not. */
    void sendTextBytes(byte[] payload) throws IOException {
        sendFrame(0x1, payload);
    }

    /** Sends one binary frame. */
    void sendBinary(byte[] payload) throws IOException {
        sendFrame(0x2, payload);
    }

    /** Answers the server's close frame with ours, as a polite client does. */
    void sendClose(int code) throws IOException {
        sendFrame(0x8, new byte[] { (byte) (code >> 8), (byte) code });
    }

    private void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** Reads the next text message (reassembling continuation frames) or the close frame; skips pings and pongs. */
    Message read() throws IOException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        Integer messageOpcode = null;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = null;
            if ((b1 & 0x80) != 0) {
                mask = new byte[4];
                in.readFully(mask);
            }
            if (length > 64L * 1024 * 1024) {
                throw new IOException("frame of " + length + " bytes");
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            if (opcode == 0x8) {
                int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                return new Message(0x8, reason, code);
            }
            if (opcode == 0x9 || opcode == 0xA) {
                continue;
            }
            if (opcode != 0x0) {
                messageOpcode = opcode;
            }
            text.write(payload);
            if (fin) {
                return new Message(messageOpcode == null ? 0x1 : messageOpcode, text.toString(StandardCharsets.UTF_8), -1);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
