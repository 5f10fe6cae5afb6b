package io.ctiflow.taxii.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.apache.cxf.transport.http_undertow.CXFUndertowHttpHandler;

import java.nio.ByteBuffer;

/**
 * Answers 413 to a request whose Content-Length is over max_content_length before anything reads its
 * body. Later (in CXF) is too late: undertow drains an unread body before it sends the answer, so a
 * client that declared a terabyte and sent nothing held a worker until the read timeout. Bodies
 * without a Content-Length are still counted as they are read ({@link LimitedInputStream}).
 */
final class DeclaredLengthGuard implements CXFUndertowHttpHandler {

    private final long maxContentLength;
    private HttpHandler next;

    DeclaredLengthGuard(long maxContentLength) {
        this.maxContentLength = maxContentLength;
    }

    @Override
    public void setNext(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getRequestContentLength() <= maxContentLength) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false); // the body stays unread, so the connection closes after the answer
        exchange.setStatusCode(413);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, TaxiiMedia.TAXII);
        exchange.getResponseSender().send(ByteBuffer.wrap(ErrorResponses.body(LimitedInputStream.tooLarge(maxContentLength))));
    }
}
