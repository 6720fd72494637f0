package io.clientbase.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.clientbase.support.Api;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hostile input over every operation of the contract: wrong JSON types, truncated and invalid
 * UTF-8 bodies, NUL bytes, numbers beyond long and double, 100 kB strings, JSON nested 3,000 deep,
 * duplicate and unknown members, SQL, path and LDAP metacharacters in every path and query
 * parameter, bogus If-Match and Accept, wrong content types. Every answer is 2xx or a 4xx
 * problem (and what the contract says of it: the suite's validator checks each one), and the
 * application is healthy afterwards. {@code -Dfuzz.rounds=N} (default 3) repeats the random part
 * N times per operation; the README's longer run uses 200.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Percent-encoded as they go on the wire: SQL, path traversal, NUL, LDAP, full-width digits, invalid UTF-8. */
    private static final List<String> HOSTILE_SEGMENTS = List.of("0", "-1", "99999999999999999999", "1'%20OR%20'1'%3D'1",
            "..%2F..%2Fetc%2Fpasswd", "%00", "*)(uid%3D*", "%EF%BC%91%EF%BC%92", "1e3", "%FF%FE", "null", "true",
            "1%3BDROP%20TABLE%20clients", "%3Cscript%3E");
    private static final List<String> HOSTILE_VALUES = List.of("", " ", "0", "-1", "99999999999999999999", "1e400",
            "' OR 1=1 --", "\"; DROP TABLE clients; --", "../../../../etc/passwd", "*)(objectClass=*", "\u0000",
            "%00", "\uD83D\uDE00", "Я".repeat(300), "x".repeat(5000), "field.\u0000", "[]", "{}", "true",
            "2026-13-45T25:61:61Z", "-", "--name", "id,-id,name");

    private final Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    @Test
    void hostileInputOverEveryOperationNeverReachesA500() throws Exception {
        String token = Api.adminToken();
        int rounds = Integer.getInteger("fuzz.rounds", 3);
        Random random = new Random(20261201L);
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi/openapi.yaml").toFile());
        int sent = 0;
        for (ContractBoundsTest.Operation op : ContractBoundsTest.operations(true)) {
            for (String segment : HOSTILE_SEGMENTS) {
                sent += send(op, Api.as(token), op.path().replaceAll("\\{[^}]+}", segment), null, null);
            }
            String path = op.path().replaceAll("\\{[^}]+}", "987654321");
            for (int round = 0; round < rounds; round++) {
                sent += send(op, withHostileParameters(Api.as(token), op, random), path, null, null);
                sent += send(op, withHostileHeaders(Api.as(token), random), path, null, null);
            }
            if (op.node().path("requestBody").path("content").has("application/json") && !op.path().endsWith("/auth/login")) {
                List<String> members = members(contract, op);
                for (byte[] body : hostileBodies(members, random, rounds)) {
                    sent += send(op, Api.as(token), path, body, "application/json");
                }
                sent += send(op, Api.as(token), path, "{}".getBytes(StandardCharsets.UTF_8), "text/plain");
                sent += send(op, Api.as(token), path, "{}".getBytes(StandardCharsets.UTF_8), "application/json; charset=EBCDIC-XYZ");
                sent += send(op, Api.as(token), path, "--x\r\n".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=");
            }
        }
        System.out.println("Hostile input: " + sent + " requests; answers per operation and status: " + answers);
        assertTrue(failures.isEmpty(), failures.size() + " answers were not 2xx or a 4xx problem:\n"
                + String.join("\n", failures.subList(0, Math.min(30, failures.size()))));
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        Api.as(token).get("/api/v1/me").then().statusCode(200);
        assertTrue(sent > 1500, "only " + sent + " hostile requests");
    }

    private int send(ContractBoundsTest.Operation op, RequestSpecification request, String path, byte[] body, String contentType) {
        RequestSpecification spec = request.config(RestAssuredConfig.config()
                .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .urlEncodingEnabled(false);
        if (body != null) {
            spec = spec.contentType(contentType).body(body);
        }
        Response answer;
        try {
            answer = spec.request(op.method(), path);
        } catch (AssertionError contractBroken) {
            failures.add(op + " " + abbreviate(path) + ": " + contractBroken.getMessage());
            return 1;
        }
        int status = answer.statusCode();
        answers.computeIfAbsent(op.toString(), k -> new TreeMap<>()).merge(status, 1, Integer::sum);
        String type = answer.getContentType();
        // SCIM answers its own error format (RFC 7644 §3.12), with the status as a string
        boolean problem = type != null && (type.startsWith("application/problem+json")
                || op.path().startsWith("/scim/") && type.startsWith("application/scim+json")
                && answer.asString().contains("urn:ietf:params:scim:api:messages:2.0:Error")
                && answer.jsonPath().get("status") instanceof String);
        if (status >= 500 || (status >= 400 && !problem) || status < 200) {
            failures.add(op + " " + abbreviate(path) + " -> " + status + " " + type + " " + abbreviate(answer.asString()));
        }
        return 1;
    }

    private static RequestSpecification withHostileParameters(RequestSpecification request, ContractBoundsTest.Operation op, Random random) {
        for (JsonNode parameter : op.node().path("parameters")) {
            String name = parameter.path("name").asText();
            String value = HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size()));
            if (parameter.path("in").asText().equals("query")) {
                request = request.queryParam(name, encode(value));
            }
        }
        return request.queryParam("field.%00", "x").queryParam(encode("field.' OR 1=1"), encode("'; --"));
    }

    private static RequestSpecification withHostileHeaders(RequestSpecification request, Random random) {
        String[] ifMatch = {"\"abc\"", "W/\"1\"", "*", "\"99999999999999999999\"", "garbage", "\"" + "9".repeat(60) + "\""};
        String[] accept = {"application/xml", "*/*;q=0", "text/html", "application/json;q=0", "image/png, */*;q=0.1"};
        return request.header("If-Match", ifMatch[random.nextInt(ifMatch.length)])
                .header("Accept", accept[random.nextInt(accept.length)])
                .header("Accept-Language", random.nextBoolean() ? "ru" : "zz-ZZ;q=abc");
    }

    private static List<String> members(JsonNode contract, ContractBoundsTest.Operation op) {
        String ref = op.node().at("/requestBody/content/application~1json/schema/$ref").asText("");
        JsonNode schema = ref.isEmpty() ? op.node().at("/requestBody/content/application~1json/schema")
                : contract.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Bodies that are not what the contract allows, each in its own way. */
    private static List<byte[]> hostileBodies(List<String> members, Random random, int rounds) {
        List<String> texts = new ArrayList<>(List.of("[]", "\"a string\"", "42", "null", "true", "{\"name\": ", "{",
                "{\"name\":\"a\",\"name\":\"b\"}", "{\"nmae\":\"typo\"}", "{\"name\":\"\\u0000\"}",
                "{\"name\":" + "1".repeat(400) + "}", "{\"name\":1e400}", "{\"name\":-1e400}",
                "[".repeat(3000) + "]".repeat(3000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"name\":\"" + "x".repeat(100_000) + "\"}"));
        List<Function<String, String>> wrong = List.of(
                m -> "{\"" + m + "\":" + "[[[[\"deep\"]]]]" + "}",
                m -> "{\"" + m + "\":{\"$gt\":\"\"}}",
                m -> "{\"" + m + "\":99999999999999999999999999}",
                m -> "{\"" + m + "\":-9223372036854775809}",
                m -> "{\"" + m + "\":1.7976931348623157E309}",
                m -> "{\"" + m + "\":\"" + "Я".repeat(50_000) + "\"}",
                m -> "{\"" + m + "\":\"' OR '1'='1\"}",
                m -> "{\"" + m + "\":true}",
                m -> "{\"" + m + "\":\"\"}",
                m -> "{\"" + m + "\":null}");
        for (String member : members) {
            for (int round = 0; round < rounds; round++) {
                texts.add(wrong.get(random.nextInt(wrong.size())).apply(member));
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        for (String text : texts) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, (byte) 0x00, '"', '}'});
        bodies.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        return bodies;
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 300 ? text : text.substring(0, 300) + "…";
    }

    @Test
    void theEdgeRefusesOversizedRequestLinesAndHeadersWithProblems() {
        String token = Api.adminToken();
        Api.as(token).queryParam("q", "x".repeat(21_000)).get("/api/v1/clients")
                .then().statusCode(414).contentType("application/problem+json");
        var request = Api.as(token);
        for (int i = 0; i < 70; i++) {
            request = request.header("X-Extra-" + i, "v");
        }
        request.get("/api/v1/me").then().statusCode(431).contentType("application/problem+json");
        Api.as(token).header("X-Big", "a".repeat(17_000)).get("/api/v1/me").then().statusCode(431);
        var many = Api.as(token);
        for (int i = 0; i < 70; i++) {
            many = many.queryParam("p" + i, i);
        }
        many.get("/api/v1/clients").then().statusCode(400).contentType("application/problem+json");
        assertEquals(200, Api.as(token).get("/api/v1/me").statusCode());
    }
}
