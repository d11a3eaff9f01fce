package vn.bdtx.domain.catalog;

import java.util.List;
import vn.bdtx.domain.accounts.Position;

/**
 * A mô đun of the national catalogue: code (GV-02, CBQL-02), audience, Vietnamese
 * title, periods (40 by default) and the modules that must be completed first
 * (seed 001: module 1 before module 2).
 */
public record TrainingModule(String code, Position audience, String title, int periods, List<String> prerequisites) {

  public TrainingModule {
    prerequisites = List.copyOf(prerequisites);
  }
}
