package io.ctiflow.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Message;
import org.apache.camel.component.mock.MockEndpoint;

import java.util.List;

/** What a mock after a misp: or misp-feed: consumer received: one event per exchange, with its headers. */
final class MispMessages {

    private MispMessages() {
    }

    /** One exchange: the event (the content of Event) and the consumer's headers. */
    record Received(ObjectNode event, String uuid, long timestamp, String feed, String origin, Integer hashCount) {
    }

    static List<Received> received(MockEndpoint mock) {
        return mock.getExchanges().stream().map(e -> {
            Message in = e.getIn();
            return new Received(in.getBody(ObjectNode.class), in.getHeader(MispConstants.EVENT_UUID, String.class),
                    in.getHeader(MispConstants.EVENT_TIMESTAMP, Long.class), in.getHeader(MispConstants.FEED, String.class),
                    in.getHeader(MispConstants.ORIGIN, String.class), in.getHeader(MispConstants.FEED_HASH_COUNT, Integer.class));
        }).toList();
    }

    static List<String> uuids(MockEndpoint mock) {
        return received(mock).stream().map(Received::uuid).toList();
    }
}
