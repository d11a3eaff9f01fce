package vn.bdtx.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.bdtx.domain.text.EncodingDetection.Result;
import vn.bdtx.domain.text.VietnameseEncodings.Encoding;

class EncodingDetectionTest {

  static final String LIST = """
      Họ và tên,Email,Trường,Môn dạy chính,Giới tính,SĐT
      Nguyễn Thị Hoa,hoa@x.edu.vn,Trường TH Tân Phú,Toán,Nữ,0912345678
      Trần Văn Minh,minh@x.edu.vn,Trường THCS Đồng Xoài,Ngữ văn,Nam,
      Lê Thị Thu Hà,ha@x.edu.vn,Trường TH Tân Phú,Tiếng Việt,Nữ,
      Phạm Quỳnh Hương,huong@x.edu.vn,Trường THCS Đồng Xoài,Khoa học tự nhiên,Nữ,
      """;

  @Test
  void utf8IsUtf8() {
    assertThat(EncodingDetection.detect(LIST.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Result.Detected(Encoding.UTF_8, LIST));
  }

  @Test
  void windows1258WithDecomposedTonesIsToldAndReadInNfc() {
    // As Excel writes it: base letters, then the tone as a combining byte.
    var decomposedForCp1258 = new StringBuilder();
    for (char c : LIST.toCharArray()) {
      String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
      String tone = d.chars().filter(m -> VietnameseLetters.TONES.contains((char) m))
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      String base = d.chars().filter(m -> !VietnameseLetters.TONES.contains((char) m))
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      decomposedForCp1258.append(Normalizer.normalize(base, Normalizer.Form.NFC)).append(tone);
    }
    byte[] bytes = decomposedForCp1258.toString().getBytes(Charset.forName("windows-1258"));
    assertThat(new String(bytes, Charset.forName("windows-1258"))).doesNotContain("?");
    assertThat(EncodingDetection.detect(bytes)).isEqualTo(new Result.Detected(Encoding.WINDOWS_1258, LIST));
  }

  @Test
  void vniIsTold() {
    assertThat(EncodingDetection.detect(VietnameseEncodings.encodeVni(LIST)))
        .isEqualTo(new Result.Detected(Encoding.VNI, LIST));
  }

  @Test
  void tcvn3IsToldAndItsCapitalToneLettersReadAsLowerCase() {
    String lower = LIST.replace("Đồng", "Đồng"); // Đ is a TCVN3 capital; no toned capital in LIST
    assertThat(EncodingDetection.detect(VietnameseEncodings.encodeTcvn3(lower)))
        .isEqualTo(new Result.Detected(Encoding.TCVN3, lower));
  }

  @Test
  void latinTextThatIsNotVietnameseCannotBeTold() {
    byte[] german = "Name,Straße\nMüller,Königsallee\nGrößer,Übersee\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(EncodingDetection.detect(german)).isInstanceOf(Result.Unknown.class);
  }

  @Test
  void randomBytesCannotBeTold() {
    byte[] noise = new byte[4000];
    new java.util.Random(7).nextBytes(noise);
    assertThat(EncodingDetection.detect(noise)).isInstanceOf(Result.Unknown.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nguyễn", "khuỷu", "ĐƯỜNG", "Quỳnh", "giường", "Hoà", "hòa", "Việt", "thuở", "Oanh", "gì", "Yến"})
  void vietnameseSyllables(String word) {
    assertThat(EncodingDetection.isSyllable(word)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Nguyeãn", "nguyôn", "Straße", "Müller", "Thḥ", "ẵẵ", "Ôơ", "bạć"})
  void notSyllables(String word) {
    assertThat(EncodingDetection.isSyllable(word)).isFalse();
  }
}
