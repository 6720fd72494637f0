package io.clientbase.access;

import static io.clientbase.support.Api.as;
import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.support.Hierarchy;
import io.clientbase.support.RawHttp;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real sockets from different loopback addresses against the allowed ranges. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class IpRestrictionTest {

    private static final String IP_NOT_ALLOWED = "https://clientbase.io/problems/ip-not-allowed";
    private static Hierarchy h;

    @BeforeEach
    void company() {
        if (h == null) {
            h = Hierarchy.create("ip");
        }
    }

    private long restrictedUser(String name) {
        return asAdmin().body(Map.of("login", h.login(name), "password", Hierarchy.PASSWORD, "name", name,
                        "type", "EMPLOYEE", "status", "IP_RESTRICTED"))
                .post("/api/v1/users").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long range(String from, String to) {
        return asAdmin().body(Map.of("from", from, "to", to, "description", "test")).post("/api/v1/ip-ranges")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static int loginFrom(String address, String login) {
        return RawHttp.login(address, login, Hierarchy.PASSWORD, Map.of()).status();
    }

    @Test
    void aTwoAddressRangeAllowsBothEndsAndNothingJustOutside() {
        range("127.0.0.10", "127.0.0.11");
        restrictedUser("bounds");
        assertEquals(403, loginFrom("127.0.0.9", h.login("bounds")));
        assertEquals(200, loginFrom("127.0.0.10", h.login("bounds")));
        assertEquals(200, loginFrom("127.0.0.11", h.login("bounds")));
        RawHttp.Reply above = RawHttp.login("127.0.0.12", h.login("bounds"), Hierarchy.PASSWORD, Map.of());
        assertEquals(403, above.status());
        assertTrue(above.body().contains(IP_NOT_ALLOWED), above.body());
        assertTrue(above.head().toLowerCase().contains("application/problem+json"));
    }

    @Test
    void aTokenObtainedInsideStopsWorkingOutside() {
        range("127.0.0.20", "127.0.0.20");
        restrictedUser("carrier");
        String token = RawHttp.token(RawHttp.login("127.0.0.20", h.login("carrier"), Hierarchy.PASSWORD, Map.of()));
        assertEquals(200, RawHttp.get("127.0.0.20", "/api/v1/me", token).status());
        RawHttp.Reply home = RawHttp.get("127.0.0.21", "/api/v1/me", token);
        assertEquals(403, home.status());
        assertTrue(home.body().contains(IP_NOT_ALLOWED));
        assertEquals(403, RawHttp.get("127.0.0.1", "/api/v1/me", token).status());
    }

    @Test
    void aRangeDeletedWhileASessionIsLiveStopsTheNextRequest() {
        long range = range("127.0.0.30", "127.0.0.30");
        restrictedUser("live");
        String token = RawHttp.token(RawHttp.login("127.0.0.30", h.login("live"), Hierarchy.PASSWORD, Map.of()));
        assertEquals(200, RawHttp.get("127.0.0.30", "/api/v1/me", token).status());
        asAdmin().delete("/api/v1/ip-ranges/" + range).then().statusCode(204);
        assertEquals(403, RawHttp.get("127.0.0.30", "/api/v1/me", token).status());
    }

    @Test
    void anUnrestrictedUserIsUnaffected() {
        String token = RawHttp.token(RawHttp.login("127.0.0.99", h.login("a1"), Hierarchy.PASSWORD, Map.of()));
        assertEquals(200, RawHttp.get("127.0.0.98", "/api/v1/me", token).status());
    }

    /** The test server listens on IPv4 loopback; the IPv6 client ::1 reaches it through the trusted proxy. */
    @Test
    void ipv6LoopbackMatchesAnIpv6RangeOnly() {
        restrictedUser("six");
        Map<String, String> fromV6 = Map.of("X-Forwarded-For", "::1");
        range("127.0.0.90", "127.0.0.90"); // an IPv4 range never admits an IPv6 client
        assertEquals(403, RawHttp.login(TestDatabase.TRUSTED_PROXY, h.login("six"), Hierarchy.PASSWORD, fromV6).status());
        asAdmin().body(Map.of("cidr", "::1/128")).post("/api/v1/ip-ranges").then().statusCode(201)
                .body("from", equalTo("0:0:0:0:0:0:0:1"));
        assertEquals(200, RawHttp.login(TestDatabase.TRUSTED_PROXY, h.login("six"), Hierarchy.PASSWORD, fromV6).status());
        assertEquals(403, RawHttp.login(TestDatabase.TRUSTED_PROXY, h.login("six"), Hierarchy.PASSWORD,
                Map.of("X-Forwarded-For", "::2")).status());
    }

    @Test
    void anIpv4MappedIpv6RangeIsItsIpv4Form() {
        asAdmin().body(Map.of("from", "::ffff:127.0.0.40", "to", "::ffff:127.0.0.40")).post("/api/v1/ip-ranges")
                .then().statusCode(201).body("from", equalTo("127.0.0.40"));
        restrictedUser("mapped");
        assertEquals(200, loginFrom("127.0.0.40", h.login("mapped")));
    }

    @Test
    void aForgedForwardedForCountsOnlyFromATrustedProxy() {
        range("127.0.0.60", "127.0.0.60");
        restrictedUser("proxied");
        Map<String, String> forged = Map.of("X-Forwarded-For", "127.0.0.60");
        assertEquals(403, RawHttp.login("127.0.0.61", h.login("proxied"), Hierarchy.PASSWORD, forged).status(),
                "an untrusted peer's X-Forwarded-For must change nothing");
        assertEquals(200, RawHttp.login(TestDatabase.TRUSTED_PROXY, h.login("proxied"), Hierarchy.PASSWORD, forged).status(),
                "the trusted proxy's X-Forwarded-For is the client address");
        assertEquals(403, RawHttp.login(TestDatabase.TRUSTED_PROXY, h.login("proxied"), Hierarchy.PASSWORD, Map.of()).status());
    }

    @Test
    void refusalsAreRecordedForAdminNewestFirst() {
        restrictedUser("recorded");
        assertEquals(403, loginFrom("127.0.0.70", h.login("recorded")));
        asAdmin().get("/api/v1/security-events").then().statusCode(200)
                .body("items[0].kind", equalTo("LOGIN_IP_NOT_ALLOWED"))
                .body("items[0].address", equalTo("127.0.0.70"))
                .body("items[0].login", equalTo(h.login("recorded")))
                .body("items[0].occurredAt", notNullValue());
        List<Long> ids = asAdmin().queryParam("limit", 5).get("/api/v1/security-events").then().extract().jsonPath().getList("items.id", Long.class);
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1) > ids.get(i), "newest first");
        }
        as(h.token("headA")).get("/api/v1/security-events").then().statusCode(403);
    }

    @Test
    void rangesAreValidatedAndAdminOnly() {
        asAdmin().body(Map.of("from", "10.0.0.9", "to", "10.0.0.1")).post("/api/v1/ip-ranges").then().statusCode(422)
                .body("errors.field", hasItem("to"));
        asAdmin().body(Map.of("from", "10.0.0.1", "to", "::1")).post("/api/v1/ip-ranges").then().statusCode(422);
        asAdmin().body(Map.of("from", "10.0.0.256", "to", "example.com")).post("/api/v1/ip-ranges").then().statusCode(422)
                .body("errors.field", hasItem("from")).body("errors.field", hasItem("to"));
        asAdmin().body(Map.of("cidr", "10.0.0.0/33")).post("/api/v1/ip-ranges").then().statusCode(422);
        asAdmin().body(Map.of("cidr", "10.0.0.0/24", "from", "10.0.0.1")).post("/api/v1/ip-ranges").then().statusCode(422);
        asAdmin().body(Map.of("cidr", "10.1.2.3/24")).post("/api/v1/ip-ranges").then().statusCode(201)
                .body("from", equalTo("10.1.2.0")).body("to", equalTo("10.1.2.255")).body("cidr", equalTo("10.1.2.0/24"));
        as(h.token("headA")).get("/api/v1/ip-ranges").then().statusCode(403);
        as(h.token("a1")).body(Map.of("cidr", "0.0.0.0/0")).post("/api/v1/ip-ranges").then().statusCode(403);
    }

    @Test
    void restrictingAUserWhileNoRangeExistsSaysSo() {
        for (Object id : asAdmin().get("/api/v1/ip-ranges").then().extract().jsonPath().getList("id")) {
            asAdmin().delete("/api/v1/ip-ranges/" + id).then().statusCode(204);
        }
        long user = h.add("nowhere", "EMPLOYEE", null);
        asAdmin().body(Map.of("status", "IP_RESTRICTED")).patch("/api/v1/users/" + user).then().statusCode(200)
                .body("warnings[0]", org.hamcrest.Matchers.containsString("no allowed range"));
        long r = range("127.0.0.80", "127.0.0.80");
        asAdmin().delete("/api/v1/ip-ranges/" + r).then().statusCode(204)
                .header(IpRangeResource.WARNING_HEADER, org.hamcrest.Matchers.containsString("no allowed range"));
    }
}
