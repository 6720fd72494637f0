package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one place that answers "may this caller do this": can(caller, area, action) and settings.
 * ADMIN always may; EMPLOYEE never manages settings. Rights are read from the caller as stored
 * now (loaded per request), so a change applies on the next request without a new login.
 * Rights apply on top of scope, never instead of it.
 */
@ApplicationScoped
public class RightsEvaluator {

    public boolean can(Caller caller, Area area, Action action) {
        if (!caller.hasScope(Scopes.of(area, action))) {
            return false;
        }
        if (caller.isAdmin()) {
            return true;
        }
        Rights.AreaRights rights = areaRights(caller.rights(), area);
        if (rights == null) {
            return false;
        }
        if (!Boolean.TRUE.equals(rights.view())) {
            return false; // without view the whole area is closed
        }
        return switch (action) {
            case VIEW -> true;
            case CREATE -> Boolean.TRUE.equals(rights.create());
            case EDIT -> Boolean.TRUE.equals(rights.edit());
            case DELETE -> Boolean.TRUE.equals(rights.delete());
        };
    }

    public void require(Caller caller, Area area, Action action) {
        if (!can(caller, area, action)) {
            throw ApiException.forbidden("You have no right to " + action.label() + " " + area.label());
        }
    }

    public boolean canManageSettings(Caller caller) {
        return caller.hasScope(Scopes.SETTINGS) && hasSettingsRight(caller);
    }

    /** The settings right itself, whatever the token: ADMIN, or ADMINISTRATION with settings. */
    public boolean hasSettingsRight(Caller caller) {
        return switch (caller.type()) {
            case ADMIN -> true;
            case ADMINISTRATION -> caller.rights() != null && Boolean.TRUE.equals(caller.rights().settings());
            case EMPLOYEE -> false;
        };
    }

    public void requireSettings(Caller caller) {
        if (!canManageSettings(caller)) {
            throw ApiException.forbidden("You have no right to manage sections and fields");
        }
    }

    /** Users, groups, IP ranges and rights are ADMIN's alone. */
    public void requireAdmin(Caller caller) {
        if (caller.type() != UserType.ADMIN) {
            throw ApiException.forbidden("Only ADMIN may do this");
        }
        requireScope(caller, Scopes.USERS);
    }

    /** A scope his token must hold ({@link Scopes}): 403 beyond it, whatever his rights. */
    public void requireScope(Caller caller, String scope) {
        if (!caller.hasScope(scope)) {
            throw ApiException.forbidden("This API token is not allowed " + scope + " (its scopes: "
                    + String.join(", ", new java.util.TreeSet<>(caller.scopes())) + ")");
        }
    }

    private static Rights.AreaRights areaRights(Rights rights, Area area) {
        if (rights == null) {
            return null;
        }
        return switch (area) {
            case CLIENTS -> rights.clients();
            case ACTIVITIES -> rights.activities();
            case DEALS -> rights.deals();
            case DOCUMENTS -> rights.documents();
        };
    }
}
