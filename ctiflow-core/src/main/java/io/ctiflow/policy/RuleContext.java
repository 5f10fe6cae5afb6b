package io.ctiflow.policy;

import java.util.Set;

/** What rules may consult besides the object and the destination: the policy and the whole bundle. */
record RuleContext(Policy policy, PreparedBundle bundle, Set<String> hiddenProviders) {

    ObjectFacts object(String id) {
        return bundle.byId.get(id);
    }
}
