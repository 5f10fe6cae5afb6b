package io.ctiflow.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.StixIds;
import io.ctiflow.stix.StixPatterns;
import io.ctiflow.stix.StixTime;
import io.ctiflow.stix.TextNodes;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ctiflow.stix.Tlp;

import java.io.IOException;
import java.nio.file.Files;
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

    /** Named SDOs depend only on their name, so they carry one fixed version timestamp. */
    private static final String SYNTHESISED = "2026-11-23T00:00:00.000Z";

    private final Map<IocKind, KindRule> kinds = new EnumMap<>(IocKind.class);
    private final String nameTemplate;
    private final Map<Tlp, ObjectNode> markings = new EnumMap<>(Tlp.class);
    private final ObjectNode ctiflowIdentity = CtiflowExtension.identity();
    private final ObjectNode ctiflowExtension = CtiflowExtension.definition();
    private final List<String> defaultIndicatorTypes = new ArrayList<>();
    private final boolean emitMalware;
    private final String malwareRelationship;
    private final Taxonomy taxonomy;
    private final Map<String, ObjectNode> identities = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> malwares = new ConcurrentHashMap<>();
    private final JsonNodeFactory f = JsonNodeFactory.instance;

    public TaxonomyToStix(Path stixMappingFile, Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
        String file = stixMappingFile.toString();
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(Files.newBufferedReader(stixMappingFile));
        } catch (IOException e) {
            throw new MappingException(file, null, "cannot read: " + e.getMessage());
        }
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
            markings.put(tlp, tlp.markingDefinition());
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
        KindRule rule = kinds.get(r.kind);
        String pattern = r.port != null && rule.patternWithPort() != null
                ? rule.patternWithPort().fill(slot -> "port".equals(slot) ? r.port.toString() : r.value)
                : rule.pattern().fill(slot -> r.value);
        Instant created = r.firstSeen != null ? r.firstSeen : ingested;
        Instant modified = r.lastSeen != null && r.lastSeen.isAfter(created) ? r.lastSeen : created;
        String createdText = StixTime.format(created);
        Tlp tlp = r.tlp != null ? r.tlp : Tlp.AMBER;
        ObjectNode identity = sourceIdentity(r.source, sourceTitle);

        ObjectNode ind = f.objectNode();
        String id = StixIds.indicatorId(r.source, r.kind.id(), r.value + (r.port != null ? ":" + r.port : ""));
        ind.set("type", TextNodes.of("indicator"));
        ind.set("spec_version", TextNodes.of("2.1"));
        ind.put("id", id);
        ind.set("created_by_ref", identity.get("id"));
        TextNode createdNode = TextNode.valueOf(createdText);
        ind.set("created", createdNode);
        ind.set("modified", modified.equals(created) ? createdNode : TextNode.valueOf(StixTime.format(modified)));
        ind.put("name", nameTemplate.replace("{kind}", r.kind.id()).replace("{value}", r.value));
        if (r.description != null) {
            ind.put("description", r.description);
        }
        Taxonomy.RsitType rsit = r.classification != null ? taxonomy.rsit(r.classification) : null;
        ArrayNode types = ind.putArray("indicator_types");
        (rsit != null ? rsit.indicatorTypes() : defaultIndicatorTypes).forEach(t -> types.add(TextNodes.of(t)));
        ind.put("pattern", pattern);
        ind.set("pattern_type", TextNodes.of("stix"));
        ind.set("pattern_version", TextNodes.of("2.1"));
        ind.set("valid_from", createdNode);
        if (rsit != null || !r.tags.isEmpty()) {
            ArrayNode labels = ind.putArray("labels");
            if (rsit != null) {
                labels.add(TextNodes.of(rsit.machineTag()));
            }
            r.tags.forEach(labels::add);
        }
        if (r.confidence != null) {
            ind.put("confidence", r.confidence);
        }
        if (r.referenceUrl != null || r.sourceRecordId != null) {
            ObjectNode ref = ind.putArray("external_references").addObject();
            ref.set("source_name", TextNodes.of(r.source));
            if (r.referenceUrl != null) {
                ref.put("url", r.referenceUrl);
            }
            if (r.sourceRecordId != null) {
                ref.put("external_id", r.sourceRecordId);
            }
        }
        ind.putArray("object_marking_refs").add(TextNodes.of(tlp.markingId()));
        CtiflowExtension.attach(ind, provenance(r, rsit));

        // shared objects are the same instances every time: sinks must not modify them
        sink.shared(markings.get(tlp));
        sink.shared(ctiflowIdentity);
        sink.shared(ctiflowExtension);
        sink.shared(identity);
        sink.object(ind);
        if (emitMalware && r.malwareFamily != null && !r.malwareFamily.isBlank()) {
            ObjectNode malware = malwares.computeIfAbsent(r.malwareFamily.trim(), this::malware);
            sink.shared(malware);
            sink.object(relationship(ind, malware.get("id").asText(), identity, tlp));
        }
    }

    private ObjectNode provenance(TaxonomyRecord r, Taxonomy.RsitType rsit) {
        ObjectNode p = CtiflowExtension.newBody();
        p.set("source", TextNodes.of(r.source));
        if (r.sourceRecordId != null) {
            p.put("source_record", r.sourceRecordId);
        }
        if (r.originJurisdiction != null) {
            p.set("origin_jurisdiction", TextNodes.of(r.originJurisdiction));
        }
        p.set("observable_kind", TextNodes.of(r.kind.id()));
        if (rsit != null) {
            ObjectNode c = p.putObject("classification");
            c.set("taxonomy", TextNodes.of("rsit"));
            c.set("class", TextNodes.of(rsit.rsitClass()));
            c.set("type", TextNodes.of(rsit.type()));
        }
        // an e-mail address is personal data under GDPR; network indicators of flat feeds are not flagged
        // (STIX forbids empty lists, so the property is absent when nothing was detected)
        if (r.kind == IocKind.EMAIL) {
            p.putArray("personal_data").add("email-address");
        }
        if (!r.extra.isEmpty()) {
            ObjectNode extra = p.putObject("extra");
            r.extra.forEach(extra::put);
        }
        return p;
    }

    private ObjectNode sourceIdentity(String source, String title) {
        return identities.computeIfAbsent(source, s -> {
            ObjectNode id = f.objectNode();
            id.put("type", "identity");
            id.put("spec_version", "2.1");
            id.put("id", StixIds.namedObjectId("identity", "source:" + s));
            id.put("created_by_ref", CtiflowExtension.IDENTITY_ID);
            id.put("created", SYNTHESISED);
            id.put("modified", SYNTHESISED);
            id.put("name", title);
            id.put("identity_class", "organization");
            return id;
        });
    }

    private ObjectNode malware(String family) {
        ObjectNode m = f.objectNode();
        m.put("type", "malware");
        m.put("spec_version", "2.1");
        m.put("id", StixIds.namedObjectId("malware", family));
        m.put("created_by_ref", CtiflowExtension.IDENTITY_ID);
        m.put("created", SYNTHESISED);
        m.put("modified", SYNTHESISED);
        m.put("name", family);
        m.put("is_family", true);
        return m;
    }

    private ObjectNode relationship(ObjectNode indicator, String malwareId, ObjectNode identity, Tlp tlp) {
        ObjectNode rel = f.objectNode();
        String indicatorId = indicator.get("id").asText();
        rel.put("type", "relationship");
        rel.put("spec_version", "2.1");
        rel.put("id", StixIds.relationshipId(indicatorId, malwareRelationship, malwareId));
        rel.put("created_by_ref", identity.get("id").asText());
        rel.set("created", indicator.get("created"));
        rel.set("modified", indicator.get("modified"));
        rel.put("relationship_type", malwareRelationship);
        rel.put("source_ref", indicatorId);
        rel.put("target_ref", malwareId);
        rel.putArray("object_marking_refs").add(tlp.markingId());
        return rel;
    }
}
