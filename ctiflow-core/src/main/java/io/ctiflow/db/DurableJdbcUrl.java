package io.ctiflow.db;

import java.util.Locale;

/**
 * Makes an operator's JDBC URL keep what ctiflow acknowledges. H2 writes a commit to its file up to
 * 500 ms later by default (WRITE_DELAY), so a process killed after answering "stored" lost it; every
 * H2 URL therefore gets WRITE_DELAY=0, one that sets another delay is refused (it asks for exactly
 * that loss), and an in-memory H2 database is refused unless the operator said they accept it.
 * PostgreSQL URLs pass unchanged: its durability (synchronous_commit) is the database server's matter.
 */
public final class DurableJdbcUrl {

    private static final String H2 = "jdbc:h2:";
    private static final String NO_DELAY = "WRITE_DELAY=0";

    private DurableJdbcUrl() {
    }

    /** {@code url} made durable; in-memory H2 is refused. */
    public static String of(String url) {
        return of(url, false, null);
    }

    /**
     * @param memoryAccepted the operator accepts an in-memory H2 store (everything in it is lost on exit)
     * @param memoryOption   the option that says so, named in the refusal; null when there is none
     * @throws IllegalArgumentException naming the URL and the setting when the URL cannot be made durable
     */
    public static String of(String url, boolean memoryAccepted, String memoryOption) {
        if (url == null || !url.regionMatches(true, 0, H2, 0, H2.length())) {
            return url;
        }
        String[] parts = url.split(";");
        if (inMemory(parts[0].substring(H2.length()))) {
            if (memoryAccepted) {
                return url;
            }
            throw new IllegalArgumentException(url + " is an in-memory H2 database: everything acknowledged is lost when the process ends; "
                    + "use jdbc:h2:file:<path>" + (memoryOption == null ? "" : " (or " + memoryOption + " to accept that)"));
        }
        for (int i = 1; i < parts.length; i++) {
            String[] setting = parts[i].split("=", 2);
            if (setting[0].strip().equalsIgnoreCase("WRITE_DELAY")) {
                if (setting.length == 2 && setting[1].strip().equals("0")) {
                    return url;
                }
                throw new IllegalArgumentException(url + ": " + parts[i].strip() + " lets H2 lose commits it has already acknowledged "
                        + "when the process is killed; remove the setting (ctiflow adds " + NO_DELAY + ") or set " + NO_DELAY);
            }
        }
        return (url.endsWith(";") ? url : url + ";") + NO_DELAY;
    }

    /** mem:name, or a server URL (tcp://host/mem:name, ssl://...) naming one. */
    private static boolean inMemory(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("mem:") || l.contains("/mem:");
    }
}
