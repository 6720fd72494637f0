package io.clientbase.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.support.Api;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class LoginTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void loginWithTheAdminPasswordReturnsAnRs256BearerTokenFor15Minutes() throws Exception {
        var body = given().contentType(ContentType.JSON)
                .body(Map.of("login", TestDatabase.ADMIN_LOGIN, "password", TestDatabase.ADMIN_PASSWORD))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(900))
                .extract().jsonPath();
        String[] parts = body.getString("accessToken").split("\\.");
        JsonNode header = decode(parts[0]);
        JsonNode claims = decode(parts[1]);
        assertEquals("RS256", header.get("alg").asText());
        assertEquals("clientbase", claims.get("iss").asText());
        assertEquals("clientbase-api", claims.get("aud").isArray() ? claims.get("aud").get(0).asText() : claims.get("aud").asText());
        assertEquals(900, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertNotNull(claims.get("jti"));
    }

    @Test
    void wrongPasswordAndUnknownLoginGetOneAndTheSameAnswer() {
        String wrongPassword = given().contentType(ContentType.JSON)
                .body(Map.of("login", TestDatabase.ADMIN_LOGIN, "password", "not-the-password"))
                .post("/api/v1/auth/login")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://clientbase.io/problems/unauthorized"))
                .extract().path("detail");
        String unknownLogin = given().contentType(ContentType.JSON)
                .body(Map.of("login", "nobody-" + System.nanoTime(), "password", "not-the-password"))
                .post("/api/v1/auth/login")
                .then().statusCode(401).contentType("application/problem+json")
                .extract().path("detail");
        assertEquals(wrongPassword, unknownLogin);
    }

    @Test
    void meAnswersTheCallerWithoutThePasswordHash() {
        Api.asAdmin().get("/api/v1/me")
                .then().statusCode(200)
                .body("login", equalTo(TestDatabase.ADMIN_LOGIN))
                .body("type", equalTo("ADMIN"))
                .body("status", equalTo("ACTIVE"))
                .body("rights.settings", is(true))
                .body("passwordHash", is((Object) null))
                .body("id", notNullValue());
    }

    @Test
    void aRequestWithoutATokenIs401() {
        given().get("/api/v1/me").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://clientbase.io/problems/unauthorized"));
    }

    @Test
    void anExpiredTokenIs401() {
        String expired = Jwt.subject("1").upn("admin").groups(Set.of("ADMIN")).claim("tv", 0)
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)).sign();
        assertRejected(expired);
    }

    @Test
    void aTokenAlreadyAcceptedStillStopsAtItsExpiry() throws Exception {
        String[] parts = Api.adminToken().split("\\.");
        int version = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Base64.getUrlDecoder().decode(parts[1])).get("tv").asInt();
        String shortLived = Jwt.issuer("clientbase").audience("clientbase-api").subject("1").upn("admin")
                .groups(Set.of("ADMIN")).claim("tv", version).expiresAt(Instant.now().plusSeconds(2)).sign();
        given().header("Authorization", "Bearer " + shortLived).get("/api/v1/me").then().statusCode(200);
        Thread.sleep(2000 + 5000 + 1000); // its lifetime, the allowed clock skew, a margin
        assertRejected(shortLived);
    }

    @Test
    void aTamperedTokenIs401() {
        given().header("Authorization", "Bearer " + Api.adminToken()).get("/api/v1/me").then().statusCode(200);
        String[] parts = Api.adminToken().split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"sub\":\"1\"", "\"sub\":\"2\"").getBytes(StandardCharsets.UTF_8));
        assertRejected(parts[0] + "." + forged + "." + parts[2]);
    }

    @Test
    void anUnsignedAlgNoneTokenIs401() {
        String[] parts = Api.adminToken().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        assertRejected(none + "." + parts[1] + ".");
    }

    @Test
    void aTokenSignedWithAnotherKeyIs401() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = Jwt.issuer("clientbase").audience("clientbase-api").subject("1").upn("admin")
                .groups(Set.of("ADMIN")).claim("tv", 0).sign(generator.generateKeyPair().getPrivate());
        assertRejected(foreign);
    }

    @Test
    void aGarbageTokenIs401() {
        assertRejected("not-a-jwt");
    }

    private static void assertRejected(String token) {
        given().header("Authorization", "Bearer " + token).get("/api/v1/me")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://clientbase.io/problems/unauthorized"));
    }

    private static JsonNode decode(String part) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(part));
    }
}
