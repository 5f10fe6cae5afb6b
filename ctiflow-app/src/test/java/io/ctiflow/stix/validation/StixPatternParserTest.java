package io.ctiflow.stix.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Java string literals below double every backslash: "'a\\\\b'" is the pattern text 'a\\b'. */
class StixPatternParserTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // examples of the STIX 2.1 specification, section 9.10
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']",
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' AND file:mime_type = 'application/x-pdf']",
        "[file:hashes.'SHA-256' = 'bf07a7fbb825fc0aae7bf4a1177b2b31fcf8a3feeaf7092761e18c859ee52a9c' OR file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f'] AND [file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
        "[user-account:account_type = 'unix' AND user-account:user_id = '1007' AND user-account:account_login = 'Peter'] AND [user-account:account_type = 'unix' AND user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
        "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']",
        "[file:name = 'foo.dll' AND file:parent_directory_ref.path = 'C:\\\\Windows\\\\System32']",
        "[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]",
        "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8']",
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
        "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        "[url:value = 'http://example.com/foo' OR url:value = 'http://example.com/bar']",
        "[x509-certificate:issuer = 'CN=WEBMAIL' AND x509-certificate:serial_number = '4c:0b:1d:19:74:86:a7:66:b4:1a:bf:40:27:21:76:28']",
        "[windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\CryptoLocker\\\\Files' OR windows-registry-key:key = 'HKEY_CURRENT_USER\\\\Software\\\\Microsoft\\\\CurrentVersion\\\\Run\\\\CryptoLocker_0388']",
        "[(file:name = 'pdf.exe' OR file:size = '371712') AND file:created = t'2014-01-13T07:03:17Z']",
        "[email-message:sender_ref.value = 'jdoe@example.com' AND email-message:subject = 'Conference Info']",
        "[x-usb-device:usbdrive.serial_number = '575833314133343231313937']",
        "[process:command_line MATCHES '^.+>-add GlobalSign.cer -c -s -r localMachine Root$'] FOLLOWEDBY [process:command_line MATCHES'^.+>-add GlobalSign.cer -c -s -r localMachineTrustedPublisher$'] WITHIN 300 SECONDS",
        "[network-traffic:dst_ref.value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']",
        "([file:name = 'foo.dll'] AND [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) OR [process:name = 'fooproc' OR process:name = 'procfoo']",
        // the brief's cases
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f'] AND [network-traffic:dst_ref.value = '1.2.3.4']",
        "[a:b = 1] REPEATS 5 TIMES WITHIN 1800 SECONDS",
        "([x:y = 'a'] OR [x:z MATCHES '^x']) FOLLOWEDBY [w:v IN ('a','b')] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'",
        "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Foo']",
        "[x509-certificate:issuer = 'a' AND x509-certificate:serial_number NOT = 'b']",
        // every operator, NOT, literal kind and path step
        "[file:size != 1280 AND file:size < 1024 OR file:size <= 1 OR file:size > 2 OR file:size >= 3]",
        "[foo:bar NOT !=1 OR bar:foo<12.3]",
        "[obj-type:a.b[*][1].'c-d' NOT ISSUPERSET '1.2.3.4/16']",
        "[ipv4-addr:value NOT ISSUBSET '192.168.0.1/24']",
        "[file:name NOT LIKE 'name%' AND file:name NOT MATCHES '^a' AND file:size NOT IN (1, 2)]",
        "[windows-registry-key:values[*].name = 'x' AND EXISTS windows-registry-key:values]",
        "[a:b = -1.5 AND a:c = +3 AND a:d = .5 AND a:e[-1] = true AND a:f == false AND a:g <> 'x']",
        "[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']",
        "[file:name IN ()]",
        "[x_whatever:detected = t'2018-03-22T12:11:14.123456789Z']",
        "[user-account:value = 'Peter'] AND [user-account:value != 'Paul'] AND [user-account:value = 'Mary'] WITHIN 5 SECONDS",
        "( [(network-traffic:dst_port IN(443,6443,8443) AND network-traffic:src_packets != 0) ])",
        "([foo:bar = 1] START t'1932-11-12T15:42:15Z' STOP t'1964-10-23T21:12:26Z' AND [foo:abc < h'12ab']) WITHIN 22.5 SECONDS OR [frob:baz NOT IN (1,2,3)] REPEATS 31 TIMES",
        "([foo:bar = 1] REPEATS 2 TIMES) REPEATS 2 TIMES",
        "[file:name = 'it\\'s'] /* block comment */ AND [file:size = 1] // line comment",
        "[email-message:from_ref.value MATCHES '.+\\\\\\\\banking@g0thamnatl\\\\\\\\.com$']",
        "[ANDROID:NOTE = 'keyword prefixes are identifiers']",
        "\t[ file : name\u00a0=\n'spaced out' ]\r\n"
    })
    void acceptsValidPatterns(String pattern) {
        assertThatCode(() -> StixPatternParser.parse(pattern)).doesNotThrowAnyException();
    }

    static Stream<Arguments> invalidPatterns() {
        return Stream.of(
            arguments("[ipv4-addr:value = '1.2.3.4'", 28, "expected ']' to close the observation expression"),
            arguments("[ipv4-addr:value = 1.2.3.4]", 19, "invalid number '1.2.3.4'"),
            arguments("[file:hashes.MD5 = 'a\\q']", 21, "invalid escape sequence '\\q'"),
            arguments("[ipv4-addr:value = '1.2.3.4]", 19, "unterminated string literal"),
            arguments("file:size = 1280", 0, "expected '[' or '(' to start an observation expression"),
            arguments("[file:size = ]", 13, "expected a literal after '='"),
            arguments("[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]", 19, "string values must be quoted"),
            arguments("[file.size = 1280]", 5, "expected ':' after the object type 'file'"),
            arguments("[file:name MATCHES /.*\\\\.dll/]", 19, "unexpected character '/'"),
            arguments("[windows-registry-key:key = 'x'] WITHIN ]", 40, "a positive number of seconds after WITHIN"),
            arguments("[windows-registry-key:key = 'x'] WITHIN 5 HOURS", 42, "expected SECONDS but found 'HOURS'"),
            arguments("[windows-registry-key:key = 'x'] WITHIN -5 SECONDS", 40, "a positive number of seconds"),
            arguments("[network-traffic:dst_ref.value ISSUBSET ]", 40, "a quoted string after ISSUBSET"),
            arguments("[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']", 18, "unexpected character '?'"),
            arguments("[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", 24, "invalid timestamp literal"),
            arguments("[x:y = t'2016-06-01T00:00:00+01:00']", 7, "not in UTC"),
            arguments("[artifact:payload_bin = b'====']", 24, "invalid binary literal"),
            arguments("[file:magic_number_hex = h'fff']", 25, "invalid hex literal"),
            arguments("[foo:bar=1] within 2 seconds", 12, "keywords are upper case"),
            arguments("[file:hashes.'SHA-256' = 'f00']", 25, "'f00' is not a valid SHA-256 hash"),
            arguments("[file:hashes.sha256 IN ('f00')]", 24, "not a valid SHA-256 hash"),
            arguments("[w:k = 'x'] WITHIN 5 SECONDS WITHIN 6 SECONDS", 29, "more than one WITHIN qualifier"),
            arguments("[w:k = 'x'] REPEATS 2 TIMES REPEATS 3 TIMES", 28, "more than one REPEATS qualifier"),
            arguments("[w:k = 'x'] START t'2016-06-01T00:00:00Z' STOP t'2016-06-02T00:00:00Z'"
                    + " START t'2016-06-01T00:00:00Z' STOP t'2016-06-02T00:00:00Z'", 71, "more than one START qualifier"),
            arguments("[file:extensions.windows-pebinary-ext.entropy > 7.0]", 17, "must be quoted"),
            arguments("[a:b > true]", 7, "cannot compare with a boolean"),
            arguments("[a:b = 007]", 7, "leading zero"),
            arguments("[a:b = 'x'] REPEATS 0 TIMES", 20, "a positive integer after REPEATS"),
            arguments("[a:b = 'x'] AND", 15, "expected '[' or '('"),
            arguments("[]", 1, "expected an object path"),
            arguments("", 0, "empty pattern"),
            arguments("[x509-certificate:issuer = 'a' AND NOT x509-certificate:serial_number = 'b']", 35,
                    "expected an object path"),
            arguments("[a:b = 'x'] [c:d = 'y']", 12, "expected AND, OR, FOLLOWEDBY"),
            arguments("([a:b = 'x']", 12, "')' to close the parenthesis opened at position 0"),
            arguments("[a:b = 'x'] /* never closed", 12, "unterminated comment")
        );
    }

    @ParameterizedTest
    @MethodSource("invalidPatterns")
    void rejectsInvalidPatternsWithPositionAndReason(String pattern, int position, String reason) {
        assertThatThrownBy(() -> StixPatternParser.parse(pattern))
                .isInstanceOfSatisfying(PatternSyntaxException.class, e -> {
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).isEqualTo(e.reason() + " at position " + position);
                });
    }

    @Test
    void objectTypesListsTheTypesOfAllObjectPathsInOrder() {
        assertThat(StixPatternParser.objectTypes(
                "[ipv4-addr:value = '1.2.3.4'] AND [network-traffic:dst_ref.value = '1.2.3.4' OR EXISTS ipv4-addr:x]"))
                .containsExactly("ipv4-addr", "network-traffic");
        assertThat(StixPatternParser.objectTypes("([x-custom:a = 1] FOLLOWEDBY [file:name = 'a']) WITHIN 5 SECONDS"))
                .containsExactly("x-custom", "file");
    }

    @Test
    void objectTypesRejectsAnInvalidPatternLikeParse() {
        assertThatThrownBy(() -> StixPatternParser.objectTypes("[file:name = 'x'"))
                .isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void deeplyNestedParenthesesFailCleanlyInsteadOfOverflowingTheStack() {
        String hostile = "(".repeat(100_000) + "[a:b = 1]" + ")".repeat(100_000);
        assertThatThrownBy(() -> StixPatternParser.parse(hostile))
                .isInstanceOf(PatternSyntaxException.class)
                .hasMessageContaining("nested more than");
        String fine = "(".repeat(50) + "[a:b = 1]" + ")".repeat(50);
        assertThatCode(() -> StixPatternParser.parse(fine)).doesNotThrowAnyException();
    }
}
