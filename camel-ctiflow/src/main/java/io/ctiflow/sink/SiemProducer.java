package io.ctiflow.sink;

import io.ctiflow.pipeline.StixBodies;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Writes the body's indicators to the SIEM and sets {@link SiemConstants#LINES} and
 * {@link SiemConstants#SKIPPED}; a listener that stays unreachable fails the exchange with a
 * {@link SiemException}. The connection lives as long as the producer.
 */
final class SiemProducer extends DefaultProducer {

    private final SiemEndpoint endpoint;
    private SiemWriter writer;

    SiemProducer(SiemEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        // connects on the first exchange, so a route starts while the listener is down
        writer = new SiemWriter(endpoint.getConfiguration());
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        SiemResult result = writer.send(StixBodies.list(in.getBody(), "siem:" + endpoint.getName() + " body"),
                in.getHeader(SiemConstants.DESTINATION, String.class));
        in.setHeader(SiemConstants.LINES, result.lines());
        in.setHeader(SiemConstants.SKIPPED, result.skipped());
    }
}
