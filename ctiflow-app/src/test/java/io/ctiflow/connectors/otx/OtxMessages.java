package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;

import java.util.List;

/** What a mock after an otx: consumer received: one pulse per exchange, with its headers. */
final class OtxMessages {

    private OtxMessages() {
    }

    record Received(ObjectNode pulse, String id, String modified, String feed, String origin) {
    }

    static List<Received> received(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> {
            Message in = e.getIn();
            return new Received(in.getBody(ObjectNode.class), in.getHeader(OtxConstants.PULSE_ID, String.class),
                    in.getHeader(OtxConstants.PULSE_MODIFIED, String.class), in.getHeader(OtxConstants.FEED, String.class),
                    in.getHeader(OtxConstants.ORIGIN, String.class));
        }).toList();
    }

    static List<String> ids(MockEndpoint mock) {
        return received(mock).stream().map(Received::id).toList();
    }
}
