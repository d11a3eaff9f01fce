package vn.bdtx.platform.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The answer to a file request once the caller's right is checked: 303 to a short-lived URL of the object store. */
public final class StoreRedirect {

  private StoreRedirect() {
  }

  public static ResponseEntity<Void> to(String presignedUrl) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(presignedUrl)).build();
  }
}
