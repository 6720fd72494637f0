package io.clientbase.scim;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.captaingoldfish.scim.sdk.common.constants.ClassPathReferences;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.resources.ServiceProvider;
import de.captaingoldfish.scim.sdk.common.resources.complex.BulkConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ChangePasswordConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.ETagConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.FilterConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.PatchConfig;
import de.captaingoldfish.scim.sdk.common.resources.complex.SortConfig;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.AuthenticationScheme;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.EndpointDefinition;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceEndpoint;
import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;
import de.captaingoldfish.scim.sdk.server.endpoints.base.GroupEndpointDefinition;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.schemas.custom.ResourceTypeFeatures;
import io.clientbase.users.GroupService;
import io.clientbase.users.UserService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SCIM service provider: the SDK's request processing with the User resource type (core,
 * enterprise and clientbase extensions) and the Group one, filtering and sorting done by the SDK
 * over what the handlers read. Authentication and the ADMIN rule are the resource's, before.
 */
@ApplicationScoped
public class ScimEndpoint {

    /** The largest page a list answers (count above it is cut to it). */
    static final int MAX_RESULTS = 200;

    @Inject
    UserService users;

    @Inject
    GroupService groups;

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    private ResourceEndpoint endpoint;

    /** Already authenticated by the application's filter (a Bearer token of an ADMIN). */
    private static final Authorization AUTHENTICATED = new Authorization() {
        @Override
        public Set<String> getClientRoles() {
            return Set.of();
        }

        @Override
        public boolean authenticate(Map<String, String> headers, Map<String, String> queryParameters) {
            return true;
        }
    };

    @PostConstruct
    void init() {
        endpoint = new ResourceEndpoint(serviceProvider());
        ResourceType user = endpoint.registerEndpoint(new EndpointDefinition(
                JsonHelper.loadJsonDocument("/scim/user-resource-type.json"),
                JsonHelper.loadJsonDocument(ClassPathReferences.USER_SCHEMA_JSON),
                List.of(JsonHelper.loadJsonDocument(ClassPathReferences.ENTERPRISE_USER_SCHEMA_JSON),
                        JsonHelper.loadJsonDocument("/scim/clientbase-user.json")),
                new ScimUsers(users, groups, mapper, validator)));
        user.setFeatures(features());
        ResourceType group = endpoint.registerEndpoint(new GroupEndpointDefinition(new ScimGroups(groups)));
        group.setFeatures(features());
    }

    /** The SDK filters, sorts and checks If-Match against meta.version (the record's version). */
    private static ResourceTypeFeatures features() {
        return ResourceTypeFeatures.builder().autoFiltering(true).autoSorting(true)
                .eTagFeature(new de.captaingoldfish.scim.sdk.server.schemas.custom.ETagFeature(true)).build();
    }

    private static ServiceProvider serviceProvider() {
        AuthenticationScheme bearer = AuthenticationScheme.builder().name("Bearer").type("oauthbearertoken")
                .description("An API token (POST /api/v1/users/{id}/api-tokens) or an access token of an ADMIN")
                .specUri("https://www.rfc-editor.org/info/rfc6750").build();
        return ServiceProvider.builder()
                .filterConfig(FilterConfig.builder().supported(true).maxResults(MAX_RESULTS).build())
                .sortConfig(SortConfig.builder().supported(true).build())
                .patchConfig(PatchConfig.builder().supported(true).build())
                .changePasswordConfig(ChangePasswordConfig.builder().supported(true).build())
                .bulkConfig(BulkConfig.builder().supported(false).build())
                .eTagConfig(ETagConfig.builder().supported(true).build())
                .authenticationSchemes(List.of(bearer))
                .build();
    }

    /** One SCIM request: its absolute URL (with the query), method, body and headers. */
    ScimResponse handle(String url, HttpMethod method, String body, Map<String, String> headers) {
        return endpoint.handleRequest(url, method, body, headers, new Context(AUTHENTICATED));
    }
}
