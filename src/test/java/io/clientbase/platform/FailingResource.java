package io.clientbase.platform;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Exists only in the test application: an endpoint that fails the way a bug would. */
@Path("/test-only/failure")
public class FailingResource {

    @GET
    @PermitAll
    @Operation(hidden = true)
    public String fail() {
        throw new IllegalStateException("secret internal detail: jdbc:mariadb://10.0.0.1/db password=hunter2");
    }
}
