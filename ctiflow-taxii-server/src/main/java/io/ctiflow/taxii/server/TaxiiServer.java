package io.ctiflow.taxii.server;

import io.ctiflow.taxii.store.TaxiiStore;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.jaxrs.lifecycle.SingletonResourceProvider;
import org.apache.cxf.transport.http_undertow.UndertowHTTPServerEngineFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
/**
 * The embedded TAXII 2.1 server: Apache CXF JAX-RS on the undertow transport over a {@link TaxiiStore}.
 *
 * <pre>{@code
 * var config = TaxiiServerConfig.of(StoreSettings.h2File(dir.resolve("taxii")),
 *         List.of(new ApiRootConfig("ctiflow", "ctiflow", null, List.of(
 *                 CollectionConfig.of(collectionId, "Indicators", Set.of("alice"), Set.of("alice"))))),
 *         List.of(new UserConfig("alice", Passwords.hash("secret".toCharArray(), 1000), null)));
 * try (TaxiiServer server = TaxiiServer.start(config)) {   // port 0: a free port on 127.0.0.1
 *     String discovery = server.discoveryUrl();            // http://127.0.0.1:<port>/taxii2/
 *     String objects = server.collectionUrl("ctiflow", collectionId) + "objects/";
 * }
 * }</pre>
 */
public final class TaxiiServer implements AutoCloseable {

    private final TaxiiStore store;
    private final Bus bus;
    private final Server server;
    private final String baseUrl;
    private final int port;

    private TaxiiServer(TaxiiStore store, Bus bus, Server server, String baseUrl, int port) {
        this.store = store;
        this.bus = bus;
        this.server = server;
        this.baseUrl = baseUrl;
        this.port = port;
    }

    /** The store this server serves: an in-process writer (the embedded collections' publisher) uses it directly. */
    public TaxiiStore store() {
        return store;
    }

    /** Opens (and migrates) the store and serves it; fails fast on a bad store, keystore or busy port. */
    public static TaxiiServer start(TaxiiServerConfig config) {
        TaxiiStore store = TaxiiStore.open(config.store());
        Bus bus = null;
        try {
            config.apiRoots().forEach(r -> r.collections().forEach(c -> store.ensureCollection(c.id().toString())));
            int port = config.port() == 0 ? freePort(config.host()) : config.port();
            bus = BusFactory.newInstance().createBus();
            String scheme = config.tls() == null ? "http" : "https";
            // our listener, registered for the port before CXF would make its own
            GuardedEngine engine = new GuardedEngine(config, port);
            if (config.tls() != null) {
                TLSServerParameters tls = new TLSServerParameters();
                tls.setKeyManagers(keyManagers(config.tls()));
                engine.setTlsServerParameters(tls);
            }
            engine.finalizeConfig();
            new UndertowHTTPServerEngineFactory(bus).setEnginesList(List.of(engine));
            String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
            String baseUrl = scheme + "://" + host + ":" + port + "/";
            Access access = new Access(config);
            JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
            factory.setBus(bus);
            factory.setAddress(baseUrl);
            factory.setResourceClasses(DiscoveryResource.class, ApiRootResource.class, CollectionResource.class);
            factory.setResourceProvider(DiscoveryResource.class, new SingletonResourceProvider(new DiscoveryResource(config, access)));
            factory.setResourceProvider(ApiRootResource.class, new SingletonResourceProvider(new ApiRootResource(config, access, store)));
            factory.setResourceProvider(CollectionResource.class, new SingletonResourceProvider(new CollectionResource(access, store)));
            factory.setProviders(List.of(new ContentNegotiationFilter(config.maxContentLength()), new ErrorResponses(), new RequestMetrics()));
            Server server = factory.create();
            return new TaxiiServer(store, bus, server, baseUrl, port);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (bus != null) {
                bus.shutdown(true);
            }
            store.close();
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot start the TAXII server: " + e.getMessage(), e);
        }
    }

    /** {@code http(s)://<host>:<port>/}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code <base>/taxii2/}. */
    public String discoveryUrl() {
        return baseUrl + "taxii2/";
    }

    public String apiRootUrl(String apiRoot) {
        return baseUrl + apiRoot + "/";
    }

    public String collectionUrl(String apiRoot, Object collectionId) {
        return apiRootUrl(apiRoot) + "collections/" + collectionId + "/";
    }

    public int port() {
        return port;
    }

    /** Stops serving, frees the port and closes the store. */
    @Override
    public void close() {
        try {
            server.destroy();
            bus.shutdown(true);
            UndertowHTTPServerEngineFactory.destroyForPort(port);
        } finally {
            store.close();
        }
    }

    private static KeyManagerFactory keyManagerFactory(TlsSettings tls) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            ks.load(in, tls.password().toCharArray());
        } catch (IOException e) {
            throw new IOException("cannot read the TLS keystore " + tls.keystore() + " (a PKCS12 file and its password): " + e.getMessage(), e);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, tls.password().toCharArray());
        return kmf;
    }

    private static KeyManager[] keyManagers(TlsSettings tls) throws GeneralSecurityException, IOException {
        return keyManagerFactory(tls).getKeyManagers();
    }

    /** Port 0 means any free port: ask the OS for one (undertow is given a fixed port). */
    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }
}
