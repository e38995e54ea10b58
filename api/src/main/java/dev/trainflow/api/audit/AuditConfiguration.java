package dev.trainflow.api.audit;

import dev.trainflow.activities.artifacts.ArtifactStore;
import dev.trainflow.activities.audit.AuditLogRepository;
import dev.trainflow.activities.audit.ReproductionRepository;
import dev.trainflow.activities.audit.RunAuditRecorder;
import dev.trainflow.activities.audit.ServiceIdentity;
import dev.trainflow.activities.persistence.TrainingRunRepository;
import dev.trainflow.api.TrainflowApplication;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
  static final String UNKNOWN = "unknown";

  @Bean
  AuditLogRepository auditLogRepository(DSLContext db) {
    return new AuditLogRepository(db);
  }

  @Bean
  ReproductionRepository reproductionRepository(DSLContext db) {
    return new ReproductionRepository(db);
  }

  @Bean
  ServiceIdentity serviceIdentity(BuildSettings build, ObjectProvider<GitProperties> git) {
    String commit = blankToNull(build.gitCommit());
    if (commit == null) {
      GitProperties properties = git.getIfAvailable();
      commit = properties == null ? null : properties.getCommitId();
    }
    String version = TrainflowApplication.class.getPackage().getImplementationVersion();
    return new ServiceIdentity(
        commit == null ? UNKNOWN : commit, blankToNull(build.imageDigest()), version == null ? "development" : version);
  }

  @Bean
  RunAuditRecorder runAuditRecorder(
      AuditLogRepository audit,
      TrainingRunRepository runs,
      ReproductionRepository reproductions,
      ArtifactStore store,
      ServiceIdentity service) {
    return new RunAuditRecorder(audit, runs, reproductions, store, service);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
