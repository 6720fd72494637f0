package io.clientbase.access;

import io.clientbase.platform.RetryOnConflict;
import io.clientbase.platform.Limits;
import io.clientbase.platform.problem.ApiException;
import io.clientbase.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Size;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The allowed IP ranges (Settings → Security), ADMIN only. */
@ApplicationScoped
@RetryOnConflict
public class IpRangeService {

    @Inject
    UserDirectory users;

    @Inject
    CurrentCaller caller;

    @Inject
    RightsEvaluator rights;

    @Schema(name = "IpRangeRequest", description = "Either from and to (one family, from ≤ to) or cidr")
    public record Request(
            @Size(max = 64) @Schema(example = "42.140.10.143") String from,
            @Size(max = 64) @Schema(example = "42.140.10.144") String to,
            @Size(max = 64) @Schema(example = "10.0.0.0/24") String cidr,
            @Size(max = 500) @Schema(example = "office") String description) {
    }

    @Schema(name = "IpRange")
    public record View(
            @Schema(example = "1") Long id,
            @Schema(example = "42.140.10.143", required = true, maxLength = 64) String from,
            @Schema(example = "42.140.10.144", required = true, maxLength = 64) String to,
            @Schema(example = "10.0.0.0/24", description = "Present when the range was given as a CIDR block", maxLength = 64) String cidr,
            @Schema(example = "office", maxLength = 500) String description,
            @Schema(example = "1") int version) {
    }

    public List<View> list() {
        rights.requireAdmin(caller.get());
        return IpRange.<IpRange>listAll(io.quarkus.panache.common.Sort.by("id")).stream().map(IpRangeService::view).toList();
    }

    public View get(long id) {
        rights.requireAdmin(caller.get());
        return view(find(id));
    }

    @Transactional
    public View create(Request request) {
        rights.requireAdmin(caller.get());
        Limits.requireRoom(IpRange.count(), Limits.IP_RANGES, "ipRanges");
        IpRange range = new IpRange();
        apply(range, request);
        range.persist();
        return view(range);
    }

    @Transactional
    public View update(long id, Request request) {
        rights.requireAdmin(caller.get());
        IpRange range = IpRange.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (range == null) {
            throw ApiException.notFound("IP range");
        }
        apply(range, request);
        range.version++;
        return view(range);
    }

    /** Deletes; the warnings say when IP_RESTRICTED users are left with no range at all. */
    @Transactional
    public List<String> delete(long id) {
        rights.requireAdmin(caller.get());
        find(id).delete();
        return warnings();
    }

    public List<String> warnings() {
        long restricted = users.countWithStatus(UserStatus.IP_RESTRICTED);
        if (restricted > 0 && IpRange.count() == 0) {
            return List.of(restricted + " IP_RESTRICTED user(s) now have no allowed range and cannot log in");
        }
        return List.of();
    }

    private static IpRange find(long id) {
        IpRange range = IpRange.findById(id);
        if (range == null) {
            throw ApiException.notFound("IP range");
        }
        return range;
    }

    private static void apply(IpRange range, Request request) {
        boolean pair = request.from() != null || request.to() != null;
        boolean block = request.cidr() != null;
        if (pair == block) {
            throw ApiException.invalid("cidr", "give either from and to, or cidr");
        }
        if (block) {
            applyCidr(range, request.cidr().strip());
        } else {
            applyPair(range, request.from(), request.to());
        }
        range.description = request.description();
    }

    private static void applyPair(IpRange range, String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        byte[] low = IpAddresses.parse(from).orElse(null);
        byte[] high = IpAddresses.parse(to).orElse(null);
        if (low == null) {
            errors.add(new Problem.FieldError("from", "must be an IPv4 or IPv6 address"));
        }
        if (high == null) {
            errors.add(new Problem.FieldError("to", "must be an IPv4 or IPv6 address"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (low.length != high.length) {
            throw ApiException.invalid("to", "must be of the same family (IPv4 or IPv6) as from");
        }
        if (IpAddresses.compare(low, high) > 0) {
            throw ApiException.invalid("to", "must not be below from");
        }
        range.fromAddress = low;
        range.toAddress = high;
        range.fromText = IpAddresses.format(low);
        range.toText = IpAddresses.format(high);
        range.cidr = null;
    }

    private static void applyCidr(IpRange range, String cidr) {
        int slash = cidr.indexOf('/');
        byte[] base = slash < 0 ? null : IpAddresses.parse(cidr.substring(0, slash)).orElse(null);
        int bits = slash < 0 ? -1 : prefixLength(cidr.substring(slash + 1));
        if (base == null || bits < 0 || bits > base.length * 8) {
            throw ApiException.invalid("cidr", "must be a CIDR block such as 10.0.0.0/24 or 2001:db8::/32");
        }
        int width = base.length * 8;
        BigInteger address = new BigInteger(1, base);
        BigInteger hostMask = BigInteger.ONE.shiftLeft(width - bits).subtract(BigInteger.ONE);
        BigInteger network = address.andNot(hostMask);
        range.fromAddress = toBytes(network, base.length);
        range.toAddress = toBytes(network.or(hostMask), base.length);
        range.fromText = IpAddresses.format(range.fromAddress);
        range.toText = IpAddresses.format(range.toAddress);
        range.cidr = range.fromText + "/" + bits;
    }

    private static int prefixLength(String text) {
        try {
            return text.matches("\\d{1,3}") ? Integer.parseInt(text) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }

    private static View view(IpRange range) {
        return new View(range.id, range.fromText, range.toText, range.cidr, range.description, range.version);
    }
}
