package io.clientbase.users;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.platform.Limits;
import io.clientbase.access.UserStatus;
import io.clientbase.access.UserType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.IpRangeService;
import io.clientbase.access.OwnedRecords;
import io.clientbase.access.OwnerScope;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.access.ScopeService;
import io.clientbase.access.SchemaReferences;
import io.clientbase.access.PasswordHasher;
import io.clientbase.platform.Cursors;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.Page;
import io.clientbase.platform.Versions;
import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.clientbase.history.ChangeJournal;
import io.clientbase.history.FieldChange;
import io.clientbase.history.RecordType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;

/**
 * Users and the hierarchy. Reading goes through the owner scope (a user is "owned" by himself:
 * ADMINISTRATION sees himself and his employees, EMPLOYEE himself); changing is ADMIN's alone.
 */
@ApplicationScoped
@RetryOnConflict
public class UserService {

    static final Set<String> PATCHABLE = Set.of("login", "password", "name", "email", "type", "status",
            "managerId", "groupIds", "rights", "fieldAccess", "externalId");

    @Inject
    CurrentCaller current;

    @Inject
    ScopeService scope;

    @Inject
    RightsEvaluator rights;

    @Inject
    PasswordHasher hasher;

    @Inject
    GroupMembership groups;

    @Inject
    EntityManager em;

    @Inject
    ChangeJournal journal;

    @Inject
    io.clientbase.history.HistoryService historyService;

    @Inject
    JsonPatchReader patchReader;

    @Inject
    Instance<OwnedRecords> ownedRecords;


    @Inject
    SchemaReferences schemaReferences;

    @Inject
    IpRangeService ipRanges;

    public Page<UserView> list(Integer limit, String cursor) {
        rights.requireScope(current.get(), io.clientbase.access.Scopes.USERS);
        int size = Cursors.limit(limit);
        long after = Cursors.decodeId(cursor);
        OwnerScope visible = scope.currentScope();
        var query = em.createQuery("SELECT u FROM User u WHERE " + visible.predicate("u.id")
                + " AND u.id > :after ORDER BY u.id", User.class)
                .setParameter("after", after)
                .setMaxResults(size + 1);
        visible.bind(query);
        List<User> found = query.getResultList();
        boolean more = found.size() > size;
        List<User> page = more ? found.subList(0, size) : found;
        String next = more ? Cursors.encode(Long.toString(page.get(size - 1).id)) : null;
        return new Page<>(page.stream().map(this::view).toList(), next);
    }

    /** The user with this login (compared ignoring case), for ADMIN (SCIM's search by userName). */
    public java.util.Optional<UserView> findByLogin(String login) {
        rights.requireAdmin(current.get());
        return User.findByLogin(login.strip()).map(this::view);
    }

    public UserView get(long id) {
        return view(findVisible(id));
    }

    /** A user's history: ADMIN only (a user's rights and status are the company's security record). */
    public Page<io.clientbase.history.HistoryView> history(long id, String cursor, Integer limit) {
        rights.requireAdmin(current.get());
        findVisible(id);
        return historyService.ofRecord(RecordType.USER, id, cursor, limit);
    }

    /**
     * The stored hash of a new user's password, made before any transaction: bcrypt's quarter
     * second must not hold a database connection (the caller passes it to {@link #create}).
     */
    public String passwordHashFor(NewUser request) {
        rights.requireAdmin(current.get());
        return hasher.hash(request.password());
    }

    /** Creates a user in the caller's transaction, or a new one. */
    public UserView create(NewUser request, String passwordHash) {
        return QuarkusTransaction.joiningExisting().call(() -> insert(request, passwordHash));
    }

    private UserView insert(NewUser request, String passwordHash) {
        Caller caller = current.get();
        rights.requireAdmin(caller);
        Limits.requireRoom(User.count(), Limits.USERS, "users");
        requireFreeLogin(request.login(), null);
        requireFreeExternalId(request.externalId(), null);
        UserRules.requireValidManager(request.type(), request.managerId());
        User user = new User();
        user.login = request.login().strip();
        user.passwordHash = passwordHash;
        user.name = request.name().strip();
        user.email = request.email();
        user.externalId = request.externalId();
        user.type = request.type();
        user.status = request.status() != null ? request.status() : UserStatus.ACTIVE;
        user.managerId = request.managerId();
        user.rights = UserRules.rightsFor(user.type, request.rights(), null);
        user.fieldAccess = UserRules.validFieldAccess(request.fieldAccess(), schemaReferences);
        user.persist();
        em.flush();
        if (request.groupIds() != null) {
            groups.setGroups(user.id, request.groupIds());
        }
        journal.recordViews(RecordType.USER, null, view(user));
        UserView view = view(user);
        return user.status == UserStatus.IP_RESTRICTED ? view.withWarnings(ipRanges.warnings()) : view;
    }

    public UserView patch(long id, JsonNode body, String ifMatch) {
        JsonNode password = body == null ? null : body.get("password");
        String hash = password != null && password.isTextual() && password.textValue().length() >= 8
                ? hasher.hash(password.textValue()) : null;
        return QuarkusTransaction.requiringNew().call(() -> patch(id, body, ifMatch, hash));
    }

    private UserView patch(long id, JsonNode body, String ifMatch, String passwordHash) {
        User user = lockVisible(id);
        rights.requireAdmin(current.get());
        Versions.checkIfMatch(ifMatch, user.version);
        UserPatch patch = readPatch(body);
        ObjectNode members = (ObjectNode) body;
        UserView before = view(user);

        if (members.has("type") && patch.type() != user.type) {
            throw ApiException.invalid("type", "type is immutable: a " + user.type + " stays a " + user.type);
        }
        if (members.has("login") && patch.login() != null) {
            requireFreeLogin(patch.login(), user.id);
            user.login = patch.login().strip();
        }
        if (members.has("name")) {
            requirePresent("name", patch.name());
            user.name = patch.name().strip();
        }
        if (members.has("email")) {
            user.email = patch.email();
        }
        if (members.has("externalId")) {
            requireFreeExternalId(patch.externalId(), user.id);
            user.externalId = patch.externalId();
        }
        if (members.has("managerId")) {
            UserRules.requireValidManager(user.type, patch.managerId());
            user.managerId = patch.managerId();
        }
        if (members.has("rights")) {
            requirePresent("rights", patch.rights());
            user.rights = UserRules.rightsFor(user.type, patch.rights(), user.rights);
        }
        if (members.has("fieldAccess")) {
            user.fieldAccess = UserRules.validFieldAccess(patch.fieldAccess(), schemaReferences);
        }
        if (members.has("groupIds")) {
            groups.setGroups(user.id, patch.groupIds() == null ? List.of() : patch.groupIds());
        }
        if (members.has("status")) {
            requirePresent("status", patch.status());
            changeStatus(user, patch.status());
        }
        if (members.has("password")) {
            requirePresent("password", patch.password());
            user.passwordHash = passwordHash != null ? passwordHash : hasher.hash(patch.password());
            user.tokenVersion++;
        }
        user.version++; // group membership lives in another table: count every change
        em.flush();
        UserView view = view(user);
        journal.recordViews(RecordType.USER, before, view,
                members.has("password") ? List.of(new FieldChange("password", null, null)) : List.of());
        return user.status == UserStatus.IP_RESTRICTED ? view.withWarnings(ipRanges.warnings()) : view;
    }

    @Transactional
    public void delete(long id, Long reassignTo, String ifMatch) {
        User user = lockVisible(id);
        rights.requireAdmin(current.get());
        Versions.checkIfMatch(ifMatch, user.version);
        requireNotLastActiveAdmin(user, "deleted");
        long owned = ownedRecords.stream().mapToLong(r -> r.countOwnedBy(user.id)).sum();
        if (reassignTo != null) {
            User heir = User.findById(reassignTo);
            if (heir == null || heir.id.equals(user.id)) {
                throw ApiException.invalid("reassignTo", "must name another existing user");
            }
            ownedRecords.forEach(r -> r.reassign(user.id, heir.id));
        } else if (owned > 0) {
            throw ApiException.conflict("The user owns " + owned + " records: delete him with ?reassignTo={userId}"
                    + " to give them to another user, or block him instead");
        }
        journal.recordViews(RecordType.USER, view(user), null);
        // his employees now answer to ADMIN
        em.createQuery("UPDATE User u SET u.managerId = NULL, u.version = u.version + 1 WHERE u.managerId = :id")
                .setParameter("id", user.id).executeUpdate();
        user.delete();
    }

    private void changeStatus(User user, UserStatus status) {
        if (status == user.status) {
            return;
        }
        requireNotLastActiveAdmin(user, "blocked or IP-restricted");
        user.status = status;
        user.tokenVersion++;
    }

    /** The company can never be locked out: one ACTIVE ADMIN always remains. */
    private static void requireNotLastActiveAdmin(User user, String change) {
        boolean lastActiveAdmin = user.type == UserType.ADMIN && user.status == UserStatus.ACTIVE
                && User.count("type = ?1 and status = ?2 and id <> ?3", UserType.ADMIN, UserStatus.ACTIVE, user.id) == 0;
        if (lastActiveAdmin) {
            throw ApiException.conflict("The last active ADMIN cannot be " + change);
        }
    }

    /** The same, locked for the change that follows: the version counts under the row lock. */
    private User lockVisible(long id) {
        User user = User.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        return scope.requireVisible(user, user == null ? null : user.id, "User");
    }

    private User findVisible(long id) {
        rights.requireScope(current.get(), io.clientbase.access.Scopes.USERS);
        User user = User.findById(id);
        return scope.requireVisible(user, user == null ? null : user.id, "User");
    }

    private UserPatch readPatch(JsonNode body) {
        return patchReader.read(body, PATCHABLE, UserPatch.class);
    }

    private static void requirePresent(String member, Object value) {
        if (value == null) {
            throw ApiException.invalid(member, "cannot be null");
        }
    }

    private static void requireFreeLogin(String login, Long self) {
        User other = User.findByLogin(login.strip()).orElse(null);
        if (other != null && !other.id.equals(self)) {
            throw ApiException.conflict("The login '" + login.strip() + "' is taken (logins are compared ignoring case)");
        }
    }

    private static void requireFreeExternalId(String externalId, Long self) {
        if (externalId == null) {
            return;
        }
        User other = User.<User>find("externalId", externalId).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw new ApiException(io.clientbase.platform.problem.ProblemKind.CONFLICT, "Another user already has this externalId",
                    List.of(new io.clientbase.platform.problem.Problem.FieldError("externalId", "is taken")), java.util.Map.of());
        }
    }

    UserView view(User user) {
        return UserView.of(user, groups.groupIdsOf(user.id));
    }
}
