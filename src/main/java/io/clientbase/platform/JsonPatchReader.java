package io.clientbase.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import io.clientbase.platform.problem.ProblemKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a merge-patch body: the members present are what changes, so the raw object is kept
 * beside its typed, validated form. Unknown members and wrong JSON types are 400s as anywhere.
 */
@ApplicationScoped
public class JsonPatchReader {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    public <T> T read(JsonNode body, Set<String> allowed, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw new ApiException(ProblemKind.WRONG_TYPE, "The request body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new ApiException(ProblemKind.UNKNOWN_MEMBER, "Unknown member '" + name + "'",
                        List.of(new Problem.FieldError(name, "is not a known member")), Map.of());
            }
        }
        T patch;
        try {
            patch = mapper.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new JsonReadFailure(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(patch);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return patch;
    }

    /** Carries a Jackson failure out of a service so the problem mappers can name the member. */
    public static final class JsonReadFailure extends RuntimeException {
        public JsonReadFailure(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause, false, false);
        }
    }
}
