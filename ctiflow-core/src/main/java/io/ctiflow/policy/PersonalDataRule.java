package io.ctiflow.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctiflow.stix.StixIds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data, per destination and class: keep, drop the object, redact the property,
 * pseudonymise (keyed HMAC) or generalise (IPv4 /24, IPv6 /48, e-mail to its domain; other values
 * cannot be generalised and are redacted). When the origin jurisdiction does not allow transfers
 * of personal data to the destination's jurisdiction, its {@code otherwise} action applies if it
 * protects more. Flagged personal data the scanner cannot locate can only be kept or dropped with
 * the whole object; pseudonymising without a key withholds (fail closed).
 */
final class PersonalDataRule implements Rule {

    static final String NAME = "personal-data";

    @Override
    public String name() {
        return NAME;
    }

    static PersonalDataAction action(String personalDataClass, ObjectFacts o, Destination d) {
        PersonalDataAction a = d.personalDataAction(personalDataClass);
        Jurisdiction origin = o.originJurisdiction;
        if (origin != null && !origin.allowsPersonalDataTransferTo(d.jurisdiction()) && a.ordinal() < origin.otherwiseAction().ordinal()) {
            return origin.otherwiseAction();
        }
        return a;
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (!o.holdsPersonalData()) {
            return null;
        }
        for (String c : o.unlocatedPersonalData) {
            PersonalDataAction a = action(c, o, d);
            if (a != PersonalDataAction.KEEP) {
                return "the source flagged " + c + " but ctiflow cannot locate it to " + a.word() + " it for " + d.id();
            }
        }
        for (String c : classes(o)) {
            PersonalDataAction a = action(c, o, d);
            if (a == PersonalDataAction.DROP) {
                return "holds " + c + " and " + d.id() + " drops objects with it" + transferNote(c, o, d);
            }
            if (a == PersonalDataAction.PSEUDONYMISE && !context.policy().pseudonymiser().hasKey()) {
                return "holds " + c + " to pseudonymise for " + d.id() + " but no pseudonymisation key is configured ("
                        + context.policy().pseudonymiser().keySource() + ")";
            }
        }
        return null;
    }

    @Override
    public void edit(ObjectFacts o, Destination d, RuleContext context, ObjectEdit edit) {
        if (o.personalHits.isEmpty()) {
            return;
        }
        Set<String> done = new LinkedHashSet<>();
        for (PersonalDataScanner.Hit hit : o.personalHits) {
            for (PersonalValue v : hit.values()) {
                PersonalDataAction a = action(v.personalDataClass(), o, d);
                String replacement = switch (a) {
                    case KEEP, DROP -> null;
                    case PSEUDONYMISE -> context.policy().pseudonymiser().pseudonym(v.personalDataClass(), PersonalDataScanner.plainValue(v));
                    case GENERALISE, REDACT -> a == PersonalDataAction.GENERALISE ? Generaliser.generalise(PersonalDataScanner.plainValue(v)) : null;
                };
                if (a == PersonalDataAction.KEEP) {
                    continue;
                }
                if (replacement == null) {
                    edit.removeProperty(NAME, hit.property(), v.personalDataClass() + " redacted for " + d.id() + transferNote(v.personalDataClass(), o, d));
                    if (edit.withheld()) {
                        return;
                    }
                    break;
                }
                if (replace(edit.tree(), hit.path(), v.value(), replacement, a)) {
                    done.add(v.personalDataClass() + " " + (a == PersonalDataAction.PSEUDONYMISE ? "pseudonymised" : "generalised") + " in " + hit.property());
                }
            }
        }
        for (String what : done) {
            edit.changed(NAME, what);
        }
        if (edit.copied() && StixIds.isObservableType(o.type)) {
            renameObservable(o, edit);
        }
    }

    /**
     * What the destination got of the object's personal data, per class and action, counting distinct values (never
     * naming them). Mirrors {@link #edit}: a value that cannot be replaced removes its whole property, so every value
     * in that property counts as redacted; a withheld object dropped them all.
     */
    static PersonalDataTransfer transfer(ObjectFacts o, Destination d, Policy policy, boolean withheld) {
        Map<String, Map<String, Set<String>>> handled = new TreeMap<>();
        for (PersonalDataScanner.Hit hit : o.personalHits) {
            boolean propertyRemoved = false;
            if (!withheld) {
                for (PersonalValue v : hit.values()) {
                    PersonalDataAction a = action(v.personalDataClass(), o, d);
                    if (a == PersonalDataAction.REDACT || a == PersonalDataAction.DROP
                            || a == PersonalDataAction.GENERALISE && Generaliser.generalise(PersonalDataScanner.plainValue(v)) == null) {
                        propertyRemoved = true;
                        break;
                    }
                }
            }
            for (PersonalValue v : hit.values()) {
                String done = withheld ? "dropped" : propertyRemoved ? "redacted" : switch (action(v.personalDataClass(), o, d)) {
                    case KEEP -> "kept";
                    case PSEUDONYMISE -> "pseudonymised";
                    case GENERALISE -> "generalised";
                    case REDACT -> "redacted";
                    case DROP -> "dropped";
                };
                handled.computeIfAbsent(v.personalDataClass(), c -> new TreeMap<>()).computeIfAbsent(done, x -> new HashSet<>()).add(v.value());
            }
        }
        for (String c : o.unlocatedPersonalData) {
            String done = withheld ? "dropped" : action(c, o, d) == PersonalDataAction.KEEP ? "kept" : "dropped";
            handled.computeIfAbsent(c, x -> new TreeMap<>()).computeIfAbsent(done, x -> new HashSet<>()).add(" flagged by the source");
        }
        List<PersonalDataTransfer.Handled> list = new ArrayList<>();
        handled.forEach((c, actions) -> actions.forEach((a, values) -> list.add(new PersonalDataTransfer.Handled(c, a, values.size()))));
        Jurisdiction from = o.originJurisdiction;
        return new PersonalDataTransfer(from == null ? null : from.code(), d.jurisdiction(), policy.legalBasis(from, d), List.copyOf(list));
    }

    private static Set<String> classes(ObjectFacts o) {
        Set<String> classes = new LinkedHashSet<>();
        for (PersonalDataScanner.Hit h : o.personalHits) {
            for (PersonalValue v : h.values()) {
                classes.add(v.personalDataClass());
            }
        }
        return classes;
    }

    private static String transferNote(String c, ObjectFacts o, Destination d) {
        Jurisdiction j = o.originJurisdiction;
        if (j != null && !j.allowsPersonalDataTransferTo(d.jurisdiction()) && d.personalDataAction(c) != action(c, o, d)) {
            return " (personal data from " + j.code() + " may not be transferred to " + d.jurisdiction() + ")";
        }
        return "";
    }

    /** Replaces the value inside the string at {@code path}; in patterns a generalised value becomes a range match. */
    private static boolean replace(ObjectNode root, List<Object> path, String value, String replacement, PersonalDataAction a) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            Object step = path.get(i);
            parent = step instanceof Integer n ? parent.path(n) : parent.path((String) step);
        }
        Object last = path.get(path.size() - 1);
        JsonNode current = last instanceof Integer n ? parent.path(n) : parent.path((String) last);
        if (!current.isTextual()) {
            return false;
        }
        String text = current.asText();
        if (a == PersonalDataAction.GENERALISE && "pattern".equals(path.get(0)) && path.size() == 1) {
            text = generalisePattern(text, value, replacement);
        }
        String updated = text.replace(value, replacement);
        if (parent instanceof ObjectNode o) {
            o.put((String) last, updated);
        } else if (parent instanceof ArrayNode arr) {
            arr.set((Integer) last, arr.textNode(updated));
        }
        return true;
    }

    private static String generalisePattern(String pattern, String value, String generalised) {
        String quoted = Pattern.quote(value);
        if (generalised.startsWith("*@")) {
            return pattern.replaceAll("=\\s*'" + quoted + "'", Matcher.quoteReplacement("LIKE '%" + generalised.substring(1) + "'"));
        }
        return pattern.replaceAll("(ipv[46]-addr:value)\\s*=\\s*'" + quoted + "'", "$1 ISSUBSET '" + Matcher.quoteReplacement(generalised) + "'");
    }

    /** An observable's id derives from its value: a changed value gets the id of the new value, so the old one reveals nothing. */
    private static void renameObservable(ObjectFacts o, ObjectEdit edit) {
        ObjectNode t = edit.tree();
        String id = StixIds.deterministicObservableId(t)
                .orElseGet(() -> o.type + "--" + StixIds.uuid5(StixIds.CTIFLOW_NAMESPACE, "redacted\u001f" + o.id));
        if (!id.equals(o.id)) {
            t.put("id", id);
            edit.newId(id);
        }
    }
}
