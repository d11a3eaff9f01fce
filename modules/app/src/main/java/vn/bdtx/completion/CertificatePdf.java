package vn.bdtx.completion;

import static vn.bdtx.platform.web.VietnameseFormats.FORMATS;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;

/**
 * The certificate as a one-page A4 landscape PDF: DejaVu Sans embedded (every
 * Vietnamese diacritic renders on any reader), the learner's name, the module,
 * periods and dates, the unique number and a QR code of the public verification
 * address, drawn as vector squares.
 */
final class CertificatePdf {

  record Content(String number, String fullName, String moduleCode, String moduleTitle, int periods, LocalDate from,
                 LocalDate to, LocalDate issued, String issuer, String verifyUrl) {
  }

  private static final byte[] REGULAR = font("fonts/DejaVuSans.ttf");
  private static final byte[] BOLD = font("fonts/DejaVuSans-Bold.ttf");

  private CertificatePdf() {
  }

  private static byte[] font(String path) {
    try (InputStream in = CertificatePdf.class.getClassLoader().getResourceAsStream(path)) {
      return in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("font missing: " + path, e);
    }
  }

  static byte[] render(Content c) {
    var out = new ByteArrayOutputStream(64 * 1024);
    var document = new Document(PageSize.A4.rotate(), 36, 36, 36, 36);
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      document.addTitle("Giấy chứng nhận " + c.number());
      document.addAuthor(c.issuer());
      document.open();
      BaseFont regular = BaseFont.createFont("DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, REGULAR, null);
      BaseFont bold = BaseFont.createFont("DejaVuSans-Bold.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, BOLD, null);
      PdfContentByte canvas = writer.getDirectContent();
      float w = document.getPageSize().getWidth();
      float h = document.getPageSize().getHeight();
      canvas.setLineWidth(3f);
      canvas.rectangle(24, 24, w - 48, h - 48);
      canvas.stroke();
      canvas.setLineWidth(0.8f);
      canvas.rectangle(32, 32, w - 64, h - 64);
      canvas.stroke();
      line(canvas, regular, 12, c.issuer().toUpperCase(java.util.Locale.forLanguageTag("vi")), w / 2, h - 80);
      line(canvas, bold, 12, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc", w / 2, h - 100);
      line(canvas, bold, 34, "GIẤY CHỨNG NHẬN", w / 2, h - 170);
      line(canvas, regular, 14, "Hoàn thành bồi dưỡng thường xuyên", w / 2, h - 195);
      line(canvas, regular, 14, "Chứng nhận thầy/cô", w / 2, h - 245);
      line(canvas, bold, 26, c.fullName(), w / 2, h - 280);
      line(canvas, regular, 14, "đã hoàn thành mô đun " + c.moduleCode() + " (" + c.periods() + " tiết):", w / 2, h - 320);
      line(canvas, bold, 15, c.moduleTitle(), w / 2, h - 345);
      line(canvas, regular, 13, "Thời gian bồi dưỡng: từ ngày " + FORMATS.day(c.from()) + " đến ngày " + FORMATS.day(c.to()),
          w / 2, h - 380);
      line(canvas, regular, 12, "Số: " + c.number() + " — cấp ngày " + FORMATS.day(c.issued()), w / 2, h - 410);
      qr(canvas, c.verifyUrl(), w - 190, 60, 120);
      ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER,
          new com.lowagie.text.Phrase("Quét mã để kiểm tra", new com.lowagie.text.Font(regular, 9)), w - 130, 48, 0);
      ColumnText.showTextAligned(canvas, Element.ALIGN_LEFT,
          new com.lowagie.text.Phrase(c.verifyUrl(), new com.lowagie.text.Font(regular, 8)), 60, 48, 0);
      document.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void line(PdfContentByte canvas, BaseFont font, float size, String text, float x, float y) {
    ColumnText.showTextAligned(canvas, Element.ALIGN_CENTER, new com.lowagie.text.Phrase(text, new com.lowagie.text.Font(font, size)),
        x, y, 0);
  }

  /** The QR code of {@code text} as black squares, {@code size} points wide, bottom-left at (x, y). */
  private static void qr(PdfContentByte canvas, String text, float x, float y, float size) {
    try {
      var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
      float cell = size / matrix.getWidth();
      canvas.setRGBColorFill(0, 0, 0);
      for (int row = 0; row < matrix.getHeight(); row++) {
        for (int col = 0; col < matrix.getWidth(); col++) {
          if (matrix.get(col, row)) {
            canvas.rectangle(x + col * cell, y + size - (row + 1) * cell, cell, cell);
          }
        }
      }
      canvas.fill();
    } catch (com.google.zxing.WriterException e) {
      throw new IllegalStateException(e);
    }
  }
}
