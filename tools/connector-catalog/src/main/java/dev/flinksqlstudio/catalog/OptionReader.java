// Turns one ConfigOption into a catalog option: its value type (the option's private clazz/isList,
// which ConfigOptions sets and ConfigurationUtils parses by), its default as Flink prints it, its
// description as plain text, and its fallback and deprecated keys.
package dev.flinksqlstudio.catalog;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.TimeUtils;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

final class OptionReader {
    private static final Field CLAZZ = field("clazz");
    private static final Field IS_LIST = field("isList");

    private OptionReader() {}

    private static Field field(String name) {
        try {
            Field f = ConfigOption.class.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ConfigOption has no field " + name + " in this Flink", e);
        }
    }

    /** The option in the field order of catalogTypes.ts CatalogOption. */
    static Map<String, Object> read(ConfigOption<?> option, boolean required, boolean forwarded, List<String> warnings) {
        Map<String, Object> out = new LinkedHashMap<>();
        Class<?> clazz;
        boolean list;
        try {
            clazz = (Class<?>) CLAZZ.get(option);
            list = IS_LIST.getBoolean(option);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        out.put("key", option.key());
        out.put("type", typeName(clazz, option.key(), warnings));
        if (list) {
            out.put("list", true);
        }
        if (clazz.isEnum()) {
            List<String> values = new ArrayList<>();
            for (Object constant : clazz.getEnumConstants()) {
                values.add(constant.toString());
            }
            out.put("enumValues", values);
        }
        out.put("required", required);
        if (option.hasDefaultValue() && option.defaultValue() != null) {
            out.put("default", convertToString(option.defaultValue()));
        }
        out.put("description", PlainTextFormatter.render(option.description()));
        List<String> fallback = new ArrayList<>();
        List<String> deprecated = new ArrayList<>();
        for (FallbackKey key : option.fallbackKeys()) {
            (key.isDeprecated() ? deprecated : fallback).add(key.getKey());
        }
        if (!fallback.isEmpty()) {
            out.put("fallbackKeys", fallback);
        }
        if (!deprecated.isEmpty()) {
            out.put("deprecatedKeys", deprecated);
        }
        if (forwarded) {
            out.put("forwarded", true);
        }
        return out;
    }

    private static String typeName(Class<?> clazz, String key, List<String> warnings) {
        if (clazz.isEnum()) {
            return "Enum";
        }
        if (Map.class.isAssignableFrom(clazz)) {
            return "Map";
        }
        if (clazz == String.class || clazz == Boolean.class || clazz == Integer.class || clazz == Long.class
                || clazz == Float.class || clazz == Double.class || clazz == Duration.class
                || clazz == MemorySize.class) {
            return clazz.getSimpleName();
        }
        warnings.add("option " + key + " has type " + clazz.getName() + "; written as String");
        return "String";
    }

    /**
     * Mirrors ConfigurationUtils#convertToString (the legacy, non-YAML branch: how a value is written in
     * a SQL WITH clause, which Configuration#fromMap parses with StructuredOptionsSplitter): Duration via
     * TimeUtils#formatWithHighestUnit, lists joined by ';', maps as k:v pairs joined by ',', else toString.
     * Not called directly: it is package-private, and its signature differs between 1.20 and 2.x.
     */
    static String convertToString(Object o) {
        if (o instanceof String s) {
            return s;
        }
        if (o instanceof Duration d) {
            return TimeUtils.formatWithHighestUnit(d);
        }
        if (o instanceof List<?> list) {
            return list.stream()
                    .map(e -> escapeWithSingleQuote(convertToString(e), ";"))
                    .collect(Collectors.joining(";"));
        }
        if (o instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .map(e -> {
                        String k = escapeWithSingleQuote(e.getKey().toString(), ":");
                        String v = escapeWithSingleQuote(e.getValue().toString(), ":");
                        return escapeWithSingleQuote(k + ":" + v, ",");
                    })
                    .collect(Collectors.joining(","));
        }
        return o.toString();
    }

    /** Mirrors StructuredOptionsSplitter#escapeWithSingleQuote. */
    private static String escapeWithSingleQuote(String s, String... toEscape) {
        boolean escape = s.contains("'") || s.contains("\"");
        for (String c : toEscape) {
            escape |= s.contains(c);
        }
        return escape ? "'" + s.replace("'", "''") + "'" : s;
    }
}
