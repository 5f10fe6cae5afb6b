package io.ctiflow.net;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/** TLS contexts for HTTP clients of remote sources: the JVM's trust, a given trust store, or (tests only) trust-all. */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @throws GeneralSecurityException when the context cannot be set up
     * @throws IOException when the trust store cannot be read
     */
    public static SSLContext context(boolean trustAll, String trustStore, String trustStorePassword)
            throws GeneralSecurityException, IOException {
        if (trustAll) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return context;
        }
        if (trustStore != null && !trustStore.isBlank()) {
            KeyStore store = load(Path.of(trustStore), trustStorePassword);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), new SecureRandom());
            return context;
        }
        return SSLContext.getDefault();
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        char[] secret = password == null ? null : password.toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, secret);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IOException("cannot read trust store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate: only reachable through a trust-all option. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // trusting everything is what the option asks for
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // trusting everything is what the option asks for
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
