package dev.trainflow.activities.data;

import dev.trainflow.workflows.activities.ColumnSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset source turned into one denormalized interaction table: a row per interaction, the
 * columns of both sides joined in, and each column's type. {@code columns} lists the table's header
 * in order.
 */
public record MaterializedDataset(List<ColumnSpec> columns, CsvTable table) {

  public MaterializedDataset {
    columns = List.copyOf(columns);
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    if (!names.equals(table.header())) {
      throw new IllegalArgumentException("column specs " + names + " do not match the header " + table.header());
    }
  }

  /** Column name to type, in header order. */
  public Map<String, ColumnType> types() {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    columns.forEach(c -> types.put(c.name(), ColumnType.of(c.type())));
    return types;
  }

  public int rows() {
    return table.size();
  }

  /** The first {@code limit} rows, for a preview. */
  public MaterializedDataset head(int limit) {
    List<String[]> rows = new ArrayList<>(table.rows().subList(0, Math.min(limit, table.size())));
    return new MaterializedDataset(columns, new CsvTable(table.header(), rows));
  }
}
