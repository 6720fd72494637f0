package io.clientbase.schema;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class SectionsAndFieldsTest {

    private static Hierarchy h;

    @Inject
    DataSource dataSource;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("schema");
            asAdmin().body(Map.of("rights", Map.of("settings", false))).patch("/api/v1/users/" + h.id("headB")).then().statusCode(200);
        }
    }

    static long section(String name) {
        return asAdmin().body(Map.of("name", name)).post("/api/v1/sections").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static long field(long sectionId, String key, String type, Object... extra) {
        Map<String, Object> body = new HashMap<>(Map.of("sectionId", sectionId, "key", key, "name", "Поле " + key, "type", type));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return asAdmin().body(body).post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void theTwoBuiltInSectionsCanBeRenamedAndReorderedButNeverDeleted() {
        var builtIn = asAdmin().get("/api/v1/sections").then().statusCode(200).extract().jsonPath();
        long first = builtIn.getLong("find { it.builtIn }.id");
        asAdmin().body(Map.of("name", "Основное", "position", 10)).patch("/api/v1/sections/" + first)
                .then().statusCode(200).body("name", equalTo("Основное")).body("position", equalTo(10));
        asAdmin().delete("/api/v1/sections/" + first).then().statusCode(409)
                .body("type", equalTo("https://clientbase.io/problems/conflict"))
                .body("detail", containsString("never deleted"));
        asAdmin().body(Map.of("name", "General", "position", 1)).patch("/api/v1/sections/" + first).then().statusCode(200);
    }

    @Test
    void settingsAreManagedByAdminAndAdministrationWithTheRightOnly() {
        as(h.token("headA")).body(Map.of("name", "От руководителя A")).post("/api/v1/sections").then().statusCode(201);
        as(h.token("headB")).body(Map.of("name", "От руководителя B")).post("/api/v1/sections").then().statusCode(403);
        as(h.token("a1")).body(Map.of("name", "От сотрудника")).post("/api/v1/sections").then().statusCode(403);
        long s = section("Managed " + h.suffix);
        as(h.token("a1")).body(Map.of("sectionId", s, "key", "emp_key", "name", "x", "type", "TEXT"))
                .post("/api/v1/fields").then().statusCode(403);
        as(h.token("headB")).body(Map.of("name", "renamed")).patch("/api/v1/sections/" + s).then().statusCode(403);
        as(h.token("a1")).get("/api/v1/sections").then().statusCode(200);
    }

    @Test
    void sectionNamesAreUniqueAndUnicode() {
        section("Контракт 💼 " + h.suffix);
        asAdmin().body(Map.of("name", "Контракт 💼 " + h.suffix)).post("/api/v1/sections").then().statusCode(409);
        asAdmin().get("/api/v1/sections").then().body("name", hasItem("Контракт 💼 " + h.suffix));
    }

    @Test
    void everyTypeCanBeCreatedAndATypeNeverChanges() {
        long s = section("Types " + h.suffix);
        for (String type : List.of("TEXT", "NUMBER", "DATE", "CHECKBOX", "EMAIL", "PHONE", "URL", "DATETIME", "MONEY")) {
            field(s, "t_" + type.toLowerCase(), type);
        }
        long select = field(s, "t_select", "SELECT", "options", List.of("a", "b"));
        field(s, "t_multi", "MULTISELECT", "options", List.of("x", "y"));
        asAdmin().body(Map.of("type", "NUMBER")).patch("/api/v1/fields/" + select).then().statusCode(422)
                .body("errors.field", hasItem("type")).body("detail", containsString("never changes"));
        asAdmin().body(Map.of("key", "other")).patch("/api/v1/fields/" + select).then().statusCode(422);
        asAdmin().body(Map.of("sectionId", s, "key", "no_options", "name", "n", "type", "SELECT")).post("/api/v1/fields")
                .then().statusCode(422).body("errors.field", hasItem("options"));
        asAdmin().body(Map.of("sectionId", s, "key", "Bad-Key", "name", "n", "type", "TEXT")).post("/api/v1/fields")
                .then().statusCode(422).body("errors.field", hasItem("key"));
        asAdmin().body(Map.of("sectionId", s, "key", "t_text", "name", "dup key", "type", "TEXT")).post("/api/v1/fields")
                .then().statusCode(409);
        asAdmin().body(Map.of("sectionId", s, "key", "bad_type", "name", "n", "type", "COLOR")).post("/api/v1/fields")
                .then().statusCode(400);
    }

    @Test
    void fieldNamesAreUniqueWithinTheirSectionAndAFieldMovesAndIsRenamed() {
        long s1 = section("Names one " + h.suffix);
        long s2 = section("Names two " + h.suffix);
        long f = field(s1, "named_" + "one", "TEXT");
        asAdmin().body(Map.of("sectionId", s1, "key", "named_two", "name", "Поле named_one", "type", "TEXT"))
                .post("/api/v1/fields").then().statusCode(409);
        asAdmin().body(Map.of("sectionId", s2, "key", "named_two", "name", "Поле named_one", "type", "TEXT"))
                .post("/api/v1/fields").then().statusCode(201);
        asAdmin().body(Map.of("sectionId", s2)).patch("/api/v1/fields/" + f).then().statusCode(409);
        asAdmin().body(Map.of("sectionId", s2, "name", "Перемещено", "position", 7)).patch("/api/v1/fields/" + f)
                .then().statusCode(200).body("sectionId", equalTo((int) s2)).body("name", equalTo("Перемещено"))
                .body("position", equalTo(7));
    }

    @Test
    void aDeletedFieldGoesToTheTrashAndCanBeRestoredOrPurged() {
        long s = section("Trash " + h.suffix);
        long f = field(s, "trashed", "TEXT");
        asAdmin().delete("/api/v1/fields/" + f).then().statusCode(204);
        asAdmin().get("/api/v1/fields").then().body("id", not(hasItem((int) f)));
        asAdmin().queryParam("deleted", true).get("/api/v1/fields").then().statusCode(200).body("id", hasItem((int) f));
        as(h.token("a1")).queryParam("deleted", true).get("/api/v1/fields").then().statusCode(403);
        asAdmin().delete("/api/v1/sections/" + s).then().statusCode(409);
        asAdmin().post("/api/v1/fields/" + f + "/restore").then().statusCode(200).body("key", equalTo("trashed"));
        asAdmin().get("/api/v1/fields").then().body("id", hasItem((int) f));
        asAdmin().queryParam("purge", true).delete("/api/v1/fields/" + f).then().statusCode(409);
        asAdmin().delete("/api/v1/fields/" + f).then().statusCode(204);
        asAdmin().queryParam("purge", true).delete("/api/v1/fields/" + f).then().statusCode(204);
        asAdmin().get("/api/v1/fields/" + f).then().statusCode(404);
        asAdmin().queryParam("deleted", true).get("/api/v1/fields").then().body("id", not(hasItem((int) f)));
        asAdmin().delete("/api/v1/sections/" + s).then().statusCode(204);
    }

    @Test
    void aSectionVisibleToAGroupIsSeenByItsMembersAndAdminOnly() {
        long group = asAdmin().body(Map.of("name", "Бухгалтерия " + h.suffix)).post("/api/v1/groups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("groupIds", List.of(group))).patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
        long s = asAdmin().body(Map.of("name", "Finance " + h.suffix, "visibleToGroupIds", List.of(group)))
                .post("/api/v1/sections").then().statusCode(201).body("visibleToGroupIds", equalTo(List.of((int) group)))
                .extract().jsonPath().getLong("id");
        long f = field(s, "iban", "TEXT");
        as(h.token("a1")).get("/api/v1/sections").then().body("id", hasItem((int) s));
        as(h.token("a1")).get("/api/v1/fields/" + f).then().statusCode(200);
        as(h.token("a2")).get("/api/v1/sections").then().body("id", not(hasItem((int) s)));
        as(h.token("a2")).get("/api/v1/sections/" + s).then().statusCode(404);
        as(h.token("a2")).get("/api/v1/fields").then().body("key", not(hasItem("iban")));
        as(h.token("a2")).get("/api/v1/fields/" + f).then().statusCode(404);
        asAdmin().get("/api/v1/sections/" + s).then().statusCode(200);
    }

    @Test
    void fieldAccessHidesASectionOrAFieldForOneUser() {
        long s = section("Per user " + h.suffix);
        long hidden = field(s, "per_user_hidden", "TEXT");
        long readOnly = field(s, "per_user_ro", "TEXT");
        long s2 = section("Hidden whole " + h.suffix);
        field(s2, "in_hidden_section", "TEXT");
        asAdmin().body(Map.of("fieldAccess", List.of(
                        Map.of("fieldId", hidden, "access", "HIDDEN"),
                        Map.of("fieldId", readOnly, "access", "READ_ONLY"),
                        Map.of("sectionId", s2, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("b1")).then().statusCode(200);
        as(h.token("b1")).get("/api/v1/fields").then().statusCode(200)
                .body("key", not(hasItem("per_user_hidden")))
                .body("key", hasItem("per_user_ro"))
                .body("key", not(hasItem("in_hidden_section")));
        as(h.token("b1")).get("/api/v1/sections").then().body("id", not(hasItem((int) s2)));
        as(h.token("headB")).get("/api/v1/fields").then().body("key", hasItem("per_user_hidden"));
    }

    @Test
    void aSchemaChangeAppliesOnTheNextRequestOfAUserWhoJustReadTheSchema() {
        long group = asAdmin().body(Map.of("name", "Late group " + h.suffix)).post("/api/v1/groups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long s = section("Changing " + h.suffix);
        long f = field(s, "changing_" + h.suffix, "TEXT");
        as(h.token("a2")).get("/api/v1/sections").then().body("id", hasItem((int) s));
        as(h.token("a2")).get("/api/v1/fields").then().body("key", hasItem("changing_" + h.suffix));

        asAdmin().body(Map.of("visibleToGroupIds", List.of(group))).patch("/api/v1/sections/" + s).then().statusCode(200);
        as(h.token("a2")).get("/api/v1/sections").then().body("id", not(hasItem((int) s)));
        as(h.token("a2")).get("/api/v1/fields/" + f).then().statusCode(404);

        asAdmin().body(Map.of("visibleToGroupIds", List.of())).patch("/api/v1/sections/" + s).then().statusCode(200);
        as(h.token("a2")).get("/api/v1/fields/" + f).then().statusCode(200);

        asAdmin().delete("/api/v1/fields/" + f).then().statusCode(204);
        as(h.token("a2")).get("/api/v1/fields").then().body("key", not(hasItem("changing_" + h.suffix)));
        asAdmin().post("/api/v1/fields/" + f + "/restore").then().statusCode(200);
        as(h.token("a2")).get("/api/v1/fields").then().body("key", hasItem("changing_" + h.suffix));

        asAdmin().body(Map.of("groupIds", List.of(group))).patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
        asAdmin().body(Map.of("visibleToGroupIds", List.of(group))).patch("/api/v1/sections/" + s).then().statusCode(200);
        as(h.token("a1")).get("/api/v1/fields/" + f).then().statusCode(200);
        asAdmin().body(Map.of("groupIds", List.of())).patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
        as(h.token("a1")).get("/api/v1/fields/" + f).then().statusCode(404);
    }

    @Test
    void aSchemaChangeWrittenByAnotherInstanceIsSeenOnTheNextRequest() throws Exception {
        long s = section("Shared db " + h.suffix);
        long f = field(s, "shared_db_" + h.suffix, "TEXT");
        as(h.token("a2")).get("/api/v1/fields/" + f).then().body("name", equalTo("Поле shared_db_" + h.suffix));
        // what another instance's field rename commits on the shared database
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE fields SET name = 'Renamed elsewhere' WHERE id = " + f);
            st.executeUpdate("UPDATE schema_state SET version = version + 1 WHERE id = 1");
        }
        as(h.token("a2")).get("/api/v1/fields/" + f).then().body("name", equalTo("Renamed elsewhere"));
        as(h.token("a2")).get("/api/v1/fields").then().body("name", hasItem("Renamed elsewhere"));
    }

    @Test
    void aGroupThatRestrictsASectionCannotBeDeletedSoTheSectionNeverOpensToEveryone() {
        long group = asAdmin().body(Map.of("name", "Restricting " + h.suffix)).post("/api/v1/groups").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long s = asAdmin().body(Map.of("name", "Closed " + h.suffix, "visibleToGroupIds", List.of(group)))
                .post("/api/v1/sections").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().delete("/api/v1/groups/" + group).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("Closed " + h.suffix));
        as(h.token("a2")).get("/api/v1/sections").then().body("id", not(hasItem((int) s)));
        asAdmin().body(Map.of("visibleToGroupIds", List.of())).patch("/api/v1/sections/" + s).then().statusCode(200);
        asAdmin().delete("/api/v1/groups/" + group).then().statusCode(204);
    }
}
