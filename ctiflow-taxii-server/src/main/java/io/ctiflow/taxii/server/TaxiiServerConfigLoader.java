package io.ctiflow.taxii.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.taxii.store.StoreSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
/**
 * Loads {@code taxii-server.yaml} (see {@code config/taxii-server.yaml}). String values may be
 * {@code ${env:NAME}} or {@code ${env:NAME:default}} placeholders, the only place secrets may come
 * from. Every problem fails the load with one message naming the file and the key, e.g.
 * {@code config/taxii-server.yaml: api_roots[0].collections[1].id: not a UUID: 'abc'}.
 */
public final class TaxiiServerConfigLoader {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final Function<String, String> env;

    private TaxiiServerConfigLoader(Path file, Function<String, String> env) {
        this.file = file;
        this.env = env;
    }

    /**
     * @param defaultStore the store when the file names none (the embedded H2 file under the work folder)
     */
    public static TaxiiServerConfig load(Path file, StoreSettings defaultStore) {
        return load(file, defaultStore, System::getenv);
    }

    public static TaxiiServerConfig load(Path file, StoreSettings defaultStore, Function<String, String> env) {
        return new TaxiiServerConfigLoader(file, env).read(defaultStore);
    }

    private TaxiiServerConfig read(StoreSettings defaultStore) {
        JsonNode doc;
        try {
            doc = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (doc == null || !doc.isObject()) {
            throw problem("", "the file must be a YAML mapping with server, store, users and api_roots");
        }
        allowed(doc, "", "server", "store", "users", "api_roots");
        JsonNode server = doc.path("server");
        allowed(server, "server.", "host", "port", "title", "description", "max_content_length", "read_timeout_ms", "tls");
        StoreSettings store = defaultStore;
        if (doc.has("store")) {
            allowed(doc.get("store"), "store.", "url", "user", "password", "pool_size");
            try {
                store = new StoreSettings(text(doc.get("store"), "store.url", true), text(doc.get("store"), "store.user", false),
                        text(doc.get("store"), "store.password", false), (int) number(doc.get("store"), "store.pool_size", 0));
            } catch (ConfigProblem e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw problem("store.url", e.getMessage());
            }
        }
        TlsSettings tls = null;
        if (server.has("tls")) {
            allowed(server.get("tls"), "server.tls.", "keystore", "password");
            String keystore = text(server.get("tls"), "server.tls.keystore", true);
            Path path = file.toAbsolutePath().getParent().resolve(keystore);
            if (!Files.isRegularFile(path)) {
                throw problem("server.tls.keystore", "no such file: " + path);
            }
            tls = new TlsSettings(path, text(server.get("tls"), "server.tls.password", false));
        }
        List<UserConfig> users = new ArrayList<>();
        JsonNode usersNode = doc.path("users");
        for (int i = 0; i < usersNode.size(); i++) {
            String key = "users[" + i + "]";
            JsonNode u = usersNode.get(i);
            allowed(u, key + ".", "name", "password_hash", "token_hash");
            try {
                users.add(new UserConfig(text(u, key + ".name", true), text(u, key + ".password_hash", false), text(u, key + ".token_hash", false)));
            } catch (ConfigProblem e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw problem(key, e.getMessage());
            }
        }
        List<ApiRootConfig> roots = new ArrayList<>();
        JsonNode rootsNode = doc.path("api_roots");
        if (!rootsNode.isArray() || rootsNode.isEmpty()) {
            throw problem("api_roots", "at least one api root is required");
        }
        for (int i = 0; i < rootsNode.size(); i++) {
            roots.add(apiRoot(rootsNode.get(i), "api_roots[" + i + "]"));
        }
        try {
            return new TaxiiServerConfig(text(server, "server.host", false), (int) number(server, "server.port", 0),
                    text(server, "server.title", false), text(server, "server.description", false),
                    number(server, "server.max_content_length", 0),
                    Duration.ofMillis(number(server, "server.read_timeout_ms", 0)), store, tls, roots, users);
        } catch (ConfigProblem e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw problem("", e.getMessage());
        }
    }

    private ApiRootConfig apiRoot(JsonNode r, String key) {
        allowed(r, key + ".", "path", "title", "description", "collections");
        List<CollectionConfig> collections = new ArrayList<>();
        JsonNode cs = r.path("collections");
        for (int j = 0; j < cs.size(); j++) {
            String ck = key + ".collections[" + j + "]";
            JsonNode c = cs.get(j);
            allowed(c, ck + ".", "id", "title", "description", "media_types", "can_read", "can_write", "anonymous_read");
            String id = text(c, ck + ".id", true);
            UUID uuid;
            try {
                uuid = UUID.fromString(id);
            } catch (ConfigProblem e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw problem(ck + ".id", "not a UUID: '" + id + "'");
            }
            try {
                collections.add(new CollectionConfig(uuid, text(c, ck + ".title", true), text(c, ck + ".description", false),
                        list(c, ck + ".media_types"), new LinkedHashSet<>(list(c, ck + ".can_read")), new LinkedHashSet<>(list(c, ck + ".can_write")),
                        c.path("anonymous_read").asBoolean(false)));
            } catch (ConfigProblem e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw problem(ck, e.getMessage());
            }
        }
        try {
            return new ApiRootConfig(text(r, key + ".path", true), text(r, key + ".title", true), text(r, key + ".description", false), collections);
        } catch (ConfigProblem e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw problem(key + ".path", e.getMessage());
        }
    }

    private void allowed(JsonNode node, String prefix, String... names) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            throw problem(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), "expected a mapping");
        }
        Set<String> known = Set.of(names);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                throw problem(prefix + name, "unknown key (known: " + String.join(", ", names) + ")");
            }
        }
    }

    private String text(JsonNode parent, String key, boolean required) {
        JsonNode v = parent.path(key.substring(key.lastIndexOf('.') + 1));
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                throw problem(key, "required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw problem(key, "expected a single value");
        }
        return resolve(v.asText(), key);
    }

    private long number(JsonNode parent, String key, long fallback) {
        String text = text(parent, key, false);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw problem(key, "not a number: '" + text + "'");
        }
    }

    private List<String> list(JsonNode parent, String key) {
        JsonNode v = parent.path(key.substring(key.lastIndexOf('.') + 1));
        List<String> out = new ArrayList<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw problem(key, "expected a list");
        }
        for (JsonNode item : v) {
            out.add(resolve(item.asText(), key));
        }
        return out;
    }

    /** Replaces ${env:NAME} and ${env:NAME:default}; a missing variable without default is an error naming it (never its value). */
    private String resolve(String value, String key) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = env.apply(m.group(1));
            if (resolved == null) {
                if (m.group(2) == null) {
                    throw problem(key, "environment variable " + m.group(1) + " is not set");
                }
                resolved = m.group(2);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private ConfigProblem problem(String key, String message) {
        return new ConfigProblem(file + ": " + (key.isEmpty() ? "" : key + ": ") + message);
    }

    /** A load error that already names file and key. */
    static final class ConfigProblem extends IllegalArgumentException {
        ConfigProblem(String message) {
            super(message);
        }
    }
}
