package vn.bdtx.accounts;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page; the check itself is Spring Security's form login. */
@Controller
class LoginController {

  @GetMapping("/login")
  String login() {
    return "accounts/login";
  }
}
