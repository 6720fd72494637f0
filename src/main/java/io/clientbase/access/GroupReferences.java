package io.clientbase.access;

import java.util.Collection;
import java.util.Set;

/**
 * The groups that section visibility names, answered by {@code users}: schema can check a
 * section's groups without importing the users' entities.
 */
public interface GroupReferences {

    /** Those of {@code groupIds} that name no group. */
    Set<Long> missing(Collection<Long> groupIds);
}
