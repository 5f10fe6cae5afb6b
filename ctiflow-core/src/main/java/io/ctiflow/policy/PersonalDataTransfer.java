package io.ctiflow.policy;

import java.util.List;

/**
 * The personal data of one object as it went to one destination: from which jurisdiction to which, on which legal
 * basis, and per class what was done to how many values. Never the values themselves.
 *
 * @param from  the origin jurisdiction of the object, or null when unknown
 * @param to    the destination's jurisdiction
 * @param basis the legal basis the policy names for the transfer
 */
public record PersonalDataTransfer(String from, String to, String basis, List<Handled> handled) {

    /**
     * @param action kept, pseudonymised, generalised, redacted or dropped (the object was withheld for it)
     * @param values how many values of the class the object holds (a class the source flagged but ctiflow could not locate counts one)
     */
    public record Handled(String personalDataClass, String action, int values) {
    }
}
