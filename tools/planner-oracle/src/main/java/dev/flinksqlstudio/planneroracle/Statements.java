// Splits a draft into statements at the semicolons outside strings, quoted identifiers and comments, keeping each
// statement's place in the draft so Flink's statement-relative positions can be moved to draft lines.
package dev.flinksqlstudio.planneroracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

final class Statements {
    private Statements() {}

    /** A statement's text (leading whitespace dropped, no final ';') and the 1-based line and column it starts at. */
    record Span(String text, int line, int column) {}

    static List<Span> split(String sql) {
        List<int[]> chunks = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '`' || c == '"') {
                i = closing(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 1;
            } else if (c == ';') {
                chunks.add(new int[] {start, i});
                start = i + 1;
            }
            i++;
        }
        chunks.add(new int[] {start, n});

        // EXECUTE STATEMENT SET BEGIN ...; ...; END is one statement.
        List<Span> spans = new ArrayList<>();
        for (int k = 0; k < chunks.size(); k++) {
            int from = chunks.get(k)[0];
            int to = chunks.get(k)[1];
            if (isCode(sql.substring(from, to)) && words(sql.substring(from, to)).matches("(EXPLAIN .*)?EXECUTE STATEMENT SET BEGIN.*")) {
                while (k + 1 < chunks.size() && !words(sql.substring(chunks.get(k)[0], chunks.get(k)[1])).equals("END")) {
                    k++;
                }
                to = chunks.get(k)[1];
            }
            while (from < to && Character.isWhitespace(sql.charAt(from))) {
                from++;
            }
            String text = sql.substring(from, to);
            if (!isCode(text)) {
                continue;
            }
            int line = 1;
            int column = 1;
            for (int p = 0; p < from; p++) {
                if (sql.charAt(p) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            spans.add(new Span(text, line, column));
        }
        return spans;
    }

    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }

    /** Whether the text holds anything besides whitespace and comments. */
    private static boolean isCode(String text) {
        String rest = text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
        return !rest.isBlank();
    }

    private static String words(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ").strip().replaceAll("\\s+", " ")
                .toUpperCase(Locale.ROOT);
    }
}
