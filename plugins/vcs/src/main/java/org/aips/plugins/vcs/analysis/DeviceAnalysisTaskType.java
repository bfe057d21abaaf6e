package org.aips.plugins.vcs.analysis;

import io.vertx.core.json.JsonObject;
import org.aips.plugins.vcs.video.VideoRejected;
import org.aips.spi.BlockingTaskType;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.services.ServiceException;
import org.pf4j.Extension;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * {@code VcsDeviceAnalysis}: one device's video of a compute task, a unit of work any executor
 * node can run (the video travels by reference, events go back over the event bus). Resumes from
 * its checkpoint after a stop, a crash or a lost lease.
 */
@Extension
public final class DeviceAnalysisTaskType extends BlockingTaskType {

  public static final String NAME = "VcsDeviceAnalysis";
  public static final String INPUT = "video";

  private AnalysisSettings settings = AnalysisSettings.from(new JsonObject());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(PluginHost host) {
    settings = AnalysisSettings.from(host.config());
  }

  @Override
  public Set<String> requiredInputs() {
    return Set.of(INPUT);
  }

  @Override
  public int concurrency() {
    return settings.analysesPerNode();
  }

  @Override
  public double estimateSeconds(JsonObject params, int quality) {
    return Math.max(1.0, params.getLong("durationMs", 60_000L) / 1000.0 / 2);
  }

  @Override
  protected TaskResult run(TaskContext context) {
    Path video = context.inputPath(INPUT).orElseThrow(() -> TaskFailure.permanent("the task has no video input"));
    try {
      return TaskResult.json(new DeviceAnalysis(context, settings, DeviceJob.from(context.params())).run(video));
    } catch (VideoRejected e) {
      throw TaskFailure.permanent(e.getMessage(), e);
    } catch (CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ServiceException service && service.failure().isPermanent()) {
        throw TaskFailure.permanent("the vision service refused a frame: " + service.getMessage(), service);
      }
      if (cause instanceof ServiceException service && service.failure().isUnavailable()) {
        // e.g. just after a restart, before the models are loaded: wait, from the last checkpoint, without using an attempt
        throw TaskFailure.unavailable("waiting for the vision services: " + service.getMessage(), service);
      }
      throw TaskFailure.retryable("a vision request failed: " + (cause == null ? e : cause).getMessage(), cause == null ? e : cause);
    }
  }
}
