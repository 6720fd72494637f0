package io.clientbase.schema;

import io.clientbase.access.SchemaReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/** The schema package's answers to access about the sections and fields a rule may name. */
@ApplicationScoped
public class StoredSchema implements SchemaReferences {

    @Inject
    EntityManager em;

    @Override
    public boolean sectionExists(long sectionId) {
        return Section.count("id", sectionId) > 0;
    }

    @Override
    public boolean fieldExists(long fieldId) {
        return Field.count("id", fieldId) > 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<String> sectionsRestrictedTo(long groupId) {
        return em.createNativeQuery("SELECT s.name FROM sections s JOIN section_groups g ON g.section_id = s.id "
                + "WHERE g.group_id = ?1 ORDER BY s.name").setParameter(1, groupId).getResultList();
    }
}
