# Builds the application from the repository with the Maven wrapper, then runs it on a JRE as an unprivileged
# user. Base images are pinned to an exact Temurin release (17.0.17+10 on Ubuntu 24.04 "noble"); move both tags
# together when a new Java 17 update is out.
FROM eclipse-temurin:17.0.17_10-jdk-noble AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY modules/domain/pom.xml modules/domain/pom.xml
COPY modules/app/pom.xml modules/app/pom.xml
RUN ./mvnw -B -q -pl modules/app -am dependency:go-offline || true
COPY modules modules
COPY content content
RUN ./mvnw -B -q -pl modules/app -am -DskipTests package
# The jar's layers (dependencies, spring-boot-loader, snapshot-dependencies, application: list them with
# `java -Djarmode=tools -jar bdtx.jar list-layers`), each into its own folder: bdtx.jar plus lib/.
RUN java -Djarmode=tools -jar modules/app/target/bdtx.jar extract --layers --destination /src/extracted

FROM eclipse-temurin:17.0.17_10-jre-noble
RUN useradd --system --home /app bdtx && mkdir -p /app/data && chown bdtx /app/data
WORKDIR /app
# Least-changing first, so that a code change rebuilds only the last image layers.
COPY --from=build /src/extracted/dependencies/ /app/
COPY --from=build /src/extracted/spring-boot-loader/ /app/
COPY --from=build /src/extracted/snapshot-dependencies/ /app/
COPY --from=build /src/extracted/application/ /app/
COPY --from=build /src/content /app/content
# The JVM settings (heap, direct memory, GC) are those of every run: deploy/jvm.options, read by scripts/run.sh.
# JAVA_OPTS adds to or overrides them.
COPY scripts/run.sh /app/run.sh
COPY deploy/jvm.options /app/jvm.options
USER bdtx
EXPOSE 8080
# Liveness only (readiness also asks the database and the object store, whose outage must not restart the node).
# The JRE image has bash but no guaranteed curl or wget, so bash's /dev/tcp sends the request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/liveness HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["/app/run.sh"]
