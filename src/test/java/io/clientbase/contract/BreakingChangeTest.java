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
 * this one. Adding operations and response members passes; removing or
 * renaming any of them, a new required member or a narrower parameter fails, with openapi-diff's
 * report in the message. A deliberate break needs a new released version (v2) beside v1.
 * A new parameter on a released operation fails too: HTTP-compatible, but it changes the method
 * signature of every generated client (measured: the generated Java client stopped compiling when
 * the creates gained an optional Idempotency-Key parameter).
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
    void aReleasedOperationKeepsExactlyItsParameters() throws Exception {
        var released = new io.swagger.v3.parser.OpenAPIV3Parser().read(RELEASED.toString());
        var current = new io.swagger.v3.parser.OpenAPIV3Parser().read(CURRENT.toString());
        java.util.List<String> changed = new java.util.ArrayList<>();
        released.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            var now = current.getPaths().get(path) == null ? null : current.getPaths().get(path).readOperationsMap().get(method);
            if (now != null && !names(operation).equals(names(now))) {
                changed.add(method + " " + path + ": " + names(operation) + " -> " + names(now));
            }
        }));
        assertTrue(changed.isEmpty(), "parameters of released operations changed (generated clients would not compile): " + changed);
    }

    private static java.util.List<String> names(io.swagger.v3.oas.models.Operation operation) {
        return operation.getParameters() == null ? java.util.List.of()
                : operation.getParameters().stream().map(p -> p.getIn() + ":" + p.getName()).toList();
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
