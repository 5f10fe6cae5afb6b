package io.ctiflow.connectors.otx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctiflow.feed.Mappings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connector folder's samples (real OTX pulses, see samples/SOURCE.md) and the loaded mappings. */
final class OtxSamples {

    static final Path FOLDER = Path.of("connectors/alienvault-otx-source");
    static final Path SAMPLES = FOLDER.resolve("samples");
    static final Mappings MAPPINGS = new Mappings(Path.of("mappings"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The 5 real pulses of samples/subscribed-pulses.input.json, oldest-modified order as published. */
    static JsonNode page(String sampleCase) {
        try {
            return JSON.readTree(SAMPLES.resolve(sampleCase + ".input.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode pulses() {
        return page("subscribed-pulses").get("results");
    }

    static byte[] bytes(String sampleCase) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(sampleCase + ".input.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OtxSamples() {
    }
}
