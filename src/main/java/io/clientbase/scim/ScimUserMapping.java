package io.clientbase.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.users.UserView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One user, two APIs: a SCIM User (core, enterprise and clientbase extensions) as the JSON of
 * /api/v1/users, and back. Pure mapping, no database: {@code userName} is the login, {@code
 * displayName} (or {@code name}) the name, the primary email the email, {@code active: false}
 * BLOCKED, the enterprise manager the managerId, the clientbase extension type, status, rights
 * (as area:action strings: SCIM allows no complex inside a complex) and fieldAccess.
 */
final class ScimUserMapping {

    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String CLIENTBASE = "urn:clientbase:params:scim:schemas:extension:2.0:User";
    static final List<String> AREAS = List.of("clients", "activities", "deals", "documents");
    static final List<String> ACTIONS = List.of("view", "create", "edit", "delete");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ScimUserMapping() {
    }

    /** The SCIM representation of a user; {@code groups} his groups' names by id. */
    static ObjectNode toScim(UserView u, Map<Long, String> groups) {
        ObjectNode n = JSON.objectNode();
        ArrayNode schemas = n.putArray("schemas").add(CORE);
        n.put("id", Long.toString(u.id()));
        if (u.externalId() != null) {
            n.put("externalId", u.externalId());
        }
        n.put("userName", u.login());
        n.putObject("name").put("formatted", u.name());
        n.put("displayName", u.name());
        if (u.email() != null) {
            n.putArray("emails").addObject().put("value", u.email()).put("type", "work").put("primary", true);
        }
        n.put("active", u.status() != UserStatus.BLOCKED);
        if (u.groupIds() != null && !u.groupIds().isEmpty()) {
            ArrayNode list = n.putArray("groups");
            for (Long g : u.groupIds()) {
                ObjectNode member = list.addObject().put("value", Long.toString(g)).put("type", "direct");
                if (groups.containsKey(g)) {
                    member.put("display", groups.get(g));
                }
            }
        }
        if (u.managerId() != null) {
            schemas.add(ENTERPRISE);
            n.putObject(ENTERPRISE).putObject("manager").put("value", Long.toString(u.managerId()));
        }
        schemas.add(CLIENTBASE);
        ObjectNode ext = n.putObject(CLIENTBASE).put("type", u.type().name()).put("status", u.status().name());
        ArrayNode rights = ext.putArray("rights");
        granted(u.rights()).forEach(rights::add);
        if (u.fieldAccess() != null && !u.fieldAccess().isEmpty()) {
            ArrayNode rules = ext.putArray("fieldAccess");
            for (FieldAccessRule r : u.fieldAccess()) {
                ObjectNode rule = rules.addObject();
                if (r.sectionId() != null) {
                    rule.put("sectionId", r.sectionId());
                }
                if (r.fieldId() != null) {
                    rule.put("fieldId", r.fieldId());
                }
                rule.put("access", r.access().name());
            }
        }
        ObjectNode meta = n.putObject("meta").put("resourceType", "User");
        if (u.createdAt() != null) {
            meta.put("created", u.createdAt().toString());
        }
        if (u.updatedAt() != null) {
            meta.put("lastModified", u.updatedAt().toString());
        }
        meta.put("version", "W/\"" + u.version() + "\"");
        return n;
    }

    /** The rights as area:action strings, settings last. */
    static List<String> granted(Rights rights) {
        List<String> out = new ArrayList<>();
        if (rights == null) {
            return out;
        }
        Rights.AreaRights[] areas = {rights.clients(), rights.activities(), rights.deals(), rights.documents()};
        for (int a = 0; a < AREAS.size(); a++) {
            Rights.AreaRights r = areas[a];
            if (r == null) {
                continue;
            }
            Boolean[] actions = {r.view(), r.create(), r.edit(), r.delete()};
            for (int i = 0; i < ACTIONS.size(); i++) {
                if (Boolean.TRUE.equals(actions[i])) {
                    out.add(AREAS.get(a) + ":" + ACTIONS.get(i));
                }
            }
        }
        if (Boolean.TRUE.equals(rights.settings())) {
            out.add("settings");
        }
        return out;
    }

    /** The rights that area:action strings grant: every one not named is refused. */
    static ObjectNode rights(JsonNode granted) {
        ObjectNode rights = JSON.objectNode();
        for (String area : AREAS) {
            ObjectNode actions = rights.putObject(area);
            ACTIONS.forEach(a -> actions.put(a, false));
        }
        rights.put("settings", false);
        if (granted == null || granted.isNull()) {
            return rights;
        }
        for (JsonNode g : granted) {
            String right = g.asText();
            if (right.equals("settings")) {
                rights.put("settings", true);
                continue;
            }
            String[] parts = right.split(":", 2);
            if (parts.length != 2 || !AREAS.contains(parts[0]) || !ACTIONS.contains(parts[1])) {
                throw new BadRequestException("rights: '" + right + "' is not area:action (" + String.join(", ", AREAS) + " x "
                        + String.join(", ", ACTIONS) + ") or settings", null, ScimType.RFC7644.INVALID_VALUE);
            }
            ((ObjectNode) rights.get(parts[0])).put(parts[1], true);
        }
        return rights;
    }

    /** The name a SCIM user gives: displayName, else name.formatted, else given and family names, else null. */
    static String name(JsonNode user) {
        String display = text(user, "displayName");
        if (display != null) {
            return display;
        }
        JsonNode name = user.path("name");
        String formatted = text(name, "formatted");
        if (formatted != null) {
            return formatted;
        }
        String joined = String.join(" ", java.util.stream.Stream.of(text(name, "givenName"), text(name, "familyName"))
                .filter(java.util.Objects::nonNull).toList());
        return joined.isEmpty() ? null : joined;
    }

    /** The primary email, else the first; null when none. */
    static String email(JsonNode user) {
        JsonNode emails = user.path("emails");
        String first = null;
        for (JsonNode e : emails) {
            String value = text(e, "value");
            if (value != null && e.path("primary").asBoolean(false)) {
                return value;
            }
            if (first == null) {
                first = value;
            }
        }
        return first;
    }

    /** The manager's user id of the enterprise extension, or null; "" or an unknown form is refused. */
    static Long managerId(JsonNode user) {
        JsonNode manager = user.path(ENTERPRISE).path("manager");
        String value = text(manager, "value");
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new BadRequestException("manager.value must be the id of a clientbase user", null, ScimType.RFC7644.INVALID_VALUE);
        }
    }

    /**
     * The status the user asks for. A change of {@code active} decides (false = BLOCKED, true lifts
     * a block, to the extension's status if it names another); else the extension's status; else
     * the current one. Both are in every resource the SDK patches, so the one that changed counts.
     */
    static UserStatus status(JsonNode user, UserStatus current) {
        String text = text(user.path(CLIENTBASE), "status");
        UserStatus named;
        try {
            named = text == null ? null : UserStatus.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("status must be ACTIVE, BLOCKED or IP_RESTRICTED", null, ScimType.RFC7644.INVALID_VALUE);
        }
        JsonNode activeNode = user.get("active");
        Boolean active = activeNode == null || activeNode.isNull() ? null
                : activeNode.isBoolean() ? activeNode.booleanValue() : Boolean.valueOf(activeNode.asText().strip().equalsIgnoreCase("true"));
        if (current == null) {
            return named != null ? named : Boolean.FALSE.equals(active) ? UserStatus.BLOCKED : UserStatus.ACTIVE;
        }
        boolean wasActive = current != UserStatus.BLOCKED;
        if (active != null && active != wasActive) {
            return !active ? UserStatus.BLOCKED : named != null && named != UserStatus.BLOCKED ? named : UserStatus.ACTIVE;
        }
        return named != null ? named : current;
    }

    /** The type of the extension, or null when not given. */
    static UserType type(JsonNode user) {
        String named = text(user.path(CLIENTBASE), "type");
        if (named == null) {
            return null;
        }
        try {
            return UserType.valueOf(named);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("type must be ADMIN, ADMINISTRATION or EMPLOYEE", null, ScimType.RFC7644.INVALID_VALUE);
        }
    }

    static String text(JsonNode node, String member) {
        JsonNode v = node == null ? null : node.get(member);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
