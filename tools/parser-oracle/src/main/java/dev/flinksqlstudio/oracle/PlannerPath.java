// How a running Flink judges one statement's text (ParserImpl#parse in flink-table-planner): the
// ExtendedParser's regex strategies (SET/RESET with unquoted keys, CLEAR, HELP, QUIT/EXIT) first, then
// the SQL parser with the planner's configuration, then ExtendedSqlNode#validate, which runs when
// SqlNodeToOperationConversion converts the node. Which stage decided is part of the verdict.
package dev.flinksqlstudio.oracle;

import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.planner.parse.ExtendedParser;

import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Optional;

final class PlannerPath {
    private PlannerPath() {}

    /** stage: "extended" (a pre-parser strategy took it), "parser" (the SQL parser decided) or "validate". */
    record Verdict(boolean valid, String stage, String operation, int statements, String message, SqlParserPos pos) {}

    static Verdict judge(String sql) {
        Optional<Operation> command;
        try {
            command = ExtendedParser.INSTANCE.parse(sql);
        } catch (RuntimeException e) {
            // A strategy that matches but cannot convert (Flink says "impossible"); report it as Flink would.
            return new Verdict(false, "extended", null, 0, String.valueOf(e.getMessage()), null);
        }
        if (command.isPresent()) {
            return new Verdict(true, "extended", command.get().asSummaryString(), 1, null, null);
        }
        ParserProfiles.Outcome parsed = ParserProfiles.parse(ParserProfiles.PLANNER, sql, true);
        if (!parsed.valid()) {
            return new Verdict(false, "parser", null, 0, parsed.error().getMessage(), parsed.error().getPos());
        }
        int count = parsed.nodes().size();
        ParserProfiles.NodeProblem problem = ParserProfiles.validateNodes(parsed.nodes());
        if (problem != null) {
            return new Verdict(false, "validate", null, count, problem.message(), problem.pos());
        }
        return new Verdict(true, "parser", null, count, null, null);
    }
}
