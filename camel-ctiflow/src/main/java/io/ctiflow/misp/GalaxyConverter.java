package io.ctiflow.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.misp.MispRules.GalaxyRule;
import io.ctiflow.stix.CtiflowExtension;
import io.ctiflow.stix.ReferenceUrls;
import io.ctiflow.stix.StixIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
/**
 * Galaxy clusters to SDOs as mappings/misp/galaxies.yaml says. A cluster's SDO depends only on the
 * cluster (id from its uuid, ctiflow as creator, the fixed synthesised timestamp), so the same cluster
 * tagged on many events is one object. Relationships follow misp-stix: an indicator indicates
 * attack-patterns, intrusion-sets, malware, threat-actors and tools; threat-actors and intrusion-sets
 * of one event use its malware, tools and attack-patterns.
 */
final class GalaxyConverter {

    record Cluster(String id, String type) {
    }

    private static final Set<String> INDICATED = Set.of("attack-pattern", "intrusion-set", "malware", "threat-actor", "tool");
    private static final Set<String> USED = Set.of("attack-pattern", "malware", "tool");
    private static final Set<String> ALIASED = Set.of("attack-pattern", "campaign", "intrusion-set", "malware", "threat-actor", "tool");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Map<String, GalaxyRule> rules;

    GalaxyConverter(Map<String, GalaxyRule> rules) {
        this.rules = rules;
    }

    List<Cluster> convert(EventContext ctx, JsonNode galaxies) {
        List<Cluster> out = new ArrayList<>();
        if (!galaxies.isArray()) {
            return out;
        }
        for (JsonNode galaxy : galaxies) {
            String type = galaxy.path("type").asText("");
            GalaxyRule rule = rules.get(type);
            if (rule == null) {
                ctx.unknownTypes++;
                ctx.reject("galaxy " + galaxy.path("uuid").asText("(no uuid)") + " (" + type + ")",
                        "galaxy type '" + type + "' is not in mappings/misp/galaxies.yaml", galaxy);
                continue;
            }
            if (rule.skip() != null) {
                continue;
            }
            for (JsonNode cluster : galaxy.path("GalaxyCluster")) {
                String value = cluster.path("value").asText("").trim();
                if (value.isEmpty()) {
                    ctx.reject("galaxy cluster " + cluster.path("uuid").asText("(no uuid)"), "cluster without a value", cluster);
                    continue;
                }
                ObjectNode sdo = sdo(rule, cluster, value);
                ctx.add(sdo);
                out.add(new Cluster(sdo.get("id").asText(), sdo.get("type").asText()));
            }
        }
        return out;
    }

    /** Event-level clusters: every indicator of the event indicates them (shared like the indicator); actors use the event's malware and tools. */
    void relateEvent(EventContext ctx, List<Cluster> clusters) {
        for (Cluster c : clusters) {
            ctx.indicators.forEach((indicator, sharing) -> relate(ctx, indicator, "indicates", c, ctx.eventTime, sharing));
            if (c.type().equals("threat-actor") || c.type().equals("intrusion-set")) {
                for (Cluster used : clusters) {
                    if (USED.contains(used.type())) {
                        relate(ctx, c.id(), "uses", used, ctx.eventTime, null);
                    }
                }
            }
        }
    }

    void relate(EventContext ctx, String sourceId, String type, Cluster target, Instant time, EventContext.Sharing sharing) {
        if (type.equals("indicates") && !INDICATED.contains(target.type())) {
            return;
        }
        String id = StixIds.relationshipId(sourceId, type, target.id());
        EventContext.Sharing base = sharing != null ? sharing : new EventContext.Sharing(ctx.distribution, ctx.sharingGroup, ctx.tags);
        // a relationship is shared as narrowly as its source (an indicator's TLP and distribution), without its labels
        EventContext.Sharing s = new EventContext.Sharing(base.distribution(), base.sharingGroup(),
                new MispTags(base.tags().tlp(), base.tags().pap(), List.of()));
        ObjectNode r = ctx.sdo("relationship", id, time, time, s, null, null, null, null);
        r.put("relationship_type", type);
        r.put("source_ref", sourceId);
        r.put("target_ref", target.id());
        ctx.add(r);
    }

    private ObjectNode sdo(GalaxyRule rule, JsonNode cluster, String value) {
        String stixType = rule.sdo().equals("sector") ? "identity" : rule.sdo();
        String uuid = cluster.path("uuid").asText("").trim();
        String id = uuid.isEmpty() ? StixIds.namedObjectId(stixType, rule.type() + ":" + value)
                : stixType + "--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "misp-galaxy-cluster" + EventContext.SEP + uuid.toLowerCase(Locale.ROOT));
        ObjectNode n = F.objectNode();
        n.put("type", stixType);
        n.put("spec_version", "2.1");
        n.put("id", id);
        n.put("created_by_ref", CtiflowExtension.IDENTITY_ID);
        n.put("created", CtiflowExtension.SYNTHESISED);
        n.put("modified", CtiflowExtension.SYNTHESISED);
        n.put("name", value);
        String description = cluster.path("description").asText("").trim();
        if (!description.isEmpty()) {
            n.put("description", description);
        }
        JsonNode meta = cluster.path("meta");
        switch (rule.sdo()) {
            case "malware" -> {
                n.put("is_family", true);
                if (!rule.malwareTypes().isEmpty()) {
                    ArrayNode types = n.putArray("malware_types");
                    rule.malwareTypes().forEach(types::add);
                }
            }
            case "location" -> {
                String iso = meta.path("ISO").asText(meta.path("iso").asText(""));
                if (rule.type().equals("region")) {
                    n.put("region", value.toLowerCase(Locale.ROOT).replace(' ', '-'));
                } else {
                    n.put("country", iso.isEmpty() ? value : iso);
                }
            }
            case "sector" -> {
                n.put("identity_class", "class");
                n.putArray("sectors").add(value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
            }
            case "attack-pattern" -> killChain(n, meta.path("kill_chain"));
            default -> {
            }
        }
        if (ALIASED.contains(stixType) && meta.path("synonyms").isArray() && !meta.path("synonyms").isEmpty()) {
            ArrayNode aliases = n.putArray("aliases");
            meta.path("synonyms").forEach(a -> aliases.add(a.asText()));
        }
        ArrayNode refs = F.arrayNode();
        if (rule.mitre()) {
            String externalId = meta.path("external_id").isArray() ? meta.path("external_id").path(0).asText("") : meta.path("external_id").asText("");
            if (!externalId.isEmpty()) {
                ObjectNode mitre = refs.addObject();
                mitre.put("source_name", "mitre-attack");
                mitre.put("external_id", externalId);
            }
        }
        for (JsonNode url : meta.path("refs")) {
            if (ReferenceUrls.shareable(url.asText()) != null) {
                ObjectNode ref = refs.addObject();
                ref.put("source_name", rule.type());
                ref.put("url", url.asText());
            }
        }
        if (!refs.isEmpty()) {
            n.set("external_references", refs);
        }
        return n;
    }

    private static void killChain(ObjectNode n, JsonNode phases) {
        ArrayNode out = F.arrayNode();
        for (JsonNode phase : phases) {
            String[] parts = phase.asText().split(":");
            if (parts.length >= 2) {
                ObjectNode p = out.addObject();
                p.put("kill_chain_name", "mitre-attack");
                p.put("phase_name", parts[parts.length - 1]);
            }
        }
        if (!out.isEmpty()) {
            n.set("kill_chain_phases", out);
        }
    }
}
