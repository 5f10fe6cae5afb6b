package io.ctiflow.policy;

/**
 * Destinations receive only the content classes they accept. Relationships follow the objects they
 * connect; the identity that created shared objects travels with them (who produced intelligence
 * is part of it, unless IEP forbids); object types in no class go only to destinations that accept all.
 */
final class ContentClassRule implements Rule {

    @Override
    public String name() {
        return "content";
    }

    @Override
    public String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        if (d.acceptsAllContent() || o.type.equals("relationship") || context.bundle().creators.contains(o.id)) {
            return null;
        }
        String contentClass = context.policy().contentClass(o.type);
        if (contentClass == null) {
            return o.type + " objects belong to no content class; " + d.id() + " accepts only " + String.join(", ", d.content());
        }
        return d.content().contains(contentClass) ? null : d.id() + " does not accept " + contentClass + " (" + o.type + ")";
    }
}
