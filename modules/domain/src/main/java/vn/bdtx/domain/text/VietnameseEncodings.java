package vn.bdtx.domain.text;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The encodings Vietnamese schools' files arrive in, decoded to Unicode NFC.
 * UTF-8 and Windows-1258 (what Excel's "CSV (Comma delimited)" writes on a
 * Vietnamese Windows, often as base letter + combining tone byte) come from the
 * JDK. VNI-Windows and TCVN3 (ABC) have no JDK charset; their tables below are the
 * published ones (the VNI font tables, and TCVN 5712:1993 "VN3" as the ABC fonts use it):
 * <ul>
 *   <li>VNI writes a vowel as its base letter followed by a mark byte (á = "a" 0xF9,
 *   ấ = "a" 0xE1), except ơ 0xF4, ư 0xF6, đ 0xF1, the toned i (0xED 0xEC 0xE6 0xF3 0xF2)
 *   and ỵ 0xEE; capitals use the same bytes minus 0x20.</li>
 *   <li>TCVN3 has one byte per lower-case letter (á 0xB8, ễ 0xD4 …) and only the capitals
 *   Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7); a capital toned letter is the lower-case byte drawn by the
 *   ".VnTimeH" capital fonts, so it decodes as lower case.</li>
 * </ul>
 * Bytes that are not Vietnamese letters decode as Windows-1252, the code page these fonts sat on.
 */
public final class VietnameseEncodings {

  /** An encoding, with the name the report shows. */
  public enum Encoding {
    UTF_8("UTF-8"), WINDOWS_1258("Windows-1258"), VNI("VNI-Windows"), TCVN3("TCVN3 (ABC)");

    private final String label;

    Encoding(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  // Mark bytes of VNI (lower case), in the tone order of VietnameseLetters.TONES.
  private static final int[] VNI_TONE = {0xF9, 0xF8, 0xFB, 0xF5, 0xEF};
  private static final int[] VNI_CIRCUMFLEX_TONE = {0xE1, 0xE0, 0xE5, 0xE3, 0xE4};
  private static final int[] VNI_BREVE_TONE = {0xE9, 0xE8, 0xFA, 0xFC, 0xEB};
  private static final int VNI_CIRCUMFLEX = 0xE2;
  private static final int VNI_BREVE = 0xEA;
  private static final int[] VNI_I = {0xED, 0xEC, 0xE6, 0xF3, 0xF2};

  // TCVN3 bytes by vowel (VietnameseLetters.VOWELS order) and tone (none, sắc, huyền, hỏi, ngã, nặng); 'a' etc. are ASCII.
  private static final int[][] TCVN3 = {
      {'a', 0xB8, 0xB5, 0xB6, 0xB7, 0xB9},
      {0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB},
      {0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6},
      {'e', 0xD0, 0xCC, 0xCE, 0xCF, 0xD1},
      {0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6},
      {'o', 0xE3, 0xDF, 0xE1, 0xE2, 0xE4},
      {0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9},
      {0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE},
      {'u', 0xF3, 0xEF, 0xF1, 0xF2, 0xF4},
      {0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9},
      {'i', 0xDD, 0xD7, 0xD8, 0xDC, 0xDE},
      {'y', 0xFD, 0xFA, 0xFB, 0xFC, 0xFE}};
  private static final int TCVN3_D = 0xAE;
  /** Capitals Ă Â Ê Ô Ơ Ư Đ. */
  private static final Map<Integer, String> TCVN3_CAPITALS = Map.of(0xA1, "Ă", 0xA2, "Â", 0xA3, "Ê", 0xA4, "Ô",
      0xA5, "Ơ", 0xA6, "Ư", 0xA7, "Đ");

  private static final String[] CP1252 = new String[256];
  private static final String[] TCVN3_DECODE = new String[256];
  /** VNI: byte sequences (as ISO-8859-1 strings, one char per byte) to letters. */
  private static final Map<String, String> VNI_DECODE = new HashMap<>();
  private static final Map<String, String> VNI_ENCODE = new HashMap<>();
  private static final Map<String, Integer> TCVN3_ENCODE = new HashMap<>();

  static {
    CharsetDecoder cp1252 = Charset.forName("windows-1252").newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    for (int b = 0; b < 256; b++) {
      try {
        CP1252[b] = cp1252.decode(java.nio.ByteBuffer.wrap(new byte[] {(byte) b})).toString();
      } catch (java.nio.charset.CharacterCodingException e) {
        CP1252[b] = "\uFFFD";
      }
    }
    buildVni();
    buildTcvn3();
  }

  private static void buildVni() {
    for (int v = 0; v < VietnameseLetters.VOWELS.size(); v++) {
      String vowel = VietnameseLetters.VOWELS.get(v);
      for (int t = 0; t <= 5; t++) {
        String letter = VietnameseLetters.letter(vowel, t);
        String bytes = vniLower(vowel, t);
        addVni(letter, bytes);
        addVni(letter.toUpperCase(Locale.ROOT), vniUpper(bytes));
      }
    }
    addVni("đ", chars(0xF1));
    addVni("Đ", chars(0xD1));
  }

  private static String vniLower(String vowel, int tone) {
    return switch (vowel) {
      case "â" -> "a" + chars(tone == 0 ? VNI_CIRCUMFLEX : VNI_CIRCUMFLEX_TONE[tone - 1]);
      case "ê" -> "e" + chars(tone == 0 ? VNI_CIRCUMFLEX : VNI_CIRCUMFLEX_TONE[tone - 1]);
      case "ô" -> "o" + chars(tone == 0 ? VNI_CIRCUMFLEX : VNI_CIRCUMFLEX_TONE[tone - 1]);
      case "ă" -> "a" + chars(tone == 0 ? VNI_BREVE : VNI_BREVE_TONE[tone - 1]);
      case "ơ" -> chars(0xF4) + (tone == 0 ? "" : chars(VNI_TONE[tone - 1]));
      case "ư" -> chars(0xF6) + (tone == 0 ? "" : chars(VNI_TONE[tone - 1]));
      case "i" -> tone == 0 ? "i" : chars(VNI_I[tone - 1]);
      case "y" -> tone == 5 ? chars(0xEE) : "y" + (tone == 0 ? "" : chars(VNI_TONE[tone - 1]));
      default -> vowel + (tone == 0 ? "" : chars(VNI_TONE[tone - 1]));
    };
  }

  /** Capitals: ASCII letters upper-cased, mark bytes 0x20 lower (Ù for ù …). */
  private static String vniUpper(String lower) {
    var sb = new StringBuilder();
    for (char c : lower.toCharArray()) {
      sb.append(c < 0x80 ? Character.toUpperCase(c) : (char) (c - 0x20));
    }
    return sb.toString();
  }

  private static void addVni(String letter, String bytes) {
    if (bytes.length() == 1 && bytes.charAt(0) < 0x80) {
      return; // plain ASCII letter
    }
    VNI_DECODE.put(bytes, letter);
    VNI_ENCODE.put(letter, bytes);
  }

  private static void buildTcvn3() {
    System.arraycopy(CP1252, 0, TCVN3_DECODE, 0, 256);
    for (int v = 0; v < TCVN3.length; v++) {
      for (int t = 0; t <= 5; t++) {
        int b = TCVN3[v][t];
        if (b >= 0x80) {
          String letter = VietnameseLetters.letter(VietnameseLetters.VOWELS.get(v), t);
          TCVN3_DECODE[b] = letter;
          TCVN3_ENCODE.put(letter, b);
        }
      }
    }
    TCVN3_DECODE[TCVN3_D] = "đ";
    TCVN3_ENCODE.put("đ", TCVN3_D);
    TCVN3_CAPITALS.forEach((b, letter) -> {
      TCVN3_DECODE[b] = letter;
      TCVN3_ENCODE.put(letter, b);
    });
  }

  private static String chars(int... bytes) {
    var sb = new StringBuilder();
    for (int b : bytes) {
      sb.append((char) b);
    }
    return sb.toString();
  }

  private VietnameseEncodings() {
  }

  /** The text in NFC; bytes that are not text in that encoding become U+FFFD (UTF-8) or their Windows-1252 character. */
  public static String decode(byte[] bytes, Encoding encoding) {
    String text = switch (encoding) {
      case UTF_8 -> jdk(bytes, StandardCharsets.UTF_8);
      case WINDOWS_1258 -> jdk(bytes, Charset.forName("windows-1258"));
      case VNI -> vni(bytes);
      case TCVN3 -> tcvn3(bytes);
    };
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /** Whether the bytes are valid UTF-8 (pure ASCII is). */
  public static boolean isUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  private static String jdk(byte[] bytes, Charset charset) {
    try {
      return charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalStateException(e); // REPLACE never throws
    }
  }

  private static String vni(byte[] bytes) {
    var sb = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int b = bytes[i] & 0xFF;
      if (i + 1 < bytes.length && (bytes[i + 1] & 0x80) != 0) {
        String letter = VNI_DECODE.get(chars(b, bytes[i + 1] & 0xFF));
        if (letter != null) {
          sb.append(letter);
          i += 2;
          continue;
        }
      }
      String single = b >= 0x80 ? VNI_DECODE.get(chars(b)) : null;
      sb.append(single != null ? single : CP1252[b]);
      i++;
    }
    return sb.toString();
  }

  private static String tcvn3(byte[] bytes) {
    var sb = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      sb.append(TCVN3_DECODE[b & 0xFF]);
    }
    return sb.toString();
  }

  /**
   * VNI bytes of a text of Vietnamese letters and ASCII, for tests and fixtures; a
   * character VNI cannot write is an error.
   */
  public static byte[] encodeVni(String text) {
    var out = new java.io.ByteArrayOutputStream();
    Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
      String s = new String(Character.toChars(cp));
      if (cp < 0x80) {
        out.write(cp);
      } else {
        String bytes = VNI_ENCODE.get(s);
        if (bytes == null) {
          throw new IllegalArgumentException("VNI cannot write " + s);
        }
        bytes.chars().forEach(out::write);
      }
    });
    return out.toByteArray();
  }

  /** TCVN3 bytes of lower-case Vietnamese letters, the capitals Ă Â Ê Ô Ơ Ư Đ, and ASCII; for tests. */
  public static byte[] encodeTcvn3(String text) {
    var out = new java.io.ByteArrayOutputStream();
    Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().forEach(cp -> {
      if (cp < 0x80) {
        out.write(cp);
      } else {
        Integer b = TCVN3_ENCODE.get(new String(Character.toChars(cp)));
        if (b == null) {
          throw new IllegalArgumentException("TCVN3 cannot write " + new String(Character.toChars(cp)));
        }
        out.write(b);
      }
    });
    return out.toByteArray();
  }
}
