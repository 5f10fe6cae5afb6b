package io.ctiflow.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in users, in memory only (a restart logs everyone out): a random session id for the cookie and a
 * separate random token every form that changes something must carry (CSRF). Idle sessions expire.
 */
public final class Sessions {

    /** One login. */
    public record Session(String id, String user, Role role, String csrfToken) {
    }

    private record Entry(Session session, Instant lastUsed) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Clock clock;

    public Sessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    public Session open(String user, Role role) {
        Session session = new Session(randomToken(), user, role, randomToken());
        sessions.put(session.id(), new Entry(session, clock.instant()));
        return session;
    }

    /** The live session of this id (its idle time starts again), or empty. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        sessions.values().removeIf(e -> e.lastUsed().plus(idle).isBefore(now));
        Entry entry = sessions.computeIfPresent(id, (k, e) -> new Entry(e.session(), now));
        return entry == null ? Optional.empty() : Optional.of(entry.session());
    }

    public void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
