package io.ctiflow.app.bench;

import io.ctiflow.pipeline.Batch;
import io.ctiflow.policy.PolicyFanOut;
import io.ctiflow.runtime.EmbeddedCollections;
import io.ctiflow.stix.StixObject;
import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
/**
 * What the routes hand to the embedded collections' publish step, per collection, so the bench knows what each
 * collection of the embedded TAXII server must hold afterwards. Every batch repeats the few shared
 * objects (the source's identity, marking definitions) that a collection stores once, so they are
 * counted by id; indicators are counted (the generated feed has no two alike) to keep memory flat.
 */
final class PublishedObjects implements InterceptStrategy, CamelConfiguration {

    private final Map<String, LongAdder> indicators = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> others = new ConcurrentHashMap<>();

    void install(Main main) {
        main.configure().addConfiguration(this);
    }

    @Override
    public void configure(CamelContext camelContext) {
        camelContext.getCamelContextExtension().addInterceptStrategy(this);
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        if (StageTimer.stageOf(definition) != StageTimer.Stage.TAXII) {
            return target;
        }
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                for (Object m : exchange.getProperty(EmbeddedCollections.FAN_OUT, List.class)) {
                    Message share = (Message) m;
                    String collection = share.getHeader(PolicyFanOut.EMBEDDED_TAXII_COLLECTION, String.class);
                    if (collection != null) {
                        count(collection, share.getBody(Batch.class));
                    }
                }
                return super.process(exchange, callback);
            }
        };
    }

    private void count(String collection, Batch batch) {
        if (collection == null || batch == null) {
            throw new IllegalStateException("bench: a publish without a collection header or a batch body");
        }
        LongAdder n = indicators.computeIfAbsent(collection, c -> new LongAdder());
        Set<String> ids = others.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet());
        for (StixObject o : batch.objects()) {
            if (o.type().equals("indicator")) {
                n.increment();
            } else {
                ids.add(o.id() + "|" + o.modified());
            }
        }
    }

    /** Per collection: the objects it must hold (indicators plus distinct other object versions). */
    Map<String, Long> expected() {
        Map<String, Long> expected = new TreeMap<>();
        indicators.forEach((c, n) -> expected.put(c, n.sum() + others.get(c).size()));
        return expected;
    }
}
