package io.clientbase.scim;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.exceptions.ForbiddenException;
import de.captaingoldfish.scim.sdk.common.exceptions.PreconditionFailedException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.exceptions.ScimException;
import io.clientbase.platform.JsonPatchReader;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import jakarta.validation.ConstraintViolationException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The REST API's refusals as SCIM errors (RFC 7644 §3.12): the rules stay in the user and group
 * services; here only their answer changes form. A taken login or external id is
 * {@code uniqueness}, a change of the type {@code mutability}, any other invalid value
 * {@code invalidValue}.
 */
final class ScimErrors {

    private ScimErrors() {
    }

    static <T> T translated(Supplier<T> work) {
        try {
            return work.get();
        } catch (ApiException e) {
            throw scim(e);
        } catch (ConstraintViolationException e) {
            throw new BadRequestException(e.getConstraintViolations().stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")),
                    null, ScimType.RFC7644.INVALID_VALUE);
        } catch (JsonPatchReader.JsonReadFailure e) {
            throw new BadRequestException("A value has the wrong type: " + e.getMessage(), null,
                    ScimType.RFC7644.INVALID_VALUE);
        }
    }

    static void translated(Runnable work) {
        translated(() -> {
            work.run();
            return null;
        });
    }

    static ScimException scim(ApiException e) {
        String detail = e.getMessage() + e.errors().stream().map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; ", " (", ")"));
        detail = e.errors().isEmpty() ? e.getMessage() : detail;
        String fields = e.errors().stream().map(Problem.FieldError::field).collect(Collectors.joining(","));
        return switch (e.kind().status()) {
            case 404 -> new ResourceNotFoundException(e.getMessage(), null, null);
            case 403 -> new ForbiddenException(e.getMessage());
            case 412 -> new PreconditionFailedException(e.getMessage());
            case 409 -> e.getMessage().contains("taken") || e.getMessage().contains("already has")
                    ? new ConflictException(detail.strip(), ScimType.RFC7644.UNIQUENESS) : new ConflictException(detail.strip());
            default -> fields.contains("type") && e.getMessage().concat(detail).contains("immutable")
                    ? new BadRequestException(detail.strip(), null, ScimType.RFC7644.MUTABILITY)
                    : new BadRequestException(detail.strip(), null, ScimType.RFC7644.INVALID_VALUE);
        };
    }
}
