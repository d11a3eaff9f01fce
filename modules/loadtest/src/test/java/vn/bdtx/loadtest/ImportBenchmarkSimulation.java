package vn.bdtx.loadtest;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The IT team imports a 10,000-row list (issue 3): one admin logs in and uploads
 * a generated CSV, then the same people as XLSX (a re-import: every row updates).
 * The upload's response time is the whole validate-and-write time.
 *
 * <pre>
 * ./mvnw -Pload -pl modules/loadtest gatling:test -Dgatling.simulationClass=vn.bdtx.loadtest.ImportBenchmarkSimulation -Dbdtx.rows=10000
 * </pre>
 */
public class ImportBenchmarkSimulation extends Simulation {

  static final String BASE_URL = System.getProperty("bdtx.baseUrl", "http://127.0.0.1:8080");
  static final String JDBC = System.getProperty("bdtx.jdbcUrl", "jdbc:postgresql://127.0.0.1:5432/bdtx_load");
  static final int ROWS = Integer.getInteger("bdtx.rows", 10_000);
  static final int SCHOOLS = 20;
  static final Path DIR = Path.of("target", "import-benchmark");
  static final String ADMIN_PASSWORD = "tai thu nghiem nhap danh sach";

  HttpProtocolBuilder protocol = http.baseUrl(BASE_URL).acceptHeader("text/html").disableCaching();

  ScenarioBuilder admin = scenario("Tổ CNTT nhập " + ROWS + " tài khoản")
      .exec(http("login page").get("/login").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("login").post("/login").formParam("username", "load-admin").formParam("password", ADMIN_PASSWORD)
          .formParam("_csrf", "#{csrf}").check(substring("Trang chủ")))
      .exec(http("import page").get("/admin/accounts/import").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("import " + ROWS + " rows CSV").post("/admin/accounts/import")
          .formParam("_csrf", "#{csrf}")
          .formUpload("file", DIR.resolve("accounts.csv").toAbsolutePath().toString())
          .check(status().is(200), regex("accounts\\.csv: [0-9.]+ dòng").exists()))
      .exec(http("import page again").get("/admin/accounts/import").check(css("input[name=_csrf]", "value").saveAs("csrf")))
      .exec(http("import " + ROWS + " rows XLSX").post("/admin/accounts/import")
          .formParam("_csrf", "#{csrf}")
          .formUpload("file", DIR.resolve("accounts.xlsx").toAbsolutePath().toString())
          .check(status().is(200), regex("accounts\\.xlsx: [0-9.]+ dòng, 0 tài khoản mới").exists()));

  static {
    if (!BASE_URL.startsWith("http://127.0.0.1") && !BASE_URL.startsWith("http://localhost")) {
      throw new IllegalArgumentException("Load runs target 127.0.0.1 only, not " + BASE_URL);
    }
  }

  @Override
  public void before() {
    LoadAccounts.ensureAdminAndSchools(JDBC, System.getProperty("bdtx.dbUser", "postgres"),
        System.getProperty("bdtx.dbPassword", ""), ADMIN_PASSWORD, SCHOOLS);
  }

  {
    setUp(admin.injectOpen(atOnceUsers(1))).protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }

  static String[] row(int i) {
    String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"};
    String[] given = {"Thị Hoa", "Văn Minh", "Thị Thu Hà", "Quốc Bảo", "Ngọc Lan", "Đức Anh", "Thanh Hương", "Minh Tuấn"};
    return new String[] {family[i % family.length] + " " + given[i % given.length], "gv" + i + "@load.edu.vn",
        String.format("%02d/%02d/%d", 1 + i % 28, 1 + i % 12, 1965 + i % 35), String.format("09%08d", i),
        String.format("LOAD-TH-%02d", 1 + i % SCHOOLS), "TH", i % 15 == 0 ? "CBQL" : "GV", "Toán", "Tiếng Việt", ""};
  }

  static final String[] HEADER = {"ho_va_ten", "email", "ngay_sinh", "dien_thoai", "ma_truong", "cap_hoc", "chuc_vu",
      "mon_chinh", "mon_khac", "vai_tro"};

  // Gatling resolves upload files when it builds the scenario, so they are written when the class loads.
  static {
    try {
      Files.createDirectories(DIR);
      writeFiles();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeFiles() throws IOException {
    try (Writer w = Files.newBufferedWriter(DIR.resolve("accounts.csv"), StandardCharsets.UTF_8)) {
      w.write(String.join(",", HEADER) + "\n");
      for (int i = 1; i <= ROWS; i++) {
        w.write(String.join(",", row(i)) + "\n");
      }
    }
    try (var wb = new SXSSFWorkbook(200); var out = new FileOutputStream(DIR.resolve("accounts.xlsx").toFile())) {
      var sheet = wb.createSheet("Danh sách");
      var h = sheet.createRow(0);
      for (int c = 0; c < HEADER.length; c++) {
        h.createCell(c).setCellValue(HEADER[c]);
      }
      for (int i = 1; i <= ROWS; i++) {
        var r = sheet.createRow(i);
        String[] cells = row(i);
        for (int c = 0; c < cells.length; c++) {
          r.createCell(c).setCellValue(cells[c]);
        }
      }
      wb.write(out);
      wb.dispose();
    }
  }
}
