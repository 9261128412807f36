// Reads JSONL lines {"id","sql",...} and writes one verdict line per statement, as Flink's real
// parser (planner configuration) sees it. Usage:
//   java -jar parser-oracle.jar [--compare-tests-profile] in.jsonl... > out.jsonl
package dev.flinksqlstudio.oracle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class ParserOracle {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 400;

    private ParserOracle() {}

    public static void main(String[] args) throws IOException {
        boolean compareTests = false;
        List<String> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--compare-tests-profile")) {
                compareTests = true;
            } else {
                files.add(arg);
            }
        }
        if (files.isEmpty()) {
            System.err.println(
                    "usage: parser-oracle [--compare-tests-profile] <statements.jsonl>... > verdicts.jsonl");
            System.exit(2);
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        int total = 0;
        int rejected = 0;
        int labelled = 0;
        List<String> disagreeing = new ArrayList<>();
        for (String file : files) {
            try (BufferedReader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode input = JSON.readTree(line);
                    ObjectNode verdict = judge(input, compareTests);
                    out.println(JSON.writeValueAsString(verdict));
                    total++;
                    boolean valid = verdict.get("valid").asBoolean();
                    rejected += valid ? 0 : 1;
                    // Inputs that carry a label of their own (the corpus) get compared with it.
                    if (input.has("valid")) {
                        labelled++;
                        if (input.get("valid").asBoolean() != valid) {
                            disagreeing.add(verdict.get("id").asText());
                        }
                    }
                }
            }
        }
        out.flush();
        System.err.printf("parser-oracle: %d statements, %d rejected%n", total, rejected);
        if (labelled > 0) {
            System.err.printf(
                    "parser-oracle: agrees with %d of %d input labels; disagrees on %d: %s%n",
                    labelled - disagreeing.size(), labelled, disagreeing.size(), disagreeing);
        }
    }

    static ObjectNode judge(JsonNode input, boolean compareTests) {
        String id = input.path("id").asText();
        String sql = input.path("sql").asText();
        ObjectNode verdict = JSON.createObjectNode();
        verdict.put("id", id);

        // The running planner's path (ParserImpl#parse): the ExtendedParser's strategies first, then the SQL
        // parser, then the checks Flink's nodes run on themselves when they are converted to operations.
        PlannerPath.Verdict planner = PlannerPath.judge(sql);
        verdict.put("valid", planner.valid());
        verdict.put("stage", planner.stage());
        if (planner.operation() != null) {
            verdict.put("operation", planner.operation());
        }
        if (planner.statements() > 0) {
            verdict.put("statements", planner.statements());
        }
        if (!planner.valid()) {
            putPos(verdict, planner.pos(), "error");
            verdict.put("message", shorten(planner.message()));
        }

        // The parser tests lex differently (double-quoted identifiers, one statement only); say so
        // when that changes the verdict, so a disagreement with a test's label can be explained.
        if (!compareTests) {
            return verdict;
        }
        ParserProfiles.Outcome tests = ParserProfiles.parse(ParserProfiles.TESTS, sql, false);
        boolean parsesInPlanner = !planner.stage().equals("parser") || planner.valid();
        if (tests.valid() != parsesInPlanner) {
            verdict.put("testsProfileValid", tests.valid());
            if (!tests.valid()) {
                verdict.put("testsProfileMessage", shorten(tests.error().getMessage()));
            }
        }
        return verdict;
    }

    static void putPos(ObjectNode target, SqlParserPos pos, String prefix) {
        if (pos == null || pos.getLineNum() <= 0) {
            return;
        }
        target.put(key(prefix, "Line"), pos.getLineNum());
        target.put(key(prefix, "Column"), pos.getColumnNum());
        target.put(key(prefix, "EndLine"), pos.getEndLineNum());
        target.put(key(prefix, "EndColumn"), pos.getEndColumnNum());
    }

    private static String key(String prefix, String name) {
        return prefix.isEmpty() ? Character.toLowerCase(name.charAt(0)) + name.substring(1) : prefix + name;
    }

    /** First line of the message; Calcite's "Was expecting one of" lists run to hundreds of lines. */
    static String shorten(String message) {
        if (message == null) {
            return "";
        }
        String first = message.strip().lines().findFirst().orElse("").strip();
        return first.length() > MAX_MESSAGE ? first.substring(0, MAX_MESSAGE) + "…" : first;
    }
}
