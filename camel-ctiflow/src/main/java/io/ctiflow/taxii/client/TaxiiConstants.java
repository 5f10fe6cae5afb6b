package io.ctiflow.taxii.client;

import io.ctiflow.pipeline.PipelineHeaders;
import org.apache.camel.spi.Metadata;

/** Headers of taxii: exchanges: set by the consumer on every page, by the producer after publishing. */
public final class TaxiiConstants {

    @Metadata(label = "consumer", description = "The endpoint name (the part after taxii:).", javaType = "String")
    public static final String FEED = PipelineHeaders.FEED;

    @Metadata(label = "consumer", description = "Where the page came from: taxii {collection URL} page {n}.",
            javaType = "String")
    public static final String ORIGIN = PipelineHeaders.ORIGIN;

    @Metadata(label = "consumer", description = "The collection URL.", javaType = "String")
    public static final String COLLECTION = "CtiflowTaxiiCollection";

    @Metadata(label = "consumer", description = "X-TAXII-Date-Added-First of the page.", javaType = "String")
    public static final String DATE_ADDED_FIRST = "CtiflowTaxiiDateAddedFirst";

    @Metadata(label = "consumer", description = "X-TAXII-Date-Added-Last of the page (what the checkpoint moves to"
            + " once the exchange succeeded).", javaType = "String")
    public static final String DATE_ADDED_LAST = "CtiflowTaxiiDateAddedLast";

    @Metadata(label = "consumer", description = "Page number within the poll (from 1).", javaType = "int")
    public static final String PAGE = "CtiflowTaxiiPage";

    @Metadata(label = "producer", description = "Objects posted to the collection.", javaType = "long")
    public static final String POSTED = "CtiflowTaxiiPosted";

    @Metadata(label = "producer", description = "Objects the server's status resources confirmed.", javaType = "long")
    public static final String SUCCEEDED = "CtiflowTaxiiSucceeded";

    @Metadata(label = "producer", description = "The objects that failed, with id, version and reason (also in the"
            + " TaxiiPublishException the exchange then fails with).",
            javaType = "java.util.List<io.ctiflow.taxii.client.ObjectFailure>")
    public static final String FAILURES = "CtiflowTaxiiFailures";

    @Metadata(label = "producer", description = "Ids of the status resources of the envelopes posted.",
            javaType = "java.util.List<String>")
    public static final String STATUS_IDS = "CtiflowTaxiiStatusIds";

    private TaxiiConstants() {
    }
}
