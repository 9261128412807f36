// Lists the user-defined functions of a jar with the SQL signatures Flink's own type inference gives them, as JSON
// on stdout. Run with the draft's Flink distribution (lib/*) and the jar on the classpath: `UdfInspector <jar>`.
package dev.flinksql.udf;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.internal.TableEnvironmentInternal;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AggregateFunction;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.TableAggregateFunction;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;

public final class UdfInspector {

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: UdfInspector <jar>");
      System.exit(2);
    }
    // The user's classes may print (constructors, static blocks): only our JSON goes to stdout.
    java.io.PrintStream out = System.out;
    System.setOut(System.err);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    // ProcessTableFunction exists from Flink 2.0 on; compiled against 1.20, it is looked up by name.
    Class<?> ptf = optionalClass("org.apache.flink.table.functions.ProcessTableFunction", loader);
    DataTypeFactory factory = dataTypeFactory(loader);
    StringBuilder functions = new StringBuilder();
    StringBuilder skipped = new StringBuilder();
    try (JarFile jar = new JarFile(args[0])) {
      List<String> names = new ArrayList<>();
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String n = e.nextElement().getName();
        if (n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class") && !n.endsWith("package-info.class")) {
          names.add(n.substring(0, n.length() - 6).replace('/', '.'));
        }
      }
      java.util.Collections.sort(names);
      for (String name : names) {
        Class<?> c;
        try {
          c = Class.forName(name, false, loader);
        } catch (Throwable t) {
          // a class whose own dependencies are missing cannot be a function Flink could load either
          continue;
        }
        if (!UserDefinedFunction.class.isAssignableFrom(c) || !Modifier.isPublic(c.getModifiers()) || Modifier.isAbstract(c.getModifiers())
            || c.isAnonymousClass() || c.isLocalClass() || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))) continue;
        String kind = kindOf(c, ptf);
        if (kind == null) continue;
        try {
          String json = describe(c, kind, factory);
          functions.append(functions.length() == 0 ? "\n    " : ",\n    ").append(json);
        } catch (Throwable t) {
          skipped.append(skipped.length() == 0 ? "\n    " : ",\n    ")
              .append("{\"class\": ").append(Json.str(c.getName())).append(", \"kind\": ").append(Json.str(kind))
              .append(", \"error\": ").append(Json.str(rootMessage(t))).append("}");
        }
      }
    }
    out.println("{\n  \"functions\": [" + functions + (functions.length() > 0 ? "\n  " : "") + "],\n  \"failed\": [" + skipped
        + (skipped.length() > 0 ? "\n  " : "") + "]\n}");
  }

  static String kindOf(Class<?> c, Class<?> ptf) {
    if (ScalarFunction.class.isAssignableFrom(c)) return "scalar";
    if (TableFunction.class.isAssignableFrom(c)) return "table";
    if (AggregateFunction.class.isAssignableFrom(c)) return "aggregate";
    if (TableAggregateFunction.class.isAssignableFrom(c)) return "table_aggregate";
    if (ptf != null && ptf.isAssignableFrom(c)) return "process_table";
    return null;
  }

  /** One function: Flink's type inference when it can be instantiated; else the eval/accumulate methods, noted as such. */
  static String describe(Class<?> c, String kind, DataTypeFactory factory) throws Exception {
    StringBuilder out = new StringBuilder();
    out.append("{\"class\": ").append(Json.str(c.getName())).append(", \"kind\": ").append(Json.str(kind));
    UserDefinedFunction fn = instantiate(c);
    if (fn == null) {
      out.append(", \"inference\": \"reflection\", \"note\": ")
          .append(Json.str("no public no-argument constructor: Flink cannot instantiate it by class name; signatures read from its methods"));
      out.append(", \"signatures\": ").append(Reflection.signatures(c, kind)).append("}");
      return out.toString();
    }
    TypeInference ti = fn.getTypeInference(factory);
    String fromStatic = StaticArguments.describe(ti, fn, factory);
    if (fromStatic != null) return out.append(fromStatic).append("}").toString();
    ArgumentCount count = ti.getInputTypeStrategy().getArgumentCount();
    out.append(", \"inference\": \"flink\"");
    Optional<Integer> min = count.getMinCount();
    Optional<Integer> max = count.getMaxCount();
    if (min.isPresent()) out.append(", \"minArgs\": ").append(min.get());
    if (max.isPresent()) out.append(", \"maxArgs\": ").append(max.get());
    out.append(", \"signatures\": [");
    boolean first = true;
    for (Signature s : ti.getInputTypeStrategy().getExpectedSignatures(fn)) {
      out.append(first ? "" : ", ");
      first = false;
      out.append("{\"arguments\": [");
      List<DataType> types = new ArrayList<>();
      boolean typed = true;
      for (int i = 0; i < s.getArguments().size(); i++) {
        Signature.Argument a = s.getArguments().get(i);
        out.append(i == 0 ? "" : ", ").append("{");
        if (a.getName().isPresent()) out.append("\"name\": ").append(Json.str(a.getName().get())).append(", ");
        out.append("\"type\": ").append(Json.str(a.getType())).append("}");
        DataType t = typed ? parse(factory, a.getType()) : null;
        if (t == null) typed = false;
        else types.add(t);
      }
      out.append("]");
      String result = typed ? Result.infer(ti, fn, factory, types) : null;
      if (result != null) out.append(", \"result\": ").append(Json.str(result));
      out.append("}");
    }
    out.append("]}");
    return out.toString();
  }

  /** A signature argument's type as a DataType: explicit types parse ("INT", "INT..."); groups ("<NUMERIC>") do not. */
  static DataType parse(DataTypeFactory factory, String type) {
    String t = type.endsWith("...") ? type.substring(0, type.length() - 3) : type;
    if (t.startsWith("<") || t.startsWith("[")) return null;
    try {
      return factory.createDataType(t);
    } catch (Throwable e) {
      return null;
    }
  }

  /** The function as Flink creates it from its class name; null when it has no public no-argument constructor. */
  static UserDefinedFunction instantiate(Class<?> c) throws Exception {
    Constructor<?> ctor;
    try {
      ctor = c.getConstructor();
    } catch (NoSuchMethodException e) {
      return null;
    }
    // a constructor that throws is the function's failure (listed under "failed" with its message), not a missing one
    return (UserDefinedFunction) ctor.newInstance();
  }

  /**
   * The DataTypeFactory a TableEnvironment uses, without starting a planner: CatalogManager's factory
   * (DataTypeFactoryImpl, package-private, same constructor in 1.20 and 2.x); failing that, a TableEnvironment's.
   */
  static DataTypeFactory dataTypeFactory(ClassLoader loader) throws Exception {
    try {
      Class<?> impl = Class.forName("org.apache.flink.table.catalog.DataTypeFactoryImpl", true, loader);
      Constructor<?> ctor = impl.getDeclaredConstructor(ClassLoader.class, ReadableConfig.class, org.apache.flink.api.common.serialization.SerializerConfig.class);
      ctor.setAccessible(true);
      return (DataTypeFactory) ctor.newInstance(loader, new Configuration(), new SerializerConfigImpl());
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      TableEnvironment env = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().build());
      return ((TableEnvironmentInternal) env).getCatalogManager().getDataTypeFactory();
    }
  }

  static Class<?> optionalClass(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (Throwable t) {
      return null;
    }
  }

  static String rootMessage(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) r = r.getCause();
    String m = r.getMessage();
    return r.getClass().getSimpleName() + (m == null ? "" : ": " + m.split("\n")[0]);
  }

  /** Methods named eval / accumulate, public: what Flink's extraction reads when it cannot run. */
  static List<Method> methods(Class<?> c, String name) {
    List<Method> out = new ArrayList<>();
    for (Method m : c.getMethods()) if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())) out.add(m);
    return out;
  }
}
