package vn.bdtx.platform.startup;

/**
 * A service the application cannot run without did not answer at start-up.
 * {@link ServiceUnreachableFailureAnalyzer} turns it into one readable message.
 */
public class ServiceUnreachableException extends RuntimeException {

  private final String service;
  private final String address;
  private final String howToStart;

  public ServiceUnreachableException(String service, String address, String howToStart, Throwable cause) {
    super(service + " is unreachable at " + address + ": " + rootMessage(cause), cause);
    this.service = service;
    this.address = address;
    this.howToStart = howToStart;
  }

  public String service() {
    return service;
  }

  public String address() {
    return address;
  }

  public String howToStart() {
    return howToStart;
  }

  static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == null ? "no answer" : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
