package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.validation.StixRules.Category;
import io.ctiflow.stix.validation.StixRules.TimestampOrder;

import java.time.Instant;
import java.util.Map;

/**
 * Timestamps (STIX 2.1 section 3.2): created/modified presence, the format of every timestamp-valued
 * property at the top level and inside extensions, and the orderings the spec requires.
 */
final class TimestampChecks {

    private final StixRules rules;

    TimestampChecks(StixRules rules) {
        this.rules = rules;
    }

    void check(ObjectContext o) {
        checkPresence(o);
        checkFormats(o, "", o.node());
        JsonNode extensions = o.get("extensions");
        if (extensions != null && extensions.isObject()) {
            for (Map.Entry<String, JsonNode> extension : extensions.properties()) {
                // extension-definition extensions define their own property meanings
                if (StixSyntax.isPredefinedExtensionKey(extension.getKey())) {
                    checkFormats(o, "extensions." + extension.getKey() + ".", extension.getValue());
                }
            }
        }
        JsonNode x509 = o.get("x509_v3_extensions");
        if (x509 != null) {
            checkFormats(o, "x509_v3_extensions.", x509);
        }
        if (o.type() != null) {
            for (TimestampOrder order : rules.timestampOrder(o.type())) {
                checkOrder(o, order);
            }
        }
    }

    /** SDOs, SROs, language-content and extension-definition carry both; marking-definition only created. */
    private static void checkPresence(ObjectContext o) {
        boolean versioned = o.category() == Category.SDO || o.category() == Category.SRO
                || "language-content".equals(o.type()) || "extension-definition".equals(o.type());
        if (versioned || "marking-definition".equals(o.type())) {
            requirePresent(o, "created");
        }
        if (versioned) {
            requirePresent(o, "modified");
        }
    }

    private static void requirePresent(ObjectContext o, String property) {
        if (!o.has(property)) {
            o.error(property, "required property is missing");
        } else if (o.text(property) != null && StixTimestamps.problem(o.text(property)) == null
                && !StixTimestamps.hasMilliseconds(o.text(property))) {
            o.warning(property, "should be precise to the millisecond (e.g. 2016-05-12T08:17:27.000Z)");
        }
    }

    private void checkFormats(ObjectContext o, String prefix, JsonNode container) {
        if (!container.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> property : container.properties()) {
            JsonNode value = property.getValue();
            // custom objects may use names such as "date" or "start" for anything
            boolean timestamp = o.category() == Category.CUSTOM && prefix.isEmpty()
                    ? property.getKey().equals("created") || property.getKey().equals("modified")
                    : rules.isTimestampProperty(property.getKey());
            if (!timestamp || value.isNull()) {
                continue;
            }
            String name = prefix + property.getKey();
            if (!value.isTextual()) {
                o.error(name, "must be a timestamp string, not " + value);
                continue;
            }
            String problem = StixTimestamps.problem(value.asText());
            if (problem != null) {
                o.error(name, problem);
            }
        }
    }

    private static void checkOrder(ObjectContext o, TimestampOrder order) {
        Instant earlier = instant(o, order.earlier());
        Instant later = instant(o, order.later());
        if (earlier == null || later == null) {
            return;
        }
        if (order.strict() ? !later.isAfter(earlier) : later.isBefore(earlier)) {
            o.error(order.later(), order.later() + " (" + o.text(order.later()) + ") must be "
                    + (order.strict() ? "later than " : "later than or equal to ")
                    + order.earlier() + " (" + o.text(order.earlier()) + ")");
        }
    }

    private static Instant instant(ObjectContext o, String property) {
        String text = o.text(property);
        return text == null || StixTimestamps.problem(text) != null ? null : StixTimestamps.instant(text);
    }
}
