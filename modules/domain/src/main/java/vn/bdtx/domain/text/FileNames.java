package vn.bdtx.domain.text;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name a file is kept, listed and downloaded under, from whatever the uploader's browser sent
 * (OWASP ASVS 5.3.2, issue 18 item 9): the last segment of the path, in NFC, with no control character
 * and none of the invisible characters that reorder or hide text — the bidirectional controls
 * U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C (with which "bai-lam‮fdp.exe" reads as
 * "bai-lamexe.pdf"), zero-width spaces, soft hyphens, tag characters — but with the zero-width joiner kept,
 * because an emoji such as 👩‍💻 is made with it. A name too long is cut between whole characters as a
 * person sees them (grapheme clusters: an emoji, a letter with its marks, a flag), never inside one and
 * never leaving half of a surrogate pair, keeping its extension.
 */
public final class FileNames {

  /** What is left when nothing of the name is: "tep" (tệp, a file). */
  public static final String NOTHING_LEFT = "tep";

  private static final Pattern GRAPHEME = Pattern.compile("\\X");
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private FileNames() {
  }

  /**
   * The cleaned name, at most {@code maxCodePoints} code points (what a database column counts), cut on a
   * grapheme boundary with the extension (up to 10 characters) kept; {@link #NOTHING_LEFT} when empty.
   */
  public static String clean(String raw, int maxCodePoints) {
    String name = raw == null ? "" : raw.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    name = printable(name).replace("\"", "").strip();
    name = cutKeepingExtension(name, maxCodePoints);
    return name.isEmpty() || name.equals(".") || name.equals("..") ? NOTHING_LEFT : name;
  }

  /**
   * The text in NFC without control, format (bidirectional, zero-width, tag…) or unpaired surrogate characters,
   * the zero-width joiner between two characters excepted; any run of spaces (line and paragraph separators
   * included) becomes one space.
   */
  public static String printable(String s) {
    String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFC);
    var sb = new StringBuilder(n.length());
    int previous = -1;
    for (int i = 0; i < n.length(); ) {
      int cp = n.codePointAt(i);
      i += Character.charCount(cp);
      if (invisible(cp) && !(cp == ZERO_WIDTH_JOINER && previous != -1 && previous != ' ' && i < n.length())) {
        continue;
      }
      if (Character.isSpaceChar(cp)) {
        if (previous != ' ') {
          sb.append(' ');
          previous = ' ';
        }
        continue;
      }
      sb.appendCodePoint(cp);
      previous = cp;
    }
    return sb.toString();
  }

  /**
   * Control (Cc: tab and new line included), format (Cf: the bidirectional controls, zero-width spaces, soft
   * hyphen, tags) and unpaired surrogates. Characters this JVM's Unicode does not know yet (a new emoji) stay.
   */
  static boolean invisible(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE;
  }

  /** The longest start of {@code s} of whole grapheme clusters and at most {@code maxCodePoints} code points. */
  public static String cut(String s, int maxCodePoints) {
    if (s.codePointCount(0, s.length()) <= maxCodePoints) {
      return s;
    }
    Matcher m = GRAPHEME.matcher(s);
    int end = 0;
    int count = 0;
    while (m.find()) {
      int size = s.codePointCount(m.start(), m.end());
      if (count + size > maxCodePoints) {
        break;
      }
      count += size;
      end = m.end();
    }
    return s.substring(0, end);
  }

  private static String cutKeepingExtension(String name, int maxCodePoints) {
    if (name.codePointCount(0, name.length()) <= maxCodePoints) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
    String base = name.substring(0, name.length() - ext.length());
    return cut(base, maxCodePoints - ext.codePointCount(0, ext.length())).strip() + ext;
  }

  /**
   * The ASCII fallback of a name for old clients (RFC 6266's {@code filename}): Vietnamese letters without their
   * marks (đ → d), anything else outside letters, digits, dot, dash and underscore as a dash.
   */
  public static String ascii(String name) {
    String d = Normalizer.normalize((name == null ? "" : name).replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD);
    var sb = new StringBuilder(d.length());
    for (char c : d.toCharArray()) {
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      boolean plain = c < 0x80 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
      sb.append(plain ? c : '-');
    }
    String s = sb.toString().replaceAll("-{2,}", "-").replaceAll("^-|-(?=\\.)|-$", "");
    return s.isEmpty() ? NOTHING_LEFT : s;
  }

  /** RFC 8187 value characters ({@code filename*=UTF-8''…}): attr-char stays, every other byte of the UTF-8 form as %XX. */
  public static String percentEncoded(String s) {
    var sb = new StringBuilder();
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      boolean attr = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attr) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return sb.toString();
  }
}
