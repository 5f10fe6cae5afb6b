package io.ctiflow.sink;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.util.URISupport;

/** A SIEM fed with one JSON line per indicator (producer only). */
@UriEndpoint(firstVersion = "0.1.0", scheme = "siem", title = "SIEM indicators", syntax = "siem:name",
        producerOnly = true, category = {Category.SECURITY, Category.MONITORING}, headersClass = SiemConstants.class)
public class SiemEndpoint extends DefaultEndpoint {

    @UriPath(description = "Name of this SIEM (for logs and metrics).")
    @Metadata(required = true)
    private final String name;

    @UriParam
    private final SiemConfiguration configuration;

    SiemEndpoint(String uri, SiemComponent component, String name, SiemConfiguration configuration) {
        super(uri, component);
        this.name = name;
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        return new SiemProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("siem: is a producer only (use it in to:)");
    }

    public String getName() {
        return name;
    }

    public SiemConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public String toString() {
        return "SiemEndpoint[" + URISupport.sanitizeUri(getEndpointUri()) + "]";
    }
}
