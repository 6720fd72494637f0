package io.clientbase.support;

import static io.clientbase.support.Api.asAdmin;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The brief's company, created through the API with logins unique to one test class:
 * headA with employees a1, a2; headB with employee b1; headC without employees; free, an
 * unassigned EMPLOYEE.
 */
public final class Hierarchy {

    public static final String PASSWORD = "Passw0rd-Test";
    public final String suffix;
    public final long admin;
    public final Map<String, Long> ids = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    private Hierarchy(String suffix) {
        this.suffix = suffix;
        this.admin = Api.asAdmin().get("/api/v1/me").then().statusCode(200).extract().jsonPath().getLong("id");
    }

    public static Hierarchy create(String suffix) {
        Hierarchy h = new Hierarchy(suffix);
        h.add("headA", "ADMINISTRATION", null);
        h.add("headB", "ADMINISTRATION", null);
        h.add("headC", "ADMINISTRATION", null);
        h.add("a1", "EMPLOYEE", h.id("headA"));
        h.add("a2", "EMPLOYEE", h.id("headA"));
        h.add("b1", "EMPLOYEE", h.id("headB"));
        h.add("free", "EMPLOYEE", null);
        return h;
    }

    public long add(String name, String type, Long managerId) {
        Map<String, Object> body = new HashMap<>();
        body.put("login", login(name));
        body.put("password", PASSWORD);
        body.put("name", name + " " + suffix);
        body.put("type", type);
        if (managerId != null) {
            body.put("managerId", managerId);
        }
        long id = asAdmin().body(body).post("/api/v1/users").then().statusCode(201).extract().jsonPath().getLong("id");
        ids.put(name, id);
        return id;
    }

    public String login(String name) {
        return name + "_" + suffix;
    }

    public long id(String name) {
        return "admin".equals(name) ? admin : ids.get(name);
    }

    public synchronized String token(String name) {
        if ("admin".equals(name)) {
            return Api.adminToken();
        }
        return tokens.computeIfAbsent(name, n -> Api.login(login(n), PASSWORD));
    }

    public synchronized void forget(String name) {
        tokens.remove(name);
    }
}
