package io.clientbase.schema;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.platform.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.Versions;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.access.GroupReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sections of the client card. Everyone reads those he may see; settings managers change them. */
@ApplicationScoped
@RetryOnConflict
public class SectionService {

    private static final Set<String> PATCHABLE = Set.of("name", "position", "visibleToGroupIds");

    @Inject
    CurrentCaller caller;

    @Inject
    RightsEvaluator rights;

    @Inject
    FieldVisibility visibility;

    @Inject
    EntityManager em;

    @Inject
    SchemaCatalog catalog;

    @Inject
    JsonPatchReader patchReader;

    @Inject
    GroupReferences groups;

    public List<SectionView> list() {
        var schema = visibility.of(caller.get());
        Map<Long, Set<Long>> visibleTo = catalog.sectionGroups();
        return schema.sections().stream().map(s -> view(s, visibleTo)).toList();
    }

    public SectionView get(long id) {
        return view(findVisible(id), catalog.sectionGroups());
    }

    @Transactional
    public SectionView create(SectionRequest request) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Limits.requireRoom(Section.count(), Limits.SECTIONS, "sections");
        if (request.name() == null || request.name().isBlank()) {
            throw ApiException.invalid("name", "must not be blank");
        }
        requireFreeName(request.name(), null);
        Section section = new Section();
        section.name = request.name().strip();
        section.position = request.position() != null ? request.position() : nextPosition();
        section.persist();
        em.flush();
        setGroups(section.id, request.visibleToGroupIds());
        return view(section, catalog.sectionGroups());
    }

    @Transactional
    public SectionView patch(long id, JsonNode body, String ifMatch) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Section section = findVisible(id);
        em.lock(section, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        em.refresh(section);
        Versions.checkIfMatch(ifMatch, section.version);
        SectionRequest patch = patchReader.read(body, PATCHABLE, SectionRequest.class);
        if (body.has("name")) {
            if (patch.name() == null || patch.name().isBlank()) {
                throw ApiException.invalid("name", "must not be blank");
            }
            requireFreeName(patch.name(), section.id);
            section.name = patch.name().strip();
        }
        if (body.has("position")) {
            if (patch.position() == null) {
                throw ApiException.invalid("position", "cannot be null");
            }
            section.position = patch.position();
        }
        if (body.has("visibleToGroupIds")) {
            setGroups(section.id, patch.visibleToGroupIds());
        }
        section.version++;
        em.flush();
        return view(section, catalog.sectionGroups());
    }

    /** Built-in sections are never deleted; a section that still has fields is refused: move or delete them first. */
    @Transactional
    public void delete(long id) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Section section = findVisible(id);
        if (section.builtIn) {
            throw ApiException.conflict("The built-in section '" + section.name + "' can be renamed and reordered, never deleted");
        }
        long fields = Field.count("sectionId", section.id);
        if (fields > 0) {
            throw ApiException.conflict("The section still holds " + fields
                    + " field(s), counting the field trash: move them to another section or purge them first");
        }
        section.delete();
    }

    Section findVisible(long id) {
        Section section = Section.findById(id);
        if (section == null || !visibility.of(caller.get()).sees(section)) {
            throw ApiException.notFound("Section");
        }
        return section;
    }

    private void setGroups(long sectionId, List<Long> groupIds) {
        em.createNativeQuery("DELETE FROM section_groups WHERE section_id = ?1").setParameter(1, sectionId).executeUpdate();
        if (groupIds == null) {
            return;
        }
        Set<Long> missing = groups.missing(groupIds);
        if (!missing.isEmpty()) {
            throw ApiException.invalid("visibleToGroupIds", "names no group with id " + missing.stream().sorted().toList().get(0));
        }
        for (Long groupId : new LinkedHashSet<>(groupIds)) {
            em.createNativeQuery("INSERT INTO section_groups (section_id, group_id) VALUES (?1, ?2)")
                    .setParameter(1, sectionId).setParameter(2, groupId).executeUpdate();
        }
    }

    private int nextPosition() {
        Integer max = em.createQuery("SELECT MAX(s.position) FROM Section s", Integer.class).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    private static void requireFreeName(String name, Long self) {
        Section other = Section.<Section>find("name", name.strip()).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw ApiException.conflict("A section named '" + name.strip() + "' exists already");
        }
    }

    private static SectionView view(Section s, Map<Long, Set<Long>> groups) {
        List<Long> ids = groups.getOrDefault(s.id, Set.of()).stream().sorted().toList();
        return new SectionView(s.id, s.name, s.position, s.builtIn, ids, s.version);
    }
}
