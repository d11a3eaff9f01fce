package vn.bdtx.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Real files of the kinds learners hand in, made in memory. */
public final class SampleFiles {

  private SampleFiles() {
  }

  /** A small valid PDF whose page says {@code text} (ASCII). */
  public static byte[] pdf(String text) {
    String body = "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
    String[] objects = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        "<< /Length " + body.length() + " >>\nstream\n" + body + "\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
    var out = new StringBuilder("%PDF-1.4\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = out.length();
      out.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = out.length();
    out.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      out.append(String.format("%010d 00000 n \n", offset));
    }
    out.append("trailer\n<< /Size ").append(objects.length + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref).append("\n%%EOF\n");
    return out.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** A Word document with one paragraph. */
  public static byte[] docx(String text) {
    try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(); var out = new ByteArrayOutputStream()) {
      doc.createParagraph().createRun().setText(text);
      doc.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An Excel 97–2003 workbook (.xls): the binary OLE2 format of old Office files, written by Apache POI's HSSF
   * (the real format, as Excel 2003 writes it, not a file with the name only).
   */
  public static byte[] xls(String text) {
    try (var book = new org.apache.poi.hssf.usermodel.HSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      book.createSheet("Bang diem").createRow(0).createCell(0).setCellValue(text);
      book.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A PNG image of the given size. */
  public static byte[] png(int width, int height) {
    var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < width; x++) {
      for (int y = 0; y < height; y++) {
        image.setRGB(x, y, (x * 31 + y * 17) & 0xffffff);
      }
    }
    try (var out = new ByteArrayOutputStream()) {
      javax.imageio.ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A file made by the format's own tools, as people have them (src/test/resources/real-files, whose README says
   * how each was made): {@code ke-hoach-libreoffice.docx}, {@code anh-dien-thoai.jpg}.
   */
  public static byte[] real(String name) {
    try (var in = SampleFiles.class.getResourceAsStream("/real-files/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("No real file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start of a Windows program: what a renamed .exe looks like. */
  public static byte[] program() {
    byte[] b = new byte[2048];
    b[0] = 'M';
    b[1] = 'Z';
    System.arraycopy("This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII), 0, b, 78, 39);
    b[60] = (byte) 0x80;
    b[0x80] = 'P';
    b[0x81] = 'E';
    return b;
  }

  public static String sha256(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
