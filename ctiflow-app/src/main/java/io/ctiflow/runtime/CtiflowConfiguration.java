package io.ctiflow.runtime;

import io.ctiflow.cluster.InstanceId;
import io.ctiflow.connectors.otx.OtxBatches;
import io.ctiflow.db.DurableJdbcUrl;
import io.ctiflow.feed.DeadLetters;
import io.ctiflow.feed.FeedBatches;
import io.ctiflow.feed.FeedLimits;
import io.ctiflow.feed.FeedStats;
import io.ctiflow.feed.InboxFilter;
import io.ctiflow.feed.Mappings;
import io.ctiflow.files.IntelligenceFiles;
import io.ctiflow.kafka.KafkaBatches;
import io.ctiflow.kafka.KafkaRecords;
import io.ctiflow.mail.ImapUids;
import io.ctiflow.mail.MailBatches;
import io.ctiflow.mail.MailLimits;
import io.ctiflow.mail.MailToStix;
import io.ctiflow.misp.MispBatches;
import io.ctiflow.misp.MispToStix;
import io.ctiflow.pipeline.StixDataFormat;
import io.ctiflow.policy.AuditLog;
import io.ctiflow.policy.DecisionListener;
import io.ctiflow.policy.DestinationEndpoints;
import io.ctiflow.policy.JurisdictionFilter;
import io.ctiflow.policy.Policy;
import io.ctiflow.policy.PolicyFanOut;
import io.ctiflow.policy.PolicyLoader;
import io.ctiflow.policy.PolicyStats;
import io.ctiflow.stix.Tlp;
import io.ctiflow.taxii.store.StoreSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * Binds the beans the routes in routes/ refer to, configured from ctiflow-defaults.properties (and
 * environment overrides): {@code feedBatches}, {@code deadLetters}, {@code feedStats}, the
 * {@code stix} data format, {@code mispBatches} (MISP events to STIX), {@code otxBatches} (OTX pulses to STIX), the loaded {@code mappings} and the Kafka sink and
 * source steps {@code kafkaRecords} and {@code kafkaBatches}.
 */
public final class CtiflowConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        // first: every file holding intelligence written from here on gets this mode
        IntelligenceFiles.configure(properties.resolveProperty("ctiflow.files.mode").orElse("owner-only"));
        Path mappingsDir = Path.of(properties.resolveProperty("ctiflow.mappings").orElse("mappings"));
        int batchSize = Integer.parseInt(properties.resolveProperty("ctiflow.batch.size").orElse("1000"));
        Path deadLetterDir = Path.of(properties.resolveProperty("ctiflow.deadletter").orElse("work/deadletter"));

        useConnectorFolders(camelContext, properties);
        Mappings mappings = new Mappings(mappingsDir);
        FeedStats stats = new FeedStats();
        var registry = camelContext.getRegistry();
        registry.bind("mappings", mappings);
        registry.bind("feedStats", stats);
        int readAhead = Integer.parseInt(properties.resolveProperty("ctiflow.read-ahead").orElse("2"));
        ExecutorService readers = readAhead > 0
                ? camelContext.getExecutorServiceManager().newCachedThreadPool(this, "ctiflow-feed-reader") : null;
        FeedBatches feedBatches = new FeedBatches(mappings, batchSize, readers, readAhead);
        feedBatches.setLimits(FeedLimits.from(properties::resolveProperty));
        registry.bind("feedBatches", feedBatches);
        registry.bind("deadLetters", new DeadLetters(deadLetterDir, stats));
        registry.bind("inboxFilter", new InboxFilter(Path.of(properties.resolveProperty("ctiflow.inbox").orElse("work/inbox"))));
        registry.bind("mispBatches", new MispBatches(new MispToStix(mappingsDir.resolve("misp"))));
        registry.bind("otxBatches", new OtxBatches(mappings));
        bindMail(registry, properties, mappings);
        registry.bind("kafkaRecords", new KafkaRecords());
        registry.bind("kafkaBatches", new KafkaBatches());
        bindPolicy(camelContext, properties);
        if (filterAhead(properties)) {
            // the filter runs on the reader's thread while the route stores and writes the batch before
            feedBatches.setOnMapped(registry.lookupByNameAndType("policyFanOut", PolicyFanOut.class)::filterAhead);
        }
        StixDataFormat stix = new StixDataFormat();
        stix.setPretty(Boolean.parseBoolean(properties.resolveProperty("ctiflow.stix.pretty").orElse("false")));
        registry.bind("stix", stix);
    }

    /**
     * Kamelets come from the connector folders of ctiflow.connectors as they are at start (see
     * {@link KameletLocations}), unless camel.component.kamelet.location says otherwise.
     */
    private static void useConnectorFolders(CamelContext camelContext, PropertiesComponent properties) {
        if (properties.resolveProperty("camel.component.kamelet.location").isPresent()) {
            return;
        }
        Path connectors = Path.of(properties.resolveProperty("ctiflow.connectors").orElse("connectors"));
        camelContext.getComponent("kamelet", KameletComponent.class).setLocation(KameletLocations.of(connectors));
    }

    /** ctiflow.share.filter-ahead: with sharing on, the reader's thread also filters each batch (true or false). */
    private static boolean filterAhead(PropertiesComponent properties) {
        String option = properties.resolveProperty("ctiflow.share.filter-ahead").orElse("true").trim();
        boolean sharing = Boolean.parseBoolean(properties.resolveProperty("ctiflow.share.enabled").orElse("true"));
        return switch (option) {
            case "true" -> sharing;
            case "false" -> false;
            default -> throw new IllegalArgumentException("ctiflow.share.filter-ahead: expected true or false, not '" + option + "'");
        };
    }

    /** The e-mail source's beans: {@code mailBatches} (mail to STIX), {@code imapUids} (its UID checkpoint, imapSeen, is in the state store). */
    private static void bindMail(Registry registry, PropertiesComponent properties, Mappings mappings) {
        registry.bind("mailBatches", new MailBatches(mailToStix(properties::resolveProperty, mappings)));
        registry.bind("imapUids", new ImapUids());
    }

    /** Mail to STIX as ctiflow-defaults.properties (ctiflow.mail.*) configures it; also used by `convert --format email`. */
    public static MailToStix mailToStix(Function<String, Optional<String>> property, Mappings mappings) {
        MailLimits d = MailLimits.DEFAULT;
        MailLimits limits = new MailLimits(
                property.apply("ctiflow.mail.max-attachment-bytes").map(Long::parseLong).orElse(d.maxAttachmentBytes()),
                property.apply("ctiflow.mail.max-depth").map(Integer::parseInt).orElse(d.maxDepth()),
                property.apply("ctiflow.mail.max-decompressed-bytes").map(Long::parseLong).orElse(d.maxDecompressedBytes()),
                property.apply("ctiflow.mail.max-message-decompressed-bytes").map(Long::parseLong).orElse(d.maxMessageDecompressedBytes()));
        String tlpText = property.apply("ctiflow.mail.tlp").orElse("amber");
        Tlp tlp = Tlp.parse(tlpText)
                .orElseThrow(() -> new IllegalArgumentException("ctiflow.mail.tlp: not a TLP level: " + tlpText));
        return MailToStix.fromMappings(mappings, limits, property.apply("ctiflow.mail.source").orElse("mail"), tlp);
    }

    /**
     * The jurisdiction filter, its audit log and per-destination counts. The policy is loaded and
     * checked at start: a broken policy stops ctiflow with a message naming file and key, rather
     * than letting anything be shared under rules nobody intended.
     */
    private static void bindPolicy(CamelContext camelContext, PropertiesComponent properties) {
        Path policies = Path.of(properties.resolveProperty("ctiflow.policies").orElse("policies"));
        Policy policy = policyLoader(policies).load(policies);
        AuditLog audit = new AuditLog(Path.of(properties.resolveProperty("ctiflow.audit").orElse("work/audit")),
                Long.parseLong(properties.resolveProperty("ctiflow.audit.max-bytes").orElse("67108864")),
                Integer.parseInt(properties.resolveProperty("ctiflow.audit.keep").orElse("20")),
                properties.resolveProperty("ctiflow.audit.instance").filter(name -> !name.isBlank())
                        .orElseGet(() -> InstanceId.of(properties.resolveProperty("ctiflow.instance.id").orElse(""))));
        PolicyStats policyStats = new PolicyStats();
        JurisdictionFilter filter = new JurisdictionFilter(policy, DecisionListener.both(audit, policyStats));
        var registry = camelContext.getRegistry();
        registry.bind("policy", policy);
        registry.bind("auditLog", audit);
        registry.bind("policyStats", policyStats);
        registry.bind("jurisdictionFilter", filter);
        registry.bind("policyFanOut", new PolicyFanOut(filter, audit));
        registry.bind("embeddedCollections", new EmbeddedCollections());
        registry.bind("destinationEndpoints", new DestinationEndpoints(policy));
        if (Boolean.parseBoolean(properties.resolveProperty("ctiflow.taxii.server.enabled").orElse("false"))) {
            startEmbeddedTaxii(camelContext, properties, policy);
        }
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                EmbeddedTaxii taxii = context.getRegistry().lookupByNameAndType("embeddedTaxii", EmbeddedTaxii.class);
                if (taxii != null) {
                    taxii.close();
                }
                try {
                    audit.close();
                } catch (IOException e) {
                    LoggerFactory.getLogger(CtiflowConfiguration.class).warn("audit log not closed cleanly: {}", e.getMessage());
                }
            }
        });
    }

    /** A loader checking policies against the shipped schemas (those next to {@code policies} when the home has none). */
    static PolicyLoader policyLoader(Path policies) {
        Path schemas = CtiflowHome.get().resolve("policies").resolve("schema");
        return new PolicyLoader(Files.isDirectory(schemas) ? schemas : policies.resolve("schema"));
    }

    /**
     * Starts the embedded TAXII 2.1 server with a collection per destination and hands the routes
     * its API root and the publisher's token (generated for this process, never written anywhere).
     */
    private static void startEmbeddedTaxii(CamelContext camelContext, PropertiesComponent properties, Policy policy) {
        String storeUrl = properties.resolveProperty("ctiflow.taxii.server.store.url").orElse("");
        StoreSettings store = storeUrl.isBlank()
                ? StoreSettings.h2File(Path.of(properties.resolveProperty("ctiflow.work").orElse("work")).resolve("taxii/taxii"))
                : new StoreSettings(DurableJdbcUrl.of(storeUrl), properties.resolveProperty("ctiflow.taxii.server.store.user").filter(v -> !v.isBlank()).orElse(null),
                        properties.resolveProperty("ctiflow.taxii.server.store.password").filter(v -> !v.isBlank()).orElse(null), 4);
        EmbeddedTaxii taxii = EmbeddedTaxii.start(policy, store, properties.resolveProperty("ctiflow.taxii.server.host").orElse("127.0.0.1"),
                Integer.parseInt(properties.resolveProperty("ctiflow.taxii.server.port").orElse("9500")),
                properties.resolveProperty("ctiflow.taxii.server.admin-user").orElse("admin"),
                properties.resolveProperty("ctiflow.taxii.server.admin-password-hash").filter(v -> !v.isBlank()).orElse(null), System::getenv);
        camelContext.getRegistry().bind("embeddedTaxii", taxii);
        properties.addOverrideProperty("ctiflow.taxii.embedded.api-root", taxii.apiRootUrl());
        properties.addOverrideProperty("ctiflow.taxii.embedded.token", taxii.publisherToken());
        LoggerFactory.getLogger(CtiflowConfiguration.class).info("embedded TAXII 2.1 server: {} (collections: {})",
                taxii.discoveryUrl(), taxii.collections().values());
    }
}
