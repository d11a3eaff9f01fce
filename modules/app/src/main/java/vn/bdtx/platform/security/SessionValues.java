package vn.bdtx.platform.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.stereotype.Component;
import vn.bdtx.domain.accounts.Role;
import vn.bdtx.domain.accounts.ScopeType;

/**
 * How each value of a session is written in Redis (issue 19 item 1): explicitly, field by field, for exactly the
 * types the application keeps there, instead of Java serialisation (which spent most of the session's CPU and
 * wrote about 2 KB per session, mostly class descriptions):
 * <ul>
 *   <li>Spring Session's own fields: the creation and last-access times (Long), the idle timeout (Integer);</li>
 *   <li>the security context: the {@link Caller} alone — the authentication around it is rebuilt as the login made
 *       it ({@link CallerAuthenticationManager#authenticated}), its authorities from its grants;</li>
 *   <li>the CSRF token (Spring Security's {@link DefaultCsrfToken});</li>
 *   <li>strings: the page asked for before the login (Spring Security's saved request), the active role of a
 *       person with several (home.DashboardController).</li>
 * </ul>
 * Anything else is refused with a {@link SerializationException}: the save fails (the person sees the Vietnamese
 * "try again" page, the log names the type) instead of quietly writing a format nobody reads back. A stored value
 * this format does not know (a session written by a version that used Java serialisation, before an upgrade) is
 * refused too, as {@link UnreadableSessionException}: the session is then ended and the person logs in again
 * (platform.redis.QuietSessions).
 *
 * <p>Each value starts with a one-byte tag; numbers and strings follow as text or {@link DataOutputStream} fields.
 */
@Component(SessionValues.BEAN_NAME)
public class SessionValues implements RedisSerializer<Object> {

  /** The name Spring Session looks the serializer up by. */
  public static final String BEAN_NAME = "springSessionDefaultRedisSerializer";

  private static final byte LONG = 'L';
  private static final byte INTEGER = 'I';
  private static final byte STRING = 'S';
  private static final byte CONTEXT = 'C';
  private static final byte CSRF = 'T';
  /** The version of the context's layout: a later layout gets a new number, and this one stays readable. */
  private static final byte CONTEXT_V1 = 1;
  private static final byte[] EMPTY = new byte[0];

  @Override
  public byte[] serialize(Object value) {
    if (value == null) {
      return EMPTY;
    }
    if (value instanceof Long l) {
      return text(LONG, Long.toString(l));
    }
    if (value instanceof Integer i) {
      return text(INTEGER, Integer.toString(i));
    }
    if (value instanceof String s) {
      return text(STRING, s);
    }
    if (value instanceof SecurityContext context && context.getAuthentication() instanceof UsernamePasswordAuthenticationToken a
        && a.getPrincipal() instanceof Caller caller && a.isAuthenticated() && a.getCredentials() == null
        && a.getDetails() == null) {
      return fields(CONTEXT, out -> writeCaller(out, caller));
    }
    if (value instanceof DefaultCsrfToken token) {
      return fields(CSRF, out -> {
        out.writeUTF(token.getHeaderName());
        out.writeUTF(token.getParameterName());
        out.writeUTF(token.getToken());
      });
    }
    throw new SerializationException("No session format for " + describe(value)
        + ": add it to SessionValues (the session keeps only the types listed there)");
  }

  @Override
  public Object deserialize(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      return switch (bytes[0]) {
        case LONG -> Long.parseLong(text(bytes));
        case INTEGER -> Integer.parseInt(text(bytes));
        case STRING -> text(bytes);
        case CONTEXT -> readContext(in(bytes));
        case CSRF -> {
          var in = in(bytes);
          yield (CsrfToken) new DefaultCsrfToken(in.readUTF(), in.readUTF(), in.readUTF());
        }
        default -> throw new UnreadableSessionException(bytes[0] == (byte) 0xAC && bytes.length > 1 && bytes[1] == (byte) 0xED
            ? "a session value in Java serialisation (written before issue 19)" : "a session value of unknown tag " + bytes[0]);
      };
    } catch (IOException | RuntimeException e) {
      if (e instanceof UnreadableSessionException u) {
        throw u;
      }
      throw new UnreadableSessionException("a session value that does not read back: " + e);
    }
  }

  /** A stored session value this format cannot read: the session is treated as ended. */
  public static final class UnreadableSessionException extends SerializationException {
    UnreadableSessionException(String message) {
      super(message);
    }
  }

  private static void writeCaller(DataOutputStream out, Caller caller) throws IOException {
    out.writeByte(CONTEXT_V1);
    out.writeLong(caller.accountId());
    out.writeUTF(caller.username());
    out.writeUTF(caller.fullName());
    out.writeBoolean(caller.mustChangePassword());
    out.writeLong(caller.version());
    out.writeLong(caller.since().getEpochSecond());
    out.writeInt(caller.since().getNano());
    out.writeShort(caller.grants().size());
    for (Caller.Grant grant : caller.grants()) {
      out.writeUTF(grant.role().name());
      out.writeUTF(grant.scopeType().name());
      out.writeBoolean(grant.scopeId() != null);
      if (grant.scopeId() != null) {
        out.writeLong(grant.scopeId());
      }
    }
  }

  private static SecurityContext readContext(DataInputStream in) throws IOException {
    byte layout = in.readByte();
    if (layout != CONTEXT_V1) {
      throw new UnreadableSessionException("a security context of unknown layout " + layout);
    }
    long accountId = in.readLong();
    String username = in.readUTF();
    String fullName = in.readUTF();
    boolean mustChange = in.readBoolean();
    long version = in.readLong();
    Instant since = Instant.ofEpochSecond(in.readLong(), in.readInt());
    int count = in.readShort();
    Set<Caller.Grant> grants = new HashSet<>(count * 2);
    for (int i = 0; i < count; i++) {
      Role role = Role.valueOf(in.readUTF());
      ScopeType scope = ScopeType.valueOf(in.readUTF());
      Long scopeId = in.readBoolean() ? in.readLong() : null;
      grants.add(new Caller.Grant(role, scope, scopeId));
    }
    var caller = new Caller(accountId, username, fullName, mustChange, grants, version, since);
    return new SecurityContextImpl(CallerAuthenticationManager.authenticated(caller));
  }

  private static String describe(Object value) {
    if (value instanceof SecurityContext context) {
      var a = context.getAuthentication();
      return "a security context holding " + (a == null ? "no authentication" : a.getClass().getName()
          + (a.getPrincipal() == null ? "" : " of " + a.getPrincipal().getClass().getName()));
    }
    return value.getClass().getName();
  }

  private static byte[] text(byte tag, String s) {
    byte[] body = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] out = new byte[body.length + 1];
    out[0] = tag;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, 1, bytes.length - 1, java.nio.charset.StandardCharsets.UTF_8);
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static byte[] fields(byte tag, Writer writer) {
    var bytes = new ByteArrayOutputStream(96);
    try (var out = new DataOutputStream(bytes)) {
      out.writeByte(tag);
      writer.write(out);
    } catch (IOException e) {
      throw new SerializationException("Cannot write a session value", e);
    }
    return bytes.toByteArray();
  }

  private static DataInputStream in(byte[] bytes) {
    return new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
  }
}
