// Signatures read from a function's public eval/accumulate methods, for a class Flink's type inference cannot run on
// (no public no-argument constructor): Java types mapped to their default SQL types, marked as such in the output.
package dev.flinksql.udf;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

final class Reflection {
  private Reflection() {}

  /** Flink's default mapping of the common classes (DataTypes' "implicit" extraction); anything else is "?". */
  private static final Map<Class<?>, String> SQL = Map.ofEntries(
      Map.entry(String.class, "STRING"), Map.entry(Integer.class, "INT"), Map.entry(int.class, "INT NOT NULL"),
      Map.entry(Long.class, "BIGINT"), Map.entry(long.class, "BIGINT NOT NULL"), Map.entry(Double.class, "DOUBLE"),
      Map.entry(double.class, "DOUBLE NOT NULL"), Map.entry(Float.class, "FLOAT"), Map.entry(float.class, "FLOAT NOT NULL"),
      Map.entry(Boolean.class, "BOOLEAN"), Map.entry(boolean.class, "BOOLEAN NOT NULL"), Map.entry(Short.class, "SMALLINT"),
      Map.entry(short.class, "SMALLINT NOT NULL"), Map.entry(Byte.class, "TINYINT"), Map.entry(byte.class, "TINYINT NOT NULL"),
      Map.entry(byte[].class, "BYTES"), Map.entry(java.time.LocalDate.class, "DATE"), Map.entry(java.time.LocalTime.class, "TIME(0)"),
      Map.entry(java.time.LocalDateTime.class, "TIMESTAMP(6)"), Map.entry(java.time.Instant.class, "TIMESTAMP_LTZ(9)"));

  static String signatures(Class<?> c, String kind) {
    boolean acc = kind.equals("aggregate") || kind.equals("table_aggregate");
    List<Method> methods = UdfInspector.methods(c, acc ? "accumulate" : "eval");
    StringBuilder out = new StringBuilder("[");
    for (int m = 0; m < methods.size(); m++) {
      Method method = methods.get(m);
      Class<?>[] params = method.getParameterTypes();
      out.append(m == 0 ? "" : ", ").append("{\"arguments\": [");
      // an aggregate's first parameter is its accumulator, not an argument
      for (int i = acc ? 1 : 0, k = 0; i < params.length; i++, k++) {
        boolean varargs = method.isVarArgs() && i == params.length - 1;
        Class<?> p = varargs ? params[i].getComponentType() : params[i];
        out.append(k == 0 ? "" : ", ").append("{\"type\": ").append(Json.str(SQL.getOrDefault(p, "?") + (varargs ? "..." : ""))).append("}");
      }
      out.append("]");
      if (kind.equals("scalar") && SQL.containsKey(method.getReturnType())) out.append(", \"result\": ").append(Json.str(SQL.get(method.getReturnType())));
      out.append("}");
    }
    return out.append("]").toString();
  }
}
