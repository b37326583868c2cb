package io.kring.web;

import java.util.Arrays;
import java.util.Locale;

import io.netty.util.NetUtil;

/**
 * IP address literals as raw bytes, never through DNS: a hostile {@code X-Forwarded-For} value must
 * not make the server look names up. IPv4-mapped IPv6 addresses ({@code ::ffff:1.2.3.4}) are IPv4.
 */
final class IpAddresses {

    private IpAddresses() {
    }

    /**
     * The address in {@code text}, or null when it is not an IP literal. Accepts the forms proxies
     * write: {@code 1.2.3.4}, {@code 1.2.3.4:5678}, {@code ::1}, {@code [::1]} and {@code [::1]:5678}.
     */
    static byte[] parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > 64) {
            return null;
        }
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !rest.matches(":[0-9]{1,5}")) {
                return null;
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        return bytes == null ? null : unmapped(bytes);
    }

    /** IPv4 for an IPv4-mapped IPv6 address, else the address itself. */
    static byte[] unmapped(byte[] address) {
        if (address.length == 16) {
            for (int i = 0; i < 10; i++) {
                if (address[i] != 0) {
                    return address;
                }
            }
            if (address[10] == (byte) 0xff && address[11] == (byte) 0xff) {
                return Arrays.copyOfRange(address, 12, 16);
            }
        }
        return address;
    }

    /**
     * The key a per-address limit counts under: an IPv4 address, or the /64 network of an IPv6
     * address (one subscriber usually gets a whole /64, so single IPv6 addresses are free to vary).
     */
    static String limitKey(byte[] address) {
        if (address.length == 4) {
            return NetUtil.bytesToIpAddress(address);
        }
        byte[] network = Arrays.copyOf(address, 16);
        Arrays.fill(network, 8, 16, (byte) 0);
        return NetUtil.bytesToIpAddress(network).toLowerCase(Locale.ROOT) + "/64";
    }
}
