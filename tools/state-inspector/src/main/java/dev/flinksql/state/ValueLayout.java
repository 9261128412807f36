// The value side of keyed state, as a restore sees it. A restored operator registers its states when it opens; each
// state found in the savepoint under that name is then read with the new descriptor's serializer, and Flink refuses
// one it cannot read (StateMigrationException: an aggregate's accumulators ROW<BIGINT> → ROW<BIGINT, INT, BIGINT>, a
// deduplication keeping the last row instead of a flag, a TOP-N whose input row gained a column). The states the new
// operator would register are found without running it: its function is opened (or, for the operators that register
// state themselves, the same registration is done) against a recording runtime context, for the SQL operators known
// here; for any other stateful operator the answer is an honest "unknown", with the operator's class.
package dev.flinksql.state;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.Function;
import org.apache.flink.api.common.functions.RichFunction;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.functions.util.FunctionUtils;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.streaming.api.graph.StreamConfig;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;

final class ValueLayout {
  private ValueLayout() {}

  /** One state the new operator would register, and the namespace it keeps it under. */
  static final class Registered {
    final StateDescriptor<?, ?> desc;
    final TypeSerializer<?> namespace;

    Registered(StateDescriptor<?, ?> desc, TypeSerializer<?> namespace) {
      this.desc = desc;
      this.namespace = namespace;
    }
  }

  /** The answer for one operator: compatible, incompatible (with what changed) or unknown (with why). */
  static final class Answer {
    final String compatibility;
    final List<String> changes;
    final String reason;

    Answer(String compatibility, List<String> changes, String reason) {
      this.compatibility = compatibility;
      this.changes = changes;
      this.reason = reason;
    }
  }

  /** Why the states of an operator cannot be known here. */
  static final class Unknown extends Exception {
    Unknown(String message) {
      super(message);
    }
  }

  /**
   * The JSON fields (each with its leading comma) for a saved operator with keyed state that the new job keeps by id:
   * valueCompatibility, valueChanges (what the new operator reads differently, or no longer reads), valueReason.
   */
  static String json(OperatorID id, KeyLayout.Written saved, Map<OperatorID, TypeSerializer<?>> next, ClassLoader cl) {
    if (saved == null || !(next instanceof KeyLayout.Planned)) return "";
    StreamConfig config = ((KeyLayout.Planned) next).configs.get(id);
    if (config == null) return "";
    Answer a = check(saved.snapshots, config, cl);
    StringBuilder b = new StringBuilder(",\"valueCompatibility\":").append(Json.str(a.compatibility));
    if (!a.changes.isEmpty()) {
      b.append(",\"valueChanges\":[");
      for (int i = 0; i < a.changes.size(); i++) b.append(i > 0 ? "," : "").append(Json.str(a.changes.get(i)));
      b.append(']');
    }
    if (a.reason != null) b.append(",\"valueReason\":").append(Json.str(a.reason));
    return b.toString();
  }

  /** The saved states (`saved`) against those the operator of `config` would register, compared as the backend does. */
  static Answer check(List<StateMetaInfoSnapshot> saved, StreamConfig config, ClassLoader cl) {
    List<Registered> next;
    try {
      next = registered(config, cl);
    } catch (Unknown e) {
      return new Answer("unknown", new ArrayList<>(), e.getMessage());
    } catch (Throwable e) {
      Throwable cause = e instanceof java.lang.reflect.InvocationTargetException && e.getCause() != null ? e.getCause() : e;
      return new Answer("unknown", new ArrayList<>(), "its states could not be derived: " + cause);
    }
    Map<String, Registered> byName = new LinkedHashMap<>();
    for (Registered r : next) byName.put(r.desc.getName(), r);
    List<String> changes = new ArrayList<>();
    String verdict = "compatible";
    String reason = null;
    for (StateMetaInfoSnapshot s : saved) {
      // Timers are the timer service's, not the operator's (their key and namespace follow the key checked already).
      if (s.getBackendStateType() != StateMetaInfoSnapshot.BackendStateType.KEY_VALUE) continue;
      Registered r = byName.get(s.getName());
      if (r == null) {
        changes.add(s.getName() + ": not read by the new operator (its content is left behind)");
        continue;
      }
      String c;
      try {
        c = compare(s, r, changes);
      } catch (Unknown e) {
        c = "unknown";
        reason = s.getName() + ": " + e.getMessage();
      }
      if (c.equals("incompatible")) verdict = "incompatible";
      else if (c.equals("unknown") && verdict.equals("compatible")) verdict = "unknown";
    }
    return new Answer(verdict, changes, verdict.equals("unknown") ? reason : null);
  }

  /** One saved state against its new registration: its kind, namespace and value serializer, as the backends check them. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static String compare(StateMetaInfoSnapshot s, Registered r, List<String> changes) throws Unknown {
    String kind = s.getOption(StateMetaInfoSnapshot.CommonOptionsKeys.KEYED_STATE_TYPE);
    if (kind != null && !kind.equals(r.desc.getType().name())) {
      changes.add(s.getName() + ": " + kind + " state → " + r.desc.getType().name() + " state");
      return "incompatible";
    }
    TypeSerializerSnapshot<?> ns = s.getTypeSerializerSnapshot(StateMetaInfoSnapshot.CommonSerializerKeys.NAMESPACE_SERIALIZER);
    if (ns != null) {
      // A namespace is read as-is (no migration): anything but compatible fails the restore.
      TypeSerializer nextNs = r.namespace;
      if (!((TypeSerializerSnapshot) nextNs.snapshotConfiguration()).resolveSchemaCompatibility((TypeSerializerSnapshot) ns).isCompatibleAsIs()) {
        changes.add(s.getName() + ": namespace " + describe(ns.restoreSerializer()) + " → " + describe(nextNs));
        return "incompatible";
      }
    }
    TypeSerializerSnapshot<?> value = s.getTypeSerializerSnapshot(StateMetaInfoSnapshot.CommonSerializerKeys.VALUE_SERIALIZER);
    if (value == null) throw new Unknown("its saved value serializer is missing");
    TypeSerializer<?> before = value.restoreSerializer();
    TypeSerializer<?> after = stateSerializer(r.desc);
    if (ttl(before) != ttl(after)) {
      // State TTL turned on or off (table.exec.state.ttl): Flink 2.2+ restores either way (heap and RocksDB backends
      // wrap or unwrap the saved values), if the values themselves still read; earlier versions refuse the restore.
      String inner = KeyLayout.compatibility(withoutTtl(before).snapshotConfiguration(), withoutTtl(after));
      String turned = s.getName() + ": state TTL turned " + (ttl(after) ? "on" : "off");
      if (inner.equals("incompatible")) {
        changes.add(turned + ", and " + describe(withoutTtl(before)) + " → " + describe(withoutTtl(after)));
        return "incompatible";
      }
      if (ttlMigrates()) return "compatible";
      changes.add(turned + " (Flink " + EnvironmentInformation.getVersion() + " cannot restore that; 2.2 and later can)");
      return "incompatible";
    }
    TypeSerializerSnapshot<?> userKey = userKeySnapshot(s);
    String c;
    if (userKey != null && r.desc instanceof MapStateDescriptor) {
      // Kept apart (Flink 2.x map state): the user key and the user value each.
      MapSerializer<?, ?> map = (MapSerializer<?, ?>) after;
      String k = KeyLayout.compatibility(userKey, map.getKeySerializer());
      String v = KeyLayout.compatibility(value, map.getValueSerializer());
      c = k.equals("incompatible") || v.equals("incompatible") ? "incompatible" : "compatible";
    } else {
      c = KeyLayout.compatibility(value, after);
    }
    if (c.equals("incompatible")) changes.add(s.getName() + ": " + describe(before) + " → " + describe(after));
    return c.equals("incompatible") ? "incompatible" : "compatible";
  }

  private static TypeSerializerSnapshot<?> userKeySnapshot(StateMetaInfoSnapshot s) {
    try {
      return s.getTypeSerializerSnapshot("USER_KEY_SERIALIZER");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The serializer the backend keeps the state with: the descriptor's, its values wrapped with a timestamp under TTL. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializer<?> stateSerializer(StateDescriptor<?, ?> d) throws Unknown {
    TypeSerializer<?> s = d.getSerializer();
    if (!d.getTtlConfig().isEnabled()) return s;
    try {
      Class<?> ttl = Class.forName("org.apache.flink.runtime.state.ttl.TtlStateFactory$TtlSerializer");
      java.lang.reflect.Constructor<?> make = ttl.getConstructor(TypeSerializer.class, TypeSerializer.class);
      switch (d.getType()) {
        case MAP: {
          MapSerializer<?, ?> m = (MapSerializer<?, ?>) s;
          return new MapSerializer(m.getKeySerializer(), (TypeSerializer) make.newInstance(LongSerializer.INSTANCE, m.getValueSerializer()));
        }
        case LIST:
          return new ListSerializer((TypeSerializer) make.newInstance(LongSerializer.INSTANCE, ((ListSerializer<?>) s).getElementSerializer()));
        default:
          return (TypeSerializer<?>) make.newInstance(LongSerializer.INSTANCE, s);
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new Unknown("its TTL serializer could not be built: " + e);
    }
  }

  /** Whether this Flink restores state saved with TTL into a state without it and the other way round (2.2 and later). */
  private static boolean ttlMigrates() {
    java.util.regex.Matcher v = java.util.regex.Pattern.compile("^(\\d+)\\.(\\d+)").matcher(EnvironmentInformation.getVersion());
    return v.find() && (Integer.parseInt(v.group(1)) > 2 || (Integer.parseInt(v.group(1)) == 2 && Integer.parseInt(v.group(2)) >= 2));
  }

  /** The state's serializer with each TTL wrapper (TtlStateFactory.TtlSerializer: timestamp, value) replaced by its value's. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeSerializer<?> withoutTtl(TypeSerializer<?> s) throws Unknown {
    if (s instanceof MapSerializer) return new MapSerializer(((MapSerializer<?, ?>) s).getKeySerializer(), withoutTtl(((MapSerializer<?, ?>) s).getValueSerializer()));
    if (s instanceof ListSerializer) return new ListSerializer(withoutTtl(((ListSerializer<?>) s).getElementSerializer()));
    if (!s.getClass().getName().contains("TtlSerializer")) return s;
    try {
      Field f = org.apache.flink.api.common.typeutils.CompositeSerializer.class.getDeclaredField("fieldSerializers");
      f.setAccessible(true);
      return ((TypeSerializer<?>[]) f.get(s))[1];
    } catch (ReflectiveOperationException | ClassCastException | ArrayIndexOutOfBoundsException e) {
      throw new Unknown("its TTL serializer could not be read: " + e);
    }
  }

  private static boolean ttl(TypeSerializer<?> s) {
    if (s instanceof MapSerializer) s = ((MapSerializer<?, ?>) s).getValueSerializer();
    else if (s instanceof ListSerializer) s = ((ListSerializer<?>) s).getElementSerializer();
    return s.getClass().getName().contains("TtlSerializer");
  }

  /** "ROW<BIGINT, INT>", "MAP<ROW<INT>, LIST<ROW<…>>>", "Boolean": how a state's serializer reads. */
  static String describe(TypeSerializer<?> s) {
    if (s instanceof MapSerializer) return "MAP<" + describe(((MapSerializer<?, ?>) s).getKeySerializer()) + ", " + describe(((MapSerializer<?, ?>) s).getValueSerializer()) + ">";
    if (s instanceof ListSerializer) return "LIST<" + describe(((ListSerializer<?>) s).getElementSerializer()) + ">";
    String row = KeyLayout.describe(s);
    return row.startsWith("ROW<") ? row : s.getClass().getSimpleName().replaceFirst("Serializer$", "");
  }

  // ---- the states an operator registers ----

  private static final String JOIN = "org.apache.flink.table.runtime.operators.join.stream.StreamingJoinOperator";
  private static final String WINDOW_AGG = "org.apache.flink.table.runtime.operators.window.tvf.common.WindowAggOperator";
  private static final String WINDOW_JOIN = "org.apache.flink.table.runtime.operators.join.window.WindowJoinOperator";
  private static final String CEP = "org.apache.flink.cep.operator.CepOperator";
  private static final String MINI_BATCH = "org.apache.flink.table.runtime.operators.bundle.KeyedMapBundleOperator";
  private static final String UPSERT_MATERIALIZER = "org.apache.flink.table.runtime.operators.sink.SinkUpsertMaterializer";
  /** Operators that keep timers only, their function the rest: process functions, interval joins, over aggregations. */
  private static final java.util.Set<String> FUNCTION_OPERATORS = new java.util.HashSet<>(java.util.Arrays.asList(
      "org.apache.flink.streaming.api.operators.KeyedProcessOperator",
      "org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator",
      "org.apache.flink.table.runtime.operators.join.KeyedCoProcessOperatorWithWatermarkDelay"));

  /** The keyed states the operator of `config` registers when it opens. */
  static List<Registered> registered(StreamConfig config, ClassLoader cl) throws Exception {
    StreamOperatorFactory<?> factory = config.getStreamOperatorFactory(cl);
    if (!(factory instanceof SimpleOperatorFactory)) throw new Unknown("the check does not know which states an operator of " + factory.getClass().getSimpleName() + " keeps");
    Object op = ((SimpleOperatorFactory<?>) factory).getOperator();
    String cls = op.getClass().getName();
    StateRecorder r = new StateRecorder(cl);
    if (FUNCTION_OPERATORS.contains(cls)) {
      // Its function's open() registers the states (aggregates, deduplication, TOP-N, interval joins…).
      Function fn = ((AbstractUdfStreamOperator<?, ?>) op).getUserFunction();
      if (!(fn instanceof RichFunction)) throw new Unknown(fn.getClass().getSimpleName() + " registers no state through a runtime context");
      FunctionUtils.setFunctionRuntimeContext(fn, r.proxy(RuntimeContext.class));
      FunctionUtils.openFunction(fn, DefaultOpenContext.INSTANCE);
    } else if (cls.equals(MINI_BATCH)) {
      Object fn = field(op, "function");
      Class<?> ctx = Class.forName("org.apache.flink.table.runtime.context.ExecutionContext", true, cl);
      fn.getClass().getMethod("open", ctx).invoke(fn, r.proxy(ctx));
    } else if (cls.equals(JOIN)) {
      // As its open() does: each side's records by that side's input spec (unique key or not), outer sides counted.
      String pkg = "org.apache.flink.table.runtime.operators.join.stream.state.";
      for (String side : new String[] {"left", "right"}) {
        boolean outer = (Boolean) field(op, side + "IsOuter");
        Class<?> views = Class.forName(pkg + (outer ? "OuterJoinRecordStateViews" : "JoinRecordStateViews"), true, cl);
        Method create = null;
        for (Method m : views.getMethods()) if (m.getName().equals("create") && m.getParameterCount() == 5) create = m;
        if (create == null) throw new Unknown(views.getSimpleName() + ".create is not the one the check knows");
        create.invoke(null, r.proxy(RuntimeContext.class), side + "-records", field(op, side + "InputSideSpec"), field(op, side + "Type"), field(op, side + "StateRetentionTime"));
      }
    } else if (cls.equals(WINDOW_AGG)) {
      // Window TVF aggregations, TOP-Ns and deduplications: their processor's open registers the states (the
      // accumulators per slice or window, a session's window mapping, the TOP-N's rows), through the context's backend.
      Object processor = field(op, "windowProcessor");
      Method open = null;
      for (Method m : processor.getClass().getMethods()) if (m.getName().equals("open") && m.getParameterCount() == 1 && m.getParameterTypes()[0].isInterface()) open = m;
      if (open == null) throw new Unknown("the check does not know how " + processor.getClass().getSimpleName() + " opens");
      // Flink 2.x's processors take the synchronous-state context (a subtype); 1.20's the plain one.
      Class<?> sync = classOrNull(cl, "org.apache.flink.table.runtime.operators.window.tvf.common.SyncStateWindowProcessor$SyncStateContext");
      Class<?> context = sync != null ? sync : open.getParameterTypes()[0];
      open.invoke(processor, r.proxy(context));
    } else if (isA(op.getClass(), WINDOW_JOIN)) {
      // As its open does: each side's rows per window (the window's end as namespace).
      for (String side : new String[] {"LEFT", "RIGHT"}) {
        String name = (String) staticField(Class.forName(WINDOW_JOIN, true, cl), side + "_RECORDS_STATE_NAME");
        r.add(new org.apache.flink.api.common.state.ListStateDescriptor<>(name, (TypeSerializer<?>) field(op, side.toLowerCase() + "Serializer")), LongSerializer.INSTANCE);
      }
    } else if (cls.equals(UPSERT_MATERIALIZER)) {
      // As its open() does: the rows per sink key ("values"), under the job's state TTL.
      org.apache.flink.api.common.state.ValueStateDescriptor<?> d =
          new org.apache.flink.api.common.state.ValueStateDescriptor<>("values", new ListSerializer<>((TypeSerializer<?>) field(op, "serializer")));
      org.apache.flink.api.common.state.StateTtlConfig ttl = (org.apache.flink.api.common.state.StateTtlConfig) field(op, "ttlConfig");
      if (ttl.isEnabled()) d.enableTimeToLive(ttl);
      r.add(d, VoidNamespaceSerializer.INSTANCE);
    } else if (cls.equals(CEP)) {
      // MATCH_RECOGNIZE: its NFA, shared buffer and event queue, registered by its initializeState.
      Field f = AbstractStreamOperator.class.getDeclaredField("config");
      f.setAccessible(true);
      f.set(op, config);
      ((AbstractStreamOperator<?>) op).initializeState(r.proxy(StateInitializationContext.class));
      // Its shared buffer starts a (non-daemon) timer for cache statistics: stopped, or this JVM would never exit.
      Object buffer = fieldOrNull(op, "partialMatches");
      if (buffer != null) buffer.getClass().getMethod("releaseCacheStatisticsTimer").invoke(buffer);
    } else {
      throw new Unknown("the check does not know which states " + op.getClass().getSimpleName() + " keeps");
    }
    if (r.unsupported != null) throw new Unknown(op.getClass().getSimpleName() + " registers " + r.unsupported + ", which the check does not compare");
    return r.states;
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
      try {
        Field f = k.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException ignored) {
        // a superclass's
      }
    }
    throw new NoSuchFieldException(o.getClass().getName() + "." + name);
  }

  private static boolean isA(Class<?> k, String name) {
    for (; k != null; k = k.getSuperclass()) if (k.getName().equals(name)) return true;
    return false;
  }

  private static Object staticField(Class<?> k, String name) throws ReflectiveOperationException {
    Field f = k.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(null);
  }

  static Class<?> classOrNull(ClassLoader cl, String name) {
    try {
      return Class.forName(name, true, cl);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static Object fieldOrNull(Object o, String name) {
    try {
      return field(o, name);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

}
