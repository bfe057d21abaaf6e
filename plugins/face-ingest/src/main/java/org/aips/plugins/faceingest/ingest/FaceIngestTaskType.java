package org.aips.plugins.faceingest.ingest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.aips.plugins.faceingest.Settings;
import org.aips.plugins.faceingest.fetch.ImageFetcher;
import org.aips.plugins.faceingest.search.GroupSearch;
import org.aips.plugins.faceingest.store.GroupFaces;
import org.aips.plugins.faceingest.store.IngestTasks;
import org.aips.plugins.faceingest.store.RowRecorder;
import org.aips.plugins.faceingest.store.TaskStatus;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.aips.spi.services.FacesClient;
import org.pf4j.Extension;

import java.util.Optional;
import java.util.Set;

/**
 * {@code FaceIngest}: ingests the CSV of one seed task ({@code params.ingestId}, input {@code csv})
 * into its group. Asynchronous: the rows' work is I/O and calls to the faces service, so the run
 * lives on the event loop and only the CSV reading, base64 and hashing go to workers. The runs
 * write the plugin's tables, so this type runs on nodes with a database (the single-node default;
 * on a cluster, executors that also have the http or scheduler role).
 */
@Extension
public final class FaceIngestTaskType implements TaskType {

  public static final String NAME = "FaceIngest";
  public static final String INPUT = "csv";

  private RunParts parts;
  private int concurrency = 2;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(PluginHost host) {
    Settings settings = Settings.from(host.config());
    concurrency = settings.concurrentTasks();
    Optional<Pool> pool = host.database().map(db -> db.pool());
    if (pool.isEmpty()) {
      return; // runs on this node fail with a message that says why (an executor-only node has no database)
    }
    RowPipeline pipeline = new RowPipeline(host.vertx(), ImageFetcher.create(host.vertx(), settings),
        new FaceDetector(host.vertx(), FacesClient.create(host.vertx().eventBus()), settings),
        settings.duplicateSimilarity() > 0 ? GroupSearch.forNode(host, new GroupFaces(pool.get()), settings) : null,
        settings.duplicateSimilarity());
    parts = new RunParts(settings, new IngestTasks(pool.get()), new RowRecorder(pool.get()), pipeline, host.tasks());
  }

  @Override
  public JsonObject paramsSchema() {
    return new JsonObject().put("type", "object").put("required", new io.vertx.core.json.JsonArray().add("ingestId"))
        .put("properties", new JsonObject().put("ingestId", new JsonObject().put("type", "string")));
  }

  @Override
  public Set<String> requiredInputs() {
    return Set.of(INPUT);
  }

  @Override
  public int concurrency() {
    return concurrency;
  }

  @Override
  public double estimateSeconds(JsonObject params, int quality) {
    return 60;
  }

  @Override
  public Future<TaskResult> execute(TaskContext context) {
    if (parts == null) {
      return Future.failedFuture(TaskFailure.retryable("FaceIngest needs a node with the plugin's database", null));
    }
    String ingestId = context.params().getString("ingestId");
    return parts.tasks().find(ingestId).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(TaskFailure.permanent("ingestion task " + ingestId + " was deleted"));
      }
      if (found.get().state() == TaskStatus.FINISHED) {
        return Future.succeededFuture(TaskResult.json(new JsonObject().put("handled", found.get().handledNum())));
      }
      return context.inputPath(INPUT).map(csv -> new IngestRun(parts, context, found.get()).run(csv))
          .orElseGet(() -> Future.failedFuture(TaskFailure.permanent("the task has no csv input")));
    });
  }
}
