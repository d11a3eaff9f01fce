package vn.bdtx.domain.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadNamesTest {

  @Test
  void aCertificateEntryKeepsTheVietnameseNameAndNumber() {
    assertThat(DownloadNames.certificateEntry("GV02-2026-000123-4F0A", "Nguyễn Thị Ánh"))
        .isEqualTo("GV02-2026-000123-4F0A - Nguyễn Thị Ánh.pdf");
  }

  @Test
  void aNameCanNeverBecomeAPath() {
    String entry = DownloadNames.certificateEntry("../../etc", "a/b\\c:d*e?f\"g<h>i|j\u0000k\nl");
    assertThat(entry).doesNotContain("/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\u0000", "\n", "..");
    assertThat(entry).endsWith(".pdf");
    assertThat(DownloadNames.safe("...")).isEqualTo("tep");
  }

  @Test
  void aNameInAZipHasNoBidirectionalControlAndIsCutBetweenWholeCharacters() {
    assertThat(DownloadNames.safe("Nguyễn\u202Efdp.exe")).isEqualTo("Nguyễnfdp.exe");
    assertThat(DownloadNames.safe("Lớp\t10A 👩‍🏫")).isEqualTo("Lớp 10A 👩‍🏫");
    String cut = DownloadNames.safe("a".repeat(149) + "👍🏽");
    assertThat(cut).isEqualTo("a".repeat(149));
  }

  @Test
  void decomposedLettersAreComposed() {
    assertThat(DownloadNames.safe("Nguye\u0302\u0303n")).isEqualTo("Nguyễn");
  }

  @Test
  void theAsciiFallbackDropsTheMarks() {
    assertThat(DownloadNames.ascii("Báo cáo kết quả BDTX - Phòng Đồng Xoài.xlsx"))
        .isEqualTo("Bao-cao-ket-qua-BDTX-Phong-Dong-Xoai.xlsx");
  }

  @Test
  void theAttachmentHeaderCarriesBothNames() {
    assertThat(DownloadNames.attachment("Sổ đăng ký giấy chứng nhận.csv"))
        .isEqualTo("attachment; filename=\"So-dang-ky-giay-chung-nhan.csv\"; filename*=UTF-8''"
            + "S%E1%BB%95%20%C4%91%C4%83ng%20k%C3%BD%20gi%E1%BA%A5y%20ch%E1%BB%A9ng%20nh%E1%BA%ADn.csv");
  }
}
