package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;

import java.util.List;

/** A page of new objects read from a collection, as handed to a consumer or the poll command. */
public record TaxiiPage(TaxiiCollection collection, int number, List<StixObject> objects,
                        String dateAddedFirst, String dateAddedLast) {
}
