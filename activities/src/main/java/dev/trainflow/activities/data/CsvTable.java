package dev.trainflow.activities.data;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of string cells with a header row, read from and written to RFC 4180 CSV. Splits and
 * catalogs travel between stages in this form; an empty cell is a missing value.
 */
public final class CsvTable {
  private final List<String> header;
  private final List<String[]> rows;
  private final Map<String, Integer> index = new HashMap<>();

  public CsvTable(List<String> header, List<String[]> rows) {
    this.header = List.copyOf(header);
    this.rows = rows;
    for (int i = 0; i < header.size(); i++) {
      index.put(header.get(i), i);
    }
  }

  public List<String> header() {
    return header;
  }

  public List<String[]> rows() {
    return rows;
  }

  public int size() {
    return rows.size();
  }

  public boolean has(String column) {
    return index.containsKey(column);
  }

  /** The position of {@code column}; throws naming the column when the table lacks it. */
  public int column(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + column + "' in " + header);
    }
    return i;
  }

  /** One column's cells, in row order. */
  public String[] values(String column) {
    int c = column(column);
    String[] out = new String[rows.size()];
    for (int r = 0; r < out.length; r++) {
      out[r] = rows.get(r)[c];
    }
    return out;
  }

  public byte[] toBytes() {
    StringBuilder sb = new StringBuilder(rows.size() * 32 + 64);
    appendRow(sb, header.toArray(new String[0]));
    for (String[] row : rows) {
      appendRow(sb, row);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static CsvTable parse(byte[] content) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
      List<String[]> records = new ArrayList<>();
      List<String> record;
      while ((record = readRecord(reader)) != null) {
        records.add(record.toArray(new String[0]));
      }
      if (records.isEmpty()) {
        throw new IllegalArgumentException("empty CSV: no header row");
      }
      List<String> header = List.of(records.get(0));
      List<String[]> rows = new ArrayList<>(records.subList(1, records.size()));
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).length != header.size()) {
          throw new IllegalArgumentException(
              "CSV row " + (i + 2) + " has " + rows.get(i).length + " cells, the header has " + header.size());
        }
      }
      return new CsvTable(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> readRecord(BufferedReader reader) throws IOException {
    int ch = reader.read();
    if (ch == -1) {
      return null;
    }
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    while (true) {
      if (quoted) {
        if (ch == -1) {
          throw new IllegalArgumentException("CSV ends inside a quoted cell");
        }
        if (ch == '"') {
          reader.mark(1);
          int next = reader.read();
          if (next == '"') {
            cell.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              reader.reset();
            }
          }
        } else {
          cell.append((char) ch);
        }
      } else if (ch == '"' && cell.length() == 0) {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else if (ch == '\n' || ch == -1) {
        cells.add(cell.toString());
        return cells;
      } else if (ch == '\r') {
        // CRLF: the \n that follows ends the record
      } else {
        cell.append((char) ch);
      }
      ch = reader.read();
    }
  }

  private static void appendRow(StringBuilder sb, String[] row) {
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = row[i] == null ? "" : row[i];
      if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    sb.append('\n');
  }
}
