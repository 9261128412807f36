// The state inspector: `savepoint <dir>` prints the operators a savepoint or retained checkpoint holds state for;
// `plan <script> [key=value…]` prints the operator ids the script's job would get. Both as one JSON object on stdout.
// Flink restores state by operator id, so comparing the two says which state a new version keeps before it runs.
package dev.flinksql.state;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.StatementSetOperation;

public final class StateInspector {
  private StateInspector() {}

  public static void main(String[] args) throws Exception {
    // Only the JSON goes to stdout: Flink's and connectors' own prints go to stderr.
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    System.setOut(System.err);
    if (args.length >= 2 && args[0].equals("savepoint")) out.println(savepoint(args[1]));
    else if (args.length >= 2 && args[0].equals("plan")) out.println(plan(args[1], args));
    else {
      System.err.println("usage: StateInspector savepoint <dir> | plan <script> [key=value ...]");
      System.exit(2);
    }
  }

  static String savepoint(String dir) throws Exception {
    String file = dir.replaceFirst("^file:", "").replaceAll("/+$", "") + "/_metadata";
    CheckpointMetadata m;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file)))) {
      m = Checkpoints.loadCheckpointMetadata(in, StateInspector.class.getClassLoader(), dir);
    }
    StringBuilder b = new StringBuilder("{\"checkpointId\":").append(m.getCheckpointId()).append(",\"operators\":[");
    String sep = "";
    for (OperatorState s : m.getOperatorStates()) {
      b.append(sep).append("{\"id\":").append(Json.str(s.getOperatorID().toHexString()));
      // Names and uids are kept in the metadata from Flink 2.x; 1.20 has neither.
      optional(s, "getOperatorUid").ifPresent(v -> b.append(",\"uid\":").append(Json.str(v)));
      optional(s, "getOperatorName").ifPresent(v -> b.append(",\"name\":").append(Json.str(v)));
      b.append(",\"parallelism\":").append(s.getParallelism())
        .append(",\"maxParallelism\":").append(s.getMaxParallelism())
        .append(",\"stateBytes\":").append(s.getStateSize())
        .append(",\"subtaskStates\":").append(s.getNumberCollectedStates())
        .append(",\"hasState\":").append(hasState(s))
        .append('}');
      sep = ",";
    }
    return b.append("]}").toString();
  }

  /** Flink's own test (Checkpoints.loadAndValidateCheckpoint): state a new job must claim, or fail to restore. */
  private static boolean hasState(OperatorState s) {
    if (s.getCoordinatorState() != null) return true;
    for (OperatorSubtaskState sub : s.getStates()) if (sub.hasState()) return true;
    return false;
  }

  private static Optional<String> optional(OperatorState s, String getter) {
    try {
      Object v = OperatorState.class.getMethod(getter).invoke(s);
      if (v instanceof Optional) return ((Optional<?>) v).map(Object::toString);
      return Optional.ofNullable(v).map(Object::toString);
    } catch (ReflectiveOperationException e) {
      return Optional.empty();
    }
  }

  /** The script's statements are separated by NUL characters (the caller's parser split them). */
  static String plan(String script, String[] args) throws Exception {
    Configuration conf = new Configuration();
    for (int i = 2; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq > 0) conf.setString(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    String text = new String(Files.readAllBytes(Paths.get(script)), StandardCharsets.UTF_8);
    TableEnvironmentImpl tEnv = (TableEnvironmentImpl) TableEnvironment.create(
        EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    List<ModifyOperation> modifies = new ArrayList<>();
    for (String stmt : text.split("\u0000")) {
      if (stmt.trim().isEmpty()) continue;
      List<Operation> ops = tEnv.getParser().parse(stmt);
      Operation op = ops.get(0);
      if (op instanceof ModifyOperation) modifies.add((ModifyOperation) op);
      else if (op instanceof StatementSetOperation) modifies.addAll(((StatementSetOperation) op).getOperations());
      else tEnv.executeSql(stmt); // DDL, SET, USE, LOAD MODULE: the session the job would be planned in
    }
    List<Transformation<?>> transformations = tEnv.getPlanner().translate(modifies);
    // The job's configuration as the session holds it after the script's SETs (parallelism, chaining).
    Configuration jobConf = new Configuration(conf);
    jobConf.addAll(Configuration.fromMap(tEnv.getConfig().getConfiguration().toMap()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
    for (Transformation<?> t : transformations) env.addOperator(t);
    JobGraph job = env.getStreamGraph().getJobGraph();
    StringBuilder b = new StringBuilder("{\"vertices\":[");
    String sep = "";
    for (JobVertex v : job.getVertices()) {
      b.append(sep).append("{\"name\":").append(Json.str(v.getName())).append(",\"parallelism\":").append(v.getParallelism()).append(",\"operators\":[");
      String s2 = "";
      for (OperatorIDPair p : v.getOperatorIDs()) {
        b.append(s2).append(Json.str(p.getGeneratedOperatorID().toHexString()));
        s2 = ",";
      }
      b.append("]}");
      sep = ",";
    }
    return b.append("]}").toString();
  }
}
