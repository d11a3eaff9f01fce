package vn.bdtx.domain.completion;

import java.util.List;
import vn.bdtx.domain.accounts.ExemptionKind;

/**
 * A person's BDTX for one school year: the modules completed and their periods,
 * complete at the year's requirement (3 modules, 120 periods by default). A
 * person exempt that year (retiring) owes nothing; one with reduced duties
 * (long illness, maternity leave) is shown as reduced rather than behind (seed 000
 * §II.2 names the cases, not the reduction, which the school decides).
 */
public record YearStatus(State state, List<Module> completed, int modules, int periods, Regulation rules) {

  public enum State { COMPLETE, IN_PROGRESS, EXEMPT, REDUCED }

  public record Module(String code, String title, int periods) {
  }

  public YearStatus {
    completed = List.copyOf(completed);
  }

  /** @param exemption the year's exemption, or null */
  public static YearStatus of(List<Module> completed, ExemptionKind exemption, Regulation rules) {
    int periods = completed.stream().mapToInt(Module::periods).sum();
    int modules = completed.size();
    State state;
    if (modules >= rules.modulesPerYear() && periods >= rules.periodsPerYear()) {
      state = State.COMPLETE;
    } else if (exemption == ExemptionKind.EXEMPT) {
      state = State.EXEMPT;
    } else if (exemption == ExemptionKind.REDUCED) {
      state = State.REDUCED;
    } else {
      state = State.IN_PROGRESS;
    }
    return new YearStatus(state, completed, modules, periods, rules);
  }

  public int modulesMissing() {
    return Math.max(0, rules.modulesPerYear() - modules);
  }

  public int periodsMissing() {
    return Math.max(0, rules.periodsPerYear() - periods);
  }
}
