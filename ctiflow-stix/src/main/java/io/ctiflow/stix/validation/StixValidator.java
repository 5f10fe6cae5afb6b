package io.ctiflow.stix.validation;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks STIX 2.1 content against the specification's MUST rules (problems of severity ERROR) and a few of its
 * SHOULD rules and deprecations (WARNING): bundle envelope, identifiers, timestamps, required properties per
 * type, patterns, references and dangling references, property names, extensions, markings and vocabularies.
 * The per-type constants live in {@code stix21-rules.yaml}. Thread-safe and cheap to create.
 */
public final class StixValidator {

    private final StixRules rules = StixRules.get();
    private final CommonPropertyChecks common = new CommonPropertyChecks(rules);
    private final TimestampChecks timestamps = new TimestampChecks(rules);
    private final TypeRuleChecks typeRules = new TypeRuleChecks(rules);
    private final TypeSpecificChecks typeSpecific = new TypeSpecificChecks(rules);
    private final EncodedValueChecks encodedValues = new EncodedValueChecks(rules);
    private final MarkingChecks markings = new MarkingChecks();
    private final ReferenceChecks references = new ReferenceChecks(rules);
    private final ProvenanceExtensionChecks provenance = new ProvenanceExtensionChecks();

    public StixValidator() {
    }

    /**
     * Validates a bundle (type "bundle") or a single STIX object. Never throws on bad content.
     *
     * @return the problems in document order: the bundle's own first, then each object's in turn
     */
    public List<ValidationProblem> validate(JsonNode bundleOrObject) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (bundleOrObject == null || !bundleOrObject.isObject()) {
            problems.add(ValidationProblem.error(null, null, "expected a STIX bundle or object (a JSON object), got "
                    + (bundleOrObject == null || bundleOrObject.isMissingNode() ? "nothing" : bundleOrObject.getNodeType())));
            return problems;
        }
        if ("bundle".equals(bundleOrObject.path("type").asText(null))) {
            validateBundle(bundleOrObject, problems);
        } else {
            // a lone object: its references point outside what we can see, so none can be called dangling
            validateObject(bundleOrObject, null, problems);
        }
        return problems;
    }

    /**
     * The errors of one object on its own: every check of {@link #validate} but those that need the rest of the
     * bundle (dangling references, duplicates). This is what the jurisdiction filter asks of each object.
     */
    public List<ValidationProblem> objectErrors(JsonNode object) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (object == null || !object.isObject()) {
            problems.add(ValidationProblem.error(null, null, "expected a STIX object (a JSON object)"));
            return problems;
        }
        validateObject(object, null, problems);
        problems.removeIf(p -> !p.isError());
        return problems;
    }

    /** True when any problem is an ERROR. */
    public static boolean hasErrors(List<ValidationProblem> problems) {
        return problems.stream().anyMatch(ValidationProblem::isError);
    }

    private void validateBundle(JsonNode bundle, List<ValidationProblem> problems) {
        JsonNode idNode = bundle.get("id");
        String bundleId = idNode != null && idNode.isTextual() ? idNode.asText() : null;
        if (idNode == null || idNode.isNull()) {
            problems.add(ValidationProblem.error(null, "id", "required property is missing"));
        } else if (bundleId == null || !StixSyntax.isIdentifier(bundleId) || !StixSyntax.typeOf(bundleId).equals("bundle")) {
            problems.add(ValidationProblem.error(bundleId, "id", idNode + " is not a valid bundle id"
                    + " (expected bundle--<RFC 4122 UUID>)"));
        }
        JsonNode objects = bundle.get("objects");
        if (objects == null || objects.isNull()) {
            return;
        }
        if (!objects.isArray()) {
            problems.add(ValidationProblem.error(bundleId, "objects", "must be a list of STIX objects"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode object : objects) {
            JsonNode id = object.get("id");
            if (id != null && id.isTextual()) {
                ids.add(id.asText());
            }
        }
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < objects.size(); i++) {
            JsonNode object = objects.get(i);
            if (!object.isObject()) {
                problems.add(ValidationProblem.error(bundleId, "objects[" + i + "]", "must be a JSON object, not "
                        + object.getNodeType()));
                continue;
            }
            ObjectContext context = validateObject(object, ids, problems);
            if (context.id() != null && !versions.add(context.id() + '\u0000' + object.path("modified").asText(""))) {
                context.warning(null, "duplicate: another object in the bundle has the same id"
                        + (object.has("modified") ? " and modified" : ""));
            }
        }
    }

    private ObjectContext validateObject(JsonNode object, Set<String> bundleIds, List<ValidationProblem> problems) {
        JsonNode type = object.get("type");
        String typeName = type != null && type.isTextual() && StixSyntax.isType(type.asText()) ? type.asText() : null;
        JsonNode id = object.get("id");
        String idText = id != null && id.isTextual() ? id.asText() : null;
        StixRules.Category category = typeName == null ? StixRules.Category.CUSTOM : rules.category(typeName);
        ObjectContext o = new ObjectContext(object, typeName, idText, category, problems);
        common.check(o);
        timestamps.check(o);
        typeRules.check(o);
        typeSpecific.check(o);
        encodedValues.check(o);
        markings.check(o);
        references.check(o, bundleIds);
        provenance.check(o);
        return o;
    }
}
