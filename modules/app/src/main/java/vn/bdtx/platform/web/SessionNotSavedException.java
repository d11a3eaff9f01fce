package vn.bdtx.platform.web;

/**
 * The session could not be saved at the end of a request (its store, Redis, did not answer), after the handler's
 * work was done: see {@link SessionSaves}. Answered by {@link SessionSaveFailurePage}.
 */
class SessionNotSavedException extends RuntimeException {

  SessionNotSavedException(Throwable cause) {
    super("The session could not be saved: " + cause, cause);
  }
}
