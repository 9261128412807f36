// The state inspector: `savepoint <dir>` prints the operators a savepoint or retained checkpoint holds state for;
// `plan <script> [key=value…]` prints the operator ids the script's job would get; `check <dir> <script> [key=value…]`
// both, in one JVM, plus for each keyed operator whether the new job's key serializer can read the saved state
// (`--previous <script>` also plans the running version, for the plan view's side by side). Each as one JSON object
// on stdout. Flink restores state by operator id, and keyed state only with a compatible key.
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
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.PlanReference;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentImpl;
import org.apache.flink.table.operations.ModifyOperation;
import org.apache.flink.table.operations.Operation;
import org.apache.flink.table.operations.StatementSetOperation;
import org.apache.flink.table.operations.command.ExecutePlanOperation;
import org.apache.flink.table.operations.command.SetOperation;

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
      System.err.println("usage: StateInspector savepoint <dir> | plan <script> [key=value ...] | check <dir> <script> [--previous <script>] [key=value ...]");
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
            .append(",\"keyCompatibility\":").append(Json.str(KeyLayout.compatibility(w.key, key)))
            .append(ValueLayout.json(s.getOperatorID(), w, next, cl));
        }
      }
      b.append('}');
      sep = ",";
    }
    return b.append("]}").toString();
  }

  static String check(String dir, String script, String[] args) throws Exception {
    CheckpointMetadata m = metadata(dir);
    boolean previous = args.length >= 5 && args[3].equals("--previous");
    Planned job = planJob(script, args, previous ? 5 : 3);
    String saved = savepointJson(m, KeyLayout.planned(job.job, StateInspector.class.getClassLoader()));
    String before = "";
    // The running version's plan only places its operators for the user: the verdict does not wait on it.
    if (previous) {
      try {
        before = ",\"previous\":" + planJson(planJob(args[4], args, 5));
      } catch (Exception e) {
        System.err.println("state-inspector: the running version's SQL could not be planned again: " + e);
      }
    }
    return "{\"savepoint\":" + saved + ",\"planned\":" + planJson(job) + before + "}";
  }

  /** A job as planned: its stream graph's node ids map to operator ids as Flink derives them (StreamGraphHasherV2). */
  static final class Planned {
    final JobGraph job;
    final Map<Integer, byte[]> hashes;
    final StreamGraph graph;

    Planned(StreamGraph graph) {
      this.graph = graph;
      this.hashes = new StreamGraphHasherV2().traverseStreamGraphAndGenerateHashes(graph);
      this.job = graph.getJobGraph();
    }
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
  static Planned planJob(String script, String[] args, int from) throws Exception {
    Configuration conf = new Configuration();
    for (int i = from; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq > 0) conf.setString(args[i].substring(0, eq), args[i].substring(eq + 1));
    }
    String text = new String(Files.readAllBytes(Paths.get(script)), StandardCharsets.UTF_8);
    TableEnvironmentImpl tEnv = (TableEnvironmentImpl) TableEnvironment.create(
        EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    List<ModifyOperation> modifies = new ArrayList<>();
    String planFile = null;
    for (String stmt : text.split("\u0000")) {
      if (stmt.trim().isEmpty()) continue;
      List<Operation> ops = tEnv.getParser().parse(stmt);
      Operation op = ops.get(0);
      if (op instanceof ModifyOperation) modifies.add((ModifyOperation) op);
      // A version published from a compiled plan: its job is the plan's, translated by this Flink.
      else if (op instanceof ExecutePlanOperation) planFile = ((ExecutePlanOperation) op).getFilePath();
      else if (op instanceof StatementSetOperation) modifies.addAll(((StatementSetOperation) op).getOperations());
      // SET is the gateway's command, not the TableEnvironment's: the job is planned with the value it sets.
      else if (op instanceof SetOperation) {
        SetOperation set = (SetOperation) op;
        if (set.getKey().isPresent() && set.getValue().isPresent()) tEnv.getConfig().set(set.getKey().get(), set.getValue().get());
      }
      else tEnv.executeSql(stmt); // DDL, SET, USE, LOAD MODULE: the session the job would be planned in
    }
    List<Transformation<?>> transformations = planFile != null
        ? tEnv.getPlanner().translatePlan(tEnv.getPlanner().loadPlan(PlanReference.fromFile(planFile.replaceFirst("^file:(//)?", ""))))
        : tEnv.getPlanner().translate(modifies);
    // The job's configuration as the session holds it after the script's SETs (parallelism, chaining).
    Configuration jobConf = new Configuration(conf);
    jobConf.addAll(Configuration.fromMap(tEnv.getConfig().getConfiguration().toMap()));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
    for (Transformation<?> t : transformations) env.addOperator(t);
    return new Planned(env.getStreamGraph());
  }

  /**
   * The job graph's vertices and their operator ids, and each stream graph node (in id order, as EXPLAIN's JSON
   * execution plan lists them) with its name and operator id: how the plan view finds an operator's state.
   */
  static String planJson(Planned planned) {
    JobGraph job = planned.job;
    StringBuilder b = new StringBuilder("{\"nodes\":[");
    String sn = "";
    List<Integer> ids = new ArrayList<>(planned.hashes.keySet());
    java.util.Collections.sort(ids);
    for (Integer id : ids) {
      StreamNode node = planned.graph.getStreamNode(id);
      if (node == null) continue;
      b.append(sn).append("{\"name\":").append(Json.str(node.getOperatorName()))
        .append(",\"operatorId\":").append(Json.str(new OperatorID(planned.hashes.get(id)).toHexString())).append('}');
      sn = ",";
    }
    b.append("],\"vertices\":[");
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
