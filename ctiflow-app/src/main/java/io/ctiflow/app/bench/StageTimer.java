package io.ctiflow.app.bench;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.main.Main;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
/**
 * Where the pipeline's threads spend their time, per stage of the real routes: every processor of
 * every route is wrapped (a Camel {@link InterceptStrategy}) and its <em>exclusive</em> time (its own
 * time minus that of the processors nested in it) is added to the stage its node belongs to. So the
 * feed splitter's own time is the time spent reading and mapping (or waiting for the read-ahead
 * thread), the fan-out step's own time the jurisdiction filter, the {@code embeddedCollections} step the
 * TAXII publish (the embedded server's store, in this JVM), the bundle bytes + {@code file:} the bundle writes.
 * A processor that completes on another thread than the one it started on (an asynchronous one) adds no time of its own.
 * Installed only by the bench ({@link #install}): a normal run carries no wrapper at all.
 */
public final class StageTimer implements InterceptStrategy, CamelConfiguration {

    /** The stages reported; {@link #OTHER} is every other processor (dead letters, headers, routing). */
    public enum Stage {
        READ_MAP("read + map"),
        FILTER("jurisdiction filter"),
        TAXII("TAXII publish (store, in process)"),
        FILES("file writes (outbox + share)"),
        OTHER("other");

        public final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** One processor running on a thread: the time of the processors nested in it is subtracted from its own. */
    private static final class Frame {
        long nestedNanos;
    }

    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);
    private final ThreadLocal<ArrayDeque<Frame>> frames = ThreadLocal.withInitial(ArrayDeque::new);

    public StageTimer() {
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
        }
    }

    /** Adds this timer to the runtime before its routes are built (camel-main calls {@link #configure} first). */
    public void install(Main main) {
        main.configure().addConfiguration(this);
    }

    @Override
    public void configure(CamelContext camelContext) {
        camelContext.getCamelContextExtension().addInterceptStrategy(this);
    }

    /** Which stage a route node belongs to, by what the routes in routes/ name in it (labels such as {@code to[file:...]}). */
    static Stage stageOf(NamedNode node) {
        String label = String.valueOf(node.getLabel()).toLowerCase(Locale.ROOT);
        label = label.substring(label.indexOf('[') + 1);
        String kind = String.valueOf(node.getShortName());
        if (kind.equals("split") && label.contains("feedbatches")) {
            return Stage.READ_MAP;
        }
        // the fan-out is computed into the CtiflowFanOut property (routes/common/feed-to-stix-files.camel.yaml)
        if (kind.equals("split") && label.contains("policyfanout") || kind.equals("setProperty") && label.contains("ctiflowfanout")) {
            return Stage.FILTER;
        }
        if (kind.equals("split") && label.contains("embeddedcollections")) {
            return Stage.TAXII;
        }
        // bundle files are written (and serialised straight into the file) by the bundleFiles bean
        if (kind.equals("marshal") || label.contains("bundlefiles") || ((kind.equals("to") || kind.equals("toD")) && label.startsWith("file:"))) {
            return Stage.FILES;
        }
        return Stage.OTHER;
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        LongAdder stage = nanos.get(stageOf(definition));
        return new DelegateAsyncProcessor(target) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                ArrayDeque<Frame> stack = frames.get();
                Thread started = Thread.currentThread();
                Frame frame = new Frame();
                stack.push(frame);
                long start = System.nanoTime();
                return super.process(exchange, doneSync -> {
                    // one completing on another thread (asynchronously) has its parts timed on their own threads; its own
                    // time is not this thread's work. Its frame stays on this thread's stack, below every later one.
                    if (Thread.currentThread() == started && stack.peek() == frame) {
                        long elapsed = System.nanoTime() - start;
                        stack.pop();
                        Frame outer = stack.peek();
                        if (outer != null) {
                            outer.nestedNanos += elapsed;
                        }
                        stage.add(Math.max(0, elapsed - frame.nestedNanos));
                    }
                    callback.done(doneSync);
                });
            }
        };
    }

    /** Exclusive nanoseconds spent in each stage so far, summed over threads. */
    public Map<Stage, Long> snapshot() {
        Map<Stage, Long> copy = new EnumMap<>(Stage.class);
        nanos.forEach((s, n) -> copy.put(s, n.sum()));
        return copy;
    }

    public void reset() {
        nanos.values().forEach(LongAdder::reset);
    }
}
