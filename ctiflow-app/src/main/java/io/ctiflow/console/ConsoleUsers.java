package io.ctiflow.console;

import io.ctiflow.taxii.server.Passwords;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The console's users: {@code ctiflow.console.users} names each with a role ({@code alice:operator,bob:compliance}),
 * {@code ctiflow.console.password-hash} gives each a PBKDF2 hash ({@code alice:pbkdf2$...,bob:pbkdf2$...}, made with
 * {@code ctiflow serve --hash-password}; set it through the environment). No password is kept, only hashes.
 */
public final class ConsoleUsers {

    private record User(Role role, String hash) {
    }

    private final Map<String, User> users = new LinkedHashMap<>();
    /** Checked when the name is unknown, so a wrong name costs what a wrong password costs. */
    private final String decoy;

    public ConsoleUsers(String roles, String hashes) {
        Map<String, String> hashByUser = pairs(hashes, "ctiflow.console.password-hash");
        pairs(roles, "ctiflow.console.users").forEach((name, role) -> {
            String hash = hashByUser.get(name);
            if (hash == null) {
                throw new IllegalArgumentException("ctiflow.console.password-hash has no hash for console user " + name);
            }
            try {
                Passwords.checkFormat(hash);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ctiflow.console.password-hash of " + name + ": " + e.getMessage());
            }
            users.put(name, new User(Role.parse(role), hash));
        });
        hashByUser.keySet().stream().filter(name -> !users.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("ctiflow.console.password-hash names " + name + ", who is not in ctiflow.console.users");
        });
        if (users.isEmpty()) {
            throw new IllegalArgumentException("the console is enabled but ctiflow.console.users names nobody");
        }
        decoy = users.values().iterator().next().hash();
    }

    /** The user's role when the password is theirs. */
    public Optional<Role> authenticate(String name, char[] password) {
        User user = name == null ? null : users.get(name);
        boolean match = Passwords.verify(password, user != null ? user.hash() : decoy);
        return user != null && match ? Optional.of(user.role()) : Optional.empty();
    }

    /** {@code a:x, b:y} as a map; the value is everything after the first ':' (hashes hold '$', never ':'). */
    private static Map<String, String> pairs(String text, String option) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String item : text.split(",")) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.trim().length() - 1) {
                // never echo the item: it may be a hash
                throw new IllegalArgumentException(option + ": each entry must be <user>:<value>");
            }
            map.put(item.substring(0, colon).trim(), item.substring(colon + 1).trim());
        }
        return map;
    }
}
