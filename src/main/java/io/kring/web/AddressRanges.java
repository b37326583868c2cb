package io.kring.web;

import java.util.ArrayList;
import java.util.List;

/** A fixed set of IP addresses and CIDR ranges ({@code 127.0.0.0/8}, {@code ::1}, {@code 10.0.0.7}). */
final class AddressRanges {

    private record Range(byte[] network, int prefixLength) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int restBits = prefixLength % 8;
            if (restBits == 0) {
                return true;
            }
            int mask = (0xff << (8 - restBits)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private final List<Range> ranges;

    private AddressRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    static final AddressRanges NONE = new AddressRanges(List.of());

    /**
     * Parses addresses and CIDR ranges; a malformed entry fails start-up with the setting's name, so a
     * typo never silently trusts or refuses everyone.
     */
    static AddressRanges parse(List<String> entries, String setting) {
        List<Range> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            String addressPart = slash < 0 ? entry : entry.substring(0, slash);
            byte[] network = IpAddresses.parse(addressPart);
            if (network == null || addressPart.contains("[") || (slash < 0 && addressPart.matches("[0-9.]+:[0-9]+"))) {
                throw new IllegalArgumentException(setting + ": not an IP address or CIDR range: " + entry);
            }
            int maxBits = network.length * 8;
            int prefix = maxBits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(setting + ": not a CIDR range: " + entry);
                }
                // A mapped IPv6 range (::ffff:10.0.0.0/104) became IPv4: shift its prefix along.
                if (network.length == 4 && addressPart.contains(":")) {
                    prefix -= 96;
                }
                if (prefix < 0 || prefix > maxBits) {
                    throw new IllegalArgumentException(setting + ": prefix length out of range: " + entry);
                }
            }
            ranges.add(new Range(network, prefix));
        }
        return new AddressRanges(List.copyOf(ranges));
    }

    boolean contains(byte[] address) {
        if (address == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
