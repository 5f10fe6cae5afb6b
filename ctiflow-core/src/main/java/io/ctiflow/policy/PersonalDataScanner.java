package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in STIX objects, in two passes over a bundle. {@link #collect} learns the
 * values: e-mail addresses and international phone numbers wherever they are written, names of
 * individuals and e-mail display names, user accounts, and IP addresses the source flagged as
 * personal data (victims) or that belong to internal ranges. {@link #locate} then finds every place
 * each value occurs in an object, so a name learnt from an identity is also caught in a report's
 * description.
 */
final class PersonalDataScanner {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9 ()./-]{6,18}[0-9]");
    private static final Pattern IPV4 = Pattern.compile("(?<![0-9.])(\\d{1,3}\\.){3}\\d{1,3}(?![0-9])");
    private static final Pattern IPV6 = Pattern.compile("(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])");
    /** Comparisons in STIX patterns on properties that hold personal data. */
    private static final Pattern PATTERN_PERSONAL = Pattern.compile(
            "(email-addr:display_name|user-account:(?:user_id|account_login|display_name)|ipv4-addr:value|ipv6-addr:value)\\s*(?:=|LIKE|MATCHES)\\s*'((?:[^'\\\\]|\\\\.)*)'");
    /** Values shorter than this are matched only as a whole property value, never inside text. */
    private static final int MIN_PHRASE = 4;
    private static final Set<String> NOT_SCANNED = Set.of("id", "type", "spec_version", "created", "modified", "valid_from",
            "valid_until", "first_seen", "last_seen", "first_observed", "last_observed", "published", "extension_type",
            "pattern_type", "pattern_version", "identity_class", "relationship_type");

    /** One place personal data occurs: a path of field names and array indices, and the values found there. */
    record Hit(List<Object> path, List<PersonalValue> values) {
        String property() {
            return (String) path.get(0);
        }
    }

    private PersonalDataScanner() {
    }

    /** Pass 1: adds the personal values this object reveals to {@code values} (value -> class). */
    static void collect(ObjectNode o, Set<String> flagged, Map<String, String> values) {
        String type = o.path("type").asText();
        switch (type) {
            case "email-addr" -> {
                put(values, o.path("value"), PersonalValue.EMAIL);
                put(values, o.path("display_name"), PersonalValue.NAME);
            }
            case "identity" -> {
                if ("individual".equals(o.path("identity_class").asText()) || !flagged.isEmpty()) {
                    put(values, o.path("name"), PersonalValue.NAME);
                    put(values, o.path("contact_information"), contactClass(o.path("contact_information").asText(""), flagged));
                }
            }
            case "user-account" -> {
                put(values, o.path("user_id"), PersonalValue.ACCOUNT);
                put(values, o.path("account_login"), PersonalValue.ACCOUNT);
                put(values, o.path("display_name"), PersonalValue.ACCOUNT);
            }
            case "ipv4-addr", "ipv6-addr" -> {
                String v = o.path("value").asText("");
                if (flagged.contains(PersonalValue.IP) || PersonalValue.isInternalIp(v)) {
                    values.putIfAbsent(v, PersonalValue.IP);
                }
            }
            case "email-message" -> {
                if (flagged.contains("communication-content")) {
                    put(values, o.path("subject"), "communication-content");
                    put(values, o.path("body"), "communication-content");
                }
            }
            case "indicator" -> collectFromPattern(o.path("pattern").asText(""), flagged, values);
            default -> { }
        }
        walkStrings(o, new ArrayList<>(), (path, s) -> {
            if (s.indexOf('@') > 0) {
                Matcher m = EMAIL.matcher(s);
                while (m.find()) {
                    values.putIfAbsent(m.group(), PersonalValue.EMAIL);
                }
            }
            WrittenEmails.find(s, written -> {
                values.putIfAbsent(written, PersonalValue.EMAIL);
                values.putIfAbsent(WrittenEmails.plain(written), PersonalValue.EMAIL);
            });
            if (s.indexOf('+') >= 0) {
                Matcher m = PHONE.matcher(s);
                while (m.find()) {
                    values.putIfAbsent(m.group(), PersonalValue.PHONE);
                }
            }
        });
    }

    /**
     * Contact details that are exactly a phone number or an e-mail address are of that class, so the
     * destination's action for phone numbers or e-mail addresses applies to them.
     */
    private static String contactClass(String contact, Set<String> flagged) {
        if (flagged.contains(PersonalValue.PHONE) || PHONE.matcher(contact).matches()) {
            return PersonalValue.PHONE;
        }
        return EMAIL.matcher(contact).matches() ? PersonalValue.EMAIL : "contact-information";
    }

    private static void collectFromPattern(String pattern, Set<String> flagged, Map<String, String> values) {
        Matcher m = PATTERN_PERSONAL.matcher(pattern);
        while (m.find()) {
            String property = m.group(1);
            String value = m.group(2).replace("\\'", "'").replace("\\\\", "\\");
            if (property.startsWith("ipv")) {
                if (flagged.contains(PersonalValue.IP) || PersonalValue.isInternalIp(value)) {
                    values.putIfAbsent(value, PersonalValue.IP);
                }
            } else {
                values.putIfAbsent(value, property.startsWith("email") ? PersonalValue.NAME : PersonalValue.ACCOUNT);
            }
        }
    }

    /** Pass 2: every place in {@code o} where one of the bundle's personal values occurs. */
    @SuppressWarnings("unchecked")
    static List<Hit> locate(ObjectNode o, Map<String, String> values, PhraseIndex phrases) {
        if (values.isEmpty()) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        walkStrings(o, new ArrayList<>(), (path, s) -> {
            List<PersonalValue> found = null;
            String whole = values.get(s);
            if (whole != null) {
                found = add(found, new PersonalValue(s, whole));
            }
            found = tokens(s, '@', EMAIL, values, found);
            found = writtenEmails(s, values, found);
            found = tokens(s, '.', IPV4, values, found);
            found = tokens(s, ':', IPV6, values, found);
            found = tokens(s, '+', PHONE, values, found);
            List<PersonalValue>[] inText = new List[] {found};
            phrases.find(s, phrase -> {
                if (!phrase.equals(s)) {
                    inText[0] = add(inText[0], new PersonalValue(phrase, values.get(phrase)));
                }
            });
            if (inText[0] != null) {
                hits.add(new Hit(List.copyOf(path), inText[0]));
            }
        });
        return hits;
    }

    /** The values worth looking for inside longer text (names, accounts, contact details). */
    static PhraseIndex phrases(Map<String, String> values) {
        List<String> phrases = new ArrayList<>();
        values.forEach((v, c) -> {
            if (v.length() >= MIN_PHRASE && !c.equals(PersonalValue.EMAIL) && !c.equals(PersonalValue.IP)) {
                phrases.add(v);
            }
        });
        return new PhraseIndex(phrases);
    }

    private static List<PersonalValue> tokens(String s, char hint, Pattern p, Map<String, String> values, List<PersonalValue> found) {
        if (s.indexOf(hint) < 0) {
            return found;
        }
        Matcher m = p.matcher(s);
        while (m.find()) {
            String c = values.get(m.group());
            if (c != null && !m.group().equals(s)) {
                found = add(found, new PersonalValue(m.group(), c));
            }
        }
        return found;
    }

    private static List<PersonalValue> writtenEmails(String s, Map<String, String> values, List<PersonalValue> found) {
        List<PersonalValue>[] f = new List[] {found};
        WrittenEmails.find(s, written -> {
            String c = values.get(written);
            if (c != null && !written.equals(s)) {
                f[0] = add(f[0], new PersonalValue(written, c));
            }
        });
        return f[0];
    }

    /**
     * The value a pseudonym or generalisation is made from: an address written defanged or encoded stands for its
     * plain form, so it gets the same pseudonym wherever and however it is written.
     */
    static String plainValue(PersonalValue v) {
        return v.personalDataClass().equals(PersonalValue.EMAIL) && WrittenEmails.mayHold(v.value()) ? WrittenEmails.plain(v.value()) : v.value();
    }

    private static List<PersonalValue> add(List<PersonalValue> list, PersonalValue v) {
        List<PersonalValue> l = list == null ? new ArrayList<>(2) : list;
        if (!l.contains(v)) {
            l.add(v);
        }
        return l;
    }

    private static void put(Map<String, String> values, JsonNode v, String personalDataClass) {
        if (v.isTextual() && !v.asText().isBlank()) {
            values.putIfAbsent(v.asText(), personalDataClass);
        }
    }

    interface StringVisitor {
        void visit(List<Object> path, String value);
    }

    /** Visits every string value that can hold content (not ids, references, types or timestamps). */
    static void walkStrings(JsonNode node, List<Object> path, StringVisitor visitor) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey();
                if (NOT_SCANNED.contains(key) || key.endsWith("_ref") || key.endsWith("_refs")) {
                    continue;
                }
                path.add(key);
                walkStrings(e.getValue(), path, visitor);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                path.add(i);
                walkStrings(a.get(i), path, visitor);
                path.remove(path.size() - 1);
            }
        } else if (node.isTextual()) {
            visitor.visit(path, node.asText());
        }
    }
}
