package io.ctiflow.pipeline;

import io.ctiflow.stix.BundleWriter;
import io.ctiflow.stix.StixObject;
import org.apache.camel.Converter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Camel type converters for ctiflow's bodies, so that any step that wants bytes (a file:, http: or kafka:
 * producer) takes a {@link Batch} as its STIX 2.1 bundle and a {@link StixObject} as its JSON, without a
 * marshal step. Large feeds are better written by the pipeline's bundle files, which stream; a converted batch
 * is held in memory once (one batch: at most batch-size objects).
 */
@Converter(generateLoader = true)
public final class StixConverters {

    private StixConverters() {
    }

    @Converter
    public static byte[] batchToBytes(Batch batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + batch.objects().size() * 512);
        try (BundleWriter bundle = new BundleWriter(out, false)) {
            for (StixObject o : batch.objects()) {
                bundle.write(o);
            }
        }
        return out.toByteArray();
    }

    @Converter
    public static InputStream batchToInputStream(Batch batch) throws IOException {
        return new ByteArrayInputStream(batchToBytes(batch));
    }

    @Converter
    public static String batchToString(Batch batch) throws IOException {
        return new String(batchToBytes(batch), StandardCharsets.UTF_8);
    }

    @Converter
    public static byte[] objectToBytes(StixObject object) {
        return object.json();
    }

    @Converter
    public static InputStream objectToInputStream(StixObject object) {
        return new ByteArrayInputStream(object.json());
    }

    @Converter
    public static String objectToString(StixObject object) {
        return new String(object.json(), StandardCharsets.UTF_8);
    }
}
