package vn.bdtx.community.questions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectReference;

/** The files attached to questions, so that the store's reconciliation keeps them (issue 18 item 6). */
@Configuration(proxyBeanMethods = false)
class QuestionObjects {

  @Bean
  ObjectReference questionFileObjects() {
    return new ObjectReference(Bucket.SUBMISSIONS, "question", "file_key");
  }
}
