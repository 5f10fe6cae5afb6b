package io.ctiflow.taxii.client;

import io.ctiflow.stix.StixObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * Packs objects, in order, into TAXII envelopes ({"objects":[...]}) of at most maxBytes each, so no
 * request exceeds the server's max_content_length. An object that alone exceeds it goes to
 * {@code tooLarge} instead of into an envelope. Reads the objects lazily: one envelope in memory.
 */
final class EnvelopeSplitter implements Iterator<EnvelopeSplitter.Envelope> {

    record Envelope(List<StixObject> objects, byte[] body) {
    }

    private static final byte[] HEAD = "{\"objects\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "]}".getBytes(StandardCharsets.UTF_8);
    static final int OVERHEAD = HEAD.length + TAIL.length;

    private final Iterator<StixObject> objects;
    private final long maxBytes;
    private final Consumer<StixObject> tooLarge;
    private StixObject carried;
    private Envelope ready;

    EnvelopeSplitter(Iterator<StixObject> objects, long maxBytes, Consumer<StixObject> tooLarge) {
        this.objects = objects;
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    static Envelope envelope(List<StixObject> objects) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEAD);
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(objects.get(i).json());
        }
        out.writeBytes(TAIL);
        return new Envelope(List.copyOf(objects), out.toByteArray());
    }

    @Override
    public boolean hasNext() {
        if (ready == null) {
            ready = fill();
        }
        return ready != null;
    }

    @Override
    public Envelope next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Envelope e = ready;
        ready = null;
        return e;
    }

    private Envelope fill() {
        List<StixObject> batch = new ArrayList<>();
        long size = OVERHEAD;
        while (carried != null || objects.hasNext()) {
            StixObject o = carried != null ? carried : objects.next();
            carried = null;
            long length = o.json().length;
            if (OVERHEAD + length > maxBytes) {
                tooLarge.accept(o);
                continue;
            }
            long added = length + (batch.isEmpty() ? 0 : 1);
            if (size + added > maxBytes) {
                carried = o;
                break;
            }
            batch.add(o);
            size += added;
        }
        return batch.isEmpty() ? null : envelope(batch);
    }
}
