package io.ctiflow.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ctiflow.app.ConfigReference;
import io.ctiflow.app.CtiflowCli;
import io.ctiflow.ops.BuildVersion;
import io.ctiflow.ops.ManagementServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/kubernetes/: every manifest parses, the objects name each other consistently (ConfigMaps, Secret, claim,
 * ports, labels, image), the probes ask the management server's real paths, the pod is locked down, and the
 * configuration and policies the ConfigMaps carry pass ctiflow's own run --check at the paths the pod mounts them.
 */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode kustomization;
    /** kind/name -> object, of every file kustomization.yaml lists. */
    private static final Map<String, JsonNode> OBJECTS = new LinkedHashMap<>();
    private static JsonNode pod;
    private static JsonNode container;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        for (JsonNode resource : kustomization.get("resources")) {
            JsonNode object = YAML.readTree(DIR.resolve(resource.asText()).toFile());
            assertThat(object.path("apiVersion").asText()).as(resource.asText()).isNotEmpty();
            OBJECTS.put(object.get("kind").asText() + "/" + object.at("/metadata/name").asText(), object);
        }
        pod = object("Deployment/ctiflow").at("/spec/template/spec");
        assertThat(pod.get("containers")).hasSize(1);
        container = pod.get("containers").get(0);
    }

    private static JsonNode object(String kindAndName) {
        assertThat(OBJECTS).as("the objects of kustomization.yaml").containsKey(kindAndName);
        return OBJECTS.get(kindAndName);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(field == null ? v.asText() : v.path(field).asText()));
        return values;
    }

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(object("ConfigMap/ctiflow-config").at("/data/ctiflow.properties").asText()));
        return p;
    }

    @Test
    void everyManifestIsAppliedExceptTheSecretTemplate() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            Set<String> manifests = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .collect(Collectors.toSet());
            assertThat(manifests).contains("secret.template.yaml");
            manifests.removeAll(Set.of("kustomization.yaml", "secret.template.yaml"));
            assertThat(texts(kustomization.get("resources"), null)).containsExactlyInAnyOrderElementsOf(manifests);
        }
        assertThat(OBJECTS.keySet()).contains("Deployment/ctiflow", "Service/ctiflow", "ConfigMap/ctiflow-config",
                "PersistentVolumeClaim/ctiflow-work", "PodDisruptionBudget/ctiflow");
    }

    @Test
    void theVolumesNameObjectsThatExistAndAreAllMounted() {
        Set<String> configMaps = new HashSet<>(texts(kustomization.get("configMapGenerator"), "name"));
        OBJECTS.keySet().stream().filter(k -> k.startsWith("ConfigMap/")).forEach(k -> configMaps.add(k.substring("ConfigMap/".length())));
        for (JsonNode volume : pod.get("volumes")) {
            if (volume.has("configMap")) {
                assertThat(configMaps).contains(volume.at("/configMap/name").asText());
            } else if (volume.has("persistentVolumeClaim")) {
                object("PersistentVolumeClaim/" + volume.at("/persistentVolumeClaim/claimName").asText());
            } else {
                assertThat(volume.has("emptyDir")).as(volume.toString()).isTrue();
            }
        }
        assertThat(texts(container.get("volumeMounts"), "name")).containsExactlyInAnyOrderElementsOf(texts(pod.get("volumes"), "name"));
        for (JsonNode generator : kustomization.get("configMapGenerator")) {
            generator.get("files").forEach(f -> assertThat(DIR.resolve(f.asText())).isRegularFile());
        }
    }

    @Test
    void thePolicyFilesThePodGetsAreTheShippedOnesUntilASiteReplacesThem() throws IOException {
        // kustomize reads no file outside its folder, so the policies' ConfigMap needs its own copy: kept in step here
        for (JsonNode generator : kustomization.get("configMapGenerator")) {
            for (JsonNode f : generator.get("files")) {
                Path copy = DIR.resolve(f.asText());
                assertThat(copy).as(copy + " is a copy of policies/").hasSameTextualContentAs(Path.of("policies").resolve(copy.getFileName()));
            }
        }
    }

    @Test
    void theSecretTemplateHoldsPlaceholdersForVariablesCtiflowReads() throws IOException {
        JsonNode secret = YAML.readTree(DIR.resolve("secret.template.yaml").toFile());
        assertThat(texts(container.get("envFrom"), null)).hasSize(1);
        assertThat(container.at("/envFrom/0/secretRef/name").asText()).isEqualTo(secret.at("/metadata/name").asText());
        assertThat(secret.has("data")).as("stringData only: nothing encoded that could hide a value").isFalse();
        Set<String> options = ConfigReference.shipped().options().stream().map(ConfigReference.Option::environmentVariable)
                .collect(Collectors.toSet());
        String policiesAndDefaults = Files.readString(Path.of("policies/policy.yaml"))
                + Files.readString(Path.of("ctiflow-app/src/main/resources/ctiflow-defaults.properties"));
        secret.get("stringData").fields().forEachRemaining(e -> {
            assertThat(e.getValue().asText()).as(e.getKey()).startsWith("<placeholder");
            assertThat(options.contains(e.getKey()) || policiesAndDefaults.contains(e.getKey()))
                    .as(e.getKey() + " is read by ctiflow (an option, or named by the policy or the defaults)").isTrue();
        });
    }

    @Test
    void labelsPortsAndProbesAgree() throws IOException {
        JsonNode labels = object("Deployment/ctiflow").at("/spec/template/metadata/labels");
        assertThat(object("Deployment/ctiflow").at("/spec/selector/matchLabels")).isEqualTo(labels);
        assertThat(object("Service/ctiflow").at("/spec/selector")).isEqualTo(labels);
        assertThat(object("PodDisruptionBudget/ctiflow").at("/spec/selector/matchLabels")).isEqualTo(labels);

        Properties p = properties();
        Map<String, String> ports = new LinkedHashMap<>();
        container.get("ports").forEach(port -> ports.put(port.get("name").asText(), port.get("containerPort").asText()));
        assertThat(ports).containsExactly(Map.entry("taxii", p.getProperty("ctiflow.taxii.server.port")),
                Map.entry("management", p.getProperty("ctiflow.management.port")));
        assertThat(p.getProperty("ctiflow.taxii.server.host")).isEqualTo("0.0.0.0");
        assertThat(p.getProperty("ctiflow.management.host")).isEqualTo("0.0.0.0");
        assertThat(texts(object("Service/ctiflow").at("/spec/ports"), "targetPort")).containsExactlyElementsOf(ports.keySet());

        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(ManagementServer.LIVE);
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo(ManagementServer.LIVE);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(ManagementServer.READY);
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).isEqualTo("management");
        }
    }

    @Test
    void theImageIsTheOneTheBuildMakes() throws IOException {
        JsonNode image = kustomization.at("/images/0");
        assertThat(container.get("image").asText()).isEqualTo(image.get("name").asText());
        assertThat(image.get("newTag").asText()).isEqualTo(BuildVersion.current());
        assertThat(Files.readString(Path.of("ctiflow-app/pom.xml")))
                .contains("<to><image>" + image.get("name").asText() + ":${project.version}</image></to>")
                .contains("<user>" + pod.at("/securityContext/runAsUser").asText() + ":" + pod.at("/securityContext/runAsGroup").asText() + "</user>");
    }

    @Test
    void thePodIsLockedDown() {
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(texts(container.at("/securityContext/capabilities/drop"), null)).containsExactly("ALL");
        assertThat(container.at("/resources/limits/memory").asText()).as("the JVM sizes its heap from it").isNotEmpty();
        assertThat(texts(container.get("volumeMounts"), "mountPath")).as("the only writable paths")
                .contains("/tmp", "/var/lib/ctiflow");
        assertThat(object("Deployment/ctiflow").at("/spec/replicas").asInt()).as("no leader election yet").isEqualTo(1);
    }

    @Test
    void ctiflowChecksTheConfigurationAndPoliciesAtThePathsThePodMountsThem() throws IOException {
        Run run = check(Map.of());
        assertThat(run.code).as(run.err).isZero();
        assertThat(run.out).contains("OK, nothing was started").contains(tmp.resolve("etc/ctiflow/policies").toString());
    }

    @Test
    void anOptionCtiflowDoesNotKnowFailsTheCheck() throws IOException {
        Run run = check(Map.of("ctiflow.taxii.server.prot", "9500"));
        assertThat(run.code).isEqualTo(2);
        assertThat(run.err).contains("unknown option 'ctiflow.taxii.server.prot'");
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * The pod's file system under tmp: each ConfigMap written where the pod mounts it, the work volume an empty
     * folder; then run --check as the container's args say, with extra options appended to the properties.
     */
    private Run check(Map<String, String> extra) throws IOException {
        Map<String, String> volumes = new LinkedHashMap<>();
        container.get("volumeMounts").forEach(m -> volumes.put(m.get("name").asText(), m.get("mountPath").asText()));
        for (JsonNode volume : pod.get("volumes")) {
            Path at = tmp.resolve(volumes.get(volume.get("name").asText()).substring(1));
            Files.createDirectories(at);
            if (volume.has("configMap")) {
                writeConfigMap(volume.at("/configMap/name").asText(), at);
            }
        }
        List<String> args = new ArrayList<>(texts(container.get("args"), null));
        assertThat(args).startsWith("run", "--config");
        Path config = tmp.resolve(args.get(2).substring(1));
        String text = Files.readString(config);
        for (String mountPath : volumes.values()) {
            text = text.replace(mountPath, tmp.resolve(mountPath.substring(1)).toString());
        }
        StringBuilder withExtra = new StringBuilder(text);
        extra.forEach((k, v) -> withExtra.append('\n').append(k).append(" = ").append(v).append('\n'));
        Files.writeString(config, withExtra);
        args.set(2, config.toString());
        args.add(1, "--check");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CtiflowCli.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static void writeConfigMap(String name, Path at) throws IOException {
        JsonNode configMap = OBJECTS.get("ConfigMap/" + name);
        if (configMap != null) {
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) configMap.get("data")::fields) {
                Files.writeString(at.resolve(e.getKey()), e.getValue().asText());
            }
            return;
        }
        for (JsonNode generator : kustomization.get("configMapGenerator")) {
            if (generator.get("name").asText().equals(name)) {
                for (JsonNode file : generator.get("files")) {
                    Path source = DIR.resolve(file.asText());
                    Files.copy(source, at.resolve(source.getFileName()));
                }
                return;
            }
        }
        throw new AssertionError("no ConfigMap " + name);
    }
}
