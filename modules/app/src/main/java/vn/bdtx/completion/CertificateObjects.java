package vn.bdtx.completion;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.bdtx.platform.storage.Bucket;
import vn.bdtx.platform.storage.ObjectReference;

/**
 * The certificate PDFs rows name, so that the store's reconciliation keeps them (issue 18 item 6). A PDF stored
 * for a certificate whose key was not written yet is rendered again by the next batch, which writes the key.
 */
@Configuration(proxyBeanMethods = false)
class CertificateObjects {

  @Bean
  ObjectReference certificatePdfs() {
    return new ObjectReference(Bucket.CERTIFICATES, "certificate", "object_key");
  }
}
