package io.clientbase.contract;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * The breaking-change gate: a client generated from the released contract keeps working against
 * this one. Adding operations, optional parameters and response members passes; removing or
 * renaming any of them, a new required member or a narrower parameter fails, with openapi-diff's
 * report in the message. A deliberate break needs a new released version (v2) beside v1.
 */
@Tag("unit")
class BreakingChangeTest {

    private static final Path RELEASED = Path.of("openapi/released/v1.yaml");
    private static final Path CURRENT = Path.of("openapi/openapi.yaml");

    @Test
    void theContractKeepsEveryPromiseOfTheReleasedOne() throws Exception {
        assertTrue(Files.exists(RELEASED), RELEASED + " is the baseline and must be committed");
        ChangedOpenApi diff = OpenApiCompare.fromLocations(RELEASED.toString(), CURRENT.toString());
        assertFalse(diff.isIncompatible(), "openapi/openapi.yaml breaks the released contract:\n" + report(diff));
    }

    @Test
    void theGateRefusesARemovedOperation() throws Exception {
        String released = Files.readString(RELEASED);
        String withoutMe = released.replace("  /api/v1/me:\n", "  /api/v1/me-gone:\n");
        assertTrue(OpenApiCompare.fromContents(released, withoutMe).isIncompatible(),
                "renaming /api/v1/me went through the gate");
    }

    private static String report(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (Exception e) {
            return "(no report: " + e + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
