package io.ctiflow.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
/**
 * A legal system intelligence comes from or goes to.
 *
 * @param transfersTo        jurisdictions personal data from here may go to; null means any
 * @param otherwiseAction    how personal data is handled towards any other jurisdiction
 * @param legalBasis         per destination jurisdiction, the legal basis for transferring personal data from here
 *                           (adequacy decision, standard contractual clauses, derogation); the record of transfers shows it
 */
public record Jurisdiction(String code, String name, List<String> regulations, Set<String> members,
                           Localisation localisation, Set<String> transfersTo, PersonalDataAction otherwiseAction,
                           Map<String, String> legalBasis) {

    /** Whether personal data originating here may be transferred to {@code destinationJurisdiction}. */
    public boolean allowsPersonalDataTransferTo(String destinationJurisdiction) {
        return transfersTo == null || code.equals(destinationJurisdiction) || transfersTo.contains(destinationJurisdiction);
    }
}
