package vn.bdtx;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** BDTX: the platform on which provincial departments run teachers' continuous professional development. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BdtxApplication {

  public static void main(String[] args) {
    SpringApplication.run(BdtxApplication.class, args);
  }
}
