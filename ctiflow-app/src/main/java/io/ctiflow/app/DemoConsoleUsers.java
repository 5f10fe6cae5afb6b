package io.ctiflow.app;

import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.Passwords;

import java.util.Map;

/**
 * The demo's console users, one per role ({@code operator}, {@code compliance}), each with a password made per
 * run: handed to the runtime only as hashes (overrides, never a file), printed once for the user to log in.
 */
record DemoConsoleUsers(String operatorPassword, String compliancePassword) {

    static DemoConsoleUsers generate() {
        return new DemoConsoleUsers(ApiTokens.newToken().substring(0, 16), ApiTokens.newToken().substring(0, 16));
    }

    /** The console's configuration: on, on a free port, the two users. */
    Map<String, String> overrides() {
        // the demo's passwords live one run: fewer PBKDF2 iterations keep its logins quick
        String hashes = "operator:" + Passwords.hash(operatorPassword.toCharArray(), 10_000)
                + ",compliance:" + Passwords.hash(compliancePassword.toCharArray(), 10_000);
        return Map.of("ctiflow.console.enabled", "true", "ctiflow.console.port", "0",
                "ctiflow.console.users", "operator:operator,compliance:compliance", "ctiflow.console.password-hash", hashes);
    }

    String credentials() {
        return "user operator, password " + operatorPassword + "; user compliance, password " + compliancePassword;
    }
}
