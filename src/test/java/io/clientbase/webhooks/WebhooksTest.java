package io.clientbase.webhooks;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class WebhooksTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static Hierarchy h;
    private static Receiver receiver;
    private static final List<Long> webhooks = new ArrayList<>();

    @BeforeEach
    void company() throws Exception {
        if (h != null) {
            return;
        }
        receiver = new Receiver();
        h = Hierarchy.create("hooks");
        long section = asAdmin().body(Map.of("name", "Вебхуки " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("sectionId", section, "key", "wh_contract", "name", "Договор", "type", "TEXT"))
                .post("/api/v1/fields").then().statusCode(201);
        long secret = asAdmin().body(Map.of("sectionId", section, "key", "wh_secret", "name", "Тайна", "type", "TEXT"))
                .post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("fieldId", secret, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("headA")).then().statusCode(200);
    }

    /** Each test's endpoints go with it, so that the suite's other changes are not sent anywhere. */
    @AfterEach
    void unsubscribe() {
        for (long id : webhooks) {
            asAdmin().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        }
        webhooks.clear();
    }

    @AfterAll
    static void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private static io.restassured.path.json.JsonPath subscribe(String token, String path, String... events) {
        var created = as(token).body(Map.of("url", receiver.url(path), "events", List.of(events))).post("/api/v1/webhooks")
                .then().statusCode(201).extract().jsonPath();
        webhooks.add(created.getLong("id"));
        return created;
    }

    private static long client(String token, String name, Map<String, Object> fields) {
        return as(token).body(Map.of("name", name, "fields", fields)).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private static boolean about(Receiver.Received r, long clientId, String type) {
        return r.json().getString("type").equals(type) && r.json().getLong("data.id") == clientId;
    }

    @Test
    void theSecretIsShownOnceAndEveryMessageIsSignedAsStandardWebhooksSays() throws Exception {
        var webhook = subscribe(Tokens.admin(), "/signed", "client.created");
        String secret = webhook.getString("secret");
        assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), secret);
        asAdmin().get("/api/v1/webhooks/" + webhook.getLong("id")).then().statusCode(200).body("secret", nullValue())
                .body("active", equalTo(true)).body("events", equalTo(List.of("client.created")));

        long id = client(h.token("a1"), "Подписанный", Map.of("wh_contract", "S-1"));
        var message = receiver.await("/signed", r -> about(r, id, "client.created"), 1, WAIT);
        assertEquals(1, message.size(), "one message for the create");
        var m = message.get(0);
        assertTrue(StandardWebhooksVerifier.verifies(secret, m.header("webhook-id"), m.header("webhook-timestamp"),
                m.header("webhook-signature"), m.body()), "the signature verifies with the secret");
        assertFalse(StandardWebhooksVerifier.verifies(secret, m.header("webhook-id"), m.header("webhook-timestamp"),
                m.header("webhook-signature"), m.body().replace("S-1", "S-2")), "a changed body does not verify");
        assertEquals("Подписанный", m.json().getString("data.record.name"));
        assertEquals("S-1", m.json().getString("data.record.fields.wh_contract"));
        assertEquals(h.login("a1"), m.json().getString("data.actor.login"));
        assertTrue(m.json().getString("timestamp").endsWith("Z"));
    }

    @Test
    void aWebhookDeliversOnlyWhatItsOwnerSees() throws Exception {
        subscribe(Tokens.admin(), "/admin-sees", "client.created", "client.updated");
        subscribe(h.token("headA"), "/head-sees", "client.created", "client.updated");
        long mine = client(h.token("a1"), "В отделе A", Map.of("wh_contract", "A-1", "wh_secret", "тайна"));
        long other = client(h.token("b1"), "В отделе B", Map.of());
        as(h.token("a1")).body(Map.of("fields", Map.of("wh_secret", "другая"))).patch("/api/v1/clients/" + mine).then().statusCode(200);
        as(h.token("a1")).body(Map.of("fields", Map.of("wh_contract", 42))).patch("/api/v1/clients/" + mine).then().statusCode(422);
        as(h.token("a1")).body(Map.of("name", "В отделе A+")).patch("/api/v1/clients/" + mine).then().statusCode(200);

        assertEquals(2, receiver.await("/admin-sees", r -> about(r, mine, "client.updated"), 2, WAIT).size(),
                "the ADMIN learns of both updates, the hidden field's too");
        assertEquals(1, receiver.await("/admin-sees", r -> about(r, other, "client.created"), 1, WAIT).size());
        var head = receiver.await("/head-sees", r -> about(r, mine, "client.updated"), 1, WAIT);
        assertEquals(1, head.size(), "the head learns only of the update he can see");
        assertEquals(List.of("name"), head.get(0).json().getList("data.changes.field"));
        Thread.sleep(1000);
        List<Receiver.Received> all = receiver.at("/head-sees");
        assertTrue(all.stream().noneMatch(r -> r.json().getLong("data.id") == other), "nothing of another department");
        assertEquals(2, all.stream().filter(r -> r.json().getLong("data.id") == mine).count(), "create + the visible update: " + all);
        var created = all.stream().filter(r -> about(r, mine, "client.created")).findFirst().orElseThrow();
        assertFalse(created.body().contains("тайна"), "a hidden value never leaves");
        assertFalse(created.json().getMap("data.record.fields").containsKey("wh_secret"));
    }

    @Test
    void aFailingEndpointIsRetriedWithTheSameIdUntilItAnswers2xx() throws Exception {
        var webhook = subscribe(Tokens.admin(), "/flaky", "client.created");
        receiver.answer("/flaky", 500, 503);
        long id = client(h.token("a1"), "Повторный", Map.of());
        var attempts = receiver.await("/flaky", r -> about(r, id, "client.created"), 3, WAIT);
        assertEquals(3, attempts.size(), "two failures then a success");
        assertEquals(List.of(500, 503, 200), attempts.stream().map(Receiver.Received::answered).toList());
        assertEquals(1, attempts.stream().map(r -> r.header("webhook-id")).distinct().count(), "one webhook-id on every attempt");
        long webhookId = webhook.getLong("id");
        awaitDelivered(webhookId);
        asAdmin().get("/api/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                .body("items[0].state", equalTo("DELIVERED")).body("items[0].attempts", equalTo(3))
                .body("items[0].lastStatus", equalTo(200)).body("items[0].eventType", equalTo("client.created"))
                .body("items[0].messageId", equalTo(attempts.get(0).header("webhook-id")));
    }

    @Test
    void messagesOfOneRecordArriveInOrderEvenAcrossRetries() throws Exception {
        subscribe(Tokens.admin(), "/ordered", "client.created", "client.updated");
        receiver.answer("/ordered", 500);
        long id = client(h.token("a1"), "По порядку", Map.of());
        as(h.token("a1")).body(Map.of("name", "По порядку 2")).patch("/api/v1/clients/" + id).then().statusCode(200);
        var seen = receiver.await("/ordered", r -> r.json().getLong("data.id") == id, 3, WAIT);
        assertEquals(List.of("client.created", "client.created", "client.updated"),
                seen.stream().map(r -> r.json().getString("type")).toList(), "the update waits for the create");
    }

    @Test
    void redeliverSendsTheSameMessageAgain() throws Exception {
        var webhook = subscribe(Tokens.admin(), "/again", "client.created");
        long id = client(h.token("a1"), "Ещё раз", Map.of());
        receiver.await("/again", r -> about(r, id, "client.created"), 1, WAIT);
        long webhookId = webhook.getLong("id");
        long delivery = awaitDelivered(webhookId);
        asAdmin().post("/api/v1/webhooks/" + webhookId + "/deliveries/" + delivery + "/redeliver").then().statusCode(202)
                .body("state", equalTo("PENDING"));
        var both = receiver.await("/again", r -> about(r, id, "client.created"), 2, WAIT);
        assertEquals(2, both.size());
        assertEquals(both.get(0).header("webhook-id"), both.get(1).header("webhook-id"));
        asAdmin().post("/api/v1/webhooks/" + webhookId + "/deliveries/999999999/redeliver").then().statusCode(404);
    }

    @Test
    void aRotatedSecretSignsBesideTheNewOneForAWhile() throws Exception {
        var webhook = subscribe(Tokens.admin(), "/rotated", "client.created");
        String old = webhook.getString("secret");
        String fresh = asAdmin().post("/api/v1/webhooks/" + webhook.getLong("id") + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        long id = client(h.token("a1"), "Новый ключ", Map.of());
        var m = receiver.await("/rotated", r -> about(r, id, "client.created"), 1, WAIT).get(0);
        assertEquals(2, m.header("webhook-signature").split(" ").length);
        for (String secret : List.of(old, fresh)) {
            assertTrue(StandardWebhooksVerifier.verifies(secret, m.header("webhook-id"), m.header("webhook-timestamp"),
                    m.header("webhook-signature"), m.body()));
        }
    }

    @Test
    void anEndpointThatAnswers410IsDisabled() throws Exception {
        var webhook = subscribe(Tokens.admin(), "/gone", "client.created");
        receiver.answer("/gone", 410);
        long id = client(h.token("a1"), "Ушедший", Map.of());
        receiver.await("/gone", r -> about(r, id, "client.created"), 1, WAIT);
        long webhookId = webhook.getLong("id");
        for (int i = 0; i < 100 && asAdmin().get("/api/v1/webhooks/" + webhookId).jsonPath().getBoolean("active"); i++) {
            Thread.sleep(100);
        }
        asAdmin().get("/api/v1/webhooks/" + webhookId).then().body("active", equalTo(false))
                .body("disabledReason", matchesPattern(".*410.*"));
        asAdmin().body(Map.of("active", true)).patch("/api/v1/webhooks/" + webhookId).then().statusCode(200)
                .body("active", equalTo(true)).body("$", not(hasKey("disabledReason")));
    }

    @Test
    void aUrlThatIsNotPublicIsRefused() {
        for (String url : List.of("http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/",
                "http://192.168.1.10/", "http://0.0.0.0/", "ftp://example.com/hook", "not a url", "http://[fd00::1]/")) {
            asAdmin().body(Map.of("url", url, "events", List.of("client.created"))).post("/api/v1/webhooks").then().statusCode(422)
                    .contentType("application/problem+json");
        }
        asAdmin().body(Map.of("url", receiver.url("/x"), "events", List.of("client.exploded"))).post("/api/v1/webhooks")
                .then().statusCode(422);
    }

    @Test
    void webhooksAreManagedByWhoHasTheSettingsRightEachSeeingHisOwn() {
        long adminHook = subscribe(Tokens.admin(), "/admins", "client.created").getLong("id");
        as(h.token("a1")).body(Map.of("url", receiver.url("/emp"), "events", List.of("client.created"))).post("/api/v1/webhooks")
                .then().statusCode(403);
        as(h.token("a1")).get("/api/v1/webhooks").then().statusCode(403);
        as(h.token("headA")).get("/api/v1/webhooks/" + adminHook).then().statusCode(404);
        as(h.token("headA")).delete("/api/v1/webhooks/" + adminHook).then().statusCode(404);
        as(h.token("headA")).body(Map.of("url", receiver.url("/users"), "events", List.of("user.created"))).post("/api/v1/webhooks")
                .then().statusCode(422);
        long own = subscribe(h.token("headA"), "/own", "client.created").getLong("id");
        List<Long> seen = as(h.token("headA")).get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("id", Long.class);
        assertTrue(seen.contains(own) && !seen.contains(adminHook), seen.toString());
    }

    private static long awaitDelivered(long webhookId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            var page = asAdmin().get("/api/v1/webhooks/" + webhookId + "/deliveries").jsonPath();
            if ("DELIVERED".equals(page.getString("items[0].state"))) {
                return page.getLong("items[0].id");
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no delivery became DELIVERED");
    }

    /** Tokens by role, named as the brief names them. */
    static final class Tokens {
        static String admin() {
            return io.clientbase.support.Api.adminToken();
        }
    }
}
