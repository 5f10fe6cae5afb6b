package io.ctiflow.taxii.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
/**
 * Checks an {@code Authorization} header against the configured users: {@code Basic} (PBKDF2 password
 * hash) or {@code Bearer} (SHA-256 token hash). A PBKDF2 check costs a good part of a second by
 * design, so credentials that verified once are remembered as a SHA-256 of user and password
 * (never the password itself) for the life of the server. A user name that does not exist (or has no
 * password) is checked against a dummy hash of the same cost, so the time of a 401 does not tell an
 * attacker which names exist.
 */
final class Authenticator {

    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, UserConfig> users;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    private final String dummyHash;

    Authenticator(List<UserConfig> users) {
        this.users = users.stream().collect(Collectors.toUnmodifiableMap(UserConfig::name, Function.identity()));
        // the costliest configured hash: an unknown name never answers faster than any real one
        this.dummyHash = Passwords.unmatchable(users.stream().map(UserConfig::passwordHash).filter(h -> h != null)
                .mapToInt(Passwords::iterations).max().orElse(Passwords.DEFAULT_ITERATIONS));
    }

    /** Empty when the header is absent; the caller when it verifies; an exception (401) when it does not. */
    Optional<Caller> authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        String credentials = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (scheme.equalsIgnoreCase("Basic")) {
            return Optional.of(basic(credentials));
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            return Optional.of(bearer(credentials));
        }
        throw TaxiiError.unauthorized("unsupported authorization scheme " + scheme + " (use Basic or Bearer)");
    }

    private Caller basic(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TaxiiError.unauthorized("malformed Basic credentials");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw TaxiiError.unauthorized("malformed Basic credentials");
        }
        String name = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        UserConfig user = users.get(name);
        String key = HexFormat.of().formatHex(ApiTokens.sha256(name + '\u0000' + password));
        if (user == null || user.passwordHash() == null) {
            Passwords.verify(password.toCharArray(), dummyHash); // as slow as a wrong password for a real user; never true
            throw TaxiiError.unauthorized("wrong user name or password");
        }
        if (verified.contains(key) || Passwords.verify(password.toCharArray(), user.passwordHash())) {
            if (verified.size() < CACHE_LIMIT) {
                verified.add(key);
            }
            return new Caller(name);
        }
        throw TaxiiError.unauthorized("wrong user name or password");
    }

    private Caller bearer(String token) {
        String hash = ApiTokens.hash(token);
        for (UserConfig user : users.values()) {
            if (user.tokenHash() != null && MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                    user.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
                return new Caller(user.name());
            }
        }
        throw TaxiiError.unauthorized("unknown API token");
    }
}
