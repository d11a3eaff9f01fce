package vn.bdtx.domain.catalog;

/**
 * A media file of a course (lecture video, PDF, image, sample product), stored
 * once under its SHA-256: a new upload is a new object, so a published version
 * that names a file always gets the same bytes.
 */
public record Media(String sha256, String contentType, long size, String name) {

  public boolean video() {
    return contentType.startsWith("video/");
  }

  public boolean pdf() {
    return contentType.equals("application/pdf");
  }

  public boolean image() {
    return contentType.startsWith("image/");
  }
}
