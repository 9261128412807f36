// Labels SQL drafts with the verdict of a real Flink planner: per draft, a fresh streaming TableEnvironment runs the
// DDL and SET statements and EXPLAINs every query, INSERT and statement set (the optimizer runs, no job is submitted).
package dev.flinksqlstudio.planneroracle;

import dev.flinksqlstudio.common.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.QueryOperation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.ResetOperation;
import org.apache.flink.table.operations.command.SetOperation;

/**
 * Usage: {@code java -jar planner-oracle.jar --flink <line> [--out verdicts.jsonl] drafts.jsonl...}. Input lines
 * are {@code {"id", "sql", ...}}; one output line per draft: {@code id, valid}, and when the planner rejects it
 * {@code stage} (parse, validate, execute, plan), {@code exception}, {@code message}, {@code cause},
 * {@code statementIndex}, {@code statementLine}, {@code statementEndLine} and, when Flink gives a position, {@code line}, {@code column},
 * {@code endLine}, {@code endColumn} — converted from the statement to the draft (1-based).
 */
public final class PlannerOracle {
    private PlannerOracle() {}

    public static void main(String[] args) throws IOException {
        String flink = null;
        Path out = null;
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--flink" -> flink = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (flink == null || inputs.isEmpty()) {
            System.err.println("usage: planner-oracle --flink <line> [--out verdicts.jsonl] drafts.jsonl...");
            System.exit(2);
        }
        StringBuilder result = new StringBuilder();
        int drafts = 0;
        int rejected = 0;
        for (Path input : inputs) {
            for (String line : Files.readAllLines(input, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> draft = (Map<String, Object>) Json.parse(line);
                Map<String, Object> verdict = judge((String) draft.get("id"), (String) draft.get("sql"));
                drafts++;
                if (!(Boolean) verdict.get("valid")) {
                    rejected++;
                }
                result.append(JsonLine.write(verdict)).append('\n');
            }
        }
        if (out == null) {
            PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            stdout.print(result);
            stdout.flush();
        } else {
            Files.writeString(out, result, StandardCharsets.UTF_8);
        }
        System.err.printf("planner-oracle: Flink %s judged %d drafts, %d rejected%n", flink, drafts, rejected);
    }

    static Map<String, Object> judge(String id, String sql) {
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("id", id);
        List<Statements.Span> statements = Statements.split(sql);
        TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        TableEnvironmentInternal internal = (TableEnvironmentInternal) env;
        for (int i = 0; i < statements.size(); i++) {
            Statements.Span s = statements.get(i);
            String stage = "parse";
            try {
                List<Operation> ops = internal.getParser().parse(s.text());
                stage = "validate";
                Operation op = ops.get(0);
                if (op instanceof SetOperation set) {
                    // What the SQL client and the gateway do with SET: the session's configuration, not executeSql.
                    if (set.getKey().isPresent()) {
                        env.getConfig().addConfiguration(
                                Configuration.fromMap(Map.of(set.getKey().get(), set.getValue().orElse(""))));
                    }
                } else if (op instanceof ResetOperation) {
                    continue;
                } else if (op instanceof ModifyOperation || op instanceof QueryOperation || op instanceof StatementSetOperation) {
                    stage = "plan";
                    env.explainSql(s.text());
                } else {
                    stage = "execute";
                    env.executeSql(s.text());
                }
            } catch (Throwable e) {
                // The parser raises validation errors too (it converts to operations): tell them apart by cause.
                if ("parse".equals(stage) && !isParseError(e)) {
                    stage = "validate";
                }
                verdict.put("valid", false);
                verdict.put("stage", stage);
                describe(verdict, e, s, i);
                return verdict;
            }
        }
        verdict.put("valid", true);
        verdict.put("statements", statements.size());
        return verdict;
    }

    private static boolean isParseError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.equals("SqlParserException") || name.equals("SqlParseException") || name.equals("SqlParserEOFException")) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern FROM_LINE =
            Pattern.compile("(?:At|From) line (\\d+), column (\\d+)(?: to line (\\d+), column (\\d+))?");
    private static final Pattern ENCOUNTERED_AT = Pattern.compile("at line (\\d+), column (\\d+)");

    private static void describe(Map<String, Object> verdict, Throwable e, Statements.Span s, int index) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        verdict.put("exception", root.getClass().getSimpleName());
        String message = firstLine(e.getMessage());
        verdict.put("message", message);
        String cause = firstLine(root.getMessage());
        if (root != e && !cause.isEmpty() && !message.contains(cause)) {
            verdict.put("cause", cause);
        }
        verdict.put("statementIndex", index);
        verdict.put("statementLine", s.line());
        verdict.put("statementEndLine", s.line() + (int) s.text().chars().filter(ch -> ch == '\n').count());
        int[] pos = position(e);
        if (pos != null) {
            verdict.put("line", s.line() + pos[0] - 1);
            verdict.put("column", pos[0] == 1 ? s.column() + pos[1] - 1 : pos[1]);
            if (pos[2] > 0) {
                verdict.put("endLine", s.line() + pos[2] - 1);
                verdict.put("endColumn", pos[2] == 1 ? s.column() + pos[3] - 1 : pos[3]);
            }
        }
    }

    /** Statement-relative {line, column, endLine, endColumn} (0 when absent), from Calcite's exceptions or text. */
    private static int[] position(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.calcite.runtime.CalciteContextException c && c.getPosLine() > 0) {
                return new int[] {c.getPosLine(), c.getPosColumn(), c.getEndPosLine(), c.getEndPosColumn()};
            }
            if (t instanceof org.apache.calcite.sql.parser.SqlParseException p && p.getPos() != null) {
                var pos = p.getPos();
                return new int[] {pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum()};
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            Matcher from = FROM_LINE.matcher(m);
            if (from.find()) {
                int endLine = from.group(3) == null ? 0 : Integer.parseInt(from.group(3));
                int endColumn = from.group(4) == null ? 0 : Integer.parseInt(from.group(4));
                return new int[] {Integer.parseInt(from.group(1)), Integer.parseInt(from.group(2)), endLine, endColumn};
            }
            Matcher at = ENCOUNTERED_AT.matcher(m);
            if (m.contains("Encountered") && at.find()) {
                return new int[] {Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)), 0, 0};
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        for (String line : message.split("\n")) {
            if (!line.isBlank()) {
                String trimmed = line.strip();
                return trimmed.length() > 400 ? trimmed.substring(0, 400) + "…" : trimmed;
            }
        }
        return "";
    }
}
