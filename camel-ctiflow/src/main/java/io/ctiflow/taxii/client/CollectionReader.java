package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Reads a collection from a {@link PollPosition} on, page by page: follows {@code next} while the
 * server says {@code more}, or (servers without next) asks again from the last date_added. Each page's
 * new objects go to the sink; the position advances only when the sink took them. Defends against
 * servers that misbehave: objects already delivered are dropped (boundary keys), a repeated page, an
 * empty page that claims more, and a request that would repeat the previous one all end the read
 * (with the reason) instead of looping. A loop is recognised by the pages' contents, never by the
 * next value: next is opaque, and servers such as medallion send the same one for every page of a query.
 */
public final class CollectionReader {

    /** Takes one page of new objects; returns false when they could not be processed (the read stops, the position stays). */
    public interface PageSink {
        boolean accept(TaxiiPage page);

        /** Called after a page was taken and the position advanced, e.g. to save a checkpoint. */
        default void advanced(PollPosition position) {
        }
    }

    /** How a read ended: pages and objects delivered, and why it stopped early (null: the collection was read to its end). */
    public record Summary(int pages, long objects, String stoppedBecause, boolean sinkFailed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CollectionReader.class);

    private final TaxiiClient client;
    private final int limit;

    public CollectionReader(TaxiiClient client, int limit) {
        this.client = client;
        this.limit = limit;
    }

    public Summary read(PollPosition position, PageSink sink, BooleanSupplier running) {
        TaxiiCollection collection = client.collection();
        String addedAfter = position.addedAfter();
        String next = null;
        Set<String> pageFingerprints = new HashSet<>();
        int pages = 0;
        long objects = 0;
        for (int number = 1; running.getAsBoolean(); number++) {
            ObjectPage page = client.objects(addedAfter, next, limit, "objects page " + number);
            String where = collection + " page " + number;
            if (page.objects().isEmpty()) {
                return new Summary(pages, objects, page.more() ? stop(where, "empty page with more=true") : null, false);
            }
            if (!pageFingerprints.add(fingerprint(page.objects()))) {
                return new Summary(pages, objects, stop(where, "the server sent the same page again"), false);
            }
            if (page.dateAddedLast() == null) {
                throw new TaxiiException("TAXII collection " + where + ": no X-TAXII-Date-Added-Last header;"
                        + " reading incrementally needs it");
            }
            List<StixObject> fresh = fresh(page.objects(), position);
            if (!fresh.isEmpty()) {
                if (!sink.accept(new TaxiiPage(collection, number, fresh, page.dateAddedFirst(), page.dateAddedLast()))) {
                    return new Summary(pages, objects, "the route failed on page " + number, true);
                }
                pages++;
                objects += fresh.size();
            }
            position.advance(page.objects(), page.dateAddedLast());
            sink.advanced(position);
            if (!page.more()) {
                return new Summary(pages, objects, null, false);
            }
            if (page.next() != null) {
                next = page.next();
            } else {
                String resume = position.addedAfter();
                if (resume.equals(addedAfter)) {
                    return new Summary(pages, objects, stop(where, "more=true without next, and no later date_added"
                            + " to continue from"), false);
                }
                addedAfter = resume;
                next = null;
            }
        }
        return new Summary(pages, objects, "stopped", false);
    }

    /** The page's objects not delivered before (nor twice within the page), in page order. */
    private static List<StixObject> fresh(List<StixObject> page, PollPosition position) {
        List<StixObject> fresh = new ArrayList<>(page.size());
        Set<String> inPage = new HashSet<>();
        for (StixObject o : page) {
            if (!position.delivered(o) && inPage.add(PollPosition.key(o))) {
                fresh.add(o);
            }
        }
        return fresh;
    }

    private static String fingerprint(List<StixObject> objects) {
        Set<String> keys = new LinkedHashSet<>();
        for (StixObject o : objects) {
            keys.add(PollPosition.key(o));
        }
        return objects.size() + ":" + keys.hashCode() + ":" + PollPosition.key(objects.get(0)) + ":"
                + PollPosition.key(objects.get(objects.size() - 1));
    }

    private static String stop(String where, String why) {
        LOG.warn("TAXII collection {}: {}; stopping this read, the next one resumes from the last delivered page",
                where, why);
        return why;
    }
}
