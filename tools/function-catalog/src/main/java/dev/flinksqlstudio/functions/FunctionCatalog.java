// Writes the built-in SQL functions of one Flink line, read from its jars: every public definition of
// BuiltInFunctionDefinitions (flink-table-common) and every function FlinkSqlOperatorTable (the planner)
// registers, with their kind, deprecation and the signatures Flink itself prints in "Supported signatures".
package dev.flinksqlstudio.functions;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.flinksqlstudio.common.Json;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlTableFunction;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.fun.SqlMultisetValueConstructor;
import org.apache.calcite.sql.fun.SqlRowOperator;
import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.SqlCallSyntax;
import org.apache.flink.table.planner.functions.sql.BuiltInSqlOperator;
import org.apache.flink.table.planner.functions.sql.FlinkSqlOperatorTable;
import org.apache.flink.table.types.inference.TypeInferenceUtil;

public final class FunctionCatalog {
    /** Names SQL can call: an unquoted identifier (Table API names such as `plus`, `$SUM0` are not). */
    private static final Pattern SQL_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Names the planner generates in its own rewrites (decimal sums, SUM0, single-row subqueries, grouping
     * keys, time-attribute materialization) without marking them internal: no user writes them.
     */
    private static final Set<String> PLANNER_ONLY = Set.of(
            "AGG_DECIMAL_PLUS", "HIVE_AGG_DECIMAL_PLUS", "SUM0", "SINGLE_VALUE", "AUXILIARY_GROUP", "REINTERPRET_CAST",
            "DEFAULT", "PROCTIME_MATERIALIZE", "STREAMRECORD_TIMESTAMP");

    /** Synonyms Flink's parser maps onto an operator of another name: offered under both. */
    private static final Map<String, String> PARSER_SYNONYMS = Map.of("CEILING", "CEIL");

    /** JSON_ARRAYAGG / JSON_OBJECTAGG are one operator per ON NULL clause; SQL writes the bare name. */
    private static final Pattern ON_NULL_SUFFIX = Pattern.compile("_(ABSENT|NULL)_ON_NULL$");

    /** One function name; definitions of both sources merge into it. */
    private static final class Entry {
        final String name;
        final Set<String> kinds = new LinkedHashSet<>();
        final Set<String> signatures = new LinkedHashSet<>();
        final Set<String> sources = new LinkedHashSet<>();
        boolean deprecated = true; // until a definition that is not
        boolean niladic;
        /** Per source, the argument counts its type inference / operand checker accepts: [min] or [min, max]. */
        final Map<String, List<Integer>> argumentCounts = new LinkedHashMap<>();

        Entry(String name) {
            this.name = name;
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        String flink = null;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flink" -> flink = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (flink == null || out == null) {
            System.err.println("usage: function-catalog --flink <line> --out <file.json>");
            System.exit(2);
        }
        FunctionCatalog catalog = new FunctionCatalog();
        catalog.readDefinitions();
        catalog.readOperatorTable();
        catalog.addSynonyms();
        Json.writeFile(out, catalog.toJson(flink));
        System.err.printf("function-catalog %s: %d functions (%d definitions skipped) -> %s%n",
                flink, catalog.entries.size(), catalog.skipped.size(), out);
    }

    // ---- BuiltInFunctionDefinitions ----

    private void readDefinitions() {
        Map<BuiltInFunctionDefinition, Boolean> deprecated = deprecatedFields(BuiltInFunctionDefinitions.class);
        for (BuiltInFunctionDefinition def : BuiltInFunctionDefinitions.getDefinitions()) {
            String syntax = callSyntaxName(def.getCallSyntax());
            String name = sqlName(def);
            boolean callable = "FUNCTION".equals(syntax) || "NO_PARENTHESIS".equals(syntax)
                    || "SUBSTRING".equals(syntax) || "FLOOR_OR_CEIL".equals(syntax) || "TRIM".equals(syntax)
                    || "OVERLAY".equals(syntax) || "CAST".equals(syntax);
            // FunctionKind.OTHER are Table API expressions (flatten, withColumns, rowtime…), DISTINCT its agg.distinct().
            if (def.isInternal() || !callable || "DISTINCT".equals(syntax) || def.getKind().name().equals("OTHER")
                    || !SQL_NAME.matcher(name).matches() || PLANNER_ONLY.contains(name)) {
                skipped.add(def.getName());
                continue;
            }
            Entry e = entries.computeIfAbsent(name, Entry::new);
            e.kinds.add(def.getKind().name().toLowerCase());
            e.sources.add("BuiltInFunctionDefinitions");
            e.deprecated &= deprecated.getOrDefault(def, false);
            e.niladic |= "NO_PARENTHESIS".equals(syntax);
            try {
                var count = def.getTypeInference(null).getInputTypeStrategy().getArgumentCount();
                List<Integer> range = new ArrayList<>();
                range.add(count.getMinCount().orElse(0));
                count.getMaxCount().ifPresent(range::add);
                e.argumentCounts.put("BuiltInFunctionDefinitions", range);
            } catch (RuntimeException ex) {
                // no input strategy without a call
            }
            try {
                String sigs = TypeInferenceUtil.generateSignature(def.getTypeInference(null), name, def);
                for (String s : sigs.split("\n")) {
                    if (!s.isBlank()) {
                        e.signatures.add(s.trim());
                    }
                }
            } catch (RuntimeException ex) {
                // A strategy that cannot describe itself without a call: the planner's signatures may still come.
            }
        }
    }

    /**
     * The name SQL calls the definition by: its explicit sqlName, else its name when that is already an SQL name.
     * getSqlName() falls back to the upper-cased Table API name (`charLength` → CHARLENGTH), which SQL does not
     * use (it calls the planner's CHAR_LENGTH), so the explicit one is read from the field.
     */
    private static String sqlName(BuiltInFunctionDefinition def) {
        try {
            Field f = BuiltInFunctionDefinition.class.getDeclaredField("sqlName");
            f.setAccessible(true);
            String explicit = (String) f.get(def);
            return explicit != null ? explicit : def.getName();
        } catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("BuiltInFunctionDefinition has no sqlName field", ex);
        }
    }

    /** The SqlCallSyntax constant's field name (FUNCTION, BINARY_OP…): the interface has no name of its own. */
    private static String callSyntaxName(SqlCallSyntax syntax) {
        for (Field f : SqlCallSyntax.class.getFields()) {
            try {
                if (Modifier.isStatic(f.getModifiers()) && f.get(null) == syntax) {
                    return f.getName();
                }
            } catch (IllegalAccessException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return "CUSTOM";
    }

    /** The public static fields of `holder` that hold a value, with whether the field is @Deprecated. */
    private static <T> Map<T, Boolean> deprecatedFields(Class<?> holder) {
        Map<T, Boolean> out = new LinkedHashMap<>();
        for (Field f : holder.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                T value = (T) f.get(null);
                if (value != null) {
                    out.merge(value, f.isAnnotationPresent(Deprecated.class), Boolean::logicalAnd);
                }
            } catch (IllegalAccessException | ClassCastException ex) {
                // not a definition
            }
        }
        return out;
    }

    // ---- FlinkSqlOperatorTable ----

    private void readOperatorTable() {
        FlinkSqlOperatorTable table = FlinkSqlOperatorTable.instance(false);
        Map<Object, Boolean> deprecated = deprecatedFields(FlinkSqlOperatorTable.class);
        for (SqlOperator op : table.getOperatorList()) {
            String opName = op.getName();
            String name = ON_NULL_SUFFIX.matcher(opName).replaceFirst("");
            // Functions, and the ROW(…), ARRAY[…], MAP[…], MULTISET[…] value constructors, which read like calls.
            boolean callable = op instanceof SqlFunction || op instanceof SqlMultisetValueConstructor
                    || op instanceof SqlRowOperator;
            if (!callable || BuiltInSqlOperator.unwrapIsInternal(op) || !SQL_NAME.matcher(name).matches()
                    || PLANNER_ONLY.contains(name)) {
                continue;
            }
            Entry e = entries.computeIfAbsent(name, Entry::new);
            e.kinds.add(kindOf(op));
            e.sources.add("FlinkSqlOperatorTable");
            e.deprecated &= deprecated.getOrDefault(op, false);
            e.niladic |= op.getSyntax() == SqlSyntax.FUNCTION_ID;
            try {
                var range = op.getOperandCountRange();
                List<Integer> counts = new ArrayList<>();
                counts.add(range.getMin());
                if (range.getMax() >= 0) {
                    counts.add(range.getMax());
                }
                e.argumentCounts.put("FlinkSqlOperatorTable", counts);
            } catch (RuntimeException ex) {
                // operand checkers without a count range
            }
            try {
                String sigs = op.getAllowedSignatures(name);
                for (String s : sigs.split("\n")) {
                    String sig = s.trim().replaceAll("^'|'$", "");
                    if (!sig.isEmpty()) {
                        e.signatures.add(sig);
                    }
                }
            } catch (RuntimeException ex) {
                // Calcite throws for operand checkers that list no signatures (varargs, custom checks).
            }
        }
    }

    private void addSynonyms() {
        PARSER_SYNONYMS.forEach((synonym, target) -> {
            Entry t = entries.get(target);
            if (t == null || entries.containsKey(synonym)) {
                return;
            }
            Entry e = entries.computeIfAbsent(synonym, Entry::new);
            e.kinds.addAll(t.kinds);
            e.sources.add("parser synonym of " + target);
            e.deprecated = t.deprecated;
            e.niladic = t.niladic;
            for (String sig : t.signatures) {
                e.signatures.add(sig.startsWith(target + "(") ? synonym + sig.substring(target.length()) : sig);
            }
        });
    }

    private static String kindOf(SqlOperator op) {
        if (op instanceof SqlWindowTableFunction) {
            return "window_table";
        }
        if (op instanceof SqlGroupedWindowFunction) {
            return "group_window";
        }
        if (op instanceof SqlAggFunction) {
            return "aggregate";
        }
        if (op instanceof SqlTableFunction) {
            return "table";
        }
        return "scalar";
    }

    // ---- output ----

    private Map<String, Object> toJson(String flink) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("flinkVersion", flink);
        root.put("generatedFrom", List.of(
                "org.apache.flink:flink-table-common:" + jarVersion(BuiltInFunctionDefinitions.class) + " BuiltInFunctionDefinitions",
                "org.apache.flink:flink-table-planner_2.12:" + jarVersion(FlinkSqlOperatorTable.class) + " FlinkSqlOperatorTable"));
        root.put("generator", "tools/function-catalog (bash scripts/function-catalog.sh)");
        List<Object> functions = new ArrayList<>();
        for (Entry e : entries.values()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", e.name);
            f.put("kind", List.copyOf(e.kinds).get(0));
            if (e.kinds.size() > 1) {
                f.put("kinds", List.copyOf(e.kinds));
            }
            if (e.niladic) {
                f.put("niladic", true);
            }
            if (e.deprecated) {
                f.put("deprecated", true);
            }
            f.put("signatures", List.copyOf(e.signatures));
            f.put("sources", List.copyOf(e.sources));
            if (!e.argumentCounts.isEmpty()) {
                f.put("argumentCounts", e.argumentCounts);
            }
            functions.add(f);
        }
        root.put("functions", functions);
        return root;
    }

    /** The version in the jar's file name (target/lib/<artifact>-<version>.jar), the one Maven resolved. */
    private static String jarVersion(Class<?> cls) {
        String path = cls.getProtectionDomain().getCodeSource().getLocation().getPath();
        String file = path.substring(path.lastIndexOf('/') + 1);
        var m = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)\\.jar$").matcher(file);
        return m.find() ? m.group(1) : "unknown";
    }
}
