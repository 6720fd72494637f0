package io.clientbase.history;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HistoryTest {

    private static Hierarchy h;
    private static long secretField;

    @Inject
    DataSource dataSource;

    @Inject
    HistoryRetention retention;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("hist");
        long section = asAdmin().body(Map.of("name", "История " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        field(section, "hs_contract", "TEXT");
        field(section, "hs_employees", "NUMBER");
        secretField = field(section, "hs_secret", "TEXT");
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("fieldId", secretField, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("headA")).then().statusCode(200);
    }

    private static long field(long section, String key, String type) {
        return asAdmin().body(Map.of("sectionId", section, "key", key, "name", "Поле " + key, "type", type))
                .post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static long client(String token, String name, Map<String, Object> fields) {
        return as(token).body(Map.of("name", name, "fields", fields)).post("/api/v1/clients").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void aPatchThatNamesOneMemberRecordsItsTrueOldValueAndNothingElse() {
        long id = client(h.token("a1"), "Ромашка", Map.of("hs_contract", "A-16", "hs_employees", 40));
        as(h.token("a1")).body(Map.of("fields", Map.of("hs_contract", "A-17"))).patch("/api/v1/clients/" + id).then().statusCode(200);
        as(h.token("a1")).body(Map.of("name", "Ромашка+")).patch("/api/v1/clients/" + id).then().statusCode(200);

        var history = as(h.token("a1")).get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("updated", "updated", "created"))
                .body("items[0].changes.field", contains("name"))
                .body("items[0].changes[0].from", equalTo("Ромашка"))
                .body("items[0].changes[0].to", equalTo("Ромашка+"))
                .body("items[1].changes.field", contains("fields.hs_contract"))
                .body("items[1].changes[0].from", equalTo("A-16"))
                .body("items[1].changes[0].to", equalTo("A-17"))
                .body("items[0].actor.id", equalTo((int) h.id("a1")))
                .body("items[0].actor.login", equalTo(h.login("a1")))
                .body("items[0].recordType", equalTo("client"))
                .body("items[0].at", notNullValue())
                .extract().jsonPath();
        List<String> created = history.getList("items[2].changes.field");
        assertTrue(created.containsAll(List.of("name", "ownerId", "fields.hs_contract", "fields.hs_employees")), created.toString());
    }

    @Test
    void aReaderSeesOnlyTheFieldsHeMaySeeAndOnlyRecordsInHisScope() {
        long id = client(h.token("a1"), "Секретный", Map.of("hs_secret", "тайна", "hs_contract", "C-1"));
        as(h.token("a1")).body(Map.of("fields", Map.of("hs_secret", "другая тайна"))).patch("/api/v1/clients/" + id).then().statusCode(200);

        as(h.token("headA")).get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("updated", "created"))
                .body("items[0].changes", empty())
                .body("items[1].changes.field", not(hasItem("fields.hs_secret")))
                .body("items[1].changes.field", hasItem("fields.hs_contract"));
        asAdmin().get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items[0].changes.field", contains("fields.hs_secret"))
                .body("items[0].changes[0].from", equalTo("тайна"));
        as(h.token("b1")).get("/api/v1/clients/" + id + "/history").then().statusCode(404);
        as(h.token("headB")).get("/api/v1/clients/" + id + "/history").then().statusCode(404);
        as(h.token("a1")).get("/api/v1/clients/999999999/history").then().statusCode(404);
    }

    @Test
    void aHandOverTheTrashAndARestoreAreNamedAsSuch() {
        long id = client(h.token("a1"), "Переходящий", Map.of());
        as(h.token("headA")).body(Map.of("ownerId", h.id("a2"))).patch("/api/v1/clients/" + id).then().statusCode(200);
        as(h.token("a2")).delete("/api/v1/clients/" + id).then().statusCode(204);
        as(h.token("a2")).post("/api/v1/clients/" + id + "/restore").then().statusCode(200);
        as(h.token("a2")).get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("restored", "deleted", "owner_changed", "created"))
                .body("items[2].changes.field", contains("ownerId"))
                .body("items[2].changes[0].from", equalTo((int) h.id("a1")))
                .body("items[2].changes[0].to", equalTo((int) h.id("a2")))
                .body("items[2].actor.login", equalTo(h.login("headA")));
    }

    @Test
    void aRefusedChangeLeavesNoEntry() {
        long id = client(h.token("a1"), "Неизменный", Map.of("hs_employees", 5));
        as(h.token("a1")).body(Map.of("fields", Map.of("hs_employees", "many"))).patch("/api/v1/clients/" + id).then().statusCode(422);
        as(h.token("a1")).header("If-Match", "\"99\"").body(Map.of("name", "X")).patch("/api/v1/clients/" + id).then().statusCode(412);
        as(h.token("a1")).get("/api/v1/clients/" + id + "/history").then().statusCode(200).body("items.action", contains("created"));
    }

    @Test
    void historyPagesNewestFirstWithACursor() {
        long id = client(h.token("a1"), "Страницы", Map.of());
        for (int i = 1; i <= 4; i++) {
            as(h.token("a1")).body(Map.of("name", "Страницы " + i)).patch("/api/v1/clients/" + id).then().statusCode(200);
        }
        var first = as(h.token("a1")).queryParam("limit", 2).get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items[0].changes[0].to", equalTo("Страницы 4"))
                .body("items[1].changes[0].to", equalTo("Страницы 3")).extract().jsonPath();
        var second = as(h.token("a1")).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items[0].changes[0].to", equalTo("Страницы 2"))
                .body("items[1].changes[0].to", equalTo("Страницы 1")).extract().jsonPath();
        as(h.token("a1")).queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .get("/api/v1/clients/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("created")).body("nextCursor", nullValue());
    }

    @Test
    void attachedRecordsKeepTheirHistoryToo() {
        long clientId = client(h.token("a1"), "С делами", Map.of());
        long activity = as(h.token("a1")).body(Map.of("clientId", clientId, "type", "CALL", "subject", "Позвонить"))
                .post("/api/v1/activities").then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("a1")).body(Map.of("done", true)).patch("/api/v1/activities/" + activity).then().statusCode(200);
        as(h.token("a1")).get("/api/v1/activities/" + activity + "/history").then().statusCode(200)
                .body("items.action", contains("updated", "created"))
                .body("items[0].changes.field", contains("done"))
                .body("items[0].changes[0].from", equalTo(false))
                .body("items[0].changes[0].to", equalTo(true));
        as(h.token("b1")).get("/api/v1/activities/" + activity + "/history").then().statusCode(404);

        long deal = as(h.token("a1")).body(Map.of("clientId", clientId, "title", "Сделка", "amount", 100))
                .post("/api/v1/deals").then().statusCode(201).extract().jsonPath().getLong("id");
        as(h.token("a1")).delete("/api/v1/deals/" + deal).then().statusCode(204);
        asAdmin().queryParam("recordType", "deal").get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.recordId == " + deal + " }.action", contains("deleted", "created"));
    }

    @Test
    void aUsersHistoryIsTheAdminsAndNamesANewPasswordWithoutShowingIt() {
        long user = h.add("hist_user_" + System.nanoTime() % 100000, "EMPLOYEE", h.id("headA"));
        asAdmin().body(Map.of("status", "BLOCKED", "password", "Another-Passw0rd")).patch("/api/v1/users/" + user).then().statusCode(200);
        asAdmin().get("/api/v1/users/" + user + "/history").then().statusCode(200)
                .body("items.action", contains("updated", "created"))
                .body("items[0].changes.field", contains("status", "password"))
                .body("items[0].changes[0].from", equalTo("ACTIVE"))
                .body("items[0].changes[0].to", equalTo("BLOCKED"))
                .body("items[0].changes[1].from", nullValue())
                .body("items[0].changes[1].to", nullValue());
        as(h.token("headA")).get("/api/v1/users/" + user + "/history").then().statusCode(403);
    }

    @Test
    void theAuditListsEveryChangeFilteredByActorTypeAndTimeForTheAdminAlone() {
        Instant before = Instant.now().minusSeconds(2);
        long id = client(h.token("a2"), "Аудит", Map.of());
        asAdmin().queryParam("actorId", h.id("a2")).queryParam("since", before.toString()).get("/api/v1/audit").then().statusCode(200)
                .body("items.recordId", hasItem((int) id))
                .body("items.actor.id", everyItem(equalTo((int) h.id("a2"))));
        asAdmin().queryParam("recordType", "user").get("/api/v1/audit").then().statusCode(200)
                .body("items.recordType", everyItem(equalTo("user")));
        asAdmin().queryParam("since", Instant.now().plusSeconds(3600).toString()).get("/api/v1/audit").then().statusCode(200)
                .body("items", empty());
        asAdmin().queryParam("recordType", "planet").get("/api/v1/audit").then().statusCode(400)
                .contentType("application/problem+json");
        as(h.token("headA")).get("/api/v1/audit").then().statusCode(403);
        as(h.token("a1")).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void theRetentionRemovesOnlyEntriesOlderThanItsCutoff() throws Exception {
        long id = client(h.token("a1"), "Давний", Map.of());
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO record_changes (record_type, record_id, action, at, changes) VALUES ('client', ?, 'updated', '2001-01-01', '[]')")) {
            st.setLong(1, id);
            st.executeUpdate();
        }
        assertEquals(1, retention.purgeOlderThan(Instant.parse("2002-01-01T00:00:00Z")));
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT COUNT(*) FROM record_changes WHERE record_type = 'client' AND record_id = ?")) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                assertEquals(1, rs.getInt(1), "the create stays");
            }
        }
    }
}
