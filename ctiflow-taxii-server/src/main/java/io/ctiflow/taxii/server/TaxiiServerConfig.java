package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.StoreSettings;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything the embedded TAXII server needs. {@code port} 0 picks a free port; {@code host} defaults
 * to 127.0.0.1; {@code tls} null serves plain HTTP; {@code maxContentLength} (bytes) is advertised in
 * every API root and enforced on POST (413); {@code readTimeout} closes a connection that sends nothing
 * for that long, so a client that stops half-way through a request cannot hold a worker thread. Build one with {@link #of} and the {@code with...} methods,
 * or load {@code taxii-server.yaml} with {@link TaxiiServerConfigLoader}.
 */
public record TaxiiServerConfig(String host, int port, String title, String description, long maxContentLength,
                                Duration readTimeout, StoreSettings store, TlsSettings tls, List<ApiRootConfig> apiRoots, List<UserConfig> users) {

    public static final long DEFAULT_MAX_CONTENT_LENGTH = 10L * 1024 * 1024;
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

    public TaxiiServerConfig {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, not " + port);
        }
        title = title == null || title.isBlank() ? "ctiflow TAXII 2.1 server" : title;
        maxContentLength = maxContentLength <= 0 ? DEFAULT_MAX_CONTENT_LENGTH : maxContentLength;
        readTimeout = readTimeout == null || readTimeout.isZero() || readTimeout.isNegative() ? DEFAULT_READ_TIMEOUT : readTimeout;
        if (store == null) {
            throw new IllegalArgumentException("a store is required");
        }
        apiRoots = List.copyOf(apiRoots);
        users = List.copyOf(users);
        if (apiRoots.isEmpty()) {
            throw new IllegalArgumentException("at least one api root is required");
        }
        Set<String> names = new HashSet<>();
        for (UserConfig u : users) {
            if (!names.add(u.name())) {
                throw new IllegalArgumentException("user " + u.name() + " is defined twice");
            }
        }
        Set<String> paths = new HashSet<>();
        Set<Object> ids = new HashSet<>();
        for (ApiRootConfig root : apiRoots) {
            if (!paths.add(root.path())) {
                throw new IllegalArgumentException("api root " + root.path() + " is defined twice");
            }
            for (CollectionConfig c : root.collections()) {
                if (!ids.add(c.id())) {
                    throw new IllegalArgumentException("collection " + c.id() + " is defined twice");
                }
                for (String user : union(c.canRead(), c.canWrite())) {
                    if (!names.contains(user)) {
                        throw new IllegalArgumentException("collection " + c.id() + " names unknown user " + user);
                    }
                }
            }
        }
    }

    /** 127.0.0.1, a free port, plain HTTP, 10 MiB max content length, 30 s read timeout. */
    public static TaxiiServerConfig of(StoreSettings store, List<ApiRootConfig> apiRoots, List<UserConfig> users) {
        return new TaxiiServerConfig(null, 0, null, null, 0, null, store, null, apiRoots, users);
    }

    public TaxiiServerConfig withHost(String host) {
        return new TaxiiServerConfig(host, port, title, description, maxContentLength, readTimeout, store, tls, apiRoots, users);
    }

    public TaxiiServerConfig withPort(int port) {
        return new TaxiiServerConfig(host, port, title, description, maxContentLength, readTimeout, store, tls, apiRoots, users);
    }

    public TaxiiServerConfig withTls(TlsSettings tls) {
        return new TaxiiServerConfig(host, port, title, description, maxContentLength, readTimeout, store, tls, apiRoots, users);
    }

    public TaxiiServerConfig withMaxContentLength(long maxContentLength) {
        return new TaxiiServerConfig(host, port, title, description, maxContentLength, readTimeout, store, tls, apiRoots, users);
    }

    public TaxiiServerConfig withReadTimeout(Duration readTimeout) {
        return new TaxiiServerConfig(host, port, title, description, maxContentLength, readTimeout, store, tls, apiRoots, users);
    }

    public TaxiiServerConfig withStore(StoreSettings store) {
        return new TaxiiServerConfig(host, port, title, description, maxContentLength, readTimeout, store, tls, apiRoots, users);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
