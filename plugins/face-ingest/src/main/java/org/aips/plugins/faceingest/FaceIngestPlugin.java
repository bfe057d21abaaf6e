package org.aips.plugins.faceingest;

import org.pf4j.Plugin;

/**
 * The face ingestion service of seed 002. Its extensions: the HTTP API under {@code /v1}
 * ({@link org.aips.plugins.faceingest.api.FaceIngestApi}), the restart rule and state upkeep
 * ({@link FaceIngestService}) and the task type that ingests one CSV
 * ({@link org.aips.plugins.faceingest.ingest.FaceIngestTaskType}). Holds no resources of its own.
 */
public class FaceIngestPlugin extends Plugin {
}
