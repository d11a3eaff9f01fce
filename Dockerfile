# Builds the application from the repository with the Maven wrapper, then runs
# it on a JRE as an unprivileged user.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY modules/domain/pom.xml modules/domain/pom.xml
COPY modules/app/pom.xml modules/app/pom.xml
RUN ./mvnw -B -q -pl modules/app -am dependency:go-offline || true
COPY modules modules
COPY content content
RUN ./mvnw -B -q -pl modules/app -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app bdtx && mkdir -p /app/data && chown bdtx /app/data
WORKDIR /app
COPY --from=build /src/modules/app/target/bdtx.jar /app/bdtx.jar
COPY --from=build /src/content /app/content
USER bdtx
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-Xmx512m -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/bdtx.jar"]
