package io.clientbase.support;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Every item of a keyset-paged list, following nextCursor to the end. */
public final class Pages {

    private Pages() {
    }

    /** The path of the next page in a Link header ({@code <…>; rel="next"}), or null when none follows. */
    public static String nextLink(String link) {
        if (link == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]+)>; rel=\"next\"").matcher(link);
        if (!m.find()) {
            throw new AssertionError("no rel=\"next\" in " + link);
        }
        return m.group(1);
    }

    /** The ids of every client a caller's list holds, page after page of {@code limit}, in {@code sort} order with {@code filters}. */
    public static List<Long> walk(String token, String sort, int limit, Map<String, Object> filters) {
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = Api.as(token).queryParams(filters).queryParam("limit", limit).queryParam("sort", sort)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get("/api/v1/clients").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", Long.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    public static List<Map<String, Object>> all(Supplier<RequestSpecification> request, String path) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        do {
            RequestSpecification spec = request.get();
            if (cursor != null) {
                spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.get(path).then().statusCode(200).extract().jsonPath();
            items.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return items;
    }
}
