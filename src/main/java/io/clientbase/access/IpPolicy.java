package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
import io.clientbase.users.User;
import io.clientbase.users.UserStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The IP rule, stated once: an IP_RESTRICTED user works only from an address inside one of the
 * allowed ranges, checked at login and on every request against the ranges and status as stored
 * now. An address that cannot be read or checked is refused.
 */
@ApplicationScoped
public class IpPolicy {

    static final String REFUSED = "Your address is outside the ranges allowed for your account";

    @Inject
    SecurityEvents events;

    public boolean allows(User user, String address) {
        if (user.status != UserStatus.IP_RESTRICTED) {
            return true;
        }
        Optional<byte[]> parsed = IpAddresses.parse(address);
        if (parsed.isEmpty()) {
            return false;
        }
        List<IpRange> ranges = IpRange.listAll();
        return ranges.stream().anyMatch(r -> r.contains(parsed.get()));
    }

    public void requireAllowedLogin(User user, String address) {
        if (!allows(user, address)) {
            events.record(SecurityEvents.Kind.LOGIN_IP_NOT_ALLOWED, user.id, user.login, address, "POST",
                    "/api/v1/auth/login", REFUSED);
            throw new ApiException(ProblemKind.IP_NOT_ALLOWED, REFUSED);
        }
    }

    public void requireAllowedRequest(User user, String address, String method, String path) {
        if (!allows(user, address)) {
            events.record(SecurityEvents.Kind.REQUEST_IP_NOT_ALLOWED, user.id, user.login, address, method, path, REFUSED);
            throw new ApiException(ProblemKind.IP_NOT_ALLOWED, REFUSED);
        }
    }
}
