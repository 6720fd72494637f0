package io.clientbase.platform;

import io.clientbase.platform.problem.ApiException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The bounds of path, query and header parameters, stated once for the contract
 * ({@link ContractFilter} writes them into it) and enforced here for every resource: an id
 * ({@code id}, {@code …Id}) is 1 or more, and a parameter of {@link #MAX_LENGTHS} is at most that
 * long. A parameter beyond its bound answers 400 naming it. Runs after authentication, so an
 * anonymous caller learns nothing from it.
 */
public class RequestParameters {

    /** Longest value per parameter name; longer ones cannot be valid (a cursor, a date) or are refused. */
    public static final Map<String, Integer> MAX_LENGTHS = Map.ofEntries(
            // a client list sorted by a TEXT field carries its 2000-character value, JSON-escaped and Base64-encoded
            Map.entry("cursor", 16384),
            Map.entry("q", 200),
            Map.entry("sort", 64),
            Map.entry("contentType", 255),
            Map.entry("since", 64),
            Map.entry("recordType", 16),
            Map.entry("delimiter", 3),
            Map.entry("updatedSince", 64),
            Map.entry("dueFrom", 64),
            Map.entry("dueTo", 64),
            Map.entry("closeFrom", 32),
            Map.entry("closeTo", 32),
            Map.entry("If-Match", 64),
            Map.entry("If-None-Match", 256),
            Map.entry("Idempotency-Key", 200));

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void require(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getUriInfo().getPath().startsWith("/scim/")) {
            return; // SCIM ids are opaque strings and its refusals are SCIM errors (RFC 7644): the SDK checks them
        }
        check(request.getUriInfo().getPathParameters());
        check(request.getUriInfo().getQueryParameters());
        check(request.getHeaders());
        if (resource != null && resource.getResourceMethod() != null) {
            requireTypes(resource.getResourceMethod(), request.getUriInfo().getQueryParameters());
        }
    }

    /**
     * A number or boolean query parameter that does not parse is the caller's mistake, answered
     * 400 naming it; Jakarta REST would answer 404, as if the resource did not exist.
     */
    private static void requireTypes(Method method, MultivaluedMap<String, String> query) {
        if (query.isEmpty()) {
            return;
        }
        for (TypedQueryParameter parameter : TYPED.computeIfAbsent(method, RequestParameters::typedQueryParameters)) {
            List<String> values = query.get(parameter.name());
            if (values == null) {
                continue;
            }
            for (String value : values) {
                if (!parses(parameter.type(), value)) {
                    throw ApiException.badParameter(parameter.name(), parameter.type() == Boolean.class
                            || parameter.type() == boolean.class ? "must be true or false" : "must be an integer");
                }
            }
        }
    }

    private record TypedQueryParameter(String name, Class<?> type) {
    }

    /** A resource method's number and boolean query parameters, read once per method. */
    private static final java.util.concurrent.ConcurrentHashMap<Method, List<TypedQueryParameter>> TYPED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static List<TypedQueryParameter> typedQueryParameters(Method method) {
        List<TypedQueryParameter> typed = new java.util.ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            QueryParam name = parameter.getAnnotation(QueryParam.class);
            Class<?> type = parameter.getType();
            if (name != null && type != String.class && (type.isPrimitive() || Number.class.isAssignableFrom(type)
                    || type == Boolean.class)) {
                typed.add(new TypedQueryParameter(name.value(), type));
            }
        }
        return List.copyOf(typed);
    }

    static boolean parses(Class<?> type, String value) {
        try {
            if (type == Long.class || type == long.class) {
                Long.parseLong(value.trim());
            } else if (type == Integer.class || type == int.class) {
                Integer.parseInt(value.trim());
            } else if (type == Boolean.class || type == boolean.class) {
                return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false");
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void check(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            boolean id = isId(name);
            Integer maxLength = maxLength(name);
            for (String value : parameter.getValue()) {
                if (id && isNotPositive(value)) {
                    throw ApiException.badParameter(name, "must be an id, 1 or more");
                }
                if (maxLength != null && value != null && value.length() > maxLength) {
                    throw ApiException.badParameter(name, "must be at most " + maxLength + " characters");
                }
            }
        }
    }

    static boolean isId(String name) {
        return name.equals("id") || name.endsWith("Id");
    }

    /** Header names compare without case, so the table is looked up the same way. */
    static Integer maxLength(String name) {
        Integer exact = MAX_LENGTHS.get(name);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, Integer> entry : MAX_LENGTHS.entrySet()) {
            if (entry.getKey().contains("-") && entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }

    static boolean isNotPositive(String value) {
        try {
            return Long.parseLong(value.trim()) < 1;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
