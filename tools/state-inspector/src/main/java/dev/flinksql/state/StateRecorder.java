// A stand-in runtime context for ValueLayout: whatever an operator's function or window processor calls while it opens
// is answered with nothing (a no-op proxy, zero, false, empty), and each state it registers is recorded with its
// namespace. No job runs: this is how the check learns the states the new operator would ask the backend for.
package dev.flinksql.state;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;

/**
 * A runtime context (and state store, state initialization context, execution context) that records each state
 * registered through it and answers anything else with nothing: a no-op proxy for an interface, zero, false, empty.
 */
final class StateRecorder implements InvocationHandler {
  final List<ValueLayout.Registered> states = new ArrayList<>();
  final ClassLoader cl;
  final ExecutionConfig config = new ExecutionConfig();
  /** A state registered through an API the check does not compare (Flink 2.x's async state descriptors). */
  String unsupported;

  StateRecorder(ClassLoader cl) {
    this.cl = cl;
  }

  <T> T proxy(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader() != null ? type.getClassLoader() : cl, new Class<?>[] {type}, this));
  }

  void add(StateDescriptor<?, ?> d, TypeSerializer<?> namespace) {
    d.initializeSerializerUnlessSet(config);
    states.add(new ValueLayout.Registered(d, namespace));
  }

  @Override
  public Object invoke(Object self, Method m, Object[] args) {
    if (m.getDeclaringClass() == Object.class) {
      switch (m.getName()) {
        case "equals": return self == args[0];
        case "hashCode": return System.identityHashCode(self);
        default: return "recording " + self.getClass().getInterfaces()[0].getSimpleName();
      }
    }
    StateDescriptor<?, ?> desc = null;
    TypeSerializer<?> namespace = VoidNamespaceSerializer.INSTANCE;
    for (Object a : args == null ? new Object[0] : args) {
      if (a instanceof StateDescriptor) desc = (StateDescriptor<?, ?>) a;
      else if (a instanceof TypeSerializer) namespace = (TypeSerializer<?>) a;
    }
    if (desc != null) {
      // a runtime context's getState(d), or a keyed backend's getOrCreateKeyedState(namespace, d): the state
      // returned is cast to the backend's internal kind (WindowValueState wraps an InternalValueState)
      add(desc, namespace);
      Class<?> internal = internalStateOf(desc);
      return internal != null && m.getReturnType().isAssignableFrom(internal) ? proxy(internal) : nothing(m.getReturnType());
    }
    if (args != null && args.length == 1 && args[0] != null && args[0].getClass().getName().startsWith("org.apache.flink.api.common.state.v2.")) {
      unsupported = args[0].getClass().getSimpleName();
      return nothing(m.getReturnType());
    }
    switch (m.getName()) {
      case "getUserCodeClassLoader":
        return m.getReturnType() == ClassLoader.class ? cl : nothing(m.getReturnType());
      case "asClassLoader":
        return cl;
      case "getExecutionConfig":
        return config;
      case "getNumberOfParallelSubtasks":
      case "getMaxNumberOfParallelSubtasks":
        return 1;
      case "createSerializer":
        return ((TypeInformation<?>) args[0]).createSerializer(config.getSerializerConfig());
      case "isRestored":
        return false;
      case "getMemoryManager":
        // window buffers take their pages when their processor opens
        return memory();
      case "getMemorySize":
        return 4L << 20;
      case "getOperatorOwner":
        return this;
      default:
        return nothing(m.getReturnType());
    }
  }

  private org.apache.flink.runtime.memory.MemoryManager memory;

  private org.apache.flink.runtime.memory.MemoryManager memory() {
    if (memory == null) memory = org.apache.flink.runtime.memory.MemoryManager.create(4L << 20, org.apache.flink.runtime.memory.MemoryManager.DEFAULT_PAGE_SIZE);
    return memory;
  }

  /** The backend's internal interface for the state a descriptor declares (null for kinds not listed). */
  private Class<?> internalStateOf(StateDescriptor<?, ?> d) {
    String pkg = "org.apache.flink.runtime.state.internal.Internal";
    switch (d.getType()) {
      case VALUE: return ValueLayout.classOrNull(cl, pkg + "ValueState");
      case MAP: return ValueLayout.classOrNull(cl, pkg + "MapState");
      case LIST: return ValueLayout.classOrNull(cl, pkg + "ListState");
      case REDUCING: return ValueLayout.classOrNull(cl, pkg + "ReducingState");
      case AGGREGATING: return ValueLayout.classOrNull(cl, pkg + "AggregatingState");
      default: return null;
    }
  }

  private Object nothing(Class<?> t) {
    if (t == void.class) return null;
    if (t == boolean.class) return false;
    if (t == int.class) return 0;
    if (t == long.class) return 0L;
    if (t == double.class) return 0d;
    if (t == float.class) return 0f;
    if (t == short.class) return (short) 0;
    if (t == byte.class) return (byte) 0;
    if (t == char.class) return (char) 0;
    if (t == Optional.class) return Optional.empty();
    if (t == OptionalLong.class) return OptionalLong.empty();
    if (t == List.class || t == java.util.Collection.class || t == Iterable.class) return java.util.Collections.emptyList();
    if (t == Map.class) return java.util.Collections.emptyMap();
    if (t == java.util.Set.class) return java.util.Collections.emptySet();
    if (t == java.util.Iterator.class) return java.util.Collections.emptyIterator();
    if (t == KeyedStateStore.class || t.isInterface()) return proxy(t);
    return null;
  }
}
