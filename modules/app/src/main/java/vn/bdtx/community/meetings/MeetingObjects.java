package vn.bdtx.community.meetings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectReference;

/** A meeting's evidence files, so that the store's reconciliation keeps them (issue 18 item 6). */
@Configuration(proxyBeanMethods = false)
class MeetingObjects {

  @Bean
  ObjectReference meetingFileObjects() {
    return new ObjectReference(Bucket.SUBMISSIONS, "meeting_file", "object_key");
  }
}
