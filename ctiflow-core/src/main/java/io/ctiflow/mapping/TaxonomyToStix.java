package io.ctiflow.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.ReferenceUrls;
import io.ctiflow.stix.Stix;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixObject;
import io.ctiflow.stix.StixPatterns;
import io.ctiflow.stix.StixTime;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
/**
 * The central second stage of normalisation: common taxonomy records to STIX 2.1, driven by
 * mappings/stix/taxonomy-to-stix.yaml. One indicator per record (deterministic id from source,
 * kind and value), plus the malware family it indicates, the source identity and the TLP marking.
 */
public final class TaxonomyToStix {

    private record KindRule(StixPatterns.Template pattern, StixPatterns.Template patternWithPort) {
    }


    private final Map<IocKind, KindRule> kinds = new EnumMap<>(IocKind.class);
    private final String nameTemplate;
    private final Map<Tlp, StixObject> markings = new EnumMap<>(Tlp.class);
    private final StixObject ctiflowIdentity = StixObject.of(CtiflowExtension.identity());
    private final StixObject ctiflowExtension = StixObject.of(CtiflowExtension.definition());
    private final List<String> defaultIndicatorTypes = new ArrayList<>();
    private final boolean emitMalware;
    private final String malwareRelationship;
    private final Taxonomy taxonomy;
    private final Map<String, StixObject> identities = new ConcurrentHashMap<>();
    private final Map<String, StixObject> malwares = new ConcurrentHashMap<>();
    private final JsonNodeFactory f = JsonNodeFactory.instance;

    public TaxonomyToStix(Path stixMappingFile, Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        String file = stixMappingFile.toString();
        Path schema = stixMappingFile.getParent().resolveSibling("schema").resolve("taxonomy-to-stix.schema.json");
        JsonNode doc = new SchemaCheckedYaml(schema).read(stixMappingFile);
        for (IocKind kind : IocKind.values()) {
            JsonNode k = doc.path("kinds").path(kind.id());
            if (!k.has("pattern")) {
                throw new MappingException(file, "kinds." + kind.id() + ".pattern", "missing: every observable kind needs a pattern");
            }
            kinds.put(kind, new KindRule(compile(k.get("pattern"), file, "kinds." + kind.id() + ".pattern"),
                    k.has("pattern_with_port") ? compile(k.get("pattern_with_port"), file, "kinds." + kind.id() + ".pattern_with_port") : null));
        }
        this.nameTemplate = doc.path("indicator").path("name").asText("{value}");
        for (Tlp tlp : Tlp.values()) {
            markings.put(tlp, StixObject.of(tlp.markingDefinition()));
        }
        doc.path("indicator").path("default_indicator_types").forEach(t -> defaultIndicatorTypes.add(t.asText()));
        this.emitMalware = doc.path("malware").path("emit").asBoolean(true);
        this.malwareRelationship = doc.path("malware").path("relationship").asText("indicates");
    }

    private static StixPatterns.Template compile(JsonNode text, String file, String key) {
        try {
            return StixPatterns.compile(text.asText());
        } catch (IllegalArgumentException e) {
            throw new MappingException(file, key, e.getMessage());
        }
    }

    /** Emits the STIX objects for one taxonomy record. */
    public void toStix(TaxonomyRecord r, String sourceTitle, Instant ingested, StixSink sink) {
        toStix(r, r.source, sourceTitle, ingested, sink);
    }

    /**
     * Emits the STIX objects for one taxonomy record reported by {@code reporter} rather than by the
     * source itself (the organisation that sent a mail): the indicator's creator identity and its
     * deterministic id are keyed on the reporter, the provenance still names {@code r.source}.
     */
    public void toStix(TaxonomyRecord r, String reporter, String reporterTitle, Instant ingested, StixSink sink) {
        KindRule rule = kinds.get(r.kind);
        String pattern = r.port != null && rule.patternWithPort() != null
                ? rule.patternWithPort().fill(slot -> "port".equals(slot) ? r.port.toString() : r.value)
                : rule.pattern().fill(slot -> r.value);
        Instant created = r.firstSeen != null ? r.firstSeen : ingested;
        Instant modified = r.lastSeen != null && r.lastSeen.isAfter(created) ? r.lastSeen : created;
        String createdText = StixTime.format(created);
        String modifiedText = modified.equals(created) ? createdText : StixTime.format(modified);
        Tlp tlp = r.tlp != null ? r.tlp : Tlp.AMBER;
        StixObject identity = sourceIdentity(reporter, reporterTitle);
        String id = StixIds.indicatorId(reporter, r.kind.id(), r.value + (r.port != null ? ":" + r.port : ""));
        Taxonomy.RsitType rsit = r.classification != null ? taxonomy.rsit(r.classification) : null;

        // written straight to JSON while the record is hot: no intermediate tree (see StixObject)
        StixObject indicator = write(id, "indicator", modifiedText, g -> {
            g.writeStringField("type", "indicator");
            g.writeStringField("spec_version", "2.1");
            g.writeStringField("id", id);
            g.writeStringField("created_by_ref", identity.id());
            g.writeStringField("created", createdText);
            g.writeStringField("modified", modifiedText);
            g.writeStringField("name", nameTemplate.replace("{kind}", r.kind.id()).replace("{value}", r.value));
            if (r.description != null) {
                g.writeStringField("description", r.description);
            }
            g.writeArrayFieldStart("indicator_types");
            for (String type : rsit != null ? rsit.indicatorTypes() : defaultIndicatorTypes) {
                g.writeString(type);
            }
            g.writeEndArray();
            g.writeStringField("pattern", pattern);
            g.writeStringField("pattern_type", "stix");
            g.writeStringField("pattern_version", "2.1");
            g.writeStringField("valid_from", createdText);
            if (rsit != null || !r.tags.isEmpty()) {
                g.writeArrayFieldStart("labels");
                if (rsit != null) {
                    g.writeString(rsit.machineTag());
                }
                for (String tag : r.tags) {
                    g.writeString(tag);
                }
                g.writeEndArray();
            }
            if (r.confidence != null) {
                g.writeNumberField("confidence", r.confidence);
            }
            // only http(s) links: a javascript: or file: url from a feed is dropped, the record id kept
            String referenceUrl = ReferenceUrls.shareable(r.referenceUrl);
            if (referenceUrl != null || r.sourceRecordId != null) {
                g.writeArrayFieldStart("external_references");
                g.writeStartObject();
                g.writeStringField("source_name", r.source);
                if (referenceUrl != null) {
                    g.writeStringField("url", referenceUrl);
                }
                if (r.sourceRecordId != null) {
                    g.writeStringField("external_id", r.sourceRecordId);
                }
                g.writeEndObject();
                g.writeEndArray();
            }
            g.writeArrayFieldStart("object_marking_refs");
            g.writeString(tlp.markingId());
            g.writeEndArray();
            g.writeObjectFieldStart("extensions");
            g.writeObjectFieldStart(CtiflowExtension.ID);
            writeProvenance(g, r, rsit);
            g.writeEndObject();
            g.writeEndObject();
        });

        // shared objects are the same instances every time
        sink.shared(markings.get(tlp));
        sink.shared(ctiflowIdentity);
        sink.shared(ctiflowExtension);
        sink.shared(identity);
        sink.object(indicator);
        if (emitMalware && r.malwareFamily != null && !r.malwareFamily.isBlank()) {
            StixObject malware = malwares.computeIfAbsent(r.malwareFamily.trim(), this::malware);
            sink.shared(malware);
            sink.object(relationship(id, createdText, modifiedText, malware.id(), identity.id(), tlp));
        }
    }

    private void writeProvenance(JsonGenerator g, TaxonomyRecord r, Taxonomy.RsitType rsit) throws IOException {
        g.writeStringField("extension_type", "property-extension");
        g.writeStringField("source", r.source);
        if (r.sourceRecordId != null) {
            g.writeStringField("source_record", r.sourceRecordId);
        }
        if (r.originJurisdiction != null) {
            g.writeStringField("origin_jurisdiction", r.originJurisdiction);
        }
        g.writeStringField("observable_kind", r.kind.id());
        if (rsit != null) {
            g.writeObjectFieldStart("classification");
            g.writeStringField("taxonomy", "rsit");
            g.writeStringField("class", rsit.rsitClass());
            g.writeStringField("type", rsit.type());
            g.writeEndObject();
        }
        // what the mapping declares (a victim's IP in a report about infected systems) plus what the
        // kind implies (an e-mail address is personal data under GDPR); STIX forbids empty lists
        boolean email = r.kind == IocKind.EMAIL && !r.personalData.contains("email-address");
        if (email || !r.personalData.isEmpty()) {
            g.writeArrayFieldStart("personal_data");
            for (String pd : r.personalData) {
                g.writeString(pd);
            }
            if (email) {
                g.writeString("email-address");
            }
            g.writeEndArray();
        }
        if (!r.extra.isEmpty()) {
            g.writeObjectFieldStart("extra");
            for (Map.Entry<String, String> e : r.extra.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
    }

    /** Writes one object's properties with a streaming generator into a reused per-thread buffer. */
    private static StixObject write(String id, String type, String modified, ObjectBody body) {
        ByteArrayBuilder buffer = BUFFER.get();
        buffer.reset();
        try (JsonGenerator g = Stix.mapper().getFactory().createGenerator(buffer)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise " + id, e);
        }
        return StixObject.ofJson(id, type, modified, buffer.toByteArray());
    }

    @FunctionalInterface
    private interface ObjectBody {
        void write(JsonGenerator g) throws IOException;
    }

    private static final ThreadLocal<ByteArrayBuilder> BUFFER = ThreadLocal.withInitial(() -> new ByteArrayBuilder(2048));

    private StixObject sourceIdentity(String source, String title) {
        return identities.computeIfAbsent(source, s -> StixObject.of(CtiflowExtension.identity(
                StixIds.namedObjectId("identity", "source:" + s), title, "organization", CtiflowExtension.IDENTITY_ID)));
    }

    private StixObject malware(String family) {
        ObjectNode m = f.objectNode();
        m.put("type", "malware");
        m.put("spec_version", "2.1");
        m.put("id", StixIds.namedObjectId("malware", family));
        m.put("created_by_ref", CtiflowExtension.IDENTITY_ID);
        m.put("created", CtiflowExtension.SYNTHESISED);
        m.put("modified", CtiflowExtension.SYNTHESISED);
        m.put("name", family);
        m.put("is_family", true);
        return StixObject.of(m);
    }

    private StixObject relationship(String indicatorId, String created, String modified, String malwareId, String createdBy, Tlp tlp) {
        String id = StixIds.relationshipId(indicatorId, malwareRelationship, malwareId);
        return write(id, "relationship", modified, g -> {
            g.writeStringField("type", "relationship");
            g.writeStringField("spec_version", "2.1");
            g.writeStringField("id", id);
            g.writeStringField("created_by_ref", createdBy);
            g.writeStringField("created", created);
            g.writeStringField("modified", modified);
            g.writeStringField("relationship_type", malwareRelationship);
            g.writeStringField("source_ref", indicatorId);
            g.writeStringField("target_ref", malwareId);
            g.writeArrayFieldStart("object_marking_refs");
            g.writeString(tlp.markingId());
            g.writeEndArray();
        });
    }
}
