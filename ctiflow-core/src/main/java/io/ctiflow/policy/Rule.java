package io.ctiflow.policy;

/**
 * One sharing rule. A rule may withhold an object from a destination (a gate), change what the
 * destination receives of it (an edit), or both. Rules are independent: each reads the object's
 * facts and the destination and nothing decided by other rules.
 */
interface Rule {

    String name();

    /** Null when this rule lets the object go to the destination, else why it is withheld. */
    default String withholdReason(ObjectFacts o, Destination d, RuleContext context) {
        return null;
    }

    /** Changes the destination's copy of an object that passed every gate. */
    default void edit(ObjectFacts o, Destination d, RuleContext context, ObjectEdit edit) {
    }
}
