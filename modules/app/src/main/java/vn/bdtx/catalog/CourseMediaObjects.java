package vn.bdtx.catalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectReference;

/** The media files a course's rows name, so that the store's reconciliation keeps them (issue 18 item 6). */
@Configuration(proxyBeanMethods = false)
class CourseMediaObjects {

  /** A course's media, named by course and SHA-256 ({@link CourseMedia#key}); never deleted. */
  @Bean
  ObjectReference courseMediaFiles() {
    return new ObjectReference(Bucket.MEDIA, "course_media", "'courses/' || course_id || '/' || sha256");
  }
}
