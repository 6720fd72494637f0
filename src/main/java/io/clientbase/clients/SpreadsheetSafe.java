package io.clientbase.clients;

/**
 * CSV cells that a spreadsheet (Excel, LibreOffice, Google Sheets) would run as a formula are
 * written as text: a cell beginning with {@code = + - @}, a tab or a carriage return gets a leading
 * {@code '} (OWASP's advice against CSV injection), and so does one that already begins with
 * {@code '} followed by such a character or another {@code '}, so that the import can take exactly
 * one {@code '} off and give back the original value.
 */
final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    /** The cell as the export writes it. */
    static String cell(String value) {
        return needsQuote(value) ? "'" + value : value;
    }

    /** The value a cell of an export stands for (a cell written by hand stays as it is unless it reads like an escaped one). */
    static String value(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && (triggers(cell.charAt(1)) || cell.charAt(1) == '\'')
                ? cell.substring(1) : cell;
    }

    private static boolean needsQuote(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return triggers(first) || (first == '\'' && value.length() > 1 && (triggers(value.charAt(1)) || value.charAt(1) == '\''));
    }

    private static boolean triggers(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
}
