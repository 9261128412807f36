// The result type Flink infers for one signature: the function's own output strategy asked with a call context whose
// arguments have the signature's types (what the planner's call context would carry for such a call).
package dev.flinksql.udf;

import java.util.List;
import java.util.Optional;

import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.TypeInference;

final class Result {
  private Result() {}

  /** The inferred result type as Flink prints it, or null when the strategy needs more than argument types. */
  static String infer(TypeInference ti, UserDefinedFunction fn, DataTypeFactory factory, List<DataType> types) {
    try {
      Optional<DataType> t = ti.getOutputTypeStrategy().inferType(new Call(fn, factory, types));
      return t.map(DataType::toString).orElse(null);
    } catch (Throwable e) {
      return null;
    }
  }

  /** Arguments that are neither literals nor NULL, outside any aggregation: a plain call with these types. */
  private static final class Call implements CallContext {
    private final UserDefinedFunction fn;
    private final DataTypeFactory factory;
    private final List<DataType> types;

    Call(UserDefinedFunction fn, DataTypeFactory factory, List<DataType> types) {
      this.fn = fn;
      this.factory = factory;
      this.types = types;
    }

    @Override public DataTypeFactory getDataTypeFactory() { return factory; }
    @Override public FunctionDefinition getFunctionDefinition() { return fn; }
    @Override public boolean isArgumentLiteral(int pos) { return false; }
    @Override public boolean isArgumentNull(int pos) { return false; }
    @Override public <T> Optional<T> getArgumentValue(int pos, Class<T> clazz) { return Optional.empty(); }
    @Override public String getName() { return fn.getClass().getSimpleName(); }
    @Override public List<DataType> getArgumentDataTypes() { return types; }
    @Override public Optional<DataType> getOutputDataType() { return Optional.empty(); }
    @Override public boolean isGroupedAggregation() { return false; }
  }
}
