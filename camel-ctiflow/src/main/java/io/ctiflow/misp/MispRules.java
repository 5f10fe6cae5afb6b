package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.mapping.RecordRejected;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
/** The rule records of mappings/misp/, as {@link MispMappings} loads them. */
final class MispRules {

    private MispRules() {
    }

    /**
     * One MISP attribute type: an observable (sco + fields), an SDO, or a skip with its reason; reportReference:
     * an http(s) value is also an external reference of the event's report (link); binary: where its data goes;
     * patternConstants: constants that also identify the observable in patterns (account_type of a github-username).
     */
    record AttributeRule(String type, String sco, List<Field> fields, boolean patternOnly, ObjectNode constants,
                         String sdo, String property, String patternType, String skip, List<String> personalData,
                         boolean reportReference, Binary binary, List<ObservableBuilder.Value> patternConstants) {
    }

    /**
     * With the source option binaries, an attribute's data (base64) is the payload field (an artifact's payload_bin),
     * the constants beside it (mime type, encryption of MISP's zipped malware samples).
     */
    record Binary(Field payload, List<ObservableBuilder.Value> constants) {
        /** The values an attribute's data adds to its observation. */
        List<ObservableBuilder.Value> values(String data) throws RecordRejected {
            List<ObservableBuilder.Value> out = new ArrayList<>(constants.size() + 1);
            out.add(new ObservableBuilder.Value(payload, payload.normalize(data)));
            out.addAll(constants);
            return out;
        }
    }

    /**
     * One MISP object template: relations to fields of one SCO (or identity), ignored relations, or a skip;
     * foldInto: the template whose observable this object's values join when such an object references it (pe into file);
     * standalone: such an object that nothing references is an observable of its own (a pe is a file), not a reject;
     * binaries: relation -> where that attribute's data goes with the source option binaries;
     * requires: path prefix (an extension) -> the properties it must have; values under an incomplete prefix go to extra;
     * patternConstants: constants that also identify the observable in patterns (account_type of a github-user).
     */
    record ObjectTemplate(String name, String sco, String sdo, Map<String, Field> relations, Map<String, String> ignore,
                          ObjectNode constants, List<String> personalData, String skip, String foldInto, boolean standalone,
                          Map<String, Binary> binaries,
                          Map<String, List<String>> requires, List<ObservableBuilder.Value> patternConstants) {
    }

    /** One galaxy type: the SDO its clusters become, or a skip with its reason. */
    record GalaxyRule(String type, String sdo, boolean mitre, List<String> malwareTypes, String skip) {
    }
}
