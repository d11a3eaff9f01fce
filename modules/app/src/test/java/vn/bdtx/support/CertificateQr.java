package vn.bdtx.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * Reads the QR code of a certificate PDF as a phone would see it: the page's
 * small square cells (the QR is drawn as vector squares) are painted into an
 * image with a quiet zone, which ZXing decodes.
 */
public final class CertificateQr {

  private static final Pattern RECT = Pattern.compile("(-?[\\d.]+) (-?[\\d.]+) (-?[\\d.]+) (-?[\\d.]+) re");

  private CertificateQr() {
  }

  public static String decode(byte[] pdf) throws Exception {
    var reader = new com.lowagie.text.pdf.PdfReader(pdf);
    String content = new String(reader.getPageContent(1), StandardCharsets.ISO_8859_1);
    var cells = new ArrayList<double[]>();
    var m = RECT.matcher(content);
    while (m.find()) {
      double w = Double.parseDouble(m.group(3));
      double h = Double.parseDouble(m.group(4));
      if (w > 0 && w < 20 && Math.abs(w - h) < 0.01) {
        cells.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), w});
      }
    }
    if (cells.isEmpty()) {
      throw new IllegalStateException("no QR code on the page");
    }
    double cell = cells.get(0)[2];
    double minX = cells.stream().mapToDouble(c -> c[0]).min().orElseThrow();
    double maxY = cells.stream().mapToDouble(c -> c[1]).max().orElseThrow();
    int modules = (int) Math.round((cells.stream().mapToDouble(c -> c[0]).max().orElseThrow() - minX) / cell) + 1;
    int scale = 4;
    int quiet = 4;
    int size = (modules + 2 * quiet) * scale;
    int[] pixels = new int[size * size];
    java.util.Arrays.fill(pixels, 0xFFFFFF);
    for (double[] c : cells) {
      int col = (int) Math.round((c[0] - minX) / cell) + quiet;
      int row = (int) Math.round((maxY - c[1]) / cell) + quiet;
      for (int dy = 0; dy < scale; dy++) {
        for (int dx = 0; dx < scale; dx++) {
          pixels[(row * scale + dy) * size + col * scale + dx] = 0;
        }
      }
    }
    var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
    return new QRCodeReader().decode(bitmap).getText();
  }
}
