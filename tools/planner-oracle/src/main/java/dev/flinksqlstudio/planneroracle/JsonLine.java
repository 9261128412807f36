// One JSON object per line for the verdict files (tools/common's Json indents, JSONL must not).
package dev.flinksqlstudio.planneroracle;

import java.util.Map;

final class JsonLine {
    private JsonLine() {}

    static String write(Map<String, Object> object) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> e : object.entrySet()) {
            if (!first) {
                out.append(", ");
            }
            first = false;
            string(out, e.getKey());
            out.append(": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                string(out, s);
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
