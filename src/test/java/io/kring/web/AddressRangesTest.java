package io.kring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class AddressRangesTest {

    private static byte[] ip(String text) {
        return IpAddresses.parse(text);
    }

    @Test
    void cidrRangesAndSingleAddresses() {
        AddressRanges ranges = AddressRanges.parse(List.of("127.0.0.0/8", "::1", "10.1.2.3", "2001:db8::/32", "192.168.0.0/23"),
                "test");
        assertThat(ranges.contains(ip("127.4.5.6"))).isTrue();
        assertThat(ranges.contains(ip("128.0.0.1"))).isFalse();
        assertThat(ranges.contains(ip("::1"))).isTrue();
        assertThat(ranges.contains(ip("::2"))).isFalse();
        assertThat(ranges.contains(ip("10.1.2.3"))).isTrue();
        assertThat(ranges.contains(ip("10.1.2.4"))).isFalse();
        assertThat(ranges.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(ranges.contains(ip("2001:db9::1"))).isFalse();
        assertThat(ranges.contains(ip("192.168.1.255"))).isTrue();
        assertThat(ranges.contains(ip("192.168.2.0"))).isFalse();
        assertThat(ranges.contains(ip("::ffff:127.0.0.1"))).as("IPv4-mapped is IPv4").isTrue();
        assertThat(ranges.contains(null)).isFalse();
    }

    @Test
    void malformedEntriesFailLoudly() {
        for (String bad : List.of("localhost", "10.0.0.0/33", "::/129", "10.0.0.1/x", "1.2.3")) {
            assertThatThrownBy(() -> AddressRanges.parse(List.of(bad), "kring.trusted-proxies"))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kring.trusted-proxies");
        }
    }

    @Test
    void literalsOnlyNeverNames() {
        assertThat(ip("evil.example")).isNull();
        assertThat(ip("")).isNull();
        assertThat(ip("1.2.3.4:8080")).isEqualTo(ip("1.2.3.4"));
        assertThat(ip("[2001:db8::1]:443")).isEqualTo(ip("2001:db8::1"));
        assertThat(ip("[2001:db8::1]x")).isNull();
    }

    @Test
    void ipv6AddressesCountPerSlash64() {
        assertThat(IpAddresses.limitKey(ip("2001:db8:1:2::1"))).isEqualTo(IpAddresses.limitKey(ip("2001:db8:1:2:ffff::9")));
        assertThat(IpAddresses.limitKey(ip("2001:db8:1:2::1"))).isNotEqualTo(IpAddresses.limitKey(ip("2001:db8:1:3::1")));
        assertThat(IpAddresses.limitKey(ip("198.51.100.7"))).isEqualTo("198.51.100.7");
    }
}
