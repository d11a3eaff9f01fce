package vn.bdtx.platform.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints one message naming the service, the address tried and how to start it, instead of a stack trace. */
class ServiceUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<ServiceUnreachableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ServiceUnreachableException cause) {
    String description = String.format(
        "BDTX cannot start: %s does not answer at %s (%s).%n"
            + "BDTX không khởi động được: %s không trả lời tại %s.",
        cause.service(), cause.address(), ServiceUnreachableException.rootMessage(cause.getCause()),
        cause.service(), cause.address());
    return new FailureAnalysis(description, cause.howToStart(), null);
  }
}
