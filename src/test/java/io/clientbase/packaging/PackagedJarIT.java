package io.clientbase.packaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The second tier's last step: target/clientbase.jar itself, started with java -jar as the README
 * says, so that a packaging fault (a class or a MariaDB binary missing from the uber-jar, a broken
 * main) fails the build. Runs in mvn verify, after the integration tests against MariaDB.
 */
@QuarkusIntegrationTest
@TestProfile(PackagedJarProfile.class)
class PackagedJarIT {

    @Test
    void thePackagedJarStartsOnItsEmbeddedMariaDbAndAnAdminLogsInCreatesAndLists() {
        given().get("/q/health/ready").then().statusCode(200);
        String token = given().contentType(ContentType.JSON)
                .body("{\"login\":\"admin\",\"password\":\"" + PackagedJarData.ADMIN_PASSWORD + "\"}")
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        int id = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"ООО Ромашка 🌼\"}")
                .post("/api/v1/clients").then().statusCode(201)
                .header("Location", containsString("/api/v1/clients/")).extract().path("id");
        given().auth().oauth2(token).queryParam("q", "Ромашка").get("/api/v1/clients").then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.find { it.id == " + id + " }.name", equalTo("ООО Ромашка 🌼"));
    }

    @Test
    void theApplicationReachesItsEmbeddedMariaDbThroughTheServersSocket() throws Exception {
        given().get("/q/health/ready").then().statusCode(200);
        Properties account = new Properties();
        try (var in = Files.newBufferedReader(PackagedJarData.folder.resolve("db-account.properties"))) {
            account.load(in);
        }
        String port = Files.readString(PackagedJarData.folder.resolve("db.port")).strip();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/", account.getProperty("user"),
                account.getProperty("password")); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT HOST, COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = '"
                     + account.getProperty("user") + "' AND ID <> CONNECTION_ID() GROUP BY HOST")) {
            Map<String, Integer> byHost = new HashMap<>();
            while (rs.next()) {
                byHost.put(rs.getString(1), rs.getInt(2));
            }
            assertEquals(Set.of("localhost"), byHost.keySet(), "the pool's connections by host: " + byHost);
        }
    }
}
