package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** The rule records of mappings/misp/, as {@link MispMappings} loads them. */
final class MispRules {

    private MispRules() {
    }

    /**
     * One MISP attribute type: an observable (sco + fields), an SDO, or a skip with its reason; reportReference:
     * an http(s) value is also an external reference of the event's report (link).
     */
    record AttributeRule(String type, String sco, List<Field> fields, boolean patternOnly, ObjectNode constants,
                         String sdo, String property, String patternType, String skip, List<String> personalData,
                         boolean reportReference) {
    }

    /**
     * One MISP object template: relations to fields of one SCO (or identity), ignored relations, or a skip;
     * foldInto: the template whose observable this object's values join when such an object references it (pe into file);
     * standalone: such an object that nothing references is an observable of its own (a pe is a file), not a reject;
     * requires: path prefix (an extension) -> the properties it must have; values under an incomplete prefix go to extra;
     * patternConstants: constants that also identify the observable in patterns (account_type of a github-user).
     */
    record ObjectTemplate(String name, String sco, String sdo, Map<String, Field> relations, Map<String, String> ignore,
                          ObjectNode constants, List<String> personalData, String skip, String foldInto, boolean standalone,
                          Map<String, List<String>> requires, List<ObservableBuilder.Value> patternConstants) {
    }

    /** One galaxy type: the SDO its clusters become, or a skip with its reason. */
    record GalaxyRule(String type, String sdo, boolean mitre, List<String> malwareTypes, String skip) {
    }
}
