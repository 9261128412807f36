package dev.flinksql.runner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;

/**
 * Runs a published Flink SQL Studio script: statements separated by lines holding only ";" (the publisher
 * writes them so; the parser of the studio split the draft). {@code SET 'key' = 'value'} sets the table
 * configuration; every other statement goes to {@code executeSql}, so the last one (the INSERT or statement
 * set) submits the job, which the application cluster then runs to its end.
 */
public final class SqlRunner {
  private static final Pattern SET = Pattern.compile("(?is)^SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'\\s*$");

  private SqlRunner() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("Usage: SqlRunner <script.sql>");
    }
    String script = new String(Files.readAllBytes(Paths.get(args[0])), StandardCharsets.UTF_8);
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    for (String statement : split(script)) {
      Matcher set = SET.matcher(statement);
      if (set.matches()) {
        env.getConfig().getConfiguration().setString(unquote(set.group(1)), unquote(set.group(2)));
        continue;
      }
      System.out.println("flink-sql-runner: " + statement.split("\n", 2)[0]);
      env.executeSql(statement);
    }
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
