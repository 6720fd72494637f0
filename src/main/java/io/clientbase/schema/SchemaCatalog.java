package io.clientbase.schema;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The card schema (sections, live fields, section visibility by group) kept in memory and tagged
 * with the database's schema version. Every request reads that version with its caller, and the
 * copy is used only when it is at least that recent, so a change made through any instance applies
 * on the next request everywhere. Every change to the schema goes through {@link #changed()}.
 */
@ApplicationScoped
public class SchemaCatalog {

    /** One consistent copy of the schema; its entities are detached and must not be modified. */
    public record Snapshot(long version, List<Section> sections, List<Field> fields, Map<Long, Set<Long>> sectionGroups) {
    }

    @Inject
    EntityManager em;

    private volatile Snapshot current;

    /** A copy at least as recent as {@code version}, read again from the database when the cached one is older. */
    public Snapshot atLeast(long version) {
        Snapshot cached = current;
        if (cached != null && cached.version() >= version) {
            return cached;
        }
        // A transaction of its own: one consistent read, never a caller's uncommitted change.
        Snapshot loaded = QuarkusTransaction.requiringNew().call(this::load);
        synchronized (this) {
            if (current == null || current.version() < loaded.version()) {
                current = loaded;
            }
            return current.version() >= loaded.version() ? current : loaded;
        }
    }

    /** Marks the schema as changed in the caller's transaction: every instance reloads it on its next request. */
    public void changed() {
        em.createNativeQuery("UPDATE schema_state SET version = version + 1 WHERE id = 1").executeUpdate();
    }

    private Snapshot load() {
        long version = ((Number) em.createNativeQuery("SELECT version FROM schema_state WHERE id = 1").getSingleResult()).longValue();
        List<Section> sections = em.createQuery("SELECT s FROM Section s ORDER BY s.position, s.id", Section.class).getResultList();
        List<Field> fields = em.createQuery("SELECT f FROM Field f WHERE f.deletedAt IS NULL ORDER BY f.position, f.id", Field.class)
                .getResultList();
        return new Snapshot(version, List.copyOf(sections), List.copyOf(fields), sectionGroups());
    }

    /** Which groups may see each section (absent = everyone), as stored now in the caller's transaction. */
    public Map<Long, Set<Long>> sectionGroups() {
        Map<Long, Set<Long>> result = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT section_id, group_id FROM section_groups").getResultList();
        for (Object[] row : rows) {
            result.computeIfAbsent(((Number) row[0]).longValue(), k -> new HashSet<>()).add(((Number) row[1]).longValue());
        }
        return result;
    }
}
