package io.clientbase.schema;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.platform.Limits;
import com.fasterxml.jackson.databind.JsonNode;
import io.clientbase.access.Caller;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.Versions;
import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Custom fields. Everyone reads the fields he may see; settings managers change them. Deleting
 * moves a field to the trash with its values; restore brings both back; purge removes both.
 */
@ApplicationScoped
@RetryOnConflict
public class FieldService {

    private static final Set<String> PATCHABLE = Set.of("sectionId", "key", "name", "type", "required", "position",
            "options", "maxLength");

    @Inject
    jakarta.enterprise.event.Event<FieldPurged> purged;

    @Inject
    CurrentCaller caller;

    @Inject
    RightsEvaluator rights;

    @Inject
    FieldVisibility visibility;

    @Inject
    SectionService sections;

    @Inject
    EntityManager em;

    @Inject
    SchemaCatalog catalog;

    @Inject
    JsonPatchReader patchReader;

    public List<FieldView> list(Long sectionId, boolean deleted) {
        Caller me = caller.get();
        if (deleted) {
            rights.requireSettings(me);
            var schema = visibility.of(me);
            return Field.<Field>list("deletedAt is not null order by deletedAt desc").stream()
                    .filter(f -> schema.sections().stream().anyMatch(s -> s.id.equals(f.sectionId)))
                    .filter(f -> sectionId == null || sectionId.equals(f.sectionId))
                    .map(FieldView::of).toList();
        }
        return visibility.of(me).fields().stream()
                .map(FieldVisibility.VisibleField::field)
                .filter(f -> sectionId == null || sectionId.equals(f.sectionId))
                .map(FieldView::of).toList();
    }

    public FieldView get(long id) {
        return FieldView.of(findVisible(id, true));
    }

    @Transactional
    public FieldView create(FieldRequest request) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Limits.requireRoom(Field.count(), Limits.FIELDS, "fields");
        requirePresent("sectionId", request.sectionId());
        requirePresent("key", request.key());
        requirePresent("name", request.name());
        requirePresent("type", request.type());
        Section section = sectionFor(request.sectionId());
        if (Field.count("key", request.key()) > 0) {
            throw ApiException.conflict("The key '" + request.key() + "' is taken (also by fields in the trash)");
        }
        requireFreeName(request.name(), section.id, null);
        Field field = new Field();
        field.sectionId = section.id;
        field.key = request.key();
        field.name = request.name().strip();
        field.type = request.type();
        field.required = Boolean.TRUE.equals(request.required());
        field.position = request.position() != null ? request.position() : nextPosition(section.id);
        field.options = options(field.type, request.options(), true);
        field.maxLength = maxLength(field.type, request.maxLength());
        field.persist();
        return FieldView.of(field);
    }

    @Transactional
    public FieldView patch(long id, JsonNode body, String ifMatch) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Field field = lockVisible(id, false);
        Versions.checkIfMatch(ifMatch, field.version);
        FieldRequest patch = patchReader.read(body, PATCHABLE, FieldRequest.class);
        if (body.has("type") && patch.type() != field.type) {
            throw ApiException.invalid("type", "a field's type never changes: this field stays " + field.type
                    + "; create a new field instead");
        }
        if (body.has("key") && !field.key.equals(patch.key())) {
            throw ApiException.invalid("key", "a field's key never changes");
        }
        if (body.has("sectionId")) {
            requirePresent("sectionId", patch.sectionId());
            field.sectionId = sectionFor(patch.sectionId()).id;
        }
        if (body.has("name")) {
            requirePresent("name", patch.name());
            field.name = patch.name().strip();
        }
        if (body.has("sectionId") || body.has("name")) {
            requireFreeName(field.name, field.sectionId, field.id);
        }
        if (body.has("required")) {
            requirePresent("required", patch.required());
            field.required = patch.required();
        }
        if (body.has("position")) {
            requirePresent("position", patch.position());
            field.position = patch.position();
        }
        if (body.has("options")) {
            field.options = options(field.type, patch.options(), true);
        }
        if (body.has("maxLength")) {
            field.maxLength = maxLength(field.type, patch.maxLength());
        }
        field.version++;
        em.flush();
        return FieldView.of(field);
    }

    /** To the trash: the field disappears everywhere, its values are kept. */
    @Transactional
    public void delete(long id) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Field field = lockVisible(id, false);
        field.deletedAt = Instant.now();
        field.version++;
    }

    @Transactional
    public FieldView restore(long id) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Field field = lockVisible(id, true);
        if (!field.isDeleted()) {
            throw ApiException.conflict("The field is not in the trash");
        }
        requireFreeName(field.name, field.sectionId, field.id);
        field.deletedAt = null;
        field.version++;
        em.flush();
        return FieldView.of(field);
    }

    /** Removes a field from the trash for good, with every value it had. */
    @Transactional
    public void purge(long id) {
        rights.requireSettings(caller.get());
        catalog.changed();
        Field field = lockVisible(id, true);
        if (!field.isDeleted()) {
            throw ApiException.conflict("Only a field in the trash can be purged: delete it first");
        }
        purged.fire(new FieldPurged(field.id));
        field.delete();
    }

    /** The same, locked for the change that follows: the version counts under the row lock. */
    private Field lockVisible(long id, boolean includeTrash) {
        Field field = findVisible(id, includeTrash);
        em.lock(field, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        em.refresh(field);
        return field;
    }

    private Field findVisible(long id, boolean includeTrash) {
        Field field = Field.findById(id);
        var schema = visibility.of(caller.get());
        boolean visible = field != null && (field.isDeleted()
                ? includeTrash && rights.canManageSettings(caller.get())
                        && schema.sections().stream().anyMatch(s -> s.id.equals(field.sectionId))
                : schema.field(field.key).isPresent());
        if (!visible) {
            throw ApiException.notFound("Field");
        }
        return field;
    }

    private Section sectionFor(Long sectionId) {
        try {
            return sections.findVisible(sectionId);
        } catch (ApiException e) {
            throw ApiException.invalid("sectionId", "names no section you can see");
        }
    }

    private static List<String> options(FieldType type, List<String> options, boolean validate) {
        if (!type.hasOptions()) {
            // an empty list is no options: generated clients send [] for every unset list
            if (options != null && !options.isEmpty()) {
                throw ApiException.invalid("options", "only SELECT and MULTISELECT fields have options");
            }
            return null;
        }
        if (options == null || options.isEmpty()) {
            throw ApiException.invalid("options", "a " + type + " field needs at least one option");
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(options.stream().map(String::strip).toList()));
        if (validate && distinct.size() != options.size()) {
            throw ApiException.invalid("options", "must be distinct");
        }
        return distinct;
    }

    private static Integer maxLength(FieldType type, Integer maxLength) {
        if (maxLength != null && type != FieldType.TEXT) {
            throw ApiException.invalid("maxLength", "only TEXT fields have a maxLength");
        }
        return maxLength;
    }

    private int nextPosition(long sectionId) {
        Integer max = em.createQuery("SELECT MAX(f.position) FROM Field f WHERE f.sectionId = :s", Integer.class)
                .setParameter("s", sectionId).getSingleResult();
        return max == null ? 1 : max + 1;
    }

    private static void requireFreeName(String name, long sectionId, Long self) {
        long others = Field.count("sectionId = ?1 and name = ?2 and deletedAt is null and id <> ?3",
                sectionId, name.strip(), self == null ? -1L : self);
        if (others > 0) {
            throw ApiException.conflict("The section already has a field named '" + name.strip() + "'");
        }
    }

    private static void requirePresent(String member, Object value) {
        if (value == null) {
            throw ApiException.invalid(member, "is required");
        }
    }
}
