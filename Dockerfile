# syntax=docker/dockerfile:1
# The node's image with a Docker daemon: docker build -t scheduler-node:0.1.0-SNAPSHOT .
# Without one, Jib builds the same image from Maven (docs/kubernetes.md). Both run as user 65532,
# keep the data directory in /var/lib/scheduler and leave JVM memory flags to the deployment
# (JAVA_TOOL_OPTIONS in deploy/kubernetes/deployment.yaml).

# Build: the same command as README's first one, in a JDK 17 image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -q -B -DskipTests package

# Run: the shaded jar on a JRE.
FROM eclipse-temurin:17-jre
RUN mkdir -p /opt/scheduler /var/lib/scheduler && chown 65532:65532 /var/lib/scheduler && chmod 700 /var/lib/scheduler
COPY --from=build /src/cluster-node/target/scheduler-node.jar /opt/scheduler/scheduler-node.jar
ENV SCHEDULER_DATA_DIR=/var/lib/scheduler
USER 65532:65532
WORKDIR /var/lib/scheduler
# HTTP API, management (/alive, /ready; when enabled), remoting.
EXPOSE 8080 8558 25520
ENTRYPOINT ["java", "-jar", "/opt/scheduler/scheduler-node.jar"]
