package io.clientbase.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Small helpers for talking to the API as a given user. */
public final class Api {

    private Api() {
    }

    public static String login(String login, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", password))
                .post("/api/v1/auth/login")
                .then().statusCode(200)
                .extract().path("accessToken");
    }

    public static String adminToken() {
        return login(TestDatabase.ADMIN_LOGIN, TestDatabase.ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(adminToken());
    }
}
