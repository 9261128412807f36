// One JSON object per line for the verdict files (tools/common's Json indents, JSONL must not).
package dev.flinksqlstudio.planneroracle;

import dev.flinksqlstudio.common.Json;

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
            Json.string(out, e.getKey());
            out.append(": ");
            Object v = e.getValue();
            if (v instanceof String s) {
                Json.string(out, s);
            } else {
                out.append(v);
            }
        }
        return out.append('}').toString();
    }
}
