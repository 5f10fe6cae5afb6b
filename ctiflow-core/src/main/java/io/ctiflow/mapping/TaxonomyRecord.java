package io.ctiflow.mapping;

import io.ctiflow.stix.Tlp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record in the common taxonomy (mappings/taxonomy/fields.yaml): what a flat-feed connector's
 * mapping produces and what mappings/stix/ turns into STIX. Mutable on purpose: one is filled per
 * source record on the hot path.
 */
public final class TaxonomyRecord {

    public String source;
    public String sourceRecordId;
    public String value;
    public IocKind kind;
    public Integer port;
    public String classification;
    public String malwareFamily;
    public Integer confidence;
    public Tlp tlp;
    public Instant firstSeen;
    public Instant lastSeen;
    public String description;
    public String referenceUrl;
    public String originJurisdiction;
    public final List<String> tags = new ArrayList<>(2);
    public final List<String> personalData = new ArrayList<>(1);
    public final Map<String, String> extra = new LinkedHashMap<>(2);

    /** A copy for a second observable of the same source record (split values). */
    TaxonomyRecord copy() {
        TaxonomyRecord c = new TaxonomyRecord();
        c.source = source;
        c.sourceRecordId = sourceRecordId;
        c.value = value;
        c.kind = kind;
        c.port = port;
        c.classification = classification;
        c.malwareFamily = malwareFamily;
        c.confidence = confidence;
        c.tlp = tlp;
        c.firstSeen = firstSeen;
        c.lastSeen = lastSeen;
        c.description = description;
        c.referenceUrl = referenceUrl;
        c.originJurisdiction = originJurisdiction;
        c.tags.addAll(tags);
        c.personalData.addAll(personalData);
        c.extra.putAll(extra);
        return c;
    }

    /** A field by its taxonomy name (mappings/taxonomy/fields.yaml), as text or a list; null when unset. */
    public Object get(String field) {
        if (field.startsWith("extra.")) {
            return extra.get(field.substring(6));
        }
        return switch (field) {
            case "observable.value" -> value;
            case "observable.kind" -> kind == null ? null : kind.id();
            case "destination.port" -> port == null ? null : port.toString();
            case "classification.type" -> classification;
            case "malware.family" -> malwareFamily;
            case "confidence" -> confidence == null ? null : confidence.toString();
            case "tlp" -> tlp == null ? null : tlp.level();
            case "time.first_seen" -> firstSeen == null ? null : firstSeen.toString();
            case "time.last_seen" -> lastSeen == null ? null : lastSeen.toString();
            case "description" -> description;
            case "reference.url" -> referenceUrl;
            case "origin.jurisdiction" -> originJurisdiction;
            case "source.record_id" -> sourceRecordId;
            case "tags" -> List.copyOf(tags);
            case "personal_data" -> List.copyOf(personalData);
            default -> throw new IllegalArgumentException("not a taxonomy field: " + field);
        };
    }

    @Override
    public String toString() {
        return "TaxonomyRecord{" + source + " " + kind + " " + value + (port != null ? ":" + port : "")
                + " class=" + classification + " malware=" + malwareFamily + " tlp=" + tlp + " first=" + firstSeen + "}";
    }
}
