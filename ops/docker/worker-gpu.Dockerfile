# The gpu worker image, with TensorFlow Java's GPU natives. Build the jar with the gpu profile
# first (mvn -B -Pgpu -DskipTests package -pl worker-gpu -am), then from the repository root:
#   docker build -f ops/docker/worker-gpu.Dockerfile -t trainflow/worker-gpu .
# The CUDA and cuDNN versions must be the ones TensorFlow Java's release was built against (1.1.0:
# TensorFlow 2.18, CUDA 12, cuDNN 9): check its release notes when the version changes.
FROM nvidia/cuda:12.5.1-cudnn-runtime-ubuntu22.04
# libgomp1: the OpenMP runtime LightGBM's natives (in the lightgbm4j jar) link against
RUN apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 trainflow
ENV TF_CPU_ALLOCATOR_USE_BFC=true \
    METRICS_PORT=8081
COPY worker-gpu/target/trainflow-worker-gpu-*-exec.jar /app/trainflow-worker-gpu.jar
USER 10001
EXPOSE 8081
# SIGTERM: the running training checkpoints and stops (terminationGracePeriodSeconds must cover it).
# Vertex AI jobs (TRAINING_BACKEND=vertex) replace this entry point with
# java -Dloader.main=dev.trainflow.worker.VertexTrainerMain -cp /app/trainflow-worker-gpu.jar
#   org.springframework.boot.loader.launch.PropertiesLauncher (CustomJobs.TRAINER_COMMAND): keep the path
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/trainflow-worker-gpu.jar"]
