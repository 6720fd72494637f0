package io.clientbase.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Overload is answered, not queued: beyond clientbase.max-in-flight (3 here) a request gets 503 at once. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
@TestProfile(OverloadTest.ThreeAtOnce.class)
class OverloadTest {

    public static class ThreeAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clientbase.max-in-flight", "3");
        }
    }

    record Answer(int status, String retryAfter, String type, long millis, String detail) {
    }

    @Test
    void requestsBeyondWhatTheInstanceWorksOnAtOnceGet503WithRetryAfterAtOnce() throws Exception {
        // the first request after this profile's start loads the test's contract validator (1.8 s
        // measured, more as the contract grows) and the server's cold paths: not what is measured here
        given().get("/api/v1/me").then().statusCode(401);
        ExecutorService callers = Executors.newFixedThreadPool(12);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            futures.add(callers.submit(() -> {
                long start = System.nanoTime();
                Response r = given().get("/test-only/failure/slow");
                long millis = (System.nanoTime() - start) / 1_000_000;
                return new Answer(r.statusCode(), r.header("Retry-After"), r.getContentType(), millis,
                        r.statusCode() == 200 ? "" : r.jsonPath().getString("detail"));
            }));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        callers.shutdown();
        List<Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
        List<Answer> served = answers.stream().filter(a -> a.status() == 200).toList();
        assertEquals(12, refused.size() + served.size(), "answers: " + answers);
        assertTrue(served.size() >= 3 && refused.size() >= 6, "answers: " + answers);
        for (Answer a : refused) {
            assertEquals("1", a.retryAfter());
            assertTrue(a.type().startsWith("application/problem+json"));
            assertTrue(a.millis() < 1_000, "a refusal waited " + a.millis() + " ms: " + answers);
        }
        given().get("/q/health/ready").then().statusCode(200);
        assertEquals(200, given().get("/test-only/failure/slow").statusCode(), "the instance serves again");
    }
}
