package vn.bdtx.domain.community;

/** The two papers of peer support: the plan before a run, the report on it after. */
public enum PeerSupportKind {
  /** Kế hoạch hỗ trợ đồng nghiệp. */
  PLAN,
  /** Báo cáo hoàn thành kế hoạch hỗ trợ đồng nghiệp. */
  REPORT;

  public static java.util.Optional<PeerSupportKind> parse(String s) {
    for (PeerSupportKind k : values()) {
      if (k.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
