package io.ctiflow.sink;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PatternObservableTest {

    private static PatternObservable of(String pattern) {
        return PatternObservable.of(pattern).orElseThrow();
    }

    @Test
    void simplePatternsGiveValueAndType() {
        assertThat(of("[ipv4-addr:value = '198.51.100.7']")).isEqualTo(new PatternObservable("198.51.100.7", "ipv4", true, null));
        assertThat(of("[ipv4-addr:value ISSUBSET '198.51.100.0/24']").type()).isEqualTo("cidr");
        assertThat(of("[ipv6-addr:value = '2001:db8::1']").type()).isEqualTo("ipv6");
        assertThat(of("[domain-name:value = 'evil.example']").type()).isEqualTo("domain");
        assertThat(of("[url:value = 'http://evil.example/it\\'s']").value()).isEqualTo("http://evil.example/it's");
        assertThat(of("[email-addr:value = 'a@evil.example']").type()).isEqualTo("email");
        assertThat(of("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']").type()).isEqualTo("md5");
        assertThat(of("[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']").type()).isEqualTo("sha1");
        assertThat(of("[file:hashes.'SHA-256' = 'e3b0']").type()).isEqualTo("sha256");
        assertThat(of("[file:name = 'invoice.exe']").type()).isEqualTo("file-name");
        assertThat(of("[file:name = 'C:\\\\temp\\\\it\\'s.exe']").value()).isEqualTo("C:\\temp\\it's.exe");
        assertThat(of("[autonomous-system:number = 64496]")).isEqualTo(new PatternObservable("64496", "asn", true, null));
    }

    @Test
    void compoundPatternsGiveTheFirstValueAndAreNotSimple() {
        PatternObservable o = of("[file:hashes.'SHA-256' = 'aa11'] OR [file:name = 'x.exe']");
        assertThat(o).isEqualTo(new PatternObservable("aa11", "sha256", false, null));
        assertThat(of("[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'c2.example'"
                + " AND network-traffic:dst_port = 443]")).isEqualTo(new PatternObservable("c2.example", "domain", false, "443"));
    }

    @Test
    void somethingThatIsNoPatternGivesNothing() {
        assertThat(PatternObservable.of("not a pattern")).isEmpty();
        assertThat(PatternObservable.of(null)).isEmpty();
    }
}
