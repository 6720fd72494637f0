package io.clientbase.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.nio.file.Path;
import java.util.List;

/**
 * Every request the suite sends to the API and every answer it gets is checked against
 * openapi/openapi.yaml (swagger-request-validator), on by default:
 * <ul>
 * <li>every answer must be what the contract says of its operation and status: an undocumented
 * status, member, header or content type fails the test that produced it;</li>
 * <li>a request the contract forbids (many tests send one on purpose) must be refused with a 4xx
 * problem: accepting it means the server and the contract disagree;</li>
 * <li>a route the contract does not name must answer a 4xx problem.</li>
 * </ul>
 * The operational endpoints under /q/ and CORS preflights are not part of the contract. A test
 * that reads raw compressed bytes is not validated (its body is not JSON to the validator).
 */
public final class ContractValidation implements Filter {

    private static final ContractValidation INSTANCE = new ContractValidation();

    private final OpenApiInteractionValidator validator = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("openapi/openapi.yaml").toUri().toString()).build();

    private ContractValidation() {
    }

    public static synchronized void install() {
        if (!RestAssured.filters().contains(INSTANCE)) {
            RestAssured.filters(INSTANCE);
        }
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        Response answer = ctx.next(request, response);
        String path = request.getDerivedPath();
        boolean api = path.startsWith("/api/") || path.startsWith("/scim/");
        if (!api || request.getMethod().equals("OPTIONS") || answer.getHeader("Content-Encoding") != null) {
            return answer;
        }
        ValidationReport report = validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(answer));
        List<ValidationReport.Message> broken = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .filter(m -> !(m.getKey().startsWith("validation.request.") && refused(answer)))
                .toList();
        if (!broken.isEmpty()) {
            throw new AssertionError(request.getMethod() + " " + path + " answered " + answer.statusCode()
                    + " against the contract:\n" + String.join("\n", broken.stream().map(ContractValidation::describe).toList()));
        }
        return answer;
    }

    /** The server refused the request the way every refusal is answered: a 4xx problem (under /scim, a SCIM error). */
    private static boolean refused(Response answer) {
        String type = answer.getContentType();
        return answer.statusCode() >= 400 && answer.statusCode() < 500 && type != null
                && (type.startsWith("application/problem+json")
                || type.startsWith("application/scim+json") && answer.asString().contains("urn:ietf:params:scim:api:messages:2.0:Error"));
    }

    private static String describe(ValidationReport.Message message) {
        return "  " + message.getKey() + ": " + message.getMessage();
    }
}
