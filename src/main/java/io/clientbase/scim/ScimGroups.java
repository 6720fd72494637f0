package io.clientbase.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.users.GroupService;
import io.clientbase.users.GroupView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * /scim/v2/Groups on the groups of /api/v1/groups (section visibility uses them): a group's
 * displayName is its name, its members are users by id. Members are set by {@link GroupService}.
 */
final class ScimGroups extends ResourceHandler<Group> {

    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private final GroupService groups;

    ScimGroups(GroupService groups) {
        this.groups = groups;
    }

    @Override
    public Group createResource(Group resource, Context context) {
        return ScimErrors.translated(() -> {
            GroupView created = groups.create(new GroupView(null, resource.getDisplayName().orElse(null), null));
            Set<Long> members = memberIds(resource);
            return scim(members.isEmpty() ? created : groups.setMembers(created.id(), members));
        });
    }

    @Override
    public Group getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excluded, Context context) {
        return ScimErrors.translated(() -> {
            Long groupId = id(id);
            return groupId == null ? null : scim(groups.get(groupId));
        });
    }

    @Override
    public PartialListResponse<Group> listResources(long startIndex, int count, FilterNode filter, SchemaAttribute sortBy,
                                                    SortOrder sortOrder, List<SchemaAttribute> attributes,
                                                    List<SchemaAttribute> excluded, Context context) {
        return ScimErrors.translated(() -> {
            List<Group> found = new ArrayList<>();
            groups.list().forEach(g -> found.add(scim(g)));
            return PartialListResponse.<Group>builder().resources(found).totalResults(found.size()).build();
        });
    }

    @Override
    public Group updateResource(Group resource, Context context) {
        return ScimErrors.translated(() -> {
            Long id = id(resource.getId().orElse(null));
            if (id == null) {
                throw new ApiException(ProblemKind.NOT_FOUND, "Group not found");
            }
            GroupView current = groups.get(id);
            String name = resource.getDisplayName().orElse(null);
            if (name != null && !name.equals(current.name())) {
                current = groups.rename(id, new GroupView(id, name, null));
            }
            Set<Long> members = memberIds(resource);
            if (!members.equals(new LinkedHashSet<>(Objects.requireNonNullElse(current.memberIds(), List.<Long>of())))) {
                current = groups.setMembers(id, members);
            }
            return scim(current);
        });
    }

    @Override
    public void deleteResource(String id, Context context) {
        ScimErrors.translated(() -> {
            Long groupId = id(id);
            if (groupId == null) {
                throw new ApiException(ProblemKind.NOT_FOUND, "Group not found");
            }
            groups.delete(groupId);
        });
    }

    private static Set<Long> memberIds(Group resource) {
        Set<Long> ids = new LinkedHashSet<>();
        JsonNode members = resource.get("members");
        if (members == null) {
            return ids;
        }
        for (JsonNode m : members) {
            Long id = id(m.path("value").asText(null));
            if (id == null) {
                throw new BadRequestException("members: each value must be the id of a clientbase user", null,
                        ScimType.RFC7644.INVALID_VALUE);
            }
            ids.add(id);
        }
        return ids;
    }

    private static Group scim(GroupView g) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("schemas").add(CORE);
        n.put("id", Long.toString(g.id()));
        n.put("displayName", g.name());
        ArrayNode members = n.putArray("members");
        for (Long m : Objects.requireNonNullElse(g.memberIds(), List.<Long>of())) {
            members.addObject().put("value", Long.toString(m)).put("type", "User");
        }
        n.putObject("meta").put("resourceType", "Group");
        return JsonHelper.copyResourceToObject(n, Group.class);
    }

    private static Long id(String id) {
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
