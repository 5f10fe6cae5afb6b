package io.ctiflow.mapping;

import io.ctiflow.stix.Tlp;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Writes a rule's values into the typed taxonomy field it targets, checking the field's type. */
@FunctionalInterface
interface FieldSetter {

    void set(TaxonomyRecord record, List<String> values) throws RecordRejected;

    static FieldSetter forField(String field, Taxonomy taxonomy) {
        if (field.startsWith("extra.")) {
            String name = field.substring(6);
            return (r, v) -> r.extra.put(name, String.join(",", v));
        }
        return switch (field) {
            case "observable.value" -> (r, v) -> r.value = v.get(0); // several values: handled by FeedMapping
            case "observable.kind" -> (r, v) -> r.kind = kind(v.get(0));
            case "destination.port" -> (r, v) -> r.port = port(v.get(0));
            case "classification.type" -> (r, v) -> r.classification = classification(v.get(0), taxonomy);
            case "malware.family" -> (r, v) -> r.malwareFamily = v.get(0).trim();
            case "confidence" -> (r, v) -> r.confidence = confidence(v.get(0));
            case "tlp" -> (r, v) -> r.tlp = Tlp.parse(v.get(0))
                    .orElseThrow(() -> new RecordRejected("unknown TLP level '" + IocKind.abbreviate(v.get(0)) + "'"));
            case "time.first_seen" -> (r, v) -> r.firstSeen = instant(v.get(0), field);
            case "time.last_seen" -> (r, v) -> r.lastSeen = instant(v.get(0), field);
            case "description" -> (r, v) -> r.description = String.join(" ", v);
            case "reference.url" -> (r, v) -> r.referenceUrl = v.get(0);
            case "origin.jurisdiction" -> (r, v) -> r.originJurisdiction = country(v.get(0));
            case "source.record_id" -> (r, v) -> r.sourceRecordId = v.get(0);
            case "tags" -> (r, v) -> r.tags.addAll(v);
            case "personal_data" -> (r, v) -> r.personalData.addAll(v);
            default -> throw new IllegalArgumentException("no setter for taxonomy field " + field);
        };
    }

    private static IocKind kind(String id) throws RecordRejected {
        IocKind kind = IocKind.byId(id.trim().toLowerCase(Locale.ROOT));
        if (kind == null) {
            throw new RecordRejected("unknown observable kind '" + IocKind.abbreviate(id) + "'");
        }
        return kind;
    }

    private static int port(String value) throws RecordRejected {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RecordRejected("invalid port '" + IocKind.abbreviate(value) + "'");
    }

    private static int confidence(String value) throws RecordRejected {
        try {
            int c = Integer.parseInt(value.trim());
            if (c >= 0 && c <= 100) {
                return c;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new RecordRejected("confidence '" + IocKind.abbreviate(value) + "' is not an integer 0-100 (use the scale transform)");
    }

    private static String classification(String type, Taxonomy taxonomy) throws RecordRejected {
        String t = type.trim().toLowerCase(Locale.ROOT);
        if (taxonomy.rsit(t) == null) {
            throw new RecordRejected("unknown RSIT classification '" + IocKind.abbreviate(type) + "'");
        }
        return t;
    }

    private static Instant instant(String value, String field) throws RecordRejected {
        Instant quick = FixedWidthDateParser.ISO_SECONDS_UTC.parse(value);
        if (quick != null) {
            return quick; // the date transform's own output: no need for the general ISO parser
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RecordRejected(field + " '" + IocKind.abbreviate(value) + "' is not an ISO-8601 instant (add a date transform)");
        }
    }

    private static String country(String value) throws RecordRejected {
        String c = value.trim().toUpperCase(Locale.ROOT);
        if (c.length() != 2 || !Character.isLetter(c.charAt(0)) || !Character.isLetter(c.charAt(1))) {
            throw new RecordRejected("invalid country code '" + IocKind.abbreviate(value) + "'");
        }
        return c;
    }
}
