package vn.bdtx.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** An object that does not exist, or is out of the caller's reach, is a 404 page, never an empty form. */
public final class NotFound {

  private NotFound() {
  }

  public static <T> Mono<T> orNotFound(Mono<T> mono) {
    return mono.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND)));
  }
}
