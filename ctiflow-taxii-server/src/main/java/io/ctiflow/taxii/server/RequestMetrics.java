package io.ctiflow.taxii.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Counts the server's answers as {@code ctiflow_taxii_server_requests_total{method,status}} in
 * Micrometer's global registry (the management server's scrape while ctiflow runs): the HTTP
 * method and status code only, never a path (collection ids and object ids would make endless series).
 */
final class RequestMetrics implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Counter.builder("ctiflow.taxii.server.requests").description("requests the embedded TAXII server answered, by method and status")
                .tag("method", request.getMethod()).tag("status", Integer.toString(response.getStatus()))
                .register(Metrics.globalRegistry).increment();
    }
}
