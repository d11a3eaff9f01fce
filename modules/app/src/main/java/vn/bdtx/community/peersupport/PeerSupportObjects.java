package vn.bdtx.community.peersupport;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectReference;

/** Every version of a peer-support plan or report, so that the store's reconciliation keeps its file (issue 18 item 6). */
@Configuration(proxyBeanMethods = false)
class PeerSupportObjects {

  @Bean
  ObjectReference peerSupportFiles() {
    return new ObjectReference(Bucket.SUBMISSIONS, "peer_support_version", "object_key");
  }
}
