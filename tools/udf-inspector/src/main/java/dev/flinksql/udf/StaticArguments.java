// Flink 2.x gives a function with one eval signature static arguments (TypeInference#getStaticArguments) and leaves
// its input strategy a wildcard: the signature is then the static arguments, names, types and optionality included.
// TypeInference of 1.20 has no such method, so it is called by reflection.
package dev.flinksql.udf;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeInference;

final class StaticArguments {
  private StaticArguments() {}

  /** The JSON fields after "kind" for a function with static arguments; null when it has none (1.20, or several signatures). */
  static String describe(TypeInference ti, UserDefinedFunction fn, DataTypeFactory factory) {
    List<?> args;
    try {
      Method m = TypeInference.class.getMethod("getStaticArguments");
      Optional<?> o = (Optional<?>) m.invoke(ti);
      if (o.isEmpty()) return null;
      args = (List<?>) o.get();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    try {
      StringBuilder sig = new StringBuilder("{\"arguments\": [");
      List<DataType> types = new ArrayList<>();
      boolean typed = true;
      int required = 0;
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        Class<?> c = a.getClass();
        String name = (String) c.getMethod("getName").invoke(a);
        Optional<?> dt = (Optional<?>) c.getMethod("getDataType").invoke(a);
        boolean optional = (Boolean) c.getMethod("isOptional").invoke(a);
        if (!optional) required = i + 1;
        // a table argument (process table functions) has no data type of its own
        String type = dt.isPresent() ? dt.get().toString() : "TABLE";
        sig.append(i == 0 ? "" : ", ").append("{\"name\": ").append(Json.str(name)).append(", \"type\": ").append(Json.str(type));
        if (optional) sig.append(", \"optional\": true");
        sig.append("}");
        if (dt.isPresent()) types.add((DataType) dt.get());
        else typed = false;
      }
      sig.append("]");
      String result = typed ? Result.infer(ti, fn, factory, types) : null;
      if (result != null) sig.append(", \"result\": ").append(Json.str(result));
      sig.append("}");
      return ", \"inference\": \"flink\", \"minArgs\": " + required + ", \"maxArgs\": " + args.size() + ", \"signatures\": [" + sig + "]";
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
