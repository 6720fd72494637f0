package io.clientbase.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Api;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-caller limit of CLIENTBASE_RATE_LIMIT_PER_SECOND / _BURST, with a burst of 5 at 1 per second. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clientbase.rate-limit.per-second", "1", "clientbase.rate-limit.burst", "5",
                    "%test.clientbase.rate-limit.per-second", "1", "%test.clientbase.rate-limit.burst", "5");
        }
    }

    @BeforeEach
    void letTheAddressBucketFillUp() throws InterruptedException {
        Thread.sleep(2600);
    }

    @Test
    void aCallerBeyondItsBurstGets429WithRetryAfterAndTheRateLimitHeaders() {
        String token = Api.adminToken();
        List<Integer> remaining = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response answer = Api.as(token).get("/api/v1/me");
            answer.then().statusCode(200).header("RateLimit-Limit", "5");
            remaining.add(Integer.parseInt(answer.header("RateLimit-Remaining")));
        }
        assertEquals(List.of(4, 3, 2, 1, 0), remaining);
        Response refused = Api.as(token).get("/api/v1/me");
        refused.then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .header("RateLimit-Remaining", "0")
                .body("type", equalTo("https://clientbase.io/problems/too-many-requests"))
                .body("status", equalTo(429));
        assertTrue(Integer.parseInt(refused.header("RateLimit-Reset")) >= 1);
    }

    @Test
    void eachCallerHasItsOwnAllowance() {
        String first = Api.adminToken();
        for (int i = 0; i < 6; i++) {
            Api.as(first).get("/api/v1/me");
        }
        Api.as(first).get("/api/v1/me").then().statusCode(429);
        String second = Api.adminToken();
        Api.as(second).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void afterRetryAfterTheCallerMayGoOn() throws InterruptedException {
        String token = Api.adminToken();
        Response last;
        int sent = 0;
        do {
            last = Api.as(token).get("/api/v1/me");
            sent++;
        } while (last.statusCode() == 200 && sent < 10);
        assertEquals(429, last.statusCode());
        Thread.sleep(Long.parseLong(last.header("Retry-After")) * 1000 + 100);
        Api.as(token).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void callersWithoutCredentialsAreCountedByTheirAddressBeforeAuthentication() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(given().get("/api/v1/clients").statusCode());
        }
        assertEquals(401, statuses.get(0));
        assertTrue(statuses.contains(429), "statuses " + statuses);
        assertTrue(statuses.subList(statuses.indexOf(429), statuses.size()).stream().allMatch(s -> s == 429), "statuses " + statuses);
    }

    @Test
    void healthChecksAreNeverLimited() {
        for (int i = 0; i < 20; i++) {
            given().get("/q/health/ready").then().statusCode(200);
        }
    }
}
