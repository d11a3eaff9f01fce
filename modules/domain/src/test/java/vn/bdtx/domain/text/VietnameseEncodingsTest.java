package vn.bdtx.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import vn.bdtx.domain.text.VietnameseEncodings.Encoding;

/**
 * Every Vietnamese letter with every tone, read from each legacy encoding. The byte
 * tables below are transcribed from the published code charts, independently of the
 * decoder's own tables: VNI-Windows as the VNI fonts map it (the bytes written as their
 * Windows-1252 characters: "aù" is 0x61 0xF9 = á), and TCVN3 (TCVN 5712:1993 VN3, the
 * ABC fonts) as hexadecimal bytes. Rows: a â ă e ê o ô ơ u ư i y; columns: no tone,
 * sắc, huyền, hỏi, ngã, nặng.
 */
class VietnameseEncodingsTest {

  static final String[][] VNI = {
      {"a", "aù", "aø", "aû", "aõ", "aï"},
      {"aâ", "aá", "aà", "aå", "aã", "aä"},
      {"aê", "aé", "aè", "aú", "aü", "aë"},
      {"e", "eù", "eø", "eû", "eõ", "eï"},
      {"eâ", "eá", "eà", "eå", "eã", "eä"},
      {"o", "où", "oø", "oû", "oõ", "oï"},
      {"oâ", "oá", "oà", "oå", "oã", "oä"},
      {"ô", "ôù", "ôø", "ôû", "ôõ", "ôï"},
      {"u", "uù", "uø", "uû", "uõ", "uï"},
      {"ö", "öù", "öø", "öû", "öõ", "öï"},
      {"i", "í", "ì", "æ", "ó", "ò"},
      {"y", "yù", "yø", "yû", "yõ", "î"}};

  static final int[][] TCVN3 = {
      {0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9},
      {0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB},
      {0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6},
      {0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1},
      {0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6},
      {0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4},
      {0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9},
      {0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE},
      {0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4},
      {0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9},
      {0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE},
      {0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE}};

  static final String[][] LETTERS = {
      {"a", "á", "à", "ả", "ã", "ạ"}, {"â", "ấ", "ầ", "ẩ", "ẫ", "ậ"}, {"ă", "ắ", "ằ", "ẳ", "ẵ", "ặ"},
      {"e", "é", "è", "ẻ", "ẽ", "ẹ"}, {"ê", "ế", "ề", "ể", "ễ", "ệ"}, {"o", "ó", "ò", "ỏ", "õ", "ọ"},
      {"ô", "ố", "ồ", "ổ", "ỗ", "ộ"}, {"ơ", "ớ", "ờ", "ở", "ỡ", "ợ"}, {"u", "ú", "ù", "ủ", "ũ", "ụ"},
      {"ư", "ứ", "ừ", "ử", "ữ", "ự"}, {"i", "í", "ì", "ỉ", "ĩ", "ị"}, {"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"}};

  @Test
  void everyLetterWithEveryToneReadsFromVniInLowerAndUpperCase() {
    for (int v = 0; v < 12; v++) {
      for (int t = 0; t < 6; t++) {
        byte[] lower = VNI[v][t].getBytes(StandardCharsets.ISO_8859_1);
        assertThat(VietnameseEncodings.decode(lower, Encoding.VNI)).as(VNI[v][t]).isEqualTo(LETTERS[v][t]);
        byte[] upper = upperVni(VNI[v][t]).getBytes(StandardCharsets.ISO_8859_1);
        assertThat(VietnameseEncodings.decode(upper, Encoding.VNI)).as(upperVni(VNI[v][t]))
            .isEqualTo(LETTERS[v][t].toUpperCase(Locale.ROOT));
      }
    }
    assertThat(VietnameseEncodings.decode(new byte[] {(byte) 0xF1, (byte) 0xD1}, Encoding.VNI)).isEqualTo("đĐ");
  }

  @Test
  void everyLowerCaseLetterWithEveryToneAndTheCapitalsReadFromTcvn3() {
    for (int v = 0; v < 12; v++) {
      for (int t = 0; t < 6; t++) {
        byte[] b = {(byte) TCVN3[v][t]};
        assertThat(VietnameseEncodings.decode(b, Encoding.TCVN3)).as("0x%02X", TCVN3[v][t]).isEqualTo(LETTERS[v][t]);
      }
    }
    byte[] capitals = {(byte) 0xA1, (byte) 0xA2, (byte) 0xA3, (byte) 0xA4, (byte) 0xA5, (byte) 0xA6, (byte) 0xA7, (byte) 0xAE};
    assertThat(VietnameseEncodings.decode(capitals, Encoding.TCVN3)).isEqualTo("ĂÂÊÔƠƯĐđ");
  }

  @Test
  void everyLetterWithEveryToneReadsFromWindows1258WrittenAsBaseLetterAndToneMark() {
    Charset cp1258 = Charset.forName("windows-1258");
    for (int v = 0; v < 12; v++) {
      for (int t = 0; t < 6; t++) {
        for (String letter : List.of(LETTERS[v][t], LETTERS[v][t].toUpperCase(Locale.ROOT))) {
          // Excel on Vietnamese Windows writes the base letter (â, ơ … are one byte) then the tone byte.
          String base = Normalizer.normalize(LETTERS[v][0], Normalizer.Form.NFC);
          base = Character.isUpperCase(letter.charAt(0)) ? base.toUpperCase(Locale.ROOT) : base;
          String decomposed = t == 0 ? base : base + VietnameseLetters.TONES.get(t - 1);
          byte[] bytes = decomposed.getBytes(cp1258);
          assertThat(bytes).hasSize(t == 0 ? 1 : 2);
          assertThat(VietnameseEncodings.decode(bytes, Encoding.WINDOWS_1258)).isEqualTo(letter);
        }
      }
    }
  }

  @Test
  void thereAre134LettersWithDiacritics() {
    assertThat(VietnameseLetters.allMarkedLetters()).hasSize(134).doesNotHaveDuplicates();
  }

  @Property
  void vniWritesAndReadsBackAnyVietnameseText(@ForAll("vietnamese") String text) {
    assertThat(VietnameseEncodings.decode(VietnameseEncodings.encodeVni(text), Encoding.VNI)).isEqualTo(text);
  }

  @Property
  void tcvn3WritesAndReadsBackAnyLowerCaseVietnameseText(@ForAll("vietnamese") String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    assertThat(VietnameseEncodings.decode(VietnameseEncodings.encodeTcvn3(lower), Encoding.TCVN3)).isEqualTo(lower);
  }

  @Provide
  Arbitrary<String> vietnamese() {
    var pieces = new java.util.ArrayList<String>(VietnameseLetters.allMarkedLetters());
    for (char c = 'a'; c <= 'z'; c++) {
      pieces.add(String.valueOf(c));
      pieces.add(String.valueOf(Character.toUpperCase(c)));
    }
    pieces.addAll(List.of(" ", ",", ";", "\"", "\n", "0", "9", "@", ".", "-"));
    return Arbitraries.of(pieces).list().ofMaxSize(40).map(l -> String.join("", l));
  }

  private static String upperVni(String lower) {
    var sb = new StringBuilder();
    for (char c : lower.toCharArray()) {
      sb.append(c < 0x80 ? Character.toUpperCase(c) : (char) (c - 0x20));
    }
    return sb.toString();
  }
}
