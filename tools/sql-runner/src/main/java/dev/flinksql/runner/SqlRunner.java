package dev.flinksql.runner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Runs a published Flink SQL Studio script: statements separated by lines holding only ";" (the publisher
 * writes them so; the parser of the studio split the draft). {@code SET 'key' = 'value'} sets the table
 * configuration; every other statement goes to {@code executeSql}, so the last one (the INSERT or statement
 * set) submits the job, which the application cluster then runs to its end. References in string literals,
 * {@code ${secret:NAME}} and {@code ${env:NAME}}, are resolved from the environment just before a statement runs
 * ({@code FLINK_SQL_SECRET_NAME} and {@code NAME}): the script, ConfigMap and logs keep the reference.
 */
public final class SqlRunner {
  private static final Pattern REF = Pattern.compile("\\$\\{(secret|env):([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'\\s*$");

  private SqlRunner() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("Usage: SqlRunner <script.sql>");
    }
    String script = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    for (String written : split(script)) {
      String statement = resolve(written, System.getenv());
      Matcher set = SET.matcher(statement);
      if (set.matches()) {
        env.getConfig().getConfiguration().setString(unquote(set.group(1)), unquote(set.group(2)));
        continue;
      }
      System.out.println("flink-sql-runner: " + written.split("\n", 2)[0]);
      env.executeSql(statement);
    }
  }

  /**
   * {@code statement} with the references inside its '…' literals replaced by their values from {@code env}
   * (quotes doubled); comments and identifiers are left alone. A reference without a value is an error naming it.
   */
  static String resolve(String statement, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = statement.length();
    while (i < n) {
      char c = statement.charAt(i);
      if (c == '-' && i + 1 < n && statement.charAt(i + 1) == '-') {
        int end = statement.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(statement, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && statement.charAt(i + 1) == '*') {
        int end = statement.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(statement, i, end);
        i = end;
      } else if (c == '`' || c == '"') {
        int end = statement.indexOf(c, i + 1);
        end = end < 0 ? n : end + 1;
        out.append(statement, i, end);
        i = end;
      } else if (c == '\'') {
        int j = i + 1;
        StringBuilder literal = new StringBuilder();
        while (j < n) {
          if (statement.charAt(j) == '\'') {
            if (j + 1 < n && statement.charAt(j + 1) == '\'') {
              literal.append('\'');
              j += 2;
              continue;
            }
            break;
          }
          literal.append(statement.charAt(j++));
        }
        out.append('\'').append(resolveValue(literal.toString(), env).replace("'", "''"));
        if (j < n) out.append('\'');
        i = j + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static String resolveValue(String value, Map<String, String> env) {
    Matcher m = REF.matcher(value);
    StringBuilder out = new StringBuilder();
    int from = 0;
    while (m.find()) {
      String variable = m.group(1).equals("secret") ? "FLINK_SQL_SECRET_" + m.group(2) : m.group(2);
      String v = env.get(variable);
      if (v == null) {
        throw new IllegalStateException("${" + m.group(1) + ":" + m.group(2) + "} is not set: the runner's environment has no " + variable);
      }
      out.append(value, from, m.start()).append(v);
      from = m.end();
    }
    return out.append(value.substring(from)).toString();
  }

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\r?\n", -1)) {
      if (line.trim().equals(";")) {
        add(out, current);
      } else {
        current.append(line).append('\n');
      }
    }
    add(out, current);
    return out;
  }

  private static void add(List<String> out, StringBuilder current) {
    String s = current.toString().trim();
    if (!s.isEmpty()) out.add(s);
    current.setLength(0);
  }

  private static String unquote(String s) {
    return s.replace("''", "'");
  }
}
