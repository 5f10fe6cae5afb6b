package io.ctiflow.taxii.server;

/**
 * A TAXII user: a name and at least one credential, each stored hashed only — a
 * {@link Passwords PBKDF2 password hash} ({@code pbkdf2$<iterations>$<salt>$<hash>}) for HTTP Basic and/or
 * an {@link ApiTokens API token hash} ({@code sha256$<hex>}) for {@code Authorization: Bearer}.
 * What the user may read and write is configured per collection ({@link CollectionConfig}).
 */
public record UserConfig(String name, String passwordHash, String tokenHash) {

    public UserConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a user needs a name");
        }
        if (passwordHash == null && tokenHash == null) {
            throw new IllegalArgumentException("user " + name + " needs a password_hash or a token_hash");
        }
        if (passwordHash != null) {
            Passwords.checkFormat(passwordHash);
        }
        if (tokenHash != null) {
            ApiTokens.checkFormat(tokenHash);
        }
    }

    /** Never prints the hashes. */
    @Override
    public String toString() {
        return "UserConfig[" + name + "]";
    }
}
