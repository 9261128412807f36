// Writes one connector catalog (server/src/connectors/catalogTypes.ts ConnectorCatalog) for the Flink
// version whose jars are on the classpath: every table Factory the jars register, plus the entries
// transcribed from docs for connectors whose jars are not available. Usage:
//   java -jar connector-catalog.jar --flink 2.3 --docs <dir> --out <file.json>
package dev.flinksqlstudio.catalog;

import dev.flinksqlstudio.common.Json;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.Factory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

public final class ConnectorCatalog {
    private static final String SERVICE = "META-INF/services/" + Factory.class.getName();
    private static final List<String> KIND_ORDER =
            List.of("source", "sink", "lookup", "format", "catalog", "module", "other");

    private ConnectorCatalog() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        String flink = opts.get("--flink");
        String out = opts.get("--out");
        if (flink == null || out == null || args.length % 2 != 0) {
            System.err.println("usage: connector-catalog --flink <major.minor> [--docs <dir>] --out <file.json>");
            System.exit(2);
        }
        Artifacts artifacts = new Artifacts(libDir());
        List<Map<String, Object>> factories = new ArrayList<>();
        Set<String> generatedFromJars = new TreeSet<>();
        int failed = loadFactories(artifacts, factories, generatedFromJars);

        List<Map<String, Object>> generatedFrom = new ArrayList<>();
        for (String gav : generatedFromJars) {
            Map<String, Object> from = new LinkedHashMap<>();
            from.put("artifact", gav);
            from.put("source", "jar");
            generatedFrom.add(from);
        }
        if (opts.containsKey("--docs")) {
            DocsEntries.merge(Path.of(opts.get("--docs")), flink, factories, generatedFrom);
        }
        factories.sort(Comparator.comparing((Map<String, Object> f) -> (String) f.get("identifier"))
                .thenComparing(f -> (String) f.get("factoryClass")));

        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("flinkVersion", flink);
        catalog.put("generatedFrom", generatedFrom);
        catalog.put("factories", factories);
        Json.writeFile(Path.of(out), catalog);
        int options = factories.stream().mapToInt(f -> ((List<?>) f.get("options")).size()).sum();
        System.err.printf("connector-catalog %s: %d factories, %d options, %d failed to load -> %s%n",
                flink, factories.size(), options, failed, out);
    }

    /** The lib/ directory beside this tool's jar (Maven repository layout, so paths give coordinates). */
    private static Path libDir() throws Exception {
        Path self = Path.of(ConnectorCatalog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return self.getParent().resolve("lib");
    }

    /**
     * Reads the service files the way ServiceLoader does (every jar's META-INF/services entry, in
     * classpath order, first provider of a class wins) but one provider at a time, so a factory whose
     * class cannot load (an optional dependency missing) is reported and skipped, as FactoryUtil does.
     */
    private static int loadFactories(Artifacts artifacts, List<Map<String, Object>> out, Set<String> jars)
            throws IOException {
        ClassLoader loader = ConnectorCatalog.class.getClassLoader();
        Set<String> seen = new LinkedHashSet<>();
        int failed = 0;
        for (URL url : java.util.Collections.list(loader.getResources(SERVICE))) {
            String jarGav = artifacts.gavOf(url);
            for (String className : providers(url)) {
                if (!seen.add(className)) {
                    continue;
                }
                try {
                    Class<?> cls = Class.forName(className, true, loader);
                    Factory factory = (Factory) cls.getDeclaredConstructor().newInstance();
                    String gav = artifacts.gavOf(cls);
                    List<String> warnings = new ArrayList<>();
                    out.add(describe(factory, gav != null ? gav : jarGav, warnings));
                    jars.add(gav != null ? gav : jarGav);
                    for (String w : warnings) {
                        System.err.println("connector-catalog: " + className + ": " + w);
                    }
                } catch (Throwable e) {
                    failed++;
                    Throwable root = e;
                    while (root.getCause() != null && root.getCause() != root) {
                        root = root.getCause();
                    }
                    System.err.printf("connector-catalog: skipped %s from %s: %s%n", className, jarGav, root);
                }
            }
        }
        return failed;
    }

    private static List<String> providers(URL serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(serviceFile.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                int hash = line.indexOf('#');
                String name = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** One factory in the field order of catalogTypes.ts CatalogFactory. */
    static Map<String, Object> describe(Factory factory, String gav, List<String> warnings) {
        Class<?> cls = factory.getClass();
        Set<String> types = new TreeSet<>();
        collectTypes(cls, types);

        Set<String> forwarded = new TreeSet<>();
        for (ConfigOption<?> o : forwardOptions(factory)) {
            forwarded.add(o.key());
        }
        // Required wins when a factory lists an option in both sets.
        Map<String, Map<String, Object>> options = new TreeMap<>();
        if (Rules.OPTIONS_FROM_FIELDS.contains(cls.getName())) {
            for (ConfigOption<?> o : staticOptions(cls)) {
                options.put(o.key(), OptionReader.read(o, false, forwarded.contains(o.key()), warnings));
            }
        }
        for (ConfigOption<?> o : factory.optionalOptions()) {
            options.put(o.key(), OptionReader.read(o, false, forwarded.contains(o.key()), warnings));
        }
        for (ConfigOption<?> o : factory.requiredOptions()) {
            options.put(o.key(), OptionReader.read(o, true, forwarded.contains(o.key()), warnings));
        }

        for (Map<String, Object> o : options.values()) {
            List<String> closed = Rules.closedValues(cls.getName(), (String) o.get("key"));
            if (closed != null && o.get("type").equals("String")) {
                // Keep the field order of CatalogOption: enumValues right after type (and list).
                String after = o.containsKey("list") ? "list" : "type";
                Map<String, Object> refined = new LinkedHashMap<>();
                o.forEach((k, v) -> {
                    refined.put(k, k.equals("type") ? "Enum" : v);
                    if (k.equals(after)) {
                        refined.put("enumValues", closed);
                    }
                });
                o.clear();
                o.putAll(refined);
            }
        }

        boolean source = types.contains("org.apache.flink.table.factories.DynamicTableSourceFactory");
        boolean sink = types.contains("org.apache.flink.table.factories.DynamicTableSinkFactory");
        Set<String> kinds = new LinkedHashSet<>();
        if (source) {
            kinds.add("source");
        }
        if (sink) {
            kinds.add("sink");
        }
        if (source && (Rules.looksLikeLookup(new ArrayList<>(options.keySet())) || declaresLookupSource(cls))) {
            kinds.add("lookup");
        }
        if (types.contains("org.apache.flink.table.factories.FormatFactory")) {
            kinds.add("format");
        }
        if (types.contains("org.apache.flink.table.factories.CatalogFactory")) {
            kinds.add("catalog");
        }
        if (types.contains("org.apache.flink.table.factories.ModuleFactory")) {
            kinds.add("module");
        }
        if (kinds.isEmpty()) {
            kinds.add("other");
        }
        List<String> sortedKinds = new ArrayList<>(kinds);
        sortedKinds.sort(Comparator.comparingInt(KIND_ORDER::indexOf));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("identifier", factory.factoryIdentifier());
        out.put("kinds", sortedKinds);
        out.put("factoryClass", cls.getName());
        out.put("artifact", gav);
        out.put("source", "jar");
        String role = otherRole(types);
        if (role != null) {
            out.put("description", role);
        }
        out.put("options", new ArrayList<>(options.values()));
        List<String> prefixes = Rules.PASS_THROUGH_PREFIXES.getOrDefault(
                cls.getName(), Rules.ANY_KEY_FORMATS.get(cls.getName()));
        if (prefixes != null) {
            out.put("passThroughPrefixes", prefixes);
        }
        if (source || sink) {
            List<String> formatKeys = options.values().stream()
                    .filter(o -> o.get("type").equals("String") && Rules.isFormatKey((String) o.get("key")))
                    .map(o -> (String) o.get("key"))
                    .toList();
            if (!formatKeys.isEmpty()) {
                out.put("formatKeys", formatKeys);
            }
        }
        return out;
    }

    /** For factories of kind "other", which Flink extension point they plug into. */
    private static String otherRole(Set<String> types) {
        if (types.contains("org.apache.flink.table.factories.CatalogStoreFactory")) {
            return "Catalog store (table.catalog-store.kind)";
        }
        for (String t : types) {
            if (t.endsWith(".SecretStoreFactory")) {
                return "Secret store";
            }
        }
        return null;
    }

    private static List<ConfigOption<?>> staticOptions(Class<?> cls) {
        List<ConfigOption<?>> found = new ArrayList<>();
        for (java.lang.reflect.Field f : cls.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                try {
                    found.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found;
    }

    private static Set<ConfigOption<?>> forwardOptions(Factory factory) {
        try {
            Method m = factory.getClass().getMethod("forwardOptions");
            @SuppressWarnings("unchecked")
            Set<ConfigOption<?>> set = (Set<ConfigOption<?>>) m.invoke(factory);
            return set == null ? Set.of() : set;
        } catch (NoSuchMethodException e) {
            return Set.of();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean declaresLookupSource(Class<?> cls) {
        for (Method m : cls.getMethods()) {
            if (m.getName().equals("createDynamicTableSource")) {
                Set<String> returned = new TreeSet<>();
                collectTypes(m.getReturnType(), returned);
                if (returned.contains("org.apache.flink.table.connector.source.LookupTableSource")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Names of every class and interface the class is, by name, so one loader's copy is not assumed. */
    private static void collectTypes(Class<?> cls, Set<String> into) {
        if (cls == null || !into.add(cls.getName())) {
            return;
        }
        collectTypes(cls.getSuperclass(), into);
        for (Class<?> i : cls.getInterfaces()) {
            collectTypes(i, into);
        }
    }

    /** Maven coordinates of jars under lib/, read from their repository-layout path. */
    static final class Artifacts {
        private final Path lib;

        Artifacts(Path lib) {
            this.lib = lib.toAbsolutePath().normalize();
        }

        String gavOf(Class<?> cls) {
            try {
                return gavOf(Path.of(cls.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (Exception e) {
                return null;
            }
        }

        String gavOf(URL resource) throws IOException {
            if (resource.openConnection() instanceof JarURLConnection jar) {
                try {
                    return gavOf(Path.of(jar.getJarFileURL().toURI()));
                } catch (java.net.URISyntaxException e) {
                    throw new IOException(e);
                }
            }
            return resource.toString();
        }

        private String gavOf(Path jar) {
            Path rel = lib.relativize(jar.toAbsolutePath().normalize());
            int n = rel.getNameCount();
            if (rel.startsWith("..") || n < 4) {
                return jar.getFileName().toString();
            }
            StringBuilder group = new StringBuilder();
            for (int i = 0; i < n - 3; i++) {
                group.append(i > 0 ? "." : "").append(rel.getName(i));
            }
            return group + ":" + rel.getName(n - 3) + ":" + rel.getName(n - 2);
        }
    }
}
