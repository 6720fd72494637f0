package io.clientbase.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The application's mapper writes instants with the fast writer, after Quarkus's java.time module. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class JacksonConfigTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void instantsAreWrittenByTheFastWriterAsIsoText() throws Exception {
        assertInstanceOf(IsoInstantSerializer.class, mapper.getSerializerProviderInstance().findValueSerializer(Instant.class));
        assertEquals("\"2026-11-27T03:44:01.373500Z\"", mapper.writeValueAsString(Instant.parse("2026-11-27T03:44:01.373500Z")));
    }
}
