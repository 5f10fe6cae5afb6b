package io.ctiflow.net;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The Authorization header value from endpoint options: Bearer token, else HTTP Basic, else none. */
public final class HttpAuthorization {

    private HttpAuthorization() {
    }

    /** @return the header value, or null when neither a token nor a user is given */
    public static String header(String token, String username, String password) {
        if (token != null && !token.isEmpty()) {
            return "Bearer " + token;
        }
        if (username != null && !username.isEmpty()) {
            String pair = username + ":" + (password == null ? "" : password);
            return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }

    /** A secret as endpoint descriptions show it. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "none" : "xxxxxx";
    }
}
