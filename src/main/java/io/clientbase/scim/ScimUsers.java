package io.clientbase.scim;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.AttributeExpressionLeaf;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import io.clientbase.platform.Page;
import io.clientbase.users.GroupService;
import io.clientbase.users.GroupView;
import io.clientbase.users.NewUser;
import io.clientbase.users.UserService;
import io.clientbase.users.UserView;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * /scim/v2/Users on the users of /api/v1/users: every create, change and delete goes through
 * {@link UserService}, so each rule of the brief (types, manager, rights, the last ADMIN, records
 * owned) holds here exactly as there. The SDK parses filters, applies PATCH operations to the
 * user as read, checks If-Match, pages, sorts and picks attributes; this class only maps.
 * A replace (PUT) that leaves out the clientbase or enterprise extension keeps what they hold:
 * providers such as Okta send the core attributes they know and nothing else.
 */
final class ScimUsers extends ResourceHandler<User> {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserService users;
    private final GroupService groups;
    private final ObjectMapper mapper;
    private final Validator validator;

    ScimUsers(UserService users, GroupService groups, ObjectMapper mapper, Validator validator) {
        this.users = users;
        this.groups = groups;
        this.mapper = mapper;
        this.validator = validator;
    }

    @Override
    public User createResource(User resource, Context context) {
        return ScimErrors.translated(() -> {
            UserType type = ScimUserMapping.type(resource);
            JsonNode ext = resource.path(ScimUserMapping.CLIENTBASE);
            String password = resource.getPassword().orElse(null);
            NewUser request = new NewUser(resource.getUserName().orElse(null),
                    // no password: a random one nobody knows, so that he cannot log in until one is set
                    password != null ? password : unknowablePassword(),
                    Objects.requireNonNullElse(ScimUserMapping.name(resource), resource.getUserName().orElse(null)),
                    ScimUserMapping.email(resource), type != null ? type : UserType.EMPLOYEE,
                    ScimUserMapping.status(resource, null), ScimUserMapping.managerId(resource), null,
                    ext.has("rights") ? mapper.convertValue(ScimUserMapping.rights(ext.get("rights")), Rights.class) : null,
                    ext.has("fieldAccess") ? fieldAccess(ext.get("fieldAccess")) : null,
                    resource.getExternalId().orElse(null));
            var violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return scim(users.create(request, users.passwordHashFor(request)));
        });
    }

    @Override
    public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excluded, Context context) {
        return ScimErrors.translated(() -> {
            Long userId = id(id);
            return userId == null ? null : scim(users.get(userId));
        });
    }

    /**
     * Every user, for the SDK to filter, sort and page (a company's users are thousands at most);
     * a search by userName or externalId, what providers send before each create, reads one.
     */
    @Override
    public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter, SchemaAttribute sortBy,
                                                   SortOrder sortOrder, List<SchemaAttribute> attributes,
                                                   List<SchemaAttribute> excluded, Context context) {
        return ScimErrors.translated(() -> {
            Map<Long, String> names = groupNames();
            List<User> found = new ArrayList<>();
            for (UserView u : candidates(filter)) {
                found.add(JsonHelper.copyResourceToObject(ScimUserMapping.toScim(u, names), User.class));
            }
            return PartialListResponse.<User>builder().resources(found).totalResults(found.size()).build();
        });
    }

    @Override
    public User updateResource(User resource, Context context) {
        return ScimErrors.translated(() -> {
            Long id = id(resource.getId().orElse(null));
            if (id == null) {
                throw new BadRequestException("id is missing", null, ScimType.RFC7644.NO_TARGET);
            }
            UserView current = users.get(id);
            boolean patching = context != null && context.getUriInfos() != null
                    && context.getUriInfos().getHttpMethod() == de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod.PATCH;
            ObjectNode patch = changes(resource, current, patching);
            // written only over the version read here: a change since is a 412, not lost
            return patch.isEmpty() ? scim(current) : scim(users.patch(id, patch, "\"" + current.version() + "\""));
        });
    }

    @Override
    public void deleteResource(String id, Context context) {
        ScimErrors.translated(() -> {
            Long userId = id(id);
            if (userId == null) {
                throw new io.clientbase.platform.problem.ApiException(io.clientbase.platform.problem.ProblemKind.NOT_FOUND, "User not found");
            }
            users.delete(userId, null, null);
        });
    }

    /**
     * The members of /api/v1/users that the SCIM user changes. {@code patched}: the resource is the
     * user as read with the PatchOp applied, so what is missing was removed; a replace (PUT) that
     * leaves out an extension or one of its attributes keeps what it holds.
     */
    private ObjectNode changes(User resource, UserView current, boolean patched) {
        ObjectNode patch = mapper.createObjectNode();
        String login = resource.getUserName().orElse(null);
        if (login != null && !login.equals(current.login())) {
            patch.put("login", login);
        }
        String name = ScimUserMapping.name(resource);
        if (name != null && !name.equals(current.name())) {
            patch.put("name", name);
        }
        String email = ScimUserMapping.email(resource);
        if (!Objects.equals(email, current.email())) {
            patch.put("email", email);
        }
        String externalId = resource.getExternalId().orElse(null);
        if (externalId != null && !externalId.equals(current.externalId())) {
            patch.put("externalId", externalId);
        }
        UserStatus status = ScimUserMapping.status(resource, current.status());
        if (status != current.status()) {
            patch.put("status", status.name());
        }
        if (patched || resource.has(ScimUserMapping.ENTERPRISE)) {
            Long manager = ScimUserMapping.managerId(resource);
            if (!Objects.equals(manager, current.managerId())) {
                patch.put("managerId", manager);
            }
        }
        JsonNode ext = resource.get(ScimUserMapping.CLIENTBASE);
        if (ext == null && patched) {
            ext = mapper.createObjectNode();
        }
        if (ext != null) {
            UserType type = ScimUserMapping.type(resource);
            if (type != null && type != current.type()) {
                throw new BadRequestException("type is immutable: a " + current.type() + " stays a " + current.type(), null,
                        ScimType.RFC7644.MUTABILITY);
            }
            if (ext.has("rights") || patched) {
                ObjectNode rights = ScimUserMapping.rights(ext.get("rights"));
                if (!new java.util.HashSet<>(ScimUserMapping.granted(current.rights()))
                        .equals(new java.util.HashSet<>(ScimUserMapping.granted(mapper.convertValue(rights, Rights.class))))) {
                    patch.set("rights", rights);
                }
            }
            if (ext.has("fieldAccess") || patched) {
                List<FieldAccessRule> rules = ext.has("fieldAccess") ? fieldAccess(ext.get("fieldAccess")) : List.of();
                if (!rules.equals(current.fieldAccess() == null ? List.of() : current.fieldAccess())) {
                    patch.set("fieldAccess", mapper.valueToTree(rules));
                }
            }
        }
        resource.getPassword().ifPresent(p -> patch.put("password", p));
        return patch;
    }

    /** Users a filter may match: the one a userName or externalId equality names, else all. */
    private List<UserView> candidates(FilterNode filter) {
        if (filter instanceof AttributeExpressionLeaf leaf && leaf.getComparator() != null
                && leaf.getComparator().name().equals("EQ") && leaf.getStringValue().isPresent()) {
            String attribute = leaf.getShortName();
            if ("userName".equals(attribute)) {
                return users.findByLogin(leaf.getStringValue().get()).map(List::of).orElse(List.of());
            }
        }
        List<UserView> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<UserView> page = users.list(200, cursor);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private User scim(UserView user) {
        return JsonHelper.copyResourceToObject(ScimUserMapping.toScim(user, groupNames()), User.class);
    }

    private Map<Long, String> groupNames() {
        Map<Long, String> names = new HashMap<>();
        for (GroupView g : groups.list()) {
            names.put(g.id(), g.name());
        }
        return names;
    }

    private List<FieldAccessRule> fieldAccess(JsonNode rules) {
        try {
            return mapper.convertValue(rules, new TypeReference<List<FieldAccessRule>>() { });
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("fieldAccess: " + e.getMessage(), null, ScimType.RFC7644.INVALID_VALUE);
        }
    }

    private static Long id(String id) {
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String unknowablePassword() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }
}
