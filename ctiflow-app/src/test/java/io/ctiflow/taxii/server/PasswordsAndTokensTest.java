package io.ctiflow.taxii.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordsAndTokensTest {

    @Test
    void passwordHashesAreSaltedPbkdf2AndVerify() {
        String a = Passwords.hash("correct horse".toCharArray(), 2000);
        String b = Passwords.hash("correct horse".toCharArray(), 2000);
        assertThat(a).startsWith("pbkdf2$2000$").isNotEqualTo(b).doesNotContain("correct");
        assertThat(Passwords.verify("correct horse".toCharArray(), a)).isTrue();
        assertThat(Passwords.verify("correct horsf".toCharArray(), a)).isFalse();
        assertThat(Passwords.hash("x".toCharArray())).startsWith("pbkdf2$" + Passwords.DEFAULT_ITERATIONS + "$");
        assertThatThrownBy(() -> Passwords.checkFormat("pbkdf2$1000$nosalt")).hasMessageContaining("pbkdf2$<iterations>$<salt>$<hash>");
    }

    @Test
    void tokensAreRandomAndStoredAsSha256() {
        String token = ApiTokens.newToken();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(ApiTokens.newToken());
        String hash = ApiTokens.hash(token);
        assertThat(hash).matches("sha256\\$[0-9a-f]{64}");
        assertThat(ApiTokens.verify(token, hash)).isTrue();
        assertThat(ApiTokens.verify(token + "x", hash)).isFalse();
    }
}
