package io.clientbase.access;

import java.util.Set;

/**
 * The owners whose records a caller may see: everyone (ADMIN), or a fixed set of user ids
 * computed from the hierarchy as it is now. A head's scope also names him ({@code head}): the
 * clients table keeps the head who answers for each client's owner (V20), so that his scope can be
 * read as one index range; the owners still decide on every row.
 */
public record OwnerScope(boolean everyone, Set<Long> owners, Long head) {

    public static OwnerScope all() {
        return new OwnerScope(true, Set.of(), null);
    }

    public static OwnerScope of(Set<Long> owners) {
        return new OwnerScope(false, Set.copyOf(owners), null);
    }

    /** An ADMINISTRATION user's scope: himself and {@code staff}, the EMPLOYEEs he manages now. */
    public static OwnerScope department(long head, Set<Long> staff) {
        Set<Long> owners = new java.util.HashSet<>(staff);
        owners.add(head);
        return new OwnerScope(false, Set.copyOf(owners), head);
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
