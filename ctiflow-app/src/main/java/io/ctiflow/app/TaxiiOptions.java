package io.ctiflow.app;

import io.ctiflow.taxii.client.TaxiiConfiguration;
import picocli.CommandLine.Option;

import java.util.Map;

/** Where the collection is and how to log in, shared by publish and poll; secrets only through environment variables. */
final class TaxiiOptions {

    @Option(names = "--collection", required = true, paramLabel = "<url>",
            description = "Collection URL (…/collections/<id>/), or an API root or discovery URL with --collection-id.")
    String url;

    @Option(names = "--collection-id", paramLabel = "<id or title>",
            description = "The collection, when --collection is an API root or discovery URL with several collections.")
    String collection;

    @Option(names = "--user", paramLabel = "<user>", description = "User for HTTP Basic authentication.")
    String user;

    @Option(names = "--password-env", paramLabel = "<VAR>",
            description = "Environment variable holding the password (never give a password on the command line).")
    String passwordEnv;

    @Option(names = "--token-env", paramLabel = "<VAR>", description = "Environment variable holding an API token (Bearer).")
    String tokenEnv;

    @Option(names = "--trust-store", paramLabel = "<file>", description = "Trust store (PKCS12/JKS) with the CA certificates to trust.")
    String trustStore;

    @Option(names = "--trust-store-password-env", paramLabel = "<VAR>", description = "Environment variable holding the trust store password.")
    String trustStorePasswordEnv;

    @Option(names = "--retries", paramLabel = "<n>", defaultValue = "3",
            description = "Retries after 429, 5xx, time-outs and refused connections (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--backoff", paramLabel = "<ms>", defaultValue = "1000",
            description = "Wait before the first retry in ms, doubled per retry (default: ${DEFAULT-VALUE}).")
    long backoff;

    TaxiiConfiguration configuration(Map<String, String> environment) {
        if (user != null && tokenEnv != null) {
            throw new IllegalArgumentException("give either --user/--password-env or --token-env, not both");
        }
        if (passwordEnv != null && user == null) {
            throw new IllegalArgumentException("--password-env needs --user");
        }
        TaxiiConfiguration config = new TaxiiConfiguration();
        config.setUrl(url);
        config.setCollection(collection);
        config.setUsername(user);
        config.setPassword(secret(environment, passwordEnv, "--password-env"));
        config.setToken(secret(environment, tokenEnv, "--token-env"));
        config.setTrustStore(trustStore);
        config.setTrustStorePassword(secret(environment, trustStorePasswordEnv, "--trust-store-password-env"));
        config.setMaxRetries(retries);
        config.setBackoff(backoff);
        return config;
    }

    private static String secret(Map<String, String> environment, String variable, String option) {
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + ": environment variable " + variable + " is not set");
        }
        return value;
    }
}
