package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctiflow.stix.Stix;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP calls with java.net.http for the server tests; every answer is kept with its parsed JSON. */
final class TaxiiHttp {

    static final String TAXII = "application/taxii+json;version=2.1";

    record Answer(int status, HttpResponse<byte[]> response) {
        JsonNode json() {
            try {
                return Stix.mapper().readTree(response.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + new String(response.body()), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient client;

    TaxiiHttp() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    TaxiiHttp(HttpClient client) {
        this.client = client;
    }

    static TaxiiHttp withTls(SSLContext ssl) {
        return new TaxiiHttp(HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build());
    }

    Answer get(String url, String authorization) {
        return send(request(url, authorization).header("Accept", TAXII).GET());
    }

    Answer delete(String url, String authorization) {
        return send(request(url, authorization).header("Accept", TAXII).DELETE());
    }

    Answer post(String url, String authorization, String body) {
        return send(request(url, authorization).header("Accept", TAXII).header("Content-Type", TAXII)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpRequest.Builder request(String url, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }
}
