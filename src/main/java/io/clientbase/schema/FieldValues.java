package io.clientbase.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of a value against its field's type, in one place, with bounds. A valid value becomes
 * a {@link TypedValue} (what is stored); a stored value becomes JSON again with {@link #toJson}.
 */
public final class FieldValues {

    public static final int TEXT_MAX = 2000;
    public static final BigDecimal NUMBER_LIMIT = new BigDecimal("1000000000000000000"); // 10^18
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()\\-.]{3,32}$");
    private static final Pattern CALENDAR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private FieldValues() {
    }

    /** What is stored for one value: one of the typed columns is set. */
    public record TypedValue(String text, BigDecimal number, LocalDate date, Instant dateTime, Boolean bool) {
        static TypedValue ofText(String s) {
            return new TypedValue(s, null, null, null, null);
        }
    }

    /** Thrown with a message fit to show the caller; the caller adds the field key. */
    public static final class InvalidValue extends RuntimeException {
        public InvalidValue(String message) {
            super(message, null, false, false);
        }
    }

    public static TypedValue parse(Field field, JsonNode value) {
        return switch (field.type) {
            case TEXT -> ofText(text(value), field.maxLength == null ? TEXT_MAX : field.maxLength);
            case NUMBER -> number(value, 6);
            case MONEY -> number(value, 2);
            case DATE -> new TypedValue(null, null, date(value), null, null);
            case DATETIME -> new TypedValue(null, null, null, dateTime(value), null);
            case CHECKBOX -> {
                if (!value.isBoolean()) {
                    throw new InvalidValue("must be true or false");
                }
                yield new TypedValue(null, null, null, null, value.booleanValue());
            }
            case SELECT -> TypedValue.ofText(option(text(value), field.options));
            case MULTISELECT -> TypedValue.ofText(options(value, field.options));
            case EMAIL -> TypedValue.ofText(matching(text(value), EMAIL, 254, "must be an e-mail address"));
            case PHONE -> TypedValue.ofText(matching(text(value), PHONE, 32, "must be a phone number (digits, spaces, + ( ) - .)"));
            case URL -> TypedValue.ofText(url(text(value)));
        };
    }

    /** A filter operand given as a query string, parsed as the field's type. */
    public static TypedValue parseQuery(Field field, String raw) {
        JsonNode node = switch (field.type) {
            case NUMBER, MONEY -> {
                try {
                    yield JsonNodeFactory.instance.numberNode(new BigDecimal(raw));
                } catch (NumberFormatException e) {
                    throw new InvalidValue("must be a number");
                }
            }
            case CHECKBOX -> {
                if (!raw.equals("true") && !raw.equals("false")) {
                    throw new InvalidValue("must be true or false");
                }
                yield JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(raw));
            }
            case MULTISELECT -> JsonNodeFactory.instance.arrayNode().add(raw);
            default -> JsonNodeFactory.instance.textNode(raw);
        };
        if (field.type == FieldType.MULTISELECT) {
            return TypedValue.ofText(option(raw, field.options));
        }
        return parse(field, node);
    }

    /**
     * A number as the API shows it: without trailing zeros, never in exponent form (1200, not the
     * 1.2E+3 that stripTrailingZeros alone gives and Jackson then writes).
     */
    public static BigDecimal shown(BigDecimal n) {
        BigDecimal stripped = n.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * {@code shown(new BigDecimal(stored)).toPlainString()}, without the BigDecimal when the stored
     * text is already in that form, as nearly every stored number is: 12-17 ns a number instead of
     * 47-49 for parsing and stripping it (2026-12-05).
     */
    public static String shownText(String stored) {
        return isShown(stored) ? stored : shown(new BigDecimal(stored)).toPlainString();
    }

    /**
     * Whether {@code text} is exactly what {@code shown(new BigDecimal(text))} writes, both as
     * toString (what Jackson writes for a BigDecimal) and as toPlainString: digits with no leading
     * zero, no sign but a minus on a number other than zero, a fraction without trailing zeros and
     * not so small that toString would use an exponent (below 10^-6; NUMBER keeps six decimals).
     */
    public static boolean isShown(String text) {
        return isShown(text, 0, text.length());
    }

    /** {@link #isShown(String)} of {@code text.substring(from, to)}, without the substring. */
    public static boolean isShown(String text, int from, int to) {
        int i = from;
        boolean negative = i < to && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        if (i >= to || !isDigit(text.charAt(i))) {
            return false;
        }
        boolean zero = text.charAt(i) == '0';
        i++;
        while (!zero && i < to && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == to) {
            return !(zero && negative);
        }
        if (text.charAt(i) != '.' || i == to - 1 || text.charAt(to - 1) == '0') {
            return false;
        }
        int fraction = i + 1;
        for (int j = fraction; j < to; j++) {
            if (!isDigit(text.charAt(j))) {
                return false;
            }
        }
        return !zero || !text.startsWith("000000", fraction);
    }

    /**
     * Where the shown form of the stored number {@code text.substring(from, to)} ends, when it is
     * that text with its fraction's trailing zeros (and a point left bare) cut off, as a MONEY value
     * stored as 12.50 is shown as 12.5; -1 when only BigDecimal can tell (an exponent, a minus zero).
     */
    public static int shownEnd(String text, int from, int to) {
        int point = text.lastIndexOf('.', to - 1);
        int end = to;
        if (point >= from) {
            while (end > point + 1 && text.charAt(end - 1) == '0') {
                end--;
            }
            if (end == point + 1) {
                end = point;
            }
        }
        return isShown(text, from, end) ? end : -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    public static JsonNode toJson(Field field, TypedValue stored) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return switch (field.type) {
            case NUMBER, MONEY -> stored.number() == null ? json.nullNode() : json.numberNode(shown(stored.number()));
            case DATE -> stored.date() == null ? json.nullNode() : json.textNode(stored.date().toString());
            case DATETIME -> stored.dateTime() == null ? json.nullNode() : json.textNode(stored.dateTime().toString());
            case CHECKBOX -> stored.bool() == null ? json.nullNode() : json.booleanNode(stored.bool());
            case MULTISELECT -> multiselect(stored.text());
            default -> stored.text() == null ? json.nullNode() : json.textNode(stored.text());
        };
    }

    private static TypedValue ofText(String s, int max) {
        if (s.codePointCount(0, s.length()) > max) {
            throw new InvalidValue("must be at most " + max + " characters");
        }
        return TypedValue.ofText(s);
    }

    private static String text(JsonNode value) {
        if (!value.isTextual()) {
            throw new InvalidValue("must be a string");
        }
        return value.textValue();
    }

    private static TypedValue number(JsonNode value, int scale) {
        if (!value.isNumber()) {
            throw new InvalidValue("must be a JSON number");
        }
        BigDecimal n = value.decimalValue();
        if (n.abs().compareTo(NUMBER_LIMIT) >= 0) {
            throw new InvalidValue("must be between -10^18 and 10^18");
        }
        if (n.stripTrailingZeros().scale() > scale) {
            throw new InvalidValue("must have at most " + scale + " decimals");
        }
        return new TypedValue(null, n, null, null, null);
    }

    /**
     * The digits read straight into LocalDate.of, which refuses a day the month lacks: String.matches
     * compiled its pattern on every call and LocalDate.parse built its parse state, 470 MB of an
     * import's allocations for 400,000 dates.
     */
    private static LocalDate date(JsonNode value) {
        String s = text(value);
        if (!CALENDAR_DATE.matcher(s).matches()) {
            throw new InvalidValue("must be a calendar date YYYY-MM-DD");
        }
        try {
            return LocalDate.of(Integer.parseInt(s, 0, 4, 10), Integer.parseInt(s, 5, 7, 10), Integer.parseInt(s, 8, 10, 10));
        } catch (java.time.DateTimeException e) {
            throw new InvalidValue("must be a calendar date YYYY-MM-DD");
        }
    }

    private static Instant dateTime(JsonNode value) {
        try {
            // stored as DATETIME(6): microseconds, so what is answered is what is stored
            return OffsetDateTime.parse(text(value)).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw new InvalidValue("must be an ISO-8601 date-time with offset, e.g. 2026-03-01T09:30:00Z");
        }
    }

    private static String option(String s, List<String> options) {
        if (options == null || !options.contains(s)) {
            throw new InvalidValue("must be one of " + options);
        }
        return s;
    }

    private static String options(JsonNode value, List<String> options) {
        if (!value.isArray()) {
            throw new InvalidValue("must be an array of options");
        }
        Set<String> seen = new HashSet<>();
        ArrayNode normalized = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : value) {
            String s = option(text(item), options);
            if (seen.add(s)) {
                normalized.add(s);
            }
        }
        return normalized.toString();
    }

    private static String matching(String s, Pattern pattern, int max, String message) {
        if (s.length() > max || !pattern.matcher(s).matches()) {
            throw new InvalidValue(message);
        }
        return s;
    }

    private static String url(String s) {
        try {
            URI uri = new URI(s);
            if (s.length() <= TEXT_MAX && uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                return s;
            }
        } catch (java.net.URISyntaxException e) {
            // fall through
        }
        throw new InvalidValue("must be an absolute http or https URL");
    }

    /** A stored MULTISELECT value (a JSON array as text) as JSON. */
    public static JsonNode multiselect(String stored) {
        try {
            return stored == null ? JsonNodeFactory.instance.nullNode() : JSON.readTree(stored);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored MULTISELECT value is not JSON", e);
        }
    }
}
