package vn.bdtx.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * One application shared by every test class that carries this next to {@link BdtxIntegrationTest}, for classes
 * that build their own part of a province under the install's one department ({@link Province#sharedDepartment}),
 * instead of a whole application started and dirtied per class because a second department is refused. A class may
 * join only if its districts, schools and accounts have codes and names of its own and it asserts nothing about
 * rows it did not make (no province-wide lists or totals). A reporting class may instead describe a province of its
 * own in the read model only ({@link ReportFixture}, or report_* rows written by the test): every id it writes there
 * (units, people, classes, runs, enrollments) far above real ones and apart from the other classes' (ReportFixture's
 * {@code base}), its officials granted its own units, so the read model holds several departments and a
 * deployment-wide supervisor's lists are not its to assert. The property only keeps this context apart from the
 * plain one: with the same configuration a dirtying class would be handed this context and find a department.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(properties = "bdtx.test.context=shared-province")
public @interface SharedProvinceContext {
}
