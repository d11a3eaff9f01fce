package vn.bdtx.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import vn.bdtx.domain.accounts.PasswordPolicy;

/** The password policy of the domain, fed with the list of passwords attackers try first. */
@Configuration(proxyBeanMethods = false)
class PasswordRules {

  static final String COMMON_PASSWORDS = "accounts/common-passwords.txt";

  @Bean
  PasswordPolicy passwordPolicy() {
    return PasswordPolicy.standard(commonPasswords());
  }

  static Set<String> commonPasswords() {
    var resource = new ClassPathResource(COMMON_PASSWORDS);
    try (var reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
      return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .collect(Collectors.toUnmodifiableSet());
    } catch (IOException e) {
      throw new UncheckedIOException("Missing " + COMMON_PASSWORDS, e);
    }
  }
}
