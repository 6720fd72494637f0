package io.clientbase.users;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.clientbase.support.Api;
import io.clientbase.support.Hierarchy;
import io.clientbase.support.RawHttp;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Blocking, password and status changes end live tokens; rights apply without a new login; throttling; API tokens. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SessionsTest {

    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("sessions");
        }
    }

    @Test
    void aBlockedUserCannotLogInAndHisLiveTokenStopsAtOnce() {
        long id = h.add("blocked", "EMPLOYEE", null);
        String token = h.token("blocked");
        as(token).get("/api/v1/me").then().statusCode(200);
        asAdmin().body(Map.of("status", "BLOCKED")).patch("/api/v1/users/" + id).then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        login(h.login("blocked"), Hierarchy.PASSWORD).then().statusCode(403)
                .body("type", equalTo("https://clientbase.io/problems/user-blocked"));
        asAdmin().body(Map.of("status", "ACTIVE")).patch("/api/v1/users/" + id).then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(401);
        login(h.login("blocked"), Hierarchy.PASSWORD).then().statusCode(200);
    }

    @Test
    void aPasswordChangeEndsLiveTokensAndTheNewPasswordWorks() {
        long id = h.add("newpass", "EMPLOYEE", null);
        String token = h.token("newpass");
        asAdmin().body(Map.of("password", "Brand-New-Passw0rd")).patch("/api/v1/users/" + id).then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(401);
        login(h.login("newpass"), Hierarchy.PASSWORD).then().statusCode(401);
        login(h.login("newpass"), "Brand-New-Passw0rd").then().statusCode(200);
    }

    @Test
    void aStatusChangeEndsLiveTokens() {
        long id = h.add("restricted", "EMPLOYEE", null);
        String token = h.token("restricted");
        asAdmin().body(Map.of("status", "IP_RESTRICTED")).patch("/api/v1/users/" + id).then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aRightsChangeAppliesOnTheNextRequestWithoutANewLogin() {
        long id = h.add("rights", "EMPLOYEE", null);
        String token = h.token("rights");
        as(token).get("/api/v1/me").then().body("rights.clients.delete", equalTo(true));
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("delete", false)))).patch("/api/v1/users/" + id).then().statusCode(200);
        as(token).get("/api/v1/me").then().statusCode(200).body("rights.clients.delete", equalTo(false));
    }

    @Test
    void fiveFailuresForOneLoginThrottleItWith429BeforeAnyPasswordCheck() {
        h.add("guessed", "EMPLOYEE", null);
        for (int i = 0; i < 5; i++) {
            login(h.login("guessed"), "wrong-" + i).then().statusCode(401);
        }
        login(h.login("guessed"), Hierarchy.PASSWORD).then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("type", equalTo("https://clientbase.io/problems/too-many-requests"));
        login(h.login("guessed").toUpperCase(), Hierarchy.PASSWORD).then().statusCode(429);
    }

    @Test
    void aSuccessfulLoginResetsTheCount() {
        h.add("forgetful", "EMPLOYEE", null);
        for (int i = 0; i < 4; i++) {
            login(h.login("forgetful"), "wrong").then().statusCode(401);
        }
        login(h.login("forgetful"), Hierarchy.PASSWORD).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            login(h.login("forgetful"), "wrong").then().statusCode(401);
        }
        login(h.login("forgetful"), Hierarchy.PASSWORD).then().statusCode(200);
    }

    @Test
    void aBurstOfFailuresFromOneAddressThrottlesThatAddressOnly() {
        String attacker = "127.0.0.77";
        for (int i = 0; i < 30; i++) {
            int status = RawHttp.send(attacker, "POST", "/api/v1/auth/login", Map.of(),
                    "{\"login\":\"spray" + i + "\",\"password\":\"x\"}").status();
            Assertions.assertEquals(401, status, "attempt " + i);
        }
        RawHttp.Reply refused = RawHttp.send(attacker, "POST", "/api/v1/auth/login", Map.of(),
                "{\"login\":\"admin\",\"password\":\"" + TestDatabase.ADMIN_PASSWORD + "\"}");
        Assertions.assertEquals(429, refused.status());
        Assertions.assertTrue(refused.head().toLowerCase().contains("retry-after"));
        RawHttp.Reply elsewhere = RawHttp.send("127.0.0.78", "POST", "/api/v1/auth/login", Map.of(),
                "{\"login\":\"admin\",\"password\":\"" + TestDatabase.ADMIN_PASSWORD + "\"}");
        Assertions.assertEquals(200, elsewhere.status());
    }

    @Test
    void anApiTokenIsShownOnceWorksAsBearerIsListedWithoutSecretAndDiesWhenRevoked() {
        long id = h.add("script", "EMPLOYEE", null);
        var created = asAdmin().body(Map.of("name", "nightly sync")).post("/api/v1/users/" + id + "/api-tokens")
                .then().statusCode(201).body("token", startsWith("cbt_")).extract().jsonPath();
        String secret = created.getString("token");
        long tokenId = created.getLong("id");
        as(secret).get("/api/v1/me").then().statusCode(200).body("login", equalTo(h.login("script")));
        asAdmin().get("/api/v1/users/" + id + "/api-tokens").then().statusCode(200)
                .body("[0].name", equalTo("nightly sync")).body("[0].token", nullValue());
        as(h.token("headA")).get("/api/v1/users/" + id + "/api-tokens").then().statusCode(403);
        asAdmin().delete("/api/v1/users/" + id + "/api-tokens/" + tokenId).then().statusCode(204);
        as(secret).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        as("cbt_not-a-token").get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void anApiTokenOfABlockedUserStopsWorking() {
        long id = h.add("script2", "EMPLOYEE", null);
        String secret = asAdmin().body(Map.of("name", "t")).post("/api/v1/users/" + id + "/api-tokens")
                .then().statusCode(201).extract().path("token");
        as(secret).get("/api/v1/me").then().statusCode(200);
        asAdmin().body(Map.of("status", "BLOCKED")).patch("/api/v1/users/" + id).then().statusCode(200);
        as(secret).get("/api/v1/me").then().statusCode(401);
    }

    private static io.restassured.response.Response login(String login, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("login", login, "password", password)).post("/api/v1/auth/login");
    }
}
