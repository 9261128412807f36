// The two ways Flink configures its SQL parser, and one parse under either of them.
// "planner" is what a running Flink uses; "tests" is what Flink's parser unit tests use.
package dev.flinksqlstudio.oracle;

import org.apache.flink.sql.parser.ExtendedSqlNode;
import org.apache.flink.sql.parser.error.SqlValidateException;
import org.apache.flink.sql.parser.impl.FlinkSqlParserImpl;
import org.apache.flink.sql.parser.validate.FlinkSqlConformance;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.config.Lex;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

import java.util.List;

final class ParserProfiles {
    private ParserProfiles() {}

    /**
     * PlannerContext#getSqlParserConfig for the default dialect: back-tick identifiers, case kept,
     * identifiers up to 256 characters. FlinkSqlParserFactories.create(DEFAULT) is just
     * FlinkSqlParserImpl.FACTORY, and it lives in the planner, so we name the factory directly.
     */
    static final SqlParser.Config PLANNER =
            SqlParser.config()
                    .withParserFactory(FlinkSqlParserImpl.FACTORY)
                    .withConformance(FlinkSqlConformance.DEFAULT)
                    .withLex(Lex.JAVA)
                    .withIdentifierMaxLength(256);

    /**
     * Calcite's SqlParserFixture.FACTORY, which FlinkSqlParserImplTest and
     * MaterializedTableStatementParserTest inherit and only swap the parser factory in: double-quoted
     * identifiers, unquoted ones upper-cased, Calcite's default conformance and 128-char limit.
     */
    static final SqlParser.Config TESTS =
            SqlParser.config()
                    .withParserFactory(FlinkSqlParserImpl.FACTORY)
                    .withQuoting(Quoting.DOUBLE_QUOTE)
                    .withUnquotedCasing(Casing.TO_UPPER)
                    .withQuotedCasing(Casing.UNCHANGED)
                    .withConformance(SqlConformanceEnum.DEFAULT);

    /** What one parse said: either the statements' nodes or the parser's exception. */
    record Outcome(List<SqlNode> nodes, SqlParseException error) {
        boolean valid() {
            return error == null;
        }
    }

    /**
     * The planner parses a whole script as a statement list (TableEnvironment#executeSql goes through
     * CalciteParser#parseSqlList), so a trailing ';' or several statements are fine there; the test
     * fixture calls parseStmt, which takes exactly one statement.
     */
    static Outcome parse(SqlParser.Config config, String sql, boolean asList) {
        SqlParser parser = SqlParser.create(sql, config);
        try {
            List<SqlNode> nodes = asList ? parser.parseStmtList().getList() : List.of(parser.parseStmt());
            return new Outcome(nodes, null);
        } catch (SqlParseException e) {
            return new Outcome(List.of(), e);
        }
    }

    /** The check Flink's DDL nodes run on themselves after parsing (ExtendedSqlNode#validate). */
    record NodeProblem(String message, SqlParserPos pos) {}

    static NodeProblem validateNodes(List<SqlNode> nodes) {
        for (SqlNode node : nodes) {
            if (node instanceof ExtendedSqlNode extended) {
                try {
                    extended.validate();
                } catch (SqlValidateException e) {
                    return new NodeProblem(e.getMessage(), e.getErrorPosition());
                }
            }
        }
        return null;
    }
}
