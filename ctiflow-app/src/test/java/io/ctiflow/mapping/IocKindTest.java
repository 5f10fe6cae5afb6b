package io.ctiflow.mapping;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IocKindTest {

    @ParameterizedTest
    @CsvSource({
            "192.0.2.1, ipv4",
            "2001:db8::1, ipv6",
            "::ffff:192.0.2.1, ipv6",
            "10.0.0.0/8, cidr",
            "2001:db8::/32, cidr6",
            "Evil.Example.COM, domain",
            "xn--80ak6aa92e.com, domain",
            "http://evil.example/x.exe, url",
            "ftp://192.0.2.1:21/a, url",
            "abuse@example.org, email",
            "744c07e886497f7b68f6f7fe57b7ab54, md5",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709, sha1",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855, sha256",
            "AS13335, asn",
            "invoice.pdf.exe, file-name",
    })
    void detectsKinds(String value, String kind) {
        assertThat(IocKind.detect(value)).isEqualTo(IocKind.byId(kind));
    }

    @ParameterizedTest
    @CsvSource({"not an indicator at all", "256.1.1.1.1", "http//broken", "12345"})
    void detectsNothingInNoise(String value) {
        assertThat(IocKind.detect(value)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "ipv4, 256.1.1.1", "ipv4, 1.2.3", "ipv4, 01.2.3.4", "ipv6, 2001:db8:::1", "ipv6, 1:2:3:4:5:6:7:8:9",
            "md5, 744c07e886497f7b68f6f7fe57b7ab5", "sha1, zz39a3ee5e6b4b0d3255bfef95601890afd80709",
            "domain, -bad-.example", "url, www.example.com/x", "email, a@b", "cidr, 10.0.0.0/33", "asn, AS99999999999",
    })
    void rejectsInvalidValuesOfADeclaredKind(String kind, String value) {
        assertThatThrownBy(() -> IocKind.byId(kind).normalize(value)).isInstanceOf(RecordRejected.class)
                .hasMessageContaining("invalid " + kind);
    }

    @ParameterizedTest
    @CsvSource({"domain, Evil.Example.COM., evil.example.com", "md5, 744C07E886497F7B68F6F7FE57B7AB54, 744c07e886497f7b68f6f7fe57b7ab54",
            "asn, AS0013335, 13335", "ipv6, 2001:DB8::1, 2001:db8::1"})
    void normalises(String kind, String value, String normal) throws RecordRejected {
        assertThat(IocKind.byId(kind).normalize(value)).isEqualTo(normal);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "hxxp://evil[.]example/x | http://evil.example/x",
            "hXXps[:]//evil(.)example | https://evil.example",
            "evil[dot]example | evil.example",
            "user[@]evil[.]example | user@evil.example",
            "fxp://files[.]example | ftp://files.example",
            "http://plain.example/path?q=1 | http://plain.example/path?q=1",
    })
    void refangs(String defanged, String plain) {
        assertThat(Refang.refang(defanged)).isEqualTo(plain);
    }
}
