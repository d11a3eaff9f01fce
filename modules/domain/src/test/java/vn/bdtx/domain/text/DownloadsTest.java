package vn.bdtx.domain.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DownloadsTest {

  @Test
  void aPdfAnImageAVideoAndASoundAreShownInThePageUnderTheirName() {
    var pdf = Downloads.of("application/pdf", "Kế hoạch.pdf");
    assertThat(pdf.inline()).isTrue();
    assertThat(pdf.contentType()).isEqualTo("application/pdf");
    assertThat(pdf.disposition()).isEqualTo("inline; filename=\"Ke-hoach.pdf\"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf");
    assertThat(Downloads.of("image/png", "a.png").inline()).isTrue();
    assertThat(Downloads.of("video/mp4", "a.mp4").inline()).isTrue();
    assertThat(Downloads.of("audio/mpeg", "a.mp3").inline()).isTrue();
  }

  @Test
  void aJpegThatIsAlsoAnHtmlPageIsAnImageAndSavedAsOne() {
    // The type was read from the bytes (JPEG magic first); the name says HTML.
    var polyglot = Downloads.of("image/jpeg", "bai-lam.html");
    assertThat(polyglot.contentType()).isEqualTo("image/jpeg");
    assertThat(polyglot.disposition()).startsWith("inline; ").endsWith("filename*=UTF-8''bai-lam.html.jpg");
    assertThat(Downloads.of("image/jpeg", "anh.JPG").disposition()).endsWith("''anh.JPG");
  }

  @Test
  void htmlSvgXmlAndScriptsAreDownloadedAsBytesNeverShown() {
    for (String type : new String[] {"text/html", "text/html; charset=UTF-8", "application/xhtml+xml", "image/svg+xml",
        "text/xml", "application/xml", "application/javascript", "TEXT/HTML", "application/vnd.foo+xml"}) {
      var answer = Downloads.of(type, "trang.html");
      assertThat(answer.inline()).as(type).isFalse();
      assertThat(answer.contentType()).as(type).isEqualTo("application/octet-stream");
      assertThat(answer.disposition()).as(type).startsWith("attachment; ");
    }
  }

  @Test
  void officeFilesAndUnknownTypesAreDownloaded() {
    var docx = Downloads.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Bài.docx");
    assertThat(docx.inline()).isFalse();
    assertThat(docx.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(docx.disposition()).isEqualTo("attachment; filename=\"Bai.docx\"; filename*=UTF-8''B%C3%A0i.docx");
    assertThat(Downloads.of(null, "x").contentType()).isEqualTo("application/octet-stream");
    assertThat(Downloads.of("not a type", "x").contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void aFileToKeepIsDownloadedEvenWhenABrowserCouldShowIt() {
    var certificate = Downloads.attachment("application/pdf", "giay-chung-nhan-GV02-2026-000001-7K3M-9QXA-2HFD-R8WZ.pdf");
    assertThat(certificate.contentType()).isEqualTo("application/pdf");
    assertThat(certificate.disposition()).startsWith("attachment; filename=\"giay-chung-nhan-GV02-2026-000001-7K3M-9QXA-2HFD-R8WZ.pdf\"");
    assertThat(Downloads.attachment("text/html", "a.html").contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void theNameIsCleanedOfBidirectionalControlsBeforeItIsOffered() {
    assertThat(Downloads.of("application/pdf", "bai\u202Efdp.exe.pdf").disposition())
        .doesNotContain("%E2%80%AE").endsWith("''baifdp.exe.pdf");
  }
}
