package vn.bdtx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The images docker-compose.yml and the Dockerfile run (issue 20 item 6), read as shipped: every image pinned to
 * a release (no floating "15", "7" or untagged "latest"), the app's image built from the jar's layers and
 * reporting its liveness, and the app logged in to MinIO as its own user whose policy reaches the bdtx-* buckets
 * only, never with MinIO's root credentials.
 */
class DeployedImagesTest {

  static final Path DOCKERFILE = Path.of("../../Dockerfile");
  static final Path POLICY = Path.of("../../deploy/minio/bdtx-app-policy.json");
  static final Path MINIO_USER_SCRIPT = Path.of("../../deploy/minio/10-bdtx-user.sh");

  @Test
  void everyComposeImageIsPinnedToARelease() throws IOException {
    List<String> images = matches(Files.readString(DeployedNginxTest.COMPOSE), "(?m)^\\s+image:\\s*(\\S+)\\s*$");
    assertThat(images).hasSizeGreaterThanOrEqualTo(5);
    for (String image : images) {
      String tag = image.substring(image.lastIndexOf(':') + 1);
      assertThat(image).as("image %s names a tag", image).contains(":");
      if (image.contains("minio/")) {
        assertThat(tag).as("MinIO image %s", image).matches("RELEASE\\.\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}Z");
      } else if (image.startsWith("postgres:")) {
        // Since PostgreSQL 10 a release is major.minor ("15.14"); "15" alone floats.
        assertThat(tag).as("PostgreSQL image %s is pinned to a minor release", image).matches("\\d+\\.\\d+");
      } else {
        assertThat(tag).as("image %s is pinned to a patch release", image).matches("\\d+\\.\\d+\\.\\d+.*");
      }
    }
  }

  @Test
  void theAppImageIsLayeredPinnedUnprivilegedAndReportsItsLiveness() throws IOException {
    String dockerfile = Files.readString(DOCKERFILE);
    List<String> bases = matches(dockerfile, "(?m)^FROM\\s+(\\S+)");
    assertThat(bases).hasSize(2);
    assertThat(bases).allSatisfy(base -> assertThat(base).matches("eclipse-temurin:17\\.\\d+\\.\\d+_\\d+-j(dk|re)-\\w+"));
    assertThat(dockerfile).contains("-Djarmode=tools", "extract --layers",
        "COPY --from=build /src/extracted/dependencies/", "COPY --from=build /src/extracted/application/", "USER bdtx");
    assertThat(dockerfile).containsPattern("(?m)^HEALTHCHECK .*\\n?.*/actuator/health/liveness");
  }

  /**
   * Issue 19 item 5: the heap, direct-memory and GC settings that keep a node under 300 MB are in one file,
   * deploy/jvm.options, which the image and the README's run command (scripts/run.sh) both start the JVM with; and
   * this Java accepts every option in it.
   */
  @Test
  void theImageAndTheRunCommandStartTheJvmWithTheOneSetOfMemorySettings() throws Exception {
    Path options = Path.of("../../deploy/jvm.options");
    String text = Files.readString(options);
    assertThat(text).containsPattern("(?m)^-Xmx\\d+m$").containsPattern("(?m)^-XX:MaxDirectMemorySize=\\d+m$")
        .contains("-XX:+ExitOnOutOfMemoryError");
    String dockerfile = Files.readString(DOCKERFILE);
    assertThat(dockerfile).contains("COPY deploy/jvm.options /app/jvm.options", "COPY scripts/run.sh /app/run.sh")
        .containsPattern("(?m)^ENTRYPOINT \\[\"/app/run.sh\"]$").doesNotContain("-Xmx");
    assertThat(Files.readString(Path.of("../../scripts/run.sh"))).contains("exec java @\"$options\"", "deploy/jvm.options");
    assertThat(Files.isExecutable(Path.of("../../scripts/run.sh"))).isTrue();

    String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var process = new ProcessBuilder(launcher, "@" + options.toAbsolutePath(), "-XshowSettings:vm", "-version")
        .redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as("java accepts deploy/jvm.options:%n%s", out).isZero();
    assertThat(out).contains("Max. Heap Size: 512.00M");
  }

  @Test
  void theAppLogsInToMinioAsItsOwnUserLimitedToItsBuckets() throws IOException {
    String compose = Files.readString(DeployedNginxTest.COMPOSE);
    String appEnv = compose.substring(compose.indexOf("x-bdtx-env:"), compose.indexOf("\nservices:"));
    assertThat(appEnv).contains("BDTX_STORAGE_ACCESS_KEY: ${BDTX_STORAGE_ACCESS_KEY:-bdtx-app}")
        .contains("BDTX_STORAGE_SECRET_KEY: ${BDTX_STORAGE_SECRET_KEY:?").doesNotContain("MINIO_ROOT");
    assertThat(compose).contains("./deploy/minio:/etc/bdtx/minio:ro", "condition: service_completed_successfully");
    String script = Files.readString(MINIO_USER_SCRIPT);
    assertThat(script).contains("mc admin user add", "mc admin policy create store bdtx-app /etc/bdtx/minio/bdtx-app-policy.json",
        "mc admin policy attach store bdtx-app");
    String policy = Files.readString(POLICY);
    List<String> resources = matches(policy, "\"(arn:aws:s3:::[^\"]*)\"");
    assertThat(resources).isNotEmpty().allSatisfy(arn -> assertThat(arn).matches("arn:aws:s3:::bdtx-\\*(/\\*)?"));
    assertThat(policy).doesNotContain("\"s3:*\"", "Admin", "DeleteBucket", "PutBucketPolicy");
  }

  private static List<String> matches(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }
}
