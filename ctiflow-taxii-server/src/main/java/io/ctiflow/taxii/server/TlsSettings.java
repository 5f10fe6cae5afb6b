package io.ctiflow.taxii.server;

import java.nio.file.Path;

/** HTTPS with the key and certificate in a PKCS12 keystore; the password comes from a placeholder or the environment. */
public record TlsSettings(Path keystore, String password) {

    public TlsSettings {
        if (keystore == null) {
            throw new IllegalArgumentException("tls needs a keystore (a PKCS12 file)");
        }
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + "]";
    }
}
