package io.clientbase.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.clientbase.support.Api;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ProblemDetailsTest {

    private static final String TYPE = "https://clientbase.io/problems/";

    @Test
    void malformedJsonIs400MalformedJson() {
        problem(given().contentType(ContentType.JSON).body("{\"login\": ").post("/api/v1/auth/login"), 400, "malformed-json");
        problem(given().contentType(ContentType.JSON).body("{bad").post("/api/v1/auth/login"), 400, "malformed-json");
    }

    @Test
    void anUnknownMemberIs400NamingIt() {
        problem(given().contentType(ContentType.JSON).body("{\"login\":\"a\",\"password\":\"b\",\"nmae\":1}")
                .post("/api/v1/auth/login"), 400, "unknown-member")
                .body("errors.field", hasItem("nmae"));
    }

    @Test
    void aWrongJsonTypeIs400NamingTheMember() {
        problem(given().contentType(ContentType.JSON).body("{\"login\":17,\"password\":\"b\"}")
                .post("/api/v1/auth/login"), 400, "wrong-type")
                .body("errors.field", hasItem("login"));
        problem(given().contentType(ContentType.JSON).body("[]").post("/api/v1/auth/login"), 400, "wrong-type");
    }

    @Test
    void aValidationFailureIs422ListingEveryOffendingMember() {
        problem(given().contentType(ContentType.JSON).body("{\"login\":\"\"}").post("/api/v1/auth/login"), 422, "validation")
                .body("errors.field", hasItem("login"))
                .body("errors.field", hasItem("password"));
    }

    @Test
    void anUnknownPathIs404() {
        problem(Api.asAdmin().get("/api/v1/no-such-thing"), 404, "not-found");
        problem(given().get("/no-such-page"), 404, "not-found");
    }

    @Test
    void aMethodThePathDoesNotServeIs405() {
        problem(Api.asAdmin().delete("/api/v1/me"), 405, "method-not-allowed");
    }

    @Test
    void anAcceptTheResourceCannotServeIs406() {
        problem(Api.asAdmin().accept("application/xml").get("/api/v1/me"), 406, "not-acceptable");
    }

    @Test
    void aContentTypeTheResourceDoesNotReadIs415() {
        problem(given().contentType(ContentType.TEXT).body("login=admin").post("/api/v1/auth/login"), 415,
                "unsupported-media-type");
    }

    @Test
    void aBodyOverTheConfiguredLimitIs413() {
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        problem(given().contentType(ContentType.JSON).body(big).post("/api/v1/auth/login"), 413, "payload-too-large");
    }

    @Test
    void everyProblemCarriesTheCorrelationIdOfItsResponse() {
        var response = given().header("X-Request-Id", "trace-42").get("/api/v1/me");
        response.then().statusCode(401).header("X-Request-Id", "trace-42").body("correlationId", equalTo("trace-42"));
        given().header("X-Request-Id", "bad id with spaces\u0001").get("/api/v1/me")
                .then().header("X-Request-Id", not(containsString(" "))).body("correlationId", notNullValue());
    }

    @Test
    void anUnexpectedFailureIsA500ProblemWithoutInternalsAndWithItsCorrelationId() {
        var response = given().get("/test-only/failure");
        String id = response.header("X-Request-Id");
        problem(response, 500, "internal")
                .body("correlationId", equalTo(id))
                .body(not(containsString("hunter2")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void aTransactionThatLostADeadlockIsA503ToRetryNotA500() {
        problem(given().get("/test-only/failure/deadlock"), 503, "unavailable")
                .header("Retry-After", "1")
                .body("detail", containsString("retry"))
                .body(not(containsString("Deadlock found")));
    }

    @Test
    void aCommitTheDatabaseRefusedWhileItsClusterReformsIsA503ToRetryNotA500() {
        problem(given().get("/test-only/failure/commit-refused"), 503, "unavailable")
                .header("Retry-After", "1")
                .body("detail", containsString("retry"))
                .body(not(containsString("Primary Component")));
    }

    @Test
    void triggersTheDatabaseFailedToLoadAreA503ToRetryNotA500() {
        problem(given().get("/test-only/failure/triggers-unloaded"), 503, "unavailable")
                .header("Retry-After", "1")
                .body("detail", containsString("retry"))
                .body(not(containsString("Query was empty")));
    }

    static ValidatableResponse problem(io.restassured.response.Response response, int status, String kind) {
        return response.then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(TYPE + kind))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("correlationId", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }

    @Test
    void problemsFollowAcceptLanguageRussianOrEnglishWithTheSameTypeAndMembers() {
        String token = Api.adminToken();
        io.restassured.response.Response russian = Api.as(token).header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5")
                .body(java.util.Map.of("name", " ")).post("/api/v1/clients");
        russian.then().statusCode(422).header("Content-Language", "ru")
                .body("type", equalTo(TYPE + "validation"))
                .body("title", equalTo("Ошибка проверки данных"))
                .body("errors.field", hasItem("name"))
                .body("errors[0].message", equalTo("не может быть пустым"));
        Api.as(token).body(java.util.Map.of("name", " ")).post("/api/v1/clients")
                .then().statusCode(422).header("Content-Language", "en")
                .body("title", equalTo("Validation failed"))
                .body("errors[0].message", equalTo("must not be blank"));
        given().header("Accept-Language", "ru").get("/api/v1/clients")
                .then().statusCode(401).body("title", equalTo("Требуется аутентификация"))
                .body("detail", equalTo("Нужен действительный токен Bearer"));
        Api.as(token).header("Accept-Language", "ru").get("/api/v1/clients/999999999")
                .then().statusCode(404).body("type", equalTo(TYPE + "not-found")).body("title", equalTo("Не найдено"));
    }
}
