package io.clientbase.access;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP literals without any name lookup. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is its IPv4
 * form, so that a client reaching a dual-stack socket matches the IPv4 ranges.
 */
public final class IpAddresses {

    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]{2,45}$");

    private IpAddresses() {
    }

    /** The address's bytes (4 for IPv4, 16 for IPv6), or empty if the text is no IP literal. */
    public static Optional<byte[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = IPV4.matcher(t).matches();
        boolean v6 = !v4 && t.contains(":") && IPV6.matcher(t).matches();
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(t); // a literal: no lookup happens
            return Optional.of(address instanceof Inet4Address ? address.getAddress() : unmapped(address.getAddress()));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] unmapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return v6;
            }
        }
        return v6[10] == (byte) 0xff && v6[11] == (byte) 0xff ? Arrays.copyOfRange(v6, 12, 16) : v6;
    }

    /** Unsigned comparison of two addresses of one family. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static String format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
