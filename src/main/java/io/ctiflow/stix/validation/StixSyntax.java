package io.ctiflow.stix.validation;

import java.util.regex.Pattern;

/** Lexical forms STIX 2.1 fixes for names, identifiers and encoded values (sections 2 and 3). */
final class StixSyntax {

    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}";
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]+[a-z0-9]");
    /** {@code <type>--<RFC 4122 UUID>}: versions 1-5, variant 10xx, as the OASIS schema identifier.json. */
    private static final Pattern IDENTIFIER = Pattern.compile("([a-z0-9][a-z0-9-]+[a-z0-9])--(" + UUID + ")");
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

    static boolean isType(String type) {
        return type.length() <= 250 && TYPE.matcher(type).matches();
    }

    static boolean isIdentifier(String id) {
        return IDENTIFIER.matcher(id).matches() && id.lastIndexOf("--") <= 250;
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
        return PROPERTY_NAME.matcher(name).matches();
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
