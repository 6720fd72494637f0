package io.clientbase.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Api;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a front-end team expects of every answer: compressed, cacheable the safe way, guarded, callable from its origin. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ScreensAndPhonesTest {

    /** The test profile allows this one origin (CLIENTBASE_CORS_ORIGINS). */
    private static final String ALLOWED_ORIGIN = "https://crm.example.test";

    @Test
    void jsonListsAreGzipCompressedWhenTheCallerAcceptsIt() {
        String token = Api.adminToken();
        for (int i = 0; i < 20; i++) {
            Api.as(token).body(Map.of("name", "Gzip " + i)).post("/api/v1/clients").then().statusCode(201);
        }
        RestAssuredConfig raw = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        Response compressed = Api.as(token).config(raw).header("Accept-Encoding", "gzip").get("/api/v1/clients?limit=50");
        compressed.then().statusCode(200).header("Content-Encoding", "gzip");
        Response plain = Api.as(token).config(raw).get("/api/v1/clients?limit=50");
        plain.then().statusCode(200).header("Content-Encoding", nullValue());
        assertTrue(compressed.asByteArray().length * 3 < plain.asByteArray().length,
                "gzip " + compressed.asByteArray().length + " bytes against " + plain.asByteArray().length + " plain");
    }

    @Test
    void aReadWithTheCurrentETagInIfNoneMatchAnswers304WithoutABody() {
        String token = Api.adminToken();
        long id = Api.as(token).body(Map.of("name", "Conditional")).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        String etag = Api.as(token).get("/api/v1/clients/" + id).then().statusCode(200).extract().header("ETag");

        Api.as(token).header("If-None-Match", etag).get("/api/v1/clients/" + id)
                .then().statusCode(304).header("ETag", etag).body(emptyString());
        Api.as(token).header("If-None-Match", "W/" + etag).get("/api/v1/clients/" + id).then().statusCode(304);
        Api.as(token).header("If-None-Match", "\"999\"").get("/api/v1/clients/" + id)
                .then().statusCode(200).body("name", equalTo("Conditional"));

        Api.as(token).header("If-Match", etag).body(Map.of("name", "Conditional 2")).patch("/api/v1/clients/" + id)
                .then().statusCode(200);
        Api.as(token).header("If-None-Match", etag).get("/api/v1/clients/" + id)
                .then().statusCode(200).body("name", equalTo("Conditional 2"));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeadersAndNoServerVersion() {
        for (Response answer : new Response[] {
                Api.asAdmin().get("/api/v1/me"),
                given().get("/api/v1/clients"),
                Api.asAdmin().get("/api/v1/no-such-thing"),
                given().contentType("application/json").body("{").post("/api/v1/auth/login")}) {
            assertEquals("nosniff", answer.header("X-Content-Type-Options"));
            assertEquals("DENY", answer.header("X-Frame-Options"));
            assertEquals("no-referrer", answer.header("Referrer-Policy"));
            assertNull(answer.header("Server"));
            assertTrue(answer.header("Content-Security-Policy").contains("default-src 'none'"));
        }
    }

    @Test
    void dataIsPrivateToTheCallersAgentAndTokensAreNeverStored() {
        Api.asAdmin().get("/api/v1/me").then().statusCode(200).header("Cache-Control", "private, no-cache");
        given().contentType("application/json")
                .body(Map.of("login", TestDatabase.ADMIN_LOGIN, "password", TestDatabase.ADMIN_PASSWORD))
                .post("/api/v1/auth/login").then().statusCode(200).header("Cache-Control", "no-store");
    }

    @Test
    void aBrowserOnAnAllowedOriginMayCallTheApiAndReadItsHeaders() {
        given().header("Origin", ALLOWED_ORIGIN).header("Access-Control-Request-Method", "PATCH")
                .header("Access-Control-Request-Headers", "authorization,if-match,content-type")
                .options("/api/v1/clients/1")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("PATCH"));
        Response answer = Api.asAdmin().header("Origin", ALLOWED_ORIGIN).get("/api/v1/me");
        answer.then().statusCode(200).header("Access-Control-Allow-Origin", ALLOWED_ORIGIN);
        assertTrue(answer.header("Access-Control-Expose-Headers").contains("ETag"));
    }

    @Test
    void aBrowserOnAnyOtherOriginIsRefusedWithAProblem() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/clients")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue())
                .body("detail", org.hamcrest.Matchers.containsString("https://evil.example"));
        Api.asAdmin().header("Origin", "https://evil.example").get("/api/v1/me")
                .then().statusCode(403).contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void scriptsAndSameOriginPagesAreNotConcernedByCors() {
        Api.asAdmin().get("/api/v1/me").then().statusCode(200).header("Access-Control-Allow-Origin", nullValue());
        String self = "http://localhost:" + io.restassured.RestAssured.port;
        Api.asAdmin().header("Origin", self).get("/api/v1/me").then().statusCode(200);
    }
}
