package io.clientbase.access;

import java.util.Set;

/**
 * The owners whose records a caller may see: everyone (ADMIN), or a fixed set of user ids
 * computed from the hierarchy as it is now.
 */
public record OwnerScope(boolean everyone, Set<Long> owners) {

    public static OwnerScope all() {
        return new OwnerScope(true, Set.of());
    }

    public static OwnerScope of(Set<Long> owners) {
        return new OwnerScope(false, Set.copyOf(owners));
    }

    public boolean includes(Long ownerId) {
        return everyone || (ownerId != null && owners.contains(ownerId));
    }

    /**
     * A JPQL condition on {@code alias.column} that keeps only records inside the scope; bind
     * its parameter with {@link #bind}.
     */
    public String predicate(String path) {
        return everyone ? "1 = 1" : path + " IN :scopeOwners";
    }

    /**
     * The same condition for native SQL. Owner ids are numbers the server computed, never caller
     * input, so they are written into the statement as literals.
     */
    public String sql(String column) {
        if (everyone) {
            return "1 = 1";
        }
        return column + " IN (" + owners.stream().sorted().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(",")) + ")";
    }

    public void bind(jakarta.persistence.Query query) {
        if (!everyone) {
            query.setParameter("scopeOwners", owners);
        }
    }
}
