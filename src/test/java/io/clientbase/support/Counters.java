package io.clientbase.support;

import static io.restassured.RestAssured.given;

import java.util.regex.Pattern;

/** A counter of the application's Prometheus page ({@code /q/metrics}), by name and one tag: which plan served a page, say. */
public final class Counters {

    private Counters() {
    }

    /** The value of {@code name{tag="value",...}}, 0 before it was first counted. */
    public static double read(String name, String tag, String value) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        var m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{" + Pattern.quote(tag) + "=\"" + Pattern.quote(value) + "\"[^}]*} (\\S+)")
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
