package io.clientbase.webhooks;

import io.clientbase.access.IpAddresses;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SSRF guard: a webhook may call only http(s) URLs whose host resolves to public addresses,
 * checked when it is saved and again before every attempt (a name may resolve elsewhere later).
 * Loopback, link-local, private, shared, unspecified and multicast addresses are refused unless
 * the host, or a CIDR block holding the address, is listed in CLIENTBASE_WEBHOOKS_ALLOWED_HOSTS.
 */
@ApplicationScoped
public class AddressGuard {

    private final List<String> allowedNames = new ArrayList<>();
    private final List<byte[][]> allowedBlocks = new ArrayList<>();

    AddressGuard() {
    }

    @jakarta.inject.Inject
    public AddressGuard(WebhooksConfig config) {
        this(config.allowedHosts());
    }

    AddressGuard(Optional<String> allowed) {
        for (String entry : allowed.orElse("").split(",")) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            byte[][] block = block(e);
            if (block != null) {
                allowedBlocks.add(block);
            } else {
                allowedNames.add(e);
            }
        }
    }

    /** Why this URL may not be called, or empty when it may. */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("names no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (allowedNames.contains(host)) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve: " + host);
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address) && !inAllowedBlock(address)) {
                return Optional.of("resolves to " + address.getHostAddress()
                        + ", a private, loopback or reserved address (list it in CLIENTBASE_WEBHOOKS_ALLOWED_HOSTS to allow it)");
            }
        }
        return Optional.empty();
    }

    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && first < 240                       // 0/8 "this network", 240/4 reserved and broadcast
                    && !(first == 100 && second >= 64 && second < 128) // 100.64/10 shared (carrier NAT)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19));   // 198.18/15 benchmarking
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc;            // fc00::/7
            boolean nat64 = first == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b; // 64:ff9b::/96
            return !uniqueLocal && !nat64;
        }
        return false;
    }

    private boolean inAllowedBlock(InetAddress address) {
        byte[] b = address.getAddress();
        for (byte[][] block : allowedBlocks) {
            if (block[0].length == b.length && matches(block[0], b, block[1][0] & 0xff)) {
                return true;
            }
        }
        return false;
    }

    /** {network, {prefix}} for "10.0.0.0/8" or a single address; null for a host name. */
    private static byte[][] block(String entry) {
        String address = entry;
        Integer prefix = null;
        int slash = entry.indexOf('/');
        if (slash >= 0) {
            address = entry.substring(0, slash);
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("CLIENTBASE_WEBHOOKS_ALLOWED_HOSTS: not a CIDR block: " + entry);
            }
        }
        Optional<byte[]> parsed = IpAddresses.parse(address);
        if (parsed.isEmpty()) {
            if (prefix != null) {
                throw new IllegalArgumentException("CLIENTBASE_WEBHOOKS_ALLOWED_HOSTS: not a CIDR block: " + entry);
            }
            return null;
        }
        int bits = prefix != null ? prefix : parsed.get().length * 8;
        return new byte[][] {parsed.get(), {(byte) bits}};
    }

    private static boolean matches(byte[] network, byte[] address, int bits) {
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
            if ((network[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
