package io.clientbase.documents;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class DocumentsTest {

    private static Hierarchy h;
    private static long clientA1;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("docs");
            clientA1 = as(h.token("a1")).body(Map.of("name", "С документами")).post("/api/v1/clients").then().statusCode(201)
                    .extract().jsonPath().getLong("id");
        }
    }

    private static io.restassured.response.Response upload(String token, long clientId, String fileName, byte[] bytes, String type) {
        return given().header("Authorization", "Bearer " + token)
                .multiPart("file", fileName, bytes, type)
                .multiPart("clientId", String.valueOf(clientId))
                .post("/api/v1/documents");
    }

    /** As a browser sends it: the file name in UTF-8 in the part's Content-Disposition. */
    private static long browserUpload(String token, long clientId, String fileName, byte[] bytes, String type) {
        String boundary = "----clientbase" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"clientId\"\r\n\r\n" + clientId + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var reply = io.clientbase.support.RawHttp.send("127.0.0.1", "POST", "/api/v1/documents",
                Map.of("Authorization", "Bearer " + token), "multipart/form-data; boundary=" + boundary, body.toByteArray());
        assertEquals(201, reply.status(), reply.body());
        return io.restassured.path.json.JsonPath.from(reply.body()).getLong("id");
    }

    @Test
    void aMalformedMultipartBodyIsA400ProblemNeverA500() {
        String token = h.token("a1");
        String boundary = "----bad" + System.nanoTime();
        Map<String, byte[]> bodies = new java.util.LinkedHashMap<>();
        bodies.put("garbage", "this is not multipart at all".getBytes(StandardCharsets.UTF_8));
        bodies.put("truncated", ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhalf a fi").getBytes(StandardCharsets.UTF_8));
        bodies.put("no headers", ("--" + boundary + "\r\n\r\nvalue\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        bodies.put("empty", new byte[0]);
        bodies.put("clientId not a number", ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"clientId\"\r\n\r\nabc\r\n--"
                + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        for (var body : bodies.entrySet()) {
            for (String type : List.of("multipart/form-data; boundary=" + boundary, "multipart/form-data")) {
                var reply = io.clientbase.support.RawHttp.send("127.0.0.1", "POST", "/api/v1/documents",
                        Map.of("Authorization", "Bearer " + token), type, body.getValue());
                assertTrue(reply.status() >= 400 && reply.status() < 500, body.getKey() + " / " + type + ": " + reply.status() + " " + reply.body());
                assertTrue(reply.body().contains("\"type\""), body.getKey() + " / " + type + " is not a problem: " + reply.body());
            }
        }
    }

    @Test
    void aMultipartBodyOfMoreThan64PartsIsA400ProblemAndStoresNothing() throws Exception {
        long before = files();
        String boundary = "----many" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p")
                    .append(i).append(".txt\"\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        var reply = io.clientbase.support.RawHttp.send("127.0.0.1", "POST", "/api/v1/documents",
                Map.of("Authorization", "Bearer " + h.token("a1")), "multipart/form-data; boundary=" + boundary,
                body.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.body().contains("more than 64 parts"), reply.body());
        assertEquals(before, files());
    }

    @Test
    void anUploadRoundTripsWithItsCyrillicNameTypeAndBytes() {
        byte[] bytes = "%PDF-1.4 договор 📄".getBytes(StandardCharsets.UTF_8);
        String name = "Договор №17 «Ромашка».pdf";
        long id = browserUpload(h.token("a1"), clientA1, name, bytes, "application/pdf");
        as(h.token("a1")).get("/api/v1/documents/" + id).then().statusCode(200)
                .body("fileName", equalTo(name)).body("contentType", equalTo("application/pdf"))
                .body("size", equalTo(bytes.length)).body("sha256", org.hamcrest.Matchers.hasLength(64));
        var download = as(h.token("a1")).get("/api/v1/documents/" + id + "/content").then().statusCode(200)
                .contentType(containsString("application/pdf"))
                .header("Content-Length", String.valueOf(bytes.length))
                .extract();
        assertArrayEquals(bytes, download.asByteArray());
        String disposition = download.header("Content-Disposition");
        assertTrue(disposition.startsWith("attachment;"), disposition);
        String encoded = disposition.substring(disposition.indexOf("filename*=UTF-8''") + "filename*=UTF-8''".length());
        assertEquals(name, URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        as(h.token("headA")).get("/api/v1/documents/" + id + "/content").then().statusCode(200);
        as(h.token("b1")).get("/api/v1/documents/" + id + "/content").then().statusCode(404);
        as(h.token("b1")).get("/api/v1/documents/" + id).then().statusCode(404);
    }

    @Test
    void aFileOverTheLimitIs413AndLeavesNothingBehind() throws Exception {
        long before = files();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        upload(h.token("a1"), clientA1, "big.bin", big, "application/octet-stream").then().statusCode(413)
                .contentType("application/problem+json");
        assertEquals(before, files());
        as(h.token("a1")).queryParam("clientId", clientA1).get("/api/v1/documents").then()
                .body("items.fileName", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("big.bin")));
    }

    @Test
    void aRefusedUploadLeavesNeitherRecordNorFile() throws Exception {
        long before = files();
        upload(h.token("b1"), clientA1, "foreign.txt", "x".getBytes(), "text/plain").then().statusCode(404);
        given().header("Authorization", "Bearer " + h.token("a1")).multiPart("clientId", String.valueOf(clientA1))
                .post("/api/v1/documents").then().statusCode(422);
        assertEquals(before, files());
    }

    @Test
    void aUserWithoutDocumentsDeleteCannotDeleteADocumentByAnyPath() {
        long user = h.add("nodocdelete", "EMPLOYEE", null);
        String token = h.token("nodocdelete");
        long client = as(token).body(Map.of("name", "keeps docs")).post("/api/v1/clients").then().statusCode(201).extract().jsonPath().getLong("id");
        long doc = upload(token, client, "keep.txt", "keep".getBytes(), "text/plain").then().statusCode(201).extract().jsonPath().getLong("id");
        asAdmin().body(Map.of("rights", Map.of("documents", Map.of("delete", false)))).patch("/api/v1/users/" + user).then().statusCode(200);
        as(token).delete("/api/v1/documents/" + doc).then().statusCode(403);
        as(token).queryParam("purge", true).delete("/api/v1/clients/" + client).then().statusCode(403);
        as(token).delete("/api/v1/clients/" + client).then().statusCode(204);
        as(token).post("/api/v1/clients/" + client + "/restore").then().statusCode(200);
        as(token).get("/api/v1/documents/" + doc + "/content").then().statusCode(200);
        asAdmin().delete("/api/v1/documents/" + doc).then().statusCode(204);
        asAdmin().get("/api/v1/documents/" + doc).then().statusCode(404);
    }

    @Test
    void deletingADocumentRemovesItsFile() throws Exception {
        long doc = upload(h.token("a1"), clientA1, "temp.txt", "temp".getBytes(), "text/plain").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long before = files();
        as(h.token("a1")).delete("/api/v1/documents/" + doc).then().statusCode(204);
        assertEquals(before - 1, files());
        as(h.token("a1")).body(Map.of("fileName", "x")).patch("/api/v1/documents/" + doc).then().statusCode(404);
    }

    @Test
    void aDocumentIsRenamedWithoutATrickyPath() {
        long doc = upload(h.token("a1"), clientA1, "../../etc/passwd", "p".getBytes(), "text/plain").then().statusCode(201)
                .body("fileName", equalTo("passwd")).extract().jsonPath().getLong("id");
        as(h.token("a1")).body(Map.of("fileName", "Отчёт.txt")).patch("/api/v1/documents/" + doc).then().statusCode(200)
                .body("fileName", equalTo("Отчёт.txt"));
    }

    private static long files() throws Exception {
        Path folder = Path.of("target/test-data/app/files");
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.count();
        }
    }
}
