package io.clientbase.access;

import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.ProblemKind;
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

    /** Whether the rule applies to a user of this status: only then are the ranges read. */
    public boolean restricts(UserStatus status) {
        return status == UserStatus.IP_RESTRICTED;
    }

    public boolean allows(UserStatus status, String address) {
        if (!restricts(status)) {
            return true;
        }
        Optional<byte[]> parsed = IpAddresses.parse(address);
        if (parsed.isEmpty()) {
            return false;
        }
        List<IpRange> ranges = IpRange.listAll();
        return ranges.stream().anyMatch(r -> r.contains(parsed.get()));
    }

    public void requireAllowedLogin(UserDirectory.Account user, String address) {
        if (!allows(user.status(), address)) {
            events.record(SecurityEvents.Kind.LOGIN_IP_NOT_ALLOWED, user.id(), user.login(), address, "POST",
                    "/api/v1/auth/login", REFUSED);
            throw new ApiException(ProblemKind.IP_NOT_ALLOWED, REFUSED);
        }
    }

    public void requireAllowedRequest(Caller caller, String address, String method, String path) {
        if (!allows(caller.status(), address)) {
            events.record(SecurityEvents.Kind.REQUEST_IP_NOT_ALLOWED, caller.id(), caller.login(), address, method, path, REFUSED);
            throw new ApiException(ProblemKind.IP_NOT_ALLOWED, REFUSED);
        }
    }
}
