package io.ctiflow.app;

import io.ctiflow.db.DurableJdbcUrl;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.runtime.CtiflowHome;
import io.ctiflow.taxii.server.ApiTokens;
import io.ctiflow.taxii.server.Passwords;
import io.ctiflow.taxii.server.TaxiiServer;
import io.ctiflow.taxii.server.TaxiiServerConfig;
import io.ctiflow.taxii.server.TaxiiServerConfigLoader;
import io.ctiflow.taxii.store.StoreSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
/** {@code ctiflow serve}: the embedded TAXII 2.1 server alone, until Ctrl-C; also makes password and token hashes for its config. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the embedded TAXII 2.1 server (configured by config/taxii-server.yaml) until stopped.",
                "--hash-password / --hash-token read the secret from CTIFLOW_TAXII_PASSWORD / CTIFLOW_TAXII_TOKEN or the first line of stdin",
                "and print the hash to put in the config; --new-token prints a fresh random token and its hash."})
final class ServeCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "CTIFLOW_TAXII_PASSWORD";
    static final String TOKEN_VARIABLE = "CTIFLOW_TAXII_TOKEN";
    static final String STORE_PASSWORD_VARIABLE = "CTIFLOW_TAXII_DB_PASSWORD";

    @Option(names = {"-c", "--config"}, paramLabel = "<file>", description = "Server configuration (default: config/taxii-server.yaml under the ctiflow home).")
    Path config;

    @Option(names = "--host", description = "Listen address (overrides server.host).")
    String host;

    @Option(names = "--port", description = "Port, 0 for any free one (overrides server.port).")
    Integer port;

    @Option(names = "--store-url", paramLabel = "<jdbc-url>", description = "jdbc:h2:file:... or jdbc:postgresql://... (overrides store.url; "
            + "the password comes from " + STORE_PASSWORD_VARIABLE + ").")
    String storeUrl;

    @Option(names = "--store-user", description = "Database user with --store-url.")
    String storeUser;

    @Option(names = "--in-memory-store", description = "Accept an in-memory H2 store (jdbc:h2:mem:...): everything posted is lost when the server stops.")
    boolean inMemoryStore;

    @Option(names = "--hash-password", description = "Print a PBKDF2 hash of the password from " + PASSWORD_VARIABLE + " or stdin, then exit.")
    boolean hashPassword;

    @Option(names = "--hash-token", description = "Print the sha256 hash of the API token from " + TOKEN_VARIABLE + " or stdin, then exit.")
    boolean hashToken;

    @Option(names = "--new-token", description = "Print a new random API token and its hash, then exit.")
    boolean newToken;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (hashPassword || hashToken || newToken) {
            out.println(hashes(out));
            out.flush();
            return 0;
        }
        Path home = CtiflowHome.get();
        Path file = config != null ? config : home.resolve("config/taxii-server.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such config file: " + file);
        }
        // the store's H2 files as the runtime keeps them: owner-only unless CTIFLOW_FILES_MODE says group-read
        try {
            IntelligenceFiles.configure(System.getenv(IntelligenceFiles.ENVIRONMENT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (from " + IntelligenceFiles.ENVIRONMENT + ")");
        }
        TaxiiServerConfig cfg = TaxiiServerConfigLoader.load(file, StoreSettings.h2File(home.resolve("work/taxii/taxii")));
        if (storeUrl != null) {
            cfg = cfg.withStore(new StoreSettings(storeUrl, storeUser, System.getenv(STORE_PASSWORD_VARIABLE)));
        }
        // whatever URL the operator gave: an object answered 202 must survive kill -9
        cfg = cfg.withStore(cfg.store().withUrl(DurableJdbcUrl.of(cfg.store().url(), inMemoryStore, "--in-memory-store")));
        if (host != null) {
            cfg = cfg.withHost(host);
        }
        if (port != null) {
            cfg = cfg.withPort(port);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        TaxiiServer server = TaxiiServer.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "taxii-server-shutdown"));
        out.println("ctiflow TAXII 2.1 server started");
        out.println("discovery:  " + server.discoveryUrl());
        cfg.apiRoots().forEach(r -> out.println("api root:   " + server.apiRootUrl(r.path()) + "  (" + r.collections().size() + " collections)"));
        out.println("store:      " + cfg.store().url() + "  (files " + IntelligenceFiles.mode().word() + ")");
        out.println("users:      " + cfg.users().size() + (cfg.tls() == null ? "; plain HTTP (configure server.tls for HTTPS)" : "; HTTPS"));
        out.println("stop with Ctrl-C");
        out.flush();
        stopped.await();
        return 0;
    }

    private String hashes(PrintWriter out) throws IOException {
        if (newToken) {
            String token = ApiTokens.newToken();
            return "token: " + token + "\ntoken_hash: " + ApiTokens.hash(token);
        }
        String variable = hashPassword ? PASSWORD_VARIABLE : TOKEN_VARIABLE;
        String secret = System.getenv(variable);
        if (secret == null) {
            if (System.console() != null) {
                out.print((hashPassword ? "password" : "token") + ": ");
                out.flush();
            }
            secret = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no secret to hash: set " + variable + " or pipe it to stdin");
        }
        return hashPassword ? Passwords.hash(secret.toCharArray()) : ApiTokens.hash(secret);
    }
}
