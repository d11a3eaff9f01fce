package vn.bdtx.platform.storage;

/** The buckets the application keeps its objects in, created at start-up. */
public enum Bucket {
  /** Lecture videos, PDFs, slides and images. */
  MEDIA("media"),
  /** Learners' final-assignment files and graders' feedback files. */
  SUBMISSIONS("submissions"),
  /** Issued certificate PDFs. */
  CERTIFICATES("certificates");

  private final String suffix;

  Bucket(String suffix) {
    this.suffix = suffix;
  }

  String nameWith(String prefix) {
    return prefix + "-" + suffix;
  }
}
