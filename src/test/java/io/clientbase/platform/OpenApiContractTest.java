package io.clientbase.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * openapi/openapi.yaml is the public contract. This fails when the server serves something else;
 * run the suite with -Dopenapi.update=true to write what the server serves, then review the diff.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class OpenApiContractTest {

    private static final Path COMMITTED = Path.of("openapi/openapi.yaml");

    @Test
    void theCommittedContractIsWhatTheServerServes() throws Exception {
        String served = given().queryParam("format", "yaml").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, served);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertEquals(committed, served, "openapi/openapi.yaml differs from /q/openapi: "
                + "run the tests with -Dopenapi.update=true and commit the reviewed result");
    }
}
