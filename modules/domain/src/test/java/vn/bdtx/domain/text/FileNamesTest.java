package vn.bdtx.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void aRightToLeftOverrideCannotMakeAProgramReadAsAPdf() {
    // "bai-lam\u202Efdp.exe" is shown by a browser as "bai-lamexe.pdf".
    assertThat(FileNames.clean("bai-lam\u202Efdp.exe", 200)).isEqualTo("bai-lamfdp.exe");
  }

  @Test
  void everyBidirectionalControlAndInvisibleCharacterIsRemoved() {
    String all = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u200B\u00AD\u2060\uFEFF";
    assertThat(FileNames.clean("Bài" + all + " làm.pdf", 200)).isEqualTo("Bài làm.pdf");
    assertThat(FileNames.clean("a\u0000b\n\"c\"\t.pdf", 200)).isEqualTo("abc.pdf");
    // Tag characters can hide text a person never sees.
    assertThat(FileNames.clean("anh\uDB40\uDC41\uDB40\uDC42.png", 200)).isEqualTo("anh.png");
  }

  @Test
  void aLoneSurrogateIsDroppedAndSpacesOfEveryKindBecomeOne() {
    assertThat(FileNames.clean("a\uD83Db.pdf", 200)).isEqualTo("ab.pdf");
    assertThat(FileNames.clean("a\uDE00b.pdf", 200)).isEqualTo("ab.pdf");
    assertThat(FileNames.clean("Kế\u00A0hoạch\u2028\u3000 bài dạy.docx", 200)).isEqualTo("Kế hoạch bài dạy.docx");
  }

  @Test
  void theNameIsItsLastPathSegmentInNfc() {
    assertThat(FileNames.clean("C:\\Users\\Lan\\Bài thu hoạch.docx", 200)).isEqualTo("Bài thu hoạch.docx");
    assertThat(FileNames.clean("../../etc/passwd", 200)).isEqualTo("passwd");
    assertThat(FileNames.clean("Nguye\u0302\u0303n.pdf", 200)).isEqualTo("Nguyễn.pdf");
    assertThat(FileNames.clean("..", 200)).isEqualTo("tep");
    assertThat(FileNames.clean("\u202E\u200F", 200)).isEqualTo("tep");
    assertThat(FileNames.clean(null, 200)).isEqualTo("tep");
  }

  @Test
  void emojiAreKeptWholeWithTheirJoinersSkinTonesAndFlags() {
    assertThat(FileNames.clean("Nhóm 👩‍💻 🇻🇳 👍🏽.jpg", 200)).isEqualTo("Nhóm 👩‍💻 🇻🇳 👍🏽.jpg");
    // A joiner with nothing to join is dropped.
    assertThat(FileNames.clean("\u200Dtep\u200D", 200)).isEqualTo("tep");
  }

  @Test
  void aLongNameIsCutBetweenWholeCharactersNeverInsideAnEmojiAndKeepsItsExtension() {
    // 195 letters, then an emoji of 4 code points (7 chars): 195 + 4 + ".pdf" is more than 200 code points.
    String name = "a".repeat(195) + "👩‍💻" + "b.pdf";
    String cut = FileNames.clean(name, 200);
    assertThat(cut).isEqualTo("a".repeat(195) + ".pdf");
    assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(200);

    String emoji = "😀".repeat(300) + ".png";
    String cutEmoji = FileNames.clean(emoji, 200);
    assertThat(cutEmoji).isEqualTo("😀".repeat(196) + ".png");
    assertThat(cutEmoji.chars().filter(c -> Character.isSurrogate((char) c)).count()).isEqualTo(196 * 2);

    // A letter with its marks (here not composed) is one character as a person sees it.
    assertThat(FileNames.cut("Nguye\u0302\u0303n", 6)).isEqualTo("Nguy");
    assertThat(FileNames.cut("Nguye\u0302\u0303n", 7)).isEqualTo("Nguye\u0302\u0303");
    assertThat(FileNames.cut("e\u0301\u0301\u0301x", 2)).isEmpty();
  }

  @Test
  void theAsciiFallbackAndThePercentEncodingFollowRfc6266And8187() {
    assertThat(FileNames.ascii("Báo cáo Đồng Xoài.xlsx")).isEqualTo("Bao-cao-Dong-Xoai.xlsx");
    assertThat(FileNames.percentEncoded("Bài \"1\".pdf")).isEqualTo("B%C3%A0i%20%221%22.pdf");
    assertThat(FileNames.percentEncoded("👍.png")).isEqualTo("%F0%9F%91%8D.png");
  }
}
