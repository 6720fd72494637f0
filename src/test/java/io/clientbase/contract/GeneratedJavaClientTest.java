package io.clientbase.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clientbase.client.ApiClient;
import io.clientbase.client.ApiException;
import io.clientbase.client.api.AuthApi;
import io.clientbase.client.api.ClientsApi;
import io.clientbase.client.api.SchemaApi;
import io.clientbase.client.api.SecurityApi;
import io.clientbase.client.api.UsersApi;
import io.clientbase.client.model.Access;
import io.clientbase.client.model.AreaRights;
import io.clientbase.client.model.CardField;
import io.clientbase.client.model.Client;
import io.clientbase.client.model.ClientCard;
import io.clientbase.client.model.ClientPage;
import io.clientbase.client.model.ClientRequest;
import io.clientbase.client.model.FieldAccess;
import io.clientbase.client.model.FieldRequest;
import io.clientbase.client.model.FieldType;
import io.clientbase.client.model.IpRange;
import io.clientbase.client.model.IpRangeRequest;
import io.clientbase.client.model.LoginRequest;
import io.clientbase.client.model.NewUser;
import io.clientbase.client.model.Rights;
import io.clientbase.client.model.SectionRequest;
import io.clientbase.client.model.User;
import io.clientbase.client.model.UserType;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The integrator's path: a Java client generated from openapi/openapi.yaml by openapi-generator
 * (java, native, Jakarta; in the build, see the pom) compiles, and runs the brief's scenario against
 * the running application with its typed calls only.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class GeneratedJavaClientTest {

    @TestHTTPResource("/")
    URL base;

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.setScheme(base.getProtocol());
        client.setHost(base.getHost());
        client.setPort(base.getPort());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private String login(String login, String password) throws ApiException {
        return new AuthApi(client(null)).login(new LoginRequest().login(login).password(password)).getAccessToken();
    }

    @Test
    void theGeneratedJavaClientRunsTheBriefsScenario() throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        ApiClient admin = client(login(TestDatabase.ADMIN_LOGIN, TestDatabase.ADMIN_PASSWORD));
        SchemaApi schema = new SchemaApi(admin);
        long section = schema.createSection(new SectionRequest().name("Договор " + suffix)).getId();
        Map<FieldType, Long> fields = new java.util.EnumMap<>(FieldType.class);
        for (FieldType type : FieldType.values()) {
            FieldRequest request = new FieldRequest().sectionId(section).key("j" + suffix + "_" + type.getValue().toLowerCase())
                    .name("Поле " + type.getValue()).type(type);
            if (type == FieldType.SELECT || type == FieldType.MULTISELECT) {
                request.options(List.of("VIP", "обычный"));
            }
            fields.put(type, schema.createField(request).getId());
        }
        String number = "j" + suffix + "_number";
        String hidden = "j" + suffix + "_text";

        UsersApi users = new UsersApi(admin);
        AreaRights all = new AreaRights().view(true).create(true).edit(true).delete(true);
        User head = users.createUser(new NewUser().login("jhead" + suffix).password("Passw0rd-Test").name("Руководитель")
                .type(UserType.ADMINISTRATION), null);
        User employee = users.createUser(new NewUser().login("jemp" + suffix).password("Passw0rd-Test").name("Менеджер")
                .type(UserType.EMPLOYEE).managerId(head.getId())
                .rights(new Rights().clients(all).activities(all).deals(all).documents(all).settings(false))
                .fieldAccess(List.of(new FieldAccess().fieldId(fields.get(FieldType.TEXT)).access(Access.HIDDEN))), null);

        ClientsApi clients = new ClientsApi(admin);
        Client created = clients.createClient(new ClientRequest().name("ООО Ромашка " + suffix).ownerId(employee.getId())
                .putFieldsItem(hidden, "секрет").putFieldsItem(number, 42).putFieldsItem("j" + suffix + "_date", "2026-03-01")
                .putFieldsItem("j" + suffix + "_checkbox", true).putFieldsItem("j" + suffix + "_select", "VIP")
                .putFieldsItem("j" + suffix + "_multiselect", List.of("VIP")));
        clients.createClient(new ClientRequest().name("ООО Ромашка " + suffix + " малая").ownerId(employee.getId())
                .putFieldsItem(number, 3));

        // the contract declares q but not the dynamic field.<key>.gte filters: the typed call, its URI completed
        ApiClient ranged = client(login("jemp" + suffix, "Passw0rd-Test"));
        URI range = URI.create(base.toString().replaceAll("/$", "") + "/api/v1/clients?q=" + "%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0"
                + "&field." + number + ".gte=10");
        var token = login("jemp" + suffix, "Passw0rd-Test");
        ranged.setRequestInterceptor(request -> request.uri(range).header("Authorization", "Bearer " + token));
        ClientPage page = new ClientsApi(ranged).listClients(null, null, null, null, "Ромашка", null, null);
        assertEquals(List.of(created.getId()), page.getItems().stream().map(Client::getId).toList(), "q and the number range");
        assertFalse(page.getItems().get(0).getFields().containsKey(hidden), "a hidden field is absent from the list");

        ClientCard card = new ClientsApi(client(token)).getClientCard(created.getId());
        List<String> keys = card.getSections().stream().flatMap(s -> s.getFields().stream()).map(CardField::getKey).toList();
        assertTrue(keys.contains(number) && !keys.contains(hidden), keys.toString());
        Object value = card.getSections().stream().flatMap(s -> s.getFields().stream()).filter(f -> f.getKey().equals(number))
                .findFirst().orElseThrow().getValue();
        assertEquals(42, ((Number) value).intValue());

        ApiException stale = assertThrows(ApiException.class,
                () -> new ClientsApi(client(token)).updateClient(created.getId(), new ClientRequest().name("Другое"), "\"999\""));
        assertEquals(412, stale.getCode());
        assertTrue(stale.getResponseBody().contains("precondition-failed"), stale.getResponseBody());

        IpRange office = new SecurityApi(admin).createIpRange(new IpRangeRequest().from("42.140.10.143").to("42.140.10.144")
                .description("офис " + suffix));
        assertEquals("42.140.10.144", office.getTo());
    }
}
