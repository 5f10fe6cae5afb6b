package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.mapping.MappingException;
import io.ctiflow.mapping.SchemaCheckedYaml;
import io.ctiflow.stix.Tlp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * Reads a policy folder (jurisdictions.yaml, destinations.yaml, sources.yaml, policy.yaml), checks
 * each file against its schema in policies/schema/ and every cross-reference between them, and
 * fails with one message naming the file, the key and the problem.
 */
public final class PolicyLoader {

    public static final List<String> FILES = List.of("jurisdictions.yaml", "destinations.yaml", "sources.yaml", "policy.yaml");
    private static final Pattern KEY_PLACEHOLDER = Pattern.compile("\\$\\{(env|sys):([A-Za-z0-9_.-]+)}");

    private final Path schemaDir;
    private final Function<String, String> environment;

    /** @param schemaDir policies/schema of the ctiflow installation (the folder being loaded may be elsewhere) */
    public PolicyLoader(Path schemaDir) {
        this(schemaDir, System::getenv);
    }

    /** @param environment how ${env:NAME} placeholders are looked up (System::getenv in production) */
    public PolicyLoader(Path schemaDir, Function<String, String> environment) {
        this.schemaDir = schemaDir;
        this.environment = environment;
    }

    public Policy load(Path dir) {
        JsonNode jurisdictionsDoc = read(dir, "jurisdictions.yaml");
        JsonNode destinationsDoc = read(dir, "destinations.yaml");
        JsonNode sourcesDoc = read(dir, "sources.yaml");
        JsonNode policyDoc = read(dir, "policy.yaml");

        String pFile = file(dir, "policy.yaml");
        List<String> trustLevels = new ArrayList<>();
        policyDoc.path("trust_levels").forEach(t -> trustLevels.add(t.asText()));
        int attributionMinTrust = trust(trustLevels, policyDoc.path("attribution_min_trust").asText(), pFile, "attribution_min_trust");
        Map<String, String> contentClassOfType = new HashMap<>();
        fields(policyDoc.path("content_classes")).forEach((cls, types) -> types.forEach(t -> {
            String previous = contentClassOfType.put(t.asText(), cls);
            if (previous != null) {
                throw new PolicyException(pFile, "content_classes." + cls, t.asText() + " is already in class " + previous);
            }
        }));

        String jFile = file(dir, "jurisdictions.yaml");
        Map<String, Jurisdiction> jurisdictions = new LinkedHashMap<>();
        Map<String, Jurisdiction> byCountry = new HashMap<>();
        fields(jurisdictionsDoc.path("jurisdictions")).forEach((code, j) -> {
            Jurisdiction jurisdiction = jurisdiction(code, j, jFile, "jurisdictions." + code);
            jurisdictions.put(code, jurisdiction);
            for (String country : jurisdiction.members()) {
                Jurisdiction other = byCountry.put(country, jurisdiction);
                if (other != null) {
                    throw new PolicyException(jFile, "jurisdictions." + code + ".members", country + " is already a member of " + other.code());
                }
            }
        });
        for (Jurisdiction j : jurisdictions.values()) {
            checkKnown(jurisdictions.keySet(), j.localisation().to(), jFile, "jurisdictions." + j.code() + ".localisation.to", "jurisdiction");
            if (j.transfersTo() != null) {
                checkKnown(jurisdictions.keySet(), j.transfersTo(), jFile, "jurisdictions." + j.code() + ".personal_data.transfers_to", "jurisdiction");
            }
            checkKnown(jurisdictions.keySet(), j.legalBasis().keySet(), jFile, "jurisdictions." + j.code() + ".personal_data.legal_basis", "jurisdiction");
        }
        Jurisdiction unlisted = policyDoc.has("unlisted_origins")
                ? jurisdiction("(unlisted)", policyDoc.path("unlisted_origins"), pFile, "unlisted_origins") : null;

        JsonNode defaults = policyDoc.path("defaults");
        Map<String, PersonalDataAction> defaultPersonal = actions(defaults.path("personal_data"));
        ProvenanceMode defaultProvenance = ProvenanceMode.parse(defaults.path("provenance").asText("strip"));

        String dFile = file(dir, "destinations.yaml");
        Map<String, Destination> destinations = new LinkedHashMap<>();
        fields(destinationsDoc.path("destinations")).forEach((id, d) -> {
            String key = "destinations." + id;
            String jurisdiction = d.path("jurisdiction").asText();
            if (!jurisdictions.containsKey(jurisdiction)) {
                throw new PolicyException(dFile, key + ".jurisdiction", "unknown jurisdiction '" + jurisdiction + "' (jurisdictions.yaml has "
                        + String.join(", ", jurisdictions.keySet()) + ")");
            }
            Set<String> content = strings(d.path("content"));
            if (content.contains("all")) {
                content = Set.of();
            } else {
                checkKnown(new LinkedHashSet<>(contentClassOfType.values()), content, dFile, key + ".content", "content class");
            }
            Map<String, PersonalDataAction> personal = new HashMap<>(defaultPersonal);
            personal.putAll(actions(d.path("personal_data")));
            PersonalDataAction personalDefault = personal.getOrDefault("default", PersonalDataAction.REDACT);
            personal.remove("default");
            List<Endpoint> endpoints = new ArrayList<>();
            d.path("endpoints").forEach(e -> {
                Map<String, String> settings = new HashMap<>();
                fields(e).forEach((k, v) -> {
                    if (!Set.of("kind", "url", "collection", "topic", "tls").contains(k)) {
                        settings.put(k, v.asText());
                    }
                });
                endpoints.add(new Endpoint(e.path("kind").asText(), e.path("url").asText(null), e.path("collection").asText(null),
                        e.path("topic").asText(null), e.path("tls").asBoolean(false), settings));
            });
            int trust = trust(trustLevels, d.path("trust").asText(), dFile, key + ".trust");
            destinations.put(id, new Destination(id, d.path("name").asText(), d.path("organisation").asText(null), jurisdiction,
                    strings(d.path("communities")), trust, trustLevels.get(trust), Tlp.parse(d.path("max_tlp").asText()).orElseThrow(),
                    content, Map.copyOf(personal), personalDefault, d.has("attribution") ? d.path("attribution").asBoolean() : null,
                    d.has("provenance") ? ProvenanceMode.parse(d.path("provenance").asText()) : defaultProvenance,
                    d.path("resale").asBoolean(false), List.copyOf(endpoints), d.path("legal_basis").asText(null)));
        });

        String sFile = file(dir, "sources.yaml");
        Map<String, SourcePolicy> sources = new LinkedHashMap<>();
        fields(sourcesDoc.path("sources")).forEach((id, s) -> {
            String key = "sources." + id;
            Set<String> amberTo = strings(s.path("amber_to"));
            Set<String> amberStrictTo = strings(s.path("amber_strict_to"));
            checkKnown(destinations.keySet(), amberTo, sFile, key + ".amber_to", "destination");
            checkKnown(destinations.keySet(), amberStrictTo, sFile, key + ".amber_strict_to", "destination");
            Map<String, Set<String>> groups = new HashMap<>();
            fields(s.path("misp").path("sharing_groups")).forEach((group, members) -> {
                Set<String> m = strings(members);
                checkKnown(destinations.keySet(), m, sFile, key + ".misp.sharing_groups." + group, "destination");
                groups.put(group, m);
            });
            sources.put(id, new SourcePolicy(id, s.path("name").asText(), s.has("default_tlp") ? Tlp.parse(s.path("default_tlp").asText()).orElseThrow() : null,
                    s.path("origin").asText(null), strings(s.path("communities")), amberTo, amberStrictTo,
                    s.has("min_trust") ? trust(trustLevels, s.path("min_trust").asText(), sFile, key + ".min_trust") : -1,
                    strings(s.path("misp").path("this_community")), strings(s.path("misp").path("connected_communities")), Map.copyOf(groups),
                    s.path("relay").asBoolean(false)));
        });

        Set<String> embargoedDestinations = strings(policyDoc.path("embargo").path("destinations"));
        checkKnown(destinations.keySet(), embargoedDestinations, pFile, "embargo.destinations", "destination");
        return new Policy(dir.toString(), jurisdictions, byCountry, destinations, sources, List.copyOf(trustLevels), attributionMinTrust,
                strings(policyDoc.path("embargo").path("jurisdictions")), embargoedDestinations, unlisted,
                pseudonymiser(policyDoc.path("pseudonymisation_key").asText(null)), contentClassOfType);
    }

    private Pseudonymiser pseudonymiser(String placeholder) {
        if (placeholder == null) {
            return new Pseudonymiser(null, "policy.yaml sets no pseudonymisation_key");
        }
        Matcher m = KEY_PLACEHOLDER.matcher(placeholder);
        if (!m.matches()) {
            return new Pseudonymiser(null, "pseudonymisation_key is not an ${env:...} or ${sys:...} placeholder");
        }
        String value = m.group(1).equals("env") ? environment.apply(m.group(2)) : System.getProperty(m.group(2));
        String where = (m.group(1).equals("env") ? "environment variable " : "system property ") + m.group(2);
        return value == null || value.isEmpty() ? new Pseudonymiser(null, where + " is not set")
                : new Pseudonymiser(value.getBytes(StandardCharsets.UTF_8), where);
    }

    private Jurisdiction jurisdiction(String code, JsonNode j, String file, String key) {
        JsonNode loc = j.path("localisation");
        String rule = loc.path("rule").asText("");
        Localisation.Rule r = switch (rule) {
            case "free" -> Localisation.Rule.FREE;
            case "stay" -> Localisation.Rule.STAY;
            case "only_to" -> Localisation.Rule.ONLY_TO;
            default -> throw new PolicyException(file, key + ".localisation.rule", "must be free, stay or only_to, not '" + rule + "'");
        };
        if (r == Localisation.Rule.ONLY_TO && !loc.path("to").isArray()) {
            throw new PolicyException(file, key + ".localisation.to", "only_to needs the list of jurisdictions");
        }
        String appliesTo = loc.path("applies_to").asText("all");
        if (!appliesTo.equals("all") && !appliesTo.equals("personal_data")) {
            throw new PolicyException(file, key + ".localisation.applies_to", "must be all or personal_data");
        }
        JsonNode pd = j.path("personal_data");
        JsonNode transfers = pd.path("transfers_to");
        Set<String> transfersTo = transfers.isTextual() && transfers.asText().equals("any") ? null : strings(transfers);
        PersonalDataAction otherwise;
        try {
            otherwise = PersonalDataAction.parse(pd.path("otherwise").asText("redact"));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(file, key + ".personal_data.otherwise", "must be redact, pseudonymise, generalise or drop");
        }
        List<String> regulations = new ArrayList<>();
        j.path("regulations").forEach(x -> regulations.add(x.asText()));
        Map<String, String> legalBasis = new LinkedHashMap<>();
        fields(pd.path("legal_basis")).forEach((to, basis) -> legalBasis.put(to, basis.asText()));
        return new Jurisdiction(code, j.path("name").asText(code), List.copyOf(regulations), strings(j.path("members")),
                new Localisation(r, strings(loc.path("to")), appliesTo.equals("personal_data")), transfersTo, otherwise,
                Collections.unmodifiableMap(legalBasis));
    }

    private JsonNode read(Path dir, String name) {
        try {
            return new SchemaCheckedYaml(schemaDir.resolve(name.replace(".yaml", ".schema.json")), "policies/schema/" + name.replace(".yaml", ".schema.json"))
                    .read(dir.resolve(name));
        } catch (MappingException e) {
            throw new PolicyException(e.getMessage());
        }
    }

    private static String file(Path dir, String name) {
        return dir.resolve(name).toString();
    }

    private static int trust(List<String> levels, String level, String file, String key) {
        int i = levels.indexOf(level);
        if (i < 0) {
            throw new PolicyException(file, key, "unknown trust level '" + level + "' (policy.yaml trust_levels: " + String.join(", ", levels) + ")");
        }
        return i;
    }

    private static void checkKnown(Collection<String> known, Collection<String> used, String file, String key, String what) {
        for (String u : used) {
            if (!known.contains(u)) {
                throw new PolicyException(file, key, "unknown " + what + " '" + u + "'");
            }
        }
    }

    private static Map<String, PersonalDataAction> actions(JsonNode node) {
        Map<String, PersonalDataAction> actions = new HashMap<>();
        fields(node).forEach((cls, a) -> actions.put(cls, PersonalDataAction.parse(a.asText())));
        return actions;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), e.getValue());
        }
        return map;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> set = new LinkedHashSet<>();
        array.forEach(x -> set.add(x.asText()));
        return Set.copyOf(set);
    }
}
