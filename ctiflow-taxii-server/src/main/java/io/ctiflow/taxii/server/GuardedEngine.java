package io.ctiflow.taxii.server;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngine;
import org.xnio.Options;

import java.util.List;

/**
 * CXF's undertow listener with limits on what one client can hold. A socket read that waits longer
 * than the read timeout fails and closes the connection, also while a worker thread waits for the
 * rest of a body (undertow's idle timeout, the only one CXF sets, does not end such a wait);
 * headers must arrive within it too. A declared body over max_content_length is refused before it is
 * read ({@link DeclaredLengthGuard}).
 */
final class GuardedEngine extends UndertowHTTPServerEngine {

    private final int readTimeoutMillis;

    GuardedEngine(TaxiiServerConfig config, int port) {
        super(config.host(), port);
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.readTimeout().toMillis());
        setMaxIdleTime(readTimeoutMillis);
        setHandlers(List.of(new DeclaredLengthGuard(config.maxContentLength())));
    }

    @Override
    public Undertow.Builder decorateUndertowSocketConnection(Undertow.Builder builder) {
        return super.decorateUndertowSocketConnection(builder)
                .setSocketOption(Options.READ_TIMEOUT, readTimeoutMillis)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, readTimeoutMillis);
    }
}
