# The api image. Build the jar first (mvn -B -DskipTests package), then from the repository root:
#   docker build -f ops/docker/api.Dockerfile --build-arg GIT_COMMIT=$(git rev-parse HEAD) -t trainflow/api .
FROM eclipse-temurin:17-jre
ARG GIT_COMMIT=""
# the audit log records the commit with every run; the deployment adds TRAINFLOW_IMAGE_DIGEST
ENV TRAINFLOW_GIT_COMMIT=${GIT_COMMIT} \
    TF_CPU_ALLOCATOR_USE_BFC=true \
    LOG_FORMAT=ecs
# libgomp1: the OpenMP runtime LightGBM's natives (in the lightgbm4j jar) link against; the api
# runs the cpu-queue tabular trainers in process on the embedded default
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 trainflow
COPY api/target/trainflow-api.jar /app/trainflow-api.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/trainflow-api.jar"]
