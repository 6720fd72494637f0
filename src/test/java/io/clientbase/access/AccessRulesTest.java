package io.clientbase.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scope and rights, each rule as the brief states it: no database, no Quarkus. */
@Tag("unit")
class AccessRulesTest {

    private static final Rights.AreaRights NONE = new Rights.AreaRights(false, true, true, true);
    private static final Rights.AreaRights READ = new Rights.AreaRights(true, false, false, false);

    private final ScopeService scope = new ScopeService();
    private final RightsEvaluator rights = new RightsEvaluator();

    private static Caller caller(long id, UserType type, Rights rights, Set<Long> staff) {
        return new Caller(id, "u" + id, "U", null, type, UserStatus.ACTIVE, null, rights, List.of(), 0, null, null, 1, List.of(),
                staff, 1);
    }

    @Test
    void aTokensScopesNarrowWhatEvenAnAdminMayDoAndNeverWidenIt() {
        Caller admin = caller(1, UserType.ADMIN, Rights.allFor(UserType.ADMIN), Set.of()).withScopes(Set.of("clients:view"));
        assertTrue(rights.can(admin, Area.CLIENTS, Action.VIEW));
        assertFalse(rights.can(admin, Area.CLIENTS, Action.CREATE));
        assertFalse(rights.can(admin, Area.DEALS, Action.VIEW));
        assertFalse(rights.canManageSettings(admin));
        assertThrows(ApiException.class, () -> rights.requireAdmin(admin));
        Caller employee = caller(7, UserType.EMPLOYEE, new Rights(READ, READ, READ, READ, false), Set.of())
                .withScopes(Set.copyOf(Scopes.ALL));
        assertFalse(rights.can(employee, Area.CLIENTS, Action.EDIT), "a scope grants nothing the rights do not");
        assertFalse(rights.canManageSettings(employee));
        assertTrue(caller(1, UserType.ADMIN, Rights.allFor(UserType.ADMIN), Set.of()).hasScope("anything"), "no scopes: all");
    }

    @Test
    void theScimScopeProvisionsUsersUnderScimOnly() {
        assertEquals(Set.of("scim", "users"), Scopes.effective(Set.of("scim"), "/scim/v2/Users"));
        assertEquals(Set.of("scim"), Scopes.effective(Set.of("scim"), "/api/v1/users"));
        assertEquals(Set.of("clients:view"), Scopes.effective(Set.of("clients:view"), "/scim/v2/Users"));
        assertEquals(null, Scopes.effective(null, "/scim/v2/Users"));
        assertEquals(20, Scopes.ALL.size());
    }

    @Test
    void adminSeesAllOwnersAHeadHimselfAndHisEmployeesAnEmployeeHimself() {
        assertTrue(scope.scopeOf(caller(1, UserType.ADMIN, Rights.allFor(UserType.ADMIN), Set.of())).everyone());
        OwnerScope head = scope.scopeOf(caller(3, UserType.ADMINISTRATION, Rights.allFor(UserType.ADMINISTRATION), Set.of(7L, 9L)));
        assertEquals(Set.of(3L, 7L, 9L), head.owners());
        assertFalse(head.includes(4L), "another head's records");
        assertEquals(Set.of(7L), scope.scopeOf(caller(7, UserType.EMPLOYEE, Rights.allFor(UserType.EMPLOYEE), Set.of())).owners());
    }

    @Test
    void withoutViewTheWholeAreaIsClosedWhateverElseIsGranted() {
        Caller employee = caller(7, UserType.EMPLOYEE, new Rights(NONE, READ, Rights.AreaRights.ALL, READ, false), Set.of());
        for (Action action : Action.values()) {
            assertFalse(rights.can(employee, Area.CLIENTS, action), action.name());
        }
        assertTrue(rights.can(employee, Area.ACTIVITIES, Action.VIEW));
        assertFalse(rights.can(employee, Area.ACTIVITIES, Action.CREATE));
        assertTrue(rights.can(employee, Area.DEALS, Action.DELETE));
        ApiException e = assertThrows(ApiException.class, () -> rights.require(employee, Area.CLIENTS, Action.VIEW));
        assertEquals(ProblemKind.FORBIDDEN, e.kind());
    }

    @Test
    void adminsRightsCannotBeNarrowedAndAnEmployeeNeverManagesSettings() {
        Caller admin = caller(1, UserType.ADMIN, new Rights(NONE, NONE, NONE, NONE, false), Set.of());
        assertTrue(rights.can(admin, Area.CLIENTS, Action.DELETE));
        assertTrue(rights.canManageSettings(admin));
        assertFalse(rights.canManageSettings(caller(7, UserType.EMPLOYEE, new Rights(READ, READ, READ, READ, true), Set.of())));
        assertTrue(rights.canManageSettings(caller(3, UserType.ADMINISTRATION, Rights.allFor(UserType.ADMINISTRATION), Set.of())));
        assertFalse(rights.canManageSettings(caller(3, UserType.ADMINISTRATION, new Rights(READ, READ, READ, READ, false), Set.of())));
        assertThrows(ApiException.class, () -> rights.requireAdmin(caller(3, UserType.ADMINISTRATION, null, Set.of())));
    }
}
