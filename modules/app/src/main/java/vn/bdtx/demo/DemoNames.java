package vn.bdtx.demo;

/**
 * The demo learners' full names: family name, middle name and given name, the middle and given names of one
 * gender. A woman's middle name (Thị, Thị Thu …) goes with a woman's given name (Lan, Hạnh …) and a man's
 * (Văn, Đức …) with a man's (Hùng, Dũng …); picking the three independently made "Nguyễn Thị Hùng" (tour,
 * session 13). Learners alternate between women and men; no clock, no randomness: the same number, the same name.
 */
final class DemoNames {

  static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"};
  static final String[] WOMEN_MIDDLE = {"Thị", "Thị Thu", "Thị Ngọc", "Thị Hồng"};
  static final String[] WOMEN_GIVEN = {"Chi", "Hà", "Hạnh", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trang", "Vân",
      "Yến"};
  static final String[] MEN_MIDDLE = {"Văn", "Minh", "Đức", "Quốc"};
  static final String[] MEN_GIVEN = {"An", "Bình", "Dũng", "Hùng", "Khánh", "Nam", "Quân", "Sơn", "Tuấn", "Thắng",
      "Hải"};

  private DemoNames() {
  }

  /** The full name of demo learner number {@code n} (1, 2, …): odd numbers women, even numbers men. */
  static String of(int n) {
    boolean woman = n % 2 == 1;
    int k = n / 2;
    String[] middle = woman ? WOMEN_MIDDLE : MEN_MIDDLE;
    String[] given = woman ? WOMEN_GIVEN : MEN_GIVEN;
    return FAMILY[n % FAMILY.length] + " " + middle[k % middle.length] + " " + given[k % given.length];
  }
}
