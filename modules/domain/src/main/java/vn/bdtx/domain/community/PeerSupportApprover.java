package vn.bdtx.domain.community;

import vn.bdtx.domain.accounts.Position;
import vn.bdtx.domain.accounts.Level;

/**
 * Who approves a peer-support plan (Kế hoạch hỗ trợ đồng nghiệp) and its report
 * (Báo cáo hoàn thành kế hoạch hỗ trợ đồng nghiệp), from the author's position,
 * level and unit. Seed 001, section 8.3 "Lưu ý" and section 8.2:
 * <ul>
 *   <li>core teachers (GV cốt cán): "Hiệu trưởng các trường phổ thông phê duyệt" — the principal of their school;</li>
 *   <li>core teachers who are staff of the district office or the department: "do lãnh đạo Phòng GD&amp;ĐT, Sở GD&amp;ĐT
 *       phê duyệt" — the leadership of that office (read respectively: the district office's own staff by the district
 *       office, the department's by the department);</li>
 *   <li>core managers (CBQL cốt cán) of lower-secondary level: "Đại diện các Phòng GD&amp;ĐT phê duyệt … của CBQL cốt cán
 *       cấp THCS ở các trường TH&amp;THCS, THCS trực thuộc" — the district office their school is under;</li>
 *   <li>core managers of upper-secondary level: "Đại diện Sở GD&amp;ĐT phê duyệt … của CBQL cốt cán cấp THPT" — the
 *       department.</li>
 * </ul>
 * Cases the seed does not name follow the line of supervision it uses: a manager of a school directly under the
 * department (THCS&amp;THPT, THPT) goes to the department, a manager of any other school under a district office (primary)
 * to that district office, and a manager on an office's own staff to that office.
 */
public final class PeerSupportApprover {

  /** Where the author works. */
  public enum Unit {
    /** A school under a district office (Phòng GD&amp;ĐT): primary, TH&amp;THCS, THCS. */
    SCHOOL_UNDER_DISTRICT,
    /** A school directly under the department (Sở GD&amp;ĐT): THPT, THCS&amp;THPT. */
    SCHOOL_UNDER_DEPARTMENT,
    /** The district office's own staff. */
    DISTRICT_OFFICE,
    /** The department's own staff. */
    DEPARTMENT
  }

  /** The approving authority. */
  public enum Authority {
    /** The principal (Hiệu trưởng) of the author's school. */
    PRINCIPAL,
    /** The district office (Phòng GD&amp;ĐT) the author's school is under, or the author's own office. */
    DISTRICT_OFFICE,
    /** The department (Sở GD&amp;ĐT). */
    DEPARTMENT
  }

  /** The answer: an authority, or why none can be named (a refusal is a value). */
  public sealed interface Decision {
    record Approver(Authority authority) implements Decision {
    }

    record Unknown(Reason reason) implements Decision {
    }
  }

  public enum Reason { NO_POSITION, NO_UNIT }

  private PeerSupportApprover() {
  }

  /**
   * @param position the author's position (teacher or manager), null when their account has none
   * @param level    the author's level, null when unknown (only managers need it)
   * @param unit     where they work, null when their account has no unit
   */
  public static Decision of(Position position, Level level, Unit unit) {
    if (position == null) {
      return new Decision.Unknown(Reason.NO_POSITION);
    }
    if (unit == null) {
      return new Decision.Unknown(Reason.NO_UNIT);
    }
    Authority a = switch (unit) {
      case DISTRICT_OFFICE -> Authority.DISTRICT_OFFICE;
      case DEPARTMENT -> Authority.DEPARTMENT;
      case SCHOOL_UNDER_DEPARTMENT -> position == Position.TEACHER ? Authority.PRINCIPAL : Authority.DEPARTMENT;
      case SCHOOL_UNDER_DISTRICT -> position == Position.TEACHER ? Authority.PRINCIPAL
          : level == Level.UPPER_SECONDARY ? Authority.DEPARTMENT : Authority.DISTRICT_OFFICE;
    };
    return new Decision.Approver(a);
  }
}
