package io.clientbase.users;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.platform.Limits;
import io.clientbase.access.CurrentCaller;
import io.clientbase.access.RightsEvaluator;
import io.clientbase.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.clientbase.access.SchemaReferences;
import jakarta.transaction.Transactional;
import java.util.List;

/** Named sets of users, used by section visibility. Everyone reads them; only ADMIN changes them. */
@ApplicationScoped
@RetryOnConflict
public class GroupService {

    @Inject
    CurrentCaller caller;

    @Inject
    RightsEvaluator rights;

    @Inject
    GroupMembership membership;

    @Inject
    EntityManager em;

    @Inject
    SchemaReferences schema;

    @Inject
    io.clientbase.history.ChangeJournal journal;

    public List<GroupView> list() {
        rights.requireScope(caller.get(), io.clientbase.access.Scopes.USERS);
        return Group.<Group>listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(this::view).toList();
    }

    public GroupView get(long id) {
        rights.requireScope(caller.get(), io.clientbase.access.Scopes.USERS);
        return view(find(id));
    }

    @Transactional
    public GroupView create(GroupView request) {
        rights.requireAdmin(caller.get());
        Limits.requireRoom(Group.count(), Limits.GROUPS, "groups");
        requireFreeName(request.name(), null);
        Group group = new Group();
        group.name = request.name().strip();
        group.persist();
        return view(group);
    }

    @Transactional
    public GroupView rename(long id, GroupView request) {
        rights.requireAdmin(caller.get());
        Group group = find(id);
        em.lock(group, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        requireFreeName(request.name(), id);
        group.name = request.name().strip();
        group.version++;
        return view(group);
    }

    /**
     * Replaces a group's members (SCIM provisions groups with their members; the REST API sets them
     * on each user as groupIds). Every id must name a user; each user who joins or leaves counts a
     * new version, as when his groupIds change.
     */
    @Transactional
    public GroupView setMembers(long id, java.util.Collection<Long> memberIds) {
        rights.requireAdmin(caller.get());
        Group group = find(id);
        em.lock(group, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        java.util.Set<Long> wanted = new java.util.LinkedHashSet<>(memberIds);
        if (wanted.size() > Limits.USERS) {
            throw ApiException.invalid("members", "at most " + Limits.USERS + " members");
        }
        java.util.Set<Long> current = new java.util.HashSet<>(membership.memberIdsOf(id));
        java.util.Set<Long> changed = new java.util.TreeSet<>();
        for (Long user : wanted) {
            if (!current.contains(user)) {
                if (User.findById(user) == null) {
                    throw ApiException.invalid("members", "names no user with id " + user);
                }
                membership.setMember(id, user, true);
                changed.add(user);
            }
        }
        for (Long user : current) {
            if (!wanted.contains(user)) {
                membership.setMember(id, user, false);
                changed.add(user);
            }
        }
        for (Long userId : changed) {
            // his groupIds changed: a new version of him, and an entry in his history, as a PATCH of groupIds makes
            User user = em.find(User.class, userId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            List<Long> after = membership.groupIdsOf(userId);
            List<Long> before = new java.util.ArrayList<>(after);
            if (wanted.contains(userId)) {
                before.remove(Long.valueOf(id));
            } else {
                before.add(id);
                before.sort(null);
            }
            UserView was = UserView.of(user, before);
            user.version++;
            em.flush();
            journal.recordViews(io.clientbase.history.RecordType.USER, was, UserView.of(user, after));
        }
        if (!changed.isEmpty()) {
            group.version++;
        }
        return view(group);
    }

    /**
     * A group that restricts a section is not deleted: the section would silently open to everyone
     * (no group = everyone). Take it out of the sections' visibleToGroupIds first.
     */
    @Transactional
    public void delete(long id) {
        rights.requireAdmin(caller.get());
        Group group = find(id);
        List<String> sections = schema.sectionsRestrictedTo(id);
        if (!sections.isEmpty()) {
            throw ApiException.conflict("The group restricts the section(s) " + String.join(", ", sections)
                    + ": remove it from their visibleToGroupIds first, or they would open to everyone");
        }
        group.delete();
    }

    private Group find(long id) {
        Group group = Group.findById(id);
        if (group == null) {
            throw ApiException.notFound("Group");
        }
        return group;
    }

    private static void requireFreeName(String name, Long self) {
        Group other = Group.<Group>find("name", name.strip()).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw ApiException.conflict("A group named '" + name.strip() + "' exists already");
        }
    }

    private GroupView view(Group group) {
        return new GroupView(group.id, group.name, membership.memberIdsOf(group.id));
    }
}
