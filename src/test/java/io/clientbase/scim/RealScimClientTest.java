package io.clientbase.scim;

import static io.clientbase.support.Api.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import io.clientbase.support.Api;
import io.clientbase.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A real SCIM client, the UnboundID SCIM 2 SDK's, drives a provider's sequence against
 * /scim/v2: what it sends and reads is SCIM as another implementation understands it.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class RealScimClientTest {

    @TestHTTPResource("/scim/v2")
    URL base;

    private ScimService scim(Client client) {
        String token = Api.adminToken();
        return new ScimService(client.target(base.toString()).register(
                (jakarta.ws.rs.client.ClientRequestFilter) r -> r.getHeaders().putSingle("Authorization", "Bearer " + token)));
    }

    @Test
    void theUnboundIdClientCreatesSearchesPatchesGroupsAndDeletesAUser() throws ScimException {
        // as the SDK's documentation sets a client up: its own Jackson provider and mapper (status "404" read as a number)
        Client client = ClientBuilder.newClient().register(new com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider(
                com.unboundid.scim2.common.utils.JsonUtils.createObjectMapper()), 1);
        try {
            ScimService scim = scim(client);
            assertTrue(scim.getServiceProviderConfig().getPatch().isSupported());
            String login = "unboundid" + System.nanoTime() % 1_000_000;
            UserResource user = new UserResource().setUserName(login)
                    .setName(new Name().setGivenName("Ирина").setFamilyName("Смирнова"))
                    .setEmails(List.of(new Email().setValue(login + "@example.com").setType("work").setPrimary(true)))
                    .setPassword("Passw0rd-Unbound");
            UserResource created = scim.create("Users", user);
            assertEquals(login, created.getUserName());
            assertEquals("Ирина Смирнова", created.getDisplayName());

            ListResponse<UserResource> found = scim.searchRequest("Users").filter(Filter.eq("userName", login)).invoke(UserResource.class);
            assertEquals(1, found.getTotalResults());
            assertEquals(created.getId(), found.getResources().get(0).getId());

            UserResource renamed = scim.modifyRequest("Users", created.getId()).replaceValue("displayName", "Ирина С.")
                    .replaceValue("active", false).invoke(UserResource.class);
            assertEquals("Ирина С.", renamed.getDisplayName());
            assertFalse(renamed.getActive());
            asAdmin().get("/api/v1/users/" + created.getId()).then().body("status", equalTo("BLOCKED")).body("name", equalTo("Ирина С."));
            scim.modifyRequest("Users", created.getId()).replaceValue("active", true).invoke(UserResource.class);
            Api.login(login, "Passw0rd-Unbound");

            GroupResource group = scim.create("Groups", new GroupResource().setDisplayName("Unbound " + login));
            scim.modifyRequest("Groups", group.getId()).addValues("members", new Member().setValue(created.getId()))
                    .invoke(GroupResource.class);
            assertEquals(List.of(created.getId()), scim.retrieve("Groups", group.getId(), GroupResource.class).getMembers()
                    .stream().map(Member::getValue).toList());
            scim.modifyRequest("Groups", group.getId()).removeValues("members[value eq \"" + created.getId() + "\"]")
                    .invoke(GroupResource.class);
            GroupResource emptied = scim.retrieve("Groups", group.getId(), GroupResource.class);
            assertTrue(emptied.getMembers() == null || emptied.getMembers().isEmpty());

            scim.delete("Groups", group.getId());
            scim.delete("Users", created.getId());
            assertThrows(ResourceNotFoundException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
        } finally {
            client.close();
        }
    }
}
