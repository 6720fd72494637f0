package io.clientbase.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an API token may be limited to. {@code area:action} for the client base's areas (the
 * user's rights still apply: a scope never grants what he may not do), {@code settings} for
 * sections and fields, {@code users} for the ADMIN-only operations (users, groups, IP ranges,
 * security events, the audit, purges), {@code webhooks}, and {@code scim} for /scim/v2, where it
 * stands for {@code users} too. A token without scopes may do all its user may.
 */
public final class Scopes {

    public static final String USERS = "users";
    public static final String SETTINGS = "settings";
    public static final String WEBHOOKS = "webhooks";
    public static final String SCIM = "scim";

    /** Every scope, in the order the contract lists them. */
    public static final List<String> ALL = all();

    private Scopes() {
    }

    private static List<String> all() {
        List<String> all = new java.util.ArrayList<>();
        for (Area area : Area.values()) {
            for (Action action : Action.values()) {
                all.add(of(area, action));
            }
        }
        all.addAll(List.of(SETTINGS, USERS, SCIM, WEBHOOKS));
        return List.copyOf(all);
    }

    public static String of(Area area, Action action) {
        return area.name().toLowerCase(java.util.Locale.ROOT) + ":" + action.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The scopes a request works with: under /scim/v2 the scim scope provisions users and groups. */
    static Set<String> effective(Set<String> granted, String path) {
        if (granted == null || !granted.contains(SCIM) || path == null || !path.startsWith("/scim/")) {
            return granted;
        }
        Set<String> widened = new LinkedHashSet<>(granted);
        widened.add(USERS);
        return Set.copyOf(widened);
    }
}
