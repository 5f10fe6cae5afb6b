package io.ctiflow.pipeline;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in log text with {@code ***}: the values of environment variables whose names
 * look secret (…PASSWORD…, …TOKEN…, …SECRET…, …KEY…, …CREDENTIAL…), values registered at start
 * (properties with such names, the embedded TAXII server's token), and credentials written inline:
 * {@code Authorization: Basic …}, {@code apikey=…}, {@code password=…}, {@code token=…}.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    /** Shorter values are not masked: "1", "true" or "none" would mask half the log. */
    private static final int MIN_LENGTH = 6;
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|PASSPHRASE|TOKEN|SECRET|CREDENTIAL|API_?KEY|AUTH_?KEY|_KEY$|^KEY$).*");
    private static final Pattern INLINE = Pattern.compile(
            "(?i)((?:authorization|proxy-authorization)\"?\\s*[:=]\\s*\"?(?:(?:basic|bearer|token|digest)\\s+)?)[^\\s\"',;&]+"
                    + "|((?:api[_-]?key|auth[_-]?key|x-api-key|password|passwd|access[_-]?token|token|secret)\"?\\s*[=:]\\s*\"?)(?:RAW\\([^)]*\\)|[^\\s\"',;&)]+)");

    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();
    private static volatile String[] sorted = new String[0];

    static {
        fromEnvironment(System.getenv());
    }

    private SecretMasker() {
    }

    /** Whether a variable or property name looks like it holds a secret. */
    public static boolean looksSecret(String name) {
        return name != null && SECRET_NAME.matcher(name.replace('.', '_').replace('-', '_')).matches();
    }

    /** Registers the values of secret-looking variables of an environment. */
    public static void fromEnvironment(Map<String, String> env) {
        env.forEach((name, value) -> {
            if (looksSecret(name)) {
                add(value);
            }
        });
    }

    /** Registers one secret value (ignored when blank or too short to be a secret). */
    public static void add(String value) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            return;
        }
        if (SECRETS.add(value.strip())) {
            // longest first, so a secret containing another is masked whole
            sorted = SECRETS.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        }
    }

    /** The text with every known secret and inline credential replaced by {@value #MASK}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : sorted) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        Matcher m = INLINE.matcher(out);
        if (!m.find()) {
            return out;
        }
        StringBuilder sb = new StringBuilder();
        do {
            String prefix = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(sb, Matcher.quoteReplacement(prefix + MASK));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
