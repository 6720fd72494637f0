package io.clientbase.scim;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SCIM 2.0 through /scim/v2 as a provider (Okta, Entra ID) drives it, on the users of /api/v1/users. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ScimProvisioningTest {

    static final String SCIM = "application/scim+json";
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String EXT = "urn:clientbase:params:scim:schemas:extension:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("scim");
        }
    }

    private static RequestSpecification scim() {
        return asAdmin().contentType(SCIM + "; charset=UTF-8").accept(SCIM);
    }

    @Test
    void theDiscoveryEndpointsDescribeTheServiceAndTheClientbaseExtension() {
        scim().get("/scim/v2/ServiceProviderConfig").then().statusCode(200).contentType(SCIM)
                .body("patch.supported", equalTo(true)).body("filter.supported", equalTo(true)).body("etag.supported", equalTo(true));
        scim().get("/scim/v2/ResourceTypes").then().statusCode(200).body("Resources.name", hasItem("User"));
        scim().get("/scim/v2/Schemas/" + EXT).then().statusCode(200).body("attributes.name", hasItem("type"));
    }

    @Test
    void aProvidersUsualSequenceWorks() {
        String login = "okta.user." + System.nanoTime() % 100000 + "@example.com";
        String body = "{\"schemas\":[\"" + CORE + "\"],\"userName\":\"" + login + "\",\"externalId\":\"00u" + System.nanoTime()
                + "\",\"name\":{\"givenName\":\"Анна\",\"familyName\":\"Петрова\"},\"emails\":[{\"value\":\"" + login
                + "\",\"type\":\"work\",\"primary\":true}],\"active\":true,\"password\":\"Passw0rd-Scim\"}";
        String id = scim().body(body).post("/scim/v2/Users").then().statusCode(201).contentType(SCIM)
                .body("userName", equalTo(login)).body("displayName", equalTo("Анна Петрова"))
                .body("'" + EXT + "'.type", equalTo("EMPLOYEE")).extract().path("id");
        scim().queryParam("filter", "userName eq \"" + login + "\"").get("/scim/v2/Users").then().statusCode(200)
                .body("totalResults", equalTo(1)).body("Resources[0].id", equalTo(id));
        String deactivate = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"Replace\",\"value\":{\"active\":\"False\"}}]}";
        scim().body(deactivate).patch("/scim/v2/Users/" + id).then().statusCode(200).body("active", equalTo(false))
                .body("'" + EXT + "'.status", equalTo("BLOCKED"));
        asAdmin().get("/api/v1/users/" + id).then().statusCode(200).body("status", equalTo("BLOCKED"));
        scim().delete("/scim/v2/Users/" + id).then().statusCode(204);
        scim().get("/scim/v2/Users/" + id).then().statusCode(404).contentType(SCIM).body("status", equalTo("404"));
    }
}
