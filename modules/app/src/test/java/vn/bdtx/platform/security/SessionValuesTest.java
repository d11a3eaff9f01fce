package vn.bdtx.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;

/** The session's values in their explicit format (issue 19 item 1). */
class SessionValuesTest {

  final SessionValues values = new SessionValues();

  @Test
  void theLoggedInPersonComesBackAsTheLoginMadeThemWithTheirAuthorities() {
    var caller = new Caller(42, "gv.hoa", "Nguyễn Thị Hoà", true,
        Set.of(new Caller.Grant(Role.LEARNER, ScopeType.SCHOOL, 7L), new Caller.Grant(Role.CORE_TEACHER, ScopeType.PROVINCE, null)),
        3, Instant.parse("2026-11-30T06:01:02.123456789Z"));
    var context = new SecurityContextImpl(CallerAuthenticationManager.authenticated(caller));
    byte[] bytes = values.serialize(context);
    assertThat(bytes.length).as("bytes of a security context").isLessThan(120);
    var back = (SecurityContextImpl) values.deserialize(bytes);
    assertThat(back).isEqualTo(context);
    assertThat(back.getAuthentication().getPrincipal()).isEqualTo(caller);
    assertThat(back.getAuthentication().getAuthorities()).extracting(Object::toString)
        .containsExactlyInAnyOrder("ROLE_LEARNER", "ROLE_CORE_TEACHER");
  }

  @Test
  void springSessionFieldsTheCsrfTokenAndStringsComeBackEqual() {
    for (Object value : new Object[] {1_764_482_462_123L, 7260, "/learn/3/quizzes/l1?continue", "LEARNER",
        new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "0b8a6f1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")}) {
      Object back = values.deserialize(values.serialize(value));
      if (value instanceof DefaultCsrfToken token) {
        var t = (DefaultCsrfToken) back;
        assertThat(t.getToken()).isEqualTo(token.getToken());
        assertThat(t.getHeaderName()).isEqualTo(token.getHeaderName());
        assertThat(t.getParameterName()).isEqualTo(token.getParameterName());
      } else {
        assertThat(back).isEqualTo(value).hasSameClassAs(value);
      }
    }
    assertThat(values.serialize(null)).isEmpty();
    assertThat(values.deserialize(new byte[0])).isNull();
  }

  @Test
  void aTypeWithoutAFormatIsRefusedNotWrittenInJavaSerialisation() {
    assertThatThrownBy(() -> values.serialize(java.time.LocalDate.of(2026, 11, 30)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("java.time.LocalDate");
    var foreign = new SecurityContextImpl(new TestingAuthenticationToken("someone", "pw", "ROLE_X"));
    assertThatThrownBy(() -> values.serialize(foreign))
        .isInstanceOf(SerializationException.class).hasMessageContaining("TestingAuthenticationToken");
  }

  @Test
  void aValueInJavaSerialisationIsRecognisedAsUnreadableNotDeserialised() {
    byte[] old = new JdkSerializationRedisSerializer().serialize(1_764_482_462_123L);
    assertThatThrownBy(() -> values.deserialize(old))
        .isInstanceOf(SessionValues.UnreadableSessionException.class).hasMessageContaining("Java serialisation");
  }
}
