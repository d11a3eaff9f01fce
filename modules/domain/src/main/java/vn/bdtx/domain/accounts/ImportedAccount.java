package vn.bdtx.domain.accounts;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import vn.bdtx.domain.accounts.Level;

/** One valid row of an account import, normalised: NFC name, lower-case e-mail, 0xxxxxxxxx phone. */
public record ImportedAccount(int row, String fullName, String email, LocalDate dateOfBirth, String phone,
                              String schoolCode, Level level, Position position, String mainSubject,
                              List<String> otherSubjects, Set<Role> roles) {
}
