package io.ctiflow.stix.validation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
/** Lexical forms STIX 2.1 fixes for names, identifiers and encoded values (sections 2 and 3). */
final class StixSyntax {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}";
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]+[a-z0-9]");
    private static final Pattern UUID_ONLY = Pattern.compile(UUID);
    private static final Pattern PROPERTY_NAME = Pattern.compile("[a-z0-9_]{3,250}");
    private static final Pattern HASH_ALGORITHM = Pattern.compile("[a-zA-Z0-9_-]{3,250}");
    private static final Pattern EXTENSION_DEFINITION_KEY = Pattern.compile("extension-definition--" + UUID);
    private static final Pattern PREDEFINED_EXTENSION_KEY = Pattern.compile("[a-z0-9][a-z0-9-]*-ext");
    /** RFC 5646 language tag, the shape only (language, then subtags). */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*");
    private static final Pattern LOWERCASE_HYPHENATED = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern HEX = Pattern.compile("(?:[a-fA-F0-9]{2})+");
    private static final Pattern BASE64 = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    private StixSyntax() {
    }

    /** Types and property names repeat in every object: their verdicts are kept (bounded, names are short-lived only in junk). */
    private static final Map<String, Boolean> TYPES = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> PROPERTY_NAMES = new ConcurrentHashMap<>();
    private static final int REMEMBERED = 4096;

    private static boolean remembered(Map<String, Boolean> verdicts, String key, Predicate<String> test) {
        Boolean known = verdicts.get(key);
        if (known != null) {
            return known;
        }
        boolean verdict = test.test(key);
        if (verdicts.size() < REMEMBERED) {
            verdicts.put(key, verdict);
        }
        return verdict;
    }

    static boolean isType(String type) {
        return type.length() <= 250 && remembered(TYPES, type, t -> TYPE.matcher(t).matches());
    }

    /** {@code <type>--<uuid>}, checked by hand: every object has one, and the regular expression cost more than the rest of a check. */
    static boolean isIdentifier(String id) {
        int dashes = id.lastIndexOf("--");
        return dashes > 0 && dashes <= 250 && isUuid(id, dashes + 2) && isType(id.substring(0, dashes));
    }

    /** An RFC 4122 UUID (versions 1-5, variant 10xx) filling {@code s} from {@code start}. */
    private static boolean isUuid(String s, int start) {
        if (s.length() - start != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(start + i);
            boolean ok = switch (i) {
                case 8, 13, 18, 23 -> c == '-';
                case 14 -> c >= '1' && c <= '5';
                case 19 -> c == '8' || c == '9' || c == 'a' || c == 'b' || c == 'A' || c == 'B';
                default -> c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The type part of {@code <type>--<uuid>}: the text before the last "--", or the whole text without one. */
    static String typeOf(String id) {
        int dashes = id.lastIndexOf("--");
        return dashes < 0 ? id : id.substring(0, dashes);
    }

    /** True when the part after the last "--" is an RFC 4122 UUID. */
    static boolean hasUuid(String id) {
        int dashes = id.lastIndexOf("--");
        return dashes >= 0 && UUID_ONLY.matcher(id.substring(dashes + 2)).matches();
    }

    static boolean isPropertyName(String name) {
        return name.length() <= 250 && remembered(PROPERTY_NAMES, name, n -> PROPERTY_NAME.matcher(n).matches());
    }

    /** Hash algorithm names, the vocabulary's or custom ones. */
    static boolean isHashAlgorithmName(String key) {
        return HASH_ALGORITHM.matcher(key).matches();
    }

    static boolean isExtensionDefinitionKey(String key) {
        return EXTENSION_DEFINITION_KEY.matcher(key).matches();
    }

    static boolean isPredefinedExtensionKey(String key) {
        return PREDEFINED_EXTENSION_KEY.matcher(key).matches();
    }

    static boolean isLanguageTag(String tag) {
        return LANGUAGE_TAG.matcher(tag).matches();
    }

    static boolean isLowercaseHyphenated(String text) {
        return LOWERCASE_HYPHENATED.matcher(text).matches();
    }

    static boolean isHex(String text) {
        return HEX.matcher(text).matches();
    }

    static boolean isBase64(String text) {
        return BASE64.matcher(text).matches();
    }
}
