package io.ctiflow.misp;

import io.ctiflow.net.TlsContexts;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.security.GeneralSecurityException;

/** The TLS context for a MISP connection: the JVM's trust, a given trust store, or (tests only) trust-all. */
final class MispTls {

    private MispTls() {
    }

    static SSLContext context(MispConnectionConfiguration config) {
        try {
            return TlsContexts.context(config.isTrustAllCertificates(), config.getTrustStore(),
                    config.getTrustStorePassword());
        } catch (IOException e) {
            throw new MispException(e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new MispException("cannot set up TLS for " + config.baseUrl() + ": " + e.getMessage(), e);
        }
    }
}
