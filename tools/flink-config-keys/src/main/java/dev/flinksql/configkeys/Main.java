package dev.flinksql.configkeys;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * Two modes, both on the classpath of one Flink release:
 *  list                -> JSON {"version", "keys": [...], "deprecated": {old: new}} of every public static ConfigOption
 *                         found in the org.apache.flink classes of the classpath's Flink jars.
 *  check <dir>         -> loads <dir>/config.yaml with Flink's GlobalConfiguration, then reads every key through its
 *                         ConfigOption (so a value Flink cannot parse fails) and prints JSON
 *                         {"loaded": n, "unknown": [keys no option has], "invalid": [{key, error}]}.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        Map<String, ConfigOption<?>> options = new TreeMap<>();
        Map<String, String> deprecated = new TreeMap<>();
        int[] failed = {0};
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(entry).getName();
            if (!name.startsWith("flink-") || !name.endsWith(".jar") || name.startsWith("flink-shaded")) continue;
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String n = e.nextElement().getName();
                    if (!n.startsWith("org/apache/flink/") || !n.endsWith(".class") || n.contains("$")) continue;
                    String simple = n.substring(n.lastIndexOf('/') + 1);
                    if (!simple.contains("Option") && !simple.contains("Config")) continue;
                    collect(n.replace('/', '.').substring(0, n.length() - 6), options, deprecated, failed);
                }
            }
        }
        if (args.length > 0 && args[0].equals("check")) {
            check(Path.of(args[1]), options);
            return;
        }
        StringBuilder out = new StringBuilder();
        out.append("{\"version\": ").append(q(org.apache.flink.runtime.util.EnvironmentInformation.getVersion()));
        out.append(",\n\"keys\": [");
        String sep = "\n";
        for (String k : options.keySet()) { out.append(sep).append(q(k)); sep = ",\n"; }
        out.append("\n],\n\"deprecated\": {");
        sep = "\n";
        for (Map.Entry<String, String> d : deprecated.entrySet()) {
            if (options.containsKey(d.getKey())) continue; // still a key of its own
            out.append(sep).append(q(d.getKey())).append(": ").append(q(d.getValue())); sep = ",\n";
        }
        out.append("\n}}\n");
        System.out.print(out);
        System.err.println(options.size() + " options, " + deprecated.size() + " deprecated/fallback keys, " + failed[0] + " classes not loadable");
    }

    private static void collect(String className, Map<String, ConfigOption<?>> options, Map<String, String> deprecated, int[] failed) {
        try {
            Class<?> c = Class.forName(className, false, Main.class.getClassLoader());
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) continue;
                f.setAccessible(true);
                ConfigOption<?> o = (ConfigOption<?>) f.get(null);
                if (o == null) continue;
                options.putIfAbsent(o.key(), o);
                for (FallbackKey fk : o.fallbackKeys()) deprecated.putIfAbsent(fk.getKey(), o.key());
            }
        } catch (Throwable t) {
            failed[0]++;
        }
    }

    private static void check(Path dir, Map<String, ConfigOption<?>> options) throws Exception {
        Configuration conf = GlobalConfiguration.loadConfiguration(dir.toString());
        Map<String, String> byFallback = new TreeMap<>();
        for (ConfigOption<?> o : options.values()) for (FallbackKey fk : o.fallbackKeys()) byFallback.putIfAbsent(fk.getKey(), o.key());
        List<String> unknown = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        Map<String, String> all = conf.toMap();
        for (String key : all.keySet()) {
            ConfigOption<?> o = options.get(key);
            if (o == null && byFallback.containsKey(key)) o = options.get(byFallback.get(key));
            if (o == null) { unknown.add(q(key)); continue; }
            try {
                Object v = conf.get(o);
                if (v == null) invalid.add("{\"key\": " + q(key) + ", \"error\": \"read as null\"}");
            } catch (Throwable t) {
                invalid.add("{\"key\": " + q(key) + ", \"error\": " + q(String.valueOf(t.getMessage())) + "}");
            }
        }
        System.out.println("{\"loaded\": " + all.size() + ", \"unknown\": [" + String.join(", ", unknown) + "], \"invalid\": [" + String.join(", ", invalid) + "]}");
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') b.append('\\').append(ch);
            else if (ch < 0x20) b.append(String.format("\\u%04x", (int) ch));
            else b.append(ch);
        }
        return b.append('"').toString();
    }

    private Main() {}
}
