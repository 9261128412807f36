// The state inspector: `savepoint <dir>` prints the operators a savepoint or retained checkpoint holds state for;
// `plan <script> [key=value…]` prints the operator ids the script's job would get; `check <dir> <script> [key=value…]`
// both, in one JVM, plus for each keyed operator whether the new job's key serializer can read the saved state. Each
// as one JSON object on stdout. Flink restores state by operator id, and keyed state only with a compatible key.
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
import java.util.Map;
import java.util.Optional;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
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
    else if (args.length >= 2 && args[0].equals("plan")) out.println(planJson(planJob(args[1], args, 2)));
    else if (args.length >= 3 && args[0].equals("check")) out.println(check(args[1], args[2], args));
    else {
      System.err.println("usage: StateInspector savepoint <dir> | plan <script> [key=value ...] | check <dir> <script> [key=value ...]");
      System.exit(2);
    }
  }

  static CheckpointMetadata metadata(String dir) throws Exception {
    String file = dir.replaceFirst("^file:", "").replaceAll("/+$", "") + "/_metadata";
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream(file)))) {
      return Checkpoints.loadCheckpointMetadata(in, StateInspector.class.getClassLoader(), dir);
    }
  }

  static String savepoint(String dir) throws Exception {
    return savepointJson(metadata(dir), null);
  }

  /** `next`: the new job's key serializers by operator id (check): each keyed operator says whether its key still reads. */
  static String savepointJson(CheckpointMetadata m, Map<OperatorID, TypeSerializer<?>> next) {
    ClassLoader cl = StateInspector.class.getClassLoader();
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
        .append(",\"hasState\":").append(hasState(s));
      KeyLayout.Written w = KeyLayout.written(s, cl);
      if (w != null) {
        b.append(",\"keyType\":").append(Json.str(KeyLayout.describe(w.key.restoreSerializer()))).append(",\"states\":[");
        for (int i = 0; i < w.states.size(); i++) b.append(i > 0 ? "," : "").append(Json.str(w.states.get(i)));
        b.append(']');
        TypeSerializer<?> key = next == null ? null : next.get(s.getOperatorID());
        if (key != null) {
          b.append(",\"nextKeyType\":").append(Json.str(KeyLayout.describe(key)))
            .append(",\"keyCompatibility\":").append(Json.str(KeyLayout.compatibility(w.key, key)));
        }
      }
      b.append('}');
      sep = ",";
    }
    return b.append("]}").toString();
  }

  static String check(String dir, String script, String[] args) throws Exception {
    CheckpointMetadata m = metadata(dir);
    JobGraph job = planJob(script, args, 3);
    String saved = savepointJson(m, KeyLayout.planned(job, StateInspector.class.getClassLoader()));
    return "{\"savepoint\":" + saved + ",\"planned\":" + planJson(job) + "}";
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

  /** The script's statements are separated by NUL characters (the caller's parser split them); key=value from args[from]. */
  static JobGraph planJob(String script, String[] args, int from) throws Exception {
    Configuration conf = new Configuration();
    for (int i = from; i < args.length; i++) {
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
    return env.getStreamGraph().getJobGraph();
  }

  static String planJson(JobGraph job) {
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
