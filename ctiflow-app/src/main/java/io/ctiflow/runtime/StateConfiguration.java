package io.ctiflow.runtime;

import io.ctiflow.feed.DeadLetterReplay;
import io.ctiflow.feed.DeadLetters;
import io.ctiflow.state.CheckpointingComponent;
import io.ctiflow.state.DeadLetterStore;
import io.ctiflow.state.FileStateImport;
import io.ctiflow.state.HttpValidators;
import io.ctiflow.state.JdbcCheckpointStore;
import io.ctiflow.state.JdbcIdempotentRepository;
import io.ctiflow.state.StateStore;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
/**
 * Opens the state store (ctiflow.state.*) and binds what uses it: {@code stateStore},
 * {@code checkpointStore} (also set as the checkpointStore of the misp:, misp-feed:, taxii: and otx: components), {@code imapSeen} (IMAP UIDs), {@code httpValidators} (HttpFeedFetcher),
 * {@code deadLetterStore} (also handed to the {@code deadLetters} bean) and {@code deadLetterReplay}.
 * State files of earlier versions in {@code <work>/state} are imported on start. Runs after
 * {@link CtiflowConfiguration}, whose {@code deadLetters} it extends.
 */
public final class StateConfiguration implements CamelConfiguration {

    /** The components of incremental sources; their endpoints' own checkpointDir option still wins. */
    private static final List<String> CHECKPOINTING_SCHEMES = List.of("misp", "misp-feed", "taxii", "otx");

    @Override
    public void configure(CamelContext camelContext) {
        PropertiesComponent properties = camelContext.getPropertiesComponent();
        Path stateDir = Path.of(properties.resolveProperty("ctiflow.work").orElse("work")).resolve("state");
        StateStore store = open(properties::resolveProperty, stateDir);
        var registry = camelContext.getRegistry();
        registry.bind("stateStore", store);

        JdbcCheckpointStore checkpoints = new JdbcCheckpointStore(store);
        FileStateImport.checkpoints(stateDir, checkpoints);
        registry.bind("checkpointStore", checkpoints);
        for (String scheme : CHECKPOINTING_SCHEMES) {
            if (camelContext.getComponent(scheme) instanceof CheckpointingComponent component) {
                component.setCheckpointStore(checkpoints);
            }
        }
        JdbcIdempotentRepository imap = new JdbcIdempotentRepository(store, "imap");
        FileStateImport.seenKeys(stateDir.resolve("imap-uids.dat"), imap);
        registry.bind("imapSeen", imap);
        registry.bind("httpValidators", new HttpValidators(store));

        DeadLetterStore deadLetters = new DeadLetterStore(store);
        registry.bind("deadLetterStore", deadLetters);
        registry.bind("deadLetterReplay", new DeadLetterReplay(deadLetters));
        DeadLetters files = registry.lookupByNameAndType("deadLetters", DeadLetters.class);
        if (files != null) {
            files.setStore(deadLetters);
        }
        camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext context) {
                store.close();
            }
        });
    }

    /** The store ctiflow.state.url names, else the H2 file {@code <work>/state/ctiflow}; the password only from ctiflow.state.password. */
    public static StateStore open(Function<String, Optional<String>> property, Path stateDir) {
        String url = property.apply("ctiflow.state.url").filter(u -> !u.isBlank()).orElse(StateStore.h2Url(stateDir.resolve("ctiflow")));
        return StateStore.open(url, property.apply("ctiflow.state.user").orElse(""), property.apply("ctiflow.state.password").orElse(""));
    }
}
