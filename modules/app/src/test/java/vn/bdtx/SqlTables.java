package vn.bdtx;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables an SQL text reads and writes, and the string literals of a compiled class (its constant pool:
 * text blocks, plain literals and the recipes of concatenations), so that {@link ModuleStructureTest} can check
 * data ownership on what the application really runs, comments excluded.
 */
final class SqlTables {

  /** How a statement touches a table. */
  enum Access { READS, WRITES }

  /** One table touched by one statement. */
  record Reference(String table, Access access) {
  }

  /** INSERT INTO t, UPDATE t (not ON CONFLICT … DO UPDATE, FOR [NO KEY] UPDATE), DELETE FROM t, TRUNCATE [TABLE] t, MERGE INTO t. */
  private static final Pattern WRITE = Pattern.compile(
      "(?i)(?:\\bINSERT\\s+INTO|\\bMERGE\\s+INTO|(?<!DO\\s)(?<!FOR\\s)(?<!KEY\\s)\\bUPDATE|\\bDELETE\\s+FROM|\\bTRUNCATE(?:\\s+TABLE)?(?:\\s+ONLY)?)"
          + "\\s+([a-z_][a-z0-9_.]*)");
  /** FROM t, JOIN t, USING t (DELETE … USING); the items of a comma list after FROM are read too (see below). */
  private static final Pattern READ = Pattern.compile("(?i)\\b(?:FROM|JOIN|USING)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_.]*)");
  /** ", t alias" right after a FROM item: old-style joins such as {@code FROM a x, b y}. */
  private static final Pattern COMMA_ITEM = Pattern.compile("(?i)\\G(?:\\s+(?:AS\\s+)?(?!(?:WHERE|GROUP|ORDER|LIMIT|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|ON|FOR|UNION|HAVING|WINDOW|OFFSET|RETURNING|NATURAL|LATERAL)\\b)[a-z_][a-z0-9_]*)?\\s*,\\s*([a-z_][a-z0-9_.]*)");

  private SqlTables() {
  }

  /** The references to the given tables in one SQL text; anything else (CTE names, functions, words) is ignored. */
  static Set<Reference> references(String sql, Set<String> tables) {
    Set<Reference> found = new LinkedHashSet<>();
    Matcher w = WRITE.matcher(sql);
    while (w.find()) {
      add(found, w.group(1), Access.WRITES, tables);
    }
    Matcher r = READ.matcher(sql);
    while (r.find()) {
      add(found, r.group(1), Access.READS, tables);
      Matcher c = COMMA_ITEM.matcher(sql);
      c.region(r.end(), sql.length());
      while (c.find()) {
        add(found, c.group(1), Access.READS, tables);
        c.region(c.end(), sql.length());
      }
    }
    // A table written by a statement is also read by it at times (UPDATE … FROM): the write is what counts.
    found.removeIf(ref -> ref.access() == Access.READS && found.contains(new Reference(ref.table(), Access.WRITES)));
    return found;
  }

  private static void add(Set<Reference> found, String name, Access access, Set<String> tables) {
    String table = name.toLowerCase();
    if (table.startsWith("public.")) {
      table = table.substring("public.".length());
    }
    if (tables.contains(table)) {
      found.add(new Reference(table, access));
    }
  }

  /** The string constants of a class file, in pool order. */
  static List<String> stringConstants(InputStream classFile) throws IOException {
    var in = new DataInputStream(classFile);
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Map<Integer, String> utf8 = new HashMap<>();
    List<Integer> strings = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8.put(i, in.readUTF());
        case 8 -> strings.add(in.readUnsignedShort());
        case 7, 16, 19, 20 -> in.skipBytes(2);
        case 15 -> in.skipBytes(3);
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
        case 5, 6 -> {
          in.skipBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    return strings.stream().map(utf8::get).toList();
  }
}
