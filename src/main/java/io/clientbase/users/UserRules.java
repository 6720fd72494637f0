package io.clientbase.users;

import io.clientbase.access.UserType;
import io.clientbase.access.FieldAccessRule;
import io.clientbase.access.Rights;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.access.SchemaReferences;
import java.util.ArrayList;
import java.util.List;

/** The rules of DESIGN.md §1 about users, each stated once. */
final class UserRules {

    static final String LOGIN_PATTERN = "^[\\p{L}\\p{N}._@+-]+$";
    /**
     * What the contract states of a login: no space, control or ASCII punctuation but . _ @ + -.
     * The server's own pattern ({@link #LOGIN_PATTERN}, Unicode letters and digits) is stricter but
     * needs Unicode regular expressions, which JavaScript reads only with the u flag: a generated
     * TypeScript client or a JSON Schema validator without it would refuse every valid login.
     */
    static final String LOGIN_PATTERN_PORTABLE = "^[^\\s\\x00-\\x1F\\x7F!\"#$%&'()*,/:;<=>?\\[\\\\\\]^`{|}~]+$";
    static final String LOGIN_MESSAGE = "may contain letters, digits and . _ @ + - only";

    private UserRules() {
    }

    static void requireValidManager(UserType type, Long managerId) {
        if (managerId == null) {
            return;
        }
        if (type != UserType.EMPLOYEE) {
            throw ApiException.invalid("managerId", "only an EMPLOYEE answers to a manager; a " + type + " user cannot have one");
        }
        User manager = User.findById(managerId);
        if (manager == null || manager.type != UserType.ADMINISTRATION) {
            throw ApiException.invalid("managerId", "must name an ADMINISTRATION user");
        }
    }

    static Rights rightsFor(UserType type, Rights given, Rights current) {
        Rights base = current != null ? current : Rights.allFor(type);
        Rights merged = merge(base, given);
        if (type == UserType.ADMIN && !merged.equals(Rights.allFor(UserType.ADMIN))) {
            throw ApiException.invalid("rights", "ADMIN's rights cannot be narrowed");
        }
        if (type == UserType.EMPLOYEE && Boolean.TRUE.equals(merged.settings())) {
            throw ApiException.invalid("rights.settings", "an EMPLOYEE never manages settings");
        }
        return merged;
    }

    static List<FieldAccessRule> validFieldAccess(List<FieldAccessRule> rules, SchemaReferences schema) {
        if (rules == null) {
            return new ArrayList<>();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            FieldAccessRule rule = rules.get(i);
            String at = "fieldAccess[" + i + "]";
            if ((rule.sectionId() == null) == (rule.fieldId() == null)) {
                errors.add(new Problem.FieldError(at, "names exactly one of sectionId and fieldId"));
            } else if (rule.access() == null) {
                errors.add(new Problem.FieldError(at + ".access", "must be HIDDEN or READ_ONLY"));
            } else if (rule.sectionId() != null && !schema.sectionExists(rule.sectionId())) {
                errors.add(new Problem.FieldError(at + ".sectionId", "names no section"));
            } else if (rule.fieldId() != null && !schema.fieldExists(rule.fieldId())) {
                errors.add(new Problem.FieldError(at + ".fieldId", "names no field"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new ArrayList<>(rules);
    }

    private static Rights merge(Rights base, Rights given) {
        if (given == null) {
            return base;
        }
        return new Rights(
                merge(base.clients(), given.clients()),
                merge(base.activities(), given.activities()),
                merge(base.deals(), given.deals()),
                merge(base.documents(), given.documents()),
                given.settings() != null ? given.settings() : base.settings());
    }

    private static Rights.AreaRights merge(Rights.AreaRights base, Rights.AreaRights given) {
        Rights.AreaRights b = base != null ? base : Rights.AreaRights.ALL;
        if (given == null) {
            return b;
        }
        return new Rights.AreaRights(
                given.view() != null ? given.view() : b.view(),
                given.create() != null ? given.create() : b.create(),
                given.edit() != null ? given.edit() : b.edit(),
                given.delete() != null ? given.delete() : b.delete());
    }
}
