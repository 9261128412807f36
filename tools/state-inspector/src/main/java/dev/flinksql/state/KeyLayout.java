// The key side of keyed state, as a restore sees it: the key serializer a savepoint's operator wrote its state with
// (the serialization proxy at the head of its keyed state) and the one the new job's operator of the same id would
// read it with (its StreamConfig), compared by Flink's own rule (TypeSerializerSnapshot#resolveSchemaCompatibility).
// A GROUP BY that gains a column keeps the aggregation's operator id but not its key: Flink refuses that restore.
package dev.flinksql.state;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.state.KeyedBackendSerializationProxy;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.metainfo.StateMetaInfoSnapshot;
import org.apache.flink.streaming.api.graph.StreamConfig;

final class KeyLayout {
  private KeyLayout() {}

  /** What a savepoint's operator keeps keyed state under: its key serializer's snapshot, its states' names and layouts. */
  static final class Written {
    final TypeSerializerSnapshot<?> key;
    final List<String> states;
    /** Each state's kind, namespace and value serializer as written (ValueLayout compares them). */
    final List<StateMetaInfoSnapshot> snapshots;

    Written(TypeSerializerSnapshot<?> key, List<StateMetaInfoSnapshot> snapshots) {
      this.key = key;
      this.snapshots = snapshots;
      this.states = new ArrayList<>();
      for (StateMetaInfoSnapshot m : snapshots) states.add(m.getName());
    }
  }

  /** The new job's key serializers by operator id, and each keyed operator's config (its operator, for ValueLayout). */
  static final class Planned extends LinkedHashMap<OperatorID, TypeSerializer<?>> {
    private static final long serialVersionUID = 1L;
    final transient Map<OperatorID, StreamConfig> configs = new LinkedHashMap<>();
  }

  /** The keyed state layout of `s`, read from its first subtask with keyed state; null when it keeps none (or it cannot be read). */
  static Written written(OperatorState s, ClassLoader cl) {
    for (OperatorSubtaskState sub : s.getStates()) {
      for (KeyedStateHandle h : sub.getManagedKeyedState()) {
        StreamStateHandle meta = metaHandle(h);
        if (meta == null) continue;
        try (InputStream in = meta.openInputStream()) {
          KeyedBackendSerializationProxy<?> proxy = new KeyedBackendSerializationProxy<>(cl);
          proxy.read(new DataInputViewStreamWrapper(in));
          return new Written(proxy.getKeySerializerSnapshot(), new ArrayList<>(proxy.getStateMetaInfoSnapshots()));
        } catch (Exception e) {
          System.err.println("state-inspector: cannot read the keyed state layout of " + s.getOperatorID() + ": " + e);
          return null;
        }
      }
    }
    return null;
  }

  /** A full snapshot (savepoint, hashmap checkpoint) starts with the proxy; an incremental RocksDB one keeps it apart. */
  private static StreamStateHandle metaHandle(KeyedStateHandle h) {
    if (h instanceof StreamStateHandle) return (StreamStateHandle) h;
    for (String getter : new String[] {"getMetaDataStateHandle", "getMetaStateHandle"}) {
      try {
        Method m = h.getClass().getMethod(getter);
        Object v = m.invoke(h);
        if (v instanceof StreamStateHandle) return (StreamStateHandle) v;
      } catch (ReflectiveOperationException ignored) {
        // not this kind of handle
      }
    }
    return null;
  }

  /** The key serializer each operator of the job reads its keyed state with, by operator id (keyless operators left out). */
  static Map<OperatorID, TypeSerializer<?>> planned(JobGraph job, ClassLoader cl) {
    Planned out = new Planned();
    for (JobVertex v : job.getVertices()) {
      StreamConfig head = new StreamConfig(v.getConfiguration());
      for (StreamConfig c : head.getTransitiveChainedTaskConfigsWithSelf(cl).values()) {
        TypeSerializer<?> key = c.getStateKeySerializer(cl);
        if (key == null) continue;
        out.put(c.getOperatorID(), key);
        out.configs.put(c.getOperatorID(), c);
      }
    }
    return out;
  }

  /** Flink's answer to "can state written with `old` be read with `next`": compatible, after migration, or incompatible. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static String compatibility(TypeSerializerSnapshot<?> old, TypeSerializer<?> next) {
    TypeSerializerSchemaCompatibility<?> c = ((TypeSerializerSnapshot) next.snapshotConfiguration()).resolveSchemaCompatibility((TypeSerializerSnapshot) old);
    if (c.isCompatibleAsIs()) return "compatible";
    if (c.isCompatibleWithReconfiguredSerializer()) return "compatible";
    if (c.isCompatibleAfterMigration()) return "after-migration";
    return "incompatible";
  }

  /** "ROW<user_id INT>": a row key's fields as Flink names their types; else the serializer's class. */
  static String describe(TypeSerializer<?> s) {
    try {
      Field f = s.getClass().getDeclaredField("types");
      f.setAccessible(true);
      Object[] types = (Object[]) f.get(s);
      Field names = null;
      try {
        names = s.getClass().getDeclaredField("fieldNames");
        names.setAccessible(true);
      } catch (NoSuchFieldException ignored) {
        // 1.20's RowDataSerializer keeps types only
      }
      String[] n = names == null ? null : (String[]) names.get(s);
      StringBuilder b = new StringBuilder("ROW<");
      for (int i = 0; i < types.length; i++) {
        if (i > 0) b.append(", ");
        if (n != null && i < n.length && n[i] != null) b.append(n[i]).append(' ');
        b.append(types[i]);
      }
      return b.append('>').toString();
    } catch (ReflectiveOperationException | ClassCastException e) {
      return s.getClass().getSimpleName();
    }
  }
}
