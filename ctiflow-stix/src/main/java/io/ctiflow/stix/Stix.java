package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson mapper configuration for STIX: no reordering, no nulls invented, big numbers kept exact, and a
 * JSON object that names a property twice is an error: read last-wins, {@code object_marking_refs} RED then
 * CLEAR would be shared as CLEAR, so no reader of intelligence may accept it.
 */
public final class Stix {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // bundles are streamed object by object: a flush after each would turn every object into a write syscall
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .build();

    private Stix() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A plain JSON mapper (MISP, OTX, checkpoints) that also refuses a property named twice in one object. */
    public static ObjectMapper strictJson() {
        return JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }
}
