// Merges the hand-transcribed catalog entries of tools/connector-catalog/docs/*.json (connectors whose
// jars are not available to the build) into a generated catalog, checked against catalogTypes.ts and
// normalised like the jar entries (fields in schema order, options sorted by key).
package dev.flinksqlstudio.catalog;

import dev.flinksqlstudio.common.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

final class DocsEntries {
    private static final Set<String> TYPES = Set.of(
            "String", "Boolean", "Integer", "Long", "Float", "Double", "Duration", "MemorySize", "Enum", "Map",
            "Password");
    private static final Set<String> KINDS = Set.of("source", "sink", "lookup", "format", "catalog", "module", "other");
    private static final List<String> FACTORY_FIELDS = List.of(
            "identifier", "kinds", "factoryClass", "description", "options", "passThroughPrefixes", "formatKeys");
    private static final List<String> OPTION_FIELDS = List.of(
            "key", "type", "list", "enumValues", "required", "default", "description", "fallbackKeys",
            "deprecatedKeys", "forwarded");

    private DocsEntries() {}

    @SuppressWarnings("unchecked")
    static void merge(Path dir, String flink, List<Map<String, Object>> factories, List<Map<String, Object>> generatedFrom)
            throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            Map<String, Object> doc = (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            Map<String, Object> lines = (Map<String, Object>) require(doc, "catalogs", file);
            Map<String, Object> line = (Map<String, Object>) lines.get(flink);
            if (line == null) {
                continue;
            }
            String artifact = (String) require(line, "artifact", file);
            String docsVersion = (String) require(doc, "docsVersion", file);
            int added = 0;
            for (Object o : (List<Object>) require(doc, "factories", file)) {
                Map<String, Object> entry = normalise((Map<String, Object>) o, artifact, docsVersion, file);
                String id = (String) entry.get("identifier");
                boolean fromJar = factories.stream().anyMatch(f -> f.get("identifier").equals(id)
                        && f.get("factoryClass").equals(entry.get("factoryClass")));
                if (fromJar) {
                    System.err.printf("connector-catalog: %s: %s comes from its jar; docs entry not used%n",
                            file.getFileName(), id);
                    continue;
                }
                factories.add(entry);
                added++;
            }
            if (added > 0) {
                Map<String, Object> from = new LinkedHashMap<>();
                from.put("artifact", artifact);
                from.put("source", "docs");
                from.put("docsVersion", docsVersion);
                generatedFrom.add(from);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> in, String artifact, String docsVersion, Path file) {
        for (String k : in.keySet()) {
            if (!FACTORY_FIELDS.contains(k)) {
                throw new IllegalArgumentException(file + ": unknown factory field " + k);
            }
        }
        String id = (String) require(in, "identifier", file);
        for (Object kind : (List<Object>) require(in, "kinds", file)) {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException(file + ": " + id + ": unknown kind " + kind);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("identifier", id);
        out.put("kinds", in.get("kinds"));
        out.put("factoryClass", require(in, "factoryClass", file));
        out.put("artifact", artifact);
        out.put("source", "docs");
        out.put("docsVersion", docsVersion);
        if (in.containsKey("description")) {
            out.put("description", in.get("description"));
        }
        List<Map<String, Object>> options = new ArrayList<>();
        for (Object o : (List<Object>) require(in, "options", file)) {
            options.add(option((Map<String, Object>) o, id, file));
        }
        options.sort(Comparator.comparing(o -> (String) o.get("key")));
        for (int i = 1; i < options.size(); i++) {
            if (options.get(i).get("key").equals(options.get(i - 1).get("key"))) {
                throw new IllegalArgumentException(file + ": " + id + ": duplicate option " + options.get(i).get("key"));
            }
        }
        out.put("options", options);
        for (String k : List.of("passThroughPrefixes", "formatKeys")) {
            if (in.containsKey(k)) {
                out.put(k, in.get(k));
            }
        }
        return out;
    }

    private static Map<String, Object> option(Map<String, Object> in, String id, Path file) {
        for (String k : in.keySet()) {
            if (!OPTION_FIELDS.contains(k)) {
                throw new IllegalArgumentException(file + ": " + id + ": unknown option field " + k);
            }
        }
        String key = (String) require(in, "key", file);
        Object type = require(in, "type", file);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException(file + ": " + id + "." + key + ": unknown type " + type);
        }
        if (type.equals("Enum") && !(in.get("enumValues") instanceof List<?> l && !l.isEmpty())) {
            throw new IllegalArgumentException(file + ": " + id + "." + key + ": an Enum needs enumValues");
        }
        require(in, "required", file);
        require(in, "description", file);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : OPTION_FIELDS) {
            if (in.containsKey(k)) {
                out.put(k, in.get(k));
            }
        }
        return out;
    }

    private static Object require(Map<String, Object> map, String key, Path file) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": missing \"" + key + "\"");
        }
        return v;
    }
}
