package io.clientbase.platform;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an Instant exactly as ISO_INSTANT does (what Jackson's own serializer writes:
 * {@code 2026-03-01T09:30:00Z}, fractions in groups of three digits), without DateTimeFormatter:
 * a page of 50 clients writes 100 of them, and the formatter was a tenth of the application's CPU
 * in the profile of a page. Years outside 0000-9999 go through Instant.toString().
 */
public final class IsoInstantSerializer extends StdSerializer<Instant> {

    private static final long MIN_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
    private static final long MAX_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

    public IsoInstantSerializer() {
        super(Instant.class);
    }

    /** The generator copies what it is given: one buffer per thread, not a new one per instant (5 % of a page's bytes). */
    private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[30]);

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        char[] buf = BUFFER.get();
        int len = format(value, buf);
        if (len < 0) {
            gen.writeString(value.toString());
        } else {
            gen.writeString(buf, 0, len);
        }
    }

    /** The ISO_INSTANT text of {@code value}, which is also what Instant.toString() gives. */
    public static String text(Instant value) {
        char[] buf = new char[30];
        int len = format(value, buf);
        return len < 0 ? value.toString() : new String(buf, 0, len);
    }

    /** The ISO_INSTANT text of {@code value} in {@code buf} (30 chars), its length; -1 outside years 0000-9999. */
    static int format(Instant value, char[] buf) {
        long seconds = value.getEpochSecond();
        if (seconds < MIN_SECOND || seconds > MAX_SECOND) {
            return -1;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        int p = digits(buf, 0, t.getYear(), 4);
        buf[p++] = '-';
        p = digits(buf, p, t.getMonthValue(), 2);
        buf[p++] = '-';
        p = digits(buf, p, t.getDayOfMonth(), 2);
        buf[p++] = 'T';
        p = digits(buf, p, t.getHour(), 2);
        buf[p++] = ':';
        p = digits(buf, p, t.getMinute(), 2);
        buf[p++] = ':';
        p = digits(buf, p, t.getSecond(), 2);
        int nano = value.getNano();
        if (nano != 0) {
            buf[p++] = '.';
            if (nano % 1_000_000 == 0) {
                p = digits(buf, p, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                p = digits(buf, p, nano / 1000, 6);
            } else {
                p = digits(buf, p, nano, 9);
            }
        }
        buf[p++] = 'Z';
        return p;
    }

    private static int digits(char[] buf, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
