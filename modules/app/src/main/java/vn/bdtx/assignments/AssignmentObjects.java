package vn.bdtx.assignments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectReference;

/** The objects assignments' rows name, so that the store's reconciliation keeps them (issue 18 item 6). */
@Configuration(proxyBeanMethods = false)
class AssignmentObjects {

  /** Every file of every submission version, kept forever. */
  @Bean
  ObjectReference submissionFileObjects() {
    return new ObjectReference(Bucket.SUBMISSIONS, "submission_file", "object_key");
  }

  /** The grader's feedback file of the current decision (one replaced by a later decision is no longer named). */
  @Bean
  ObjectReference gradeFeedbackObjects() {
    return new ObjectReference(Bucket.SUBMISSIONS, "assignment_grade", "feedback_key");
  }
}
