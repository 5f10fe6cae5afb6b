package io.ctiflow.stix;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper configuration for STIX: no reordering, no nulls invented, big numbers kept exact. */
public final class Stix {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // bundles are streamed object by object: a flush after each would turn every object into a write syscall
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .build();

    private Stix() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
