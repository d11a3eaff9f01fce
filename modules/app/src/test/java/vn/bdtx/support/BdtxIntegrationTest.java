package vn.bdtx.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, against real PostgreSQL, Redis and the
 * embedded S3 store, each fresh for this context ({@link TestServices}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestServices.class)
@AutoConfigureWebTestClient(timeout = "30s")
public @interface BdtxIntegrationTest {
}
