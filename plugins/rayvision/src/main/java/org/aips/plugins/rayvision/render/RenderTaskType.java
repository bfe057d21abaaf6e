package org.aips.plugins.rayvision.render;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.config.RayvisionConfig;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.aips.spi.TaskType;
import org.pf4j.Extension;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code Render}: runs a render job on the Renderbus farm (or anything speaking its API) as an AIPS task. */
@Extension
public final class RenderTaskType implements TaskType {

  private static final JsonObject SCHEMA = loadSchema();

  private volatile Accounts accounts;

  @Override
  public String name() {
    return "Render";
  }

  @Override
  public JsonObject paramsSchema() {
    return SCHEMA.copy();
  }

  @Override
  public void init(PluginHost host) {
    accounts = new Accounts(host.vertx(), host.webClient(), RayvisionConfig.fromJson(host.config(), System::getenv));
  }

  /** Render tasks mostly wait on the farm, so one node follows many at once. */
  @Override
  public int concurrency() {
    Accounts current = accounts;
    return current == null ? 1 : current.config().maxConcurrentRenders();
  }

  @Override
  public double estimateSeconds(JsonObject params, int quality) {
    Accounts current = accounts;
    double perFrame = current == null ? 60 : current.config().estimatedSecondsPerFrame();
    return perFrame * FrameCount.of(params.getString("frames", "1"));
  }

  @Override
  public Future<TaskResult> execute(TaskContext context) {
    try {
      Accounts current = accounts;
      if (current == null) {
        throw TaskFailure.permanent("the rayvision plugin was not initialised by the host");
      }
      RenderParams params = RenderParams.parse(context.params());
      RenderCheckpoint resumeFrom = context.checkpoint().map(RenderCheckpoint::fromJson).orElse(null);
      String accountName = resumeFrom != null ? resumeFrom.account() : params.account();
      Accounts.Connection connection = current.connection(accountName).orElseThrow(() -> TaskFailure.permanent(
          accountName == null ? "no Rayvision account is configured as default (plugins.config.rayvision.accounts)"
              : "unknown Rayvision account '" + accountName + "'; configured: " + current.config().accounts().keySet()));
      return new RenderRun(context, params, connection.client(), connection.poller(), resumeFrom).start();
    } catch (RuntimeException e) {
      return Future.failedFuture(e instanceof TaskFailure ? e : TaskFailure.permanent(e.getMessage(), e));
    }
  }

  private static JsonObject loadSchema() {
    try (InputStream in = RenderTaskType.class.getResourceAsStream("/rayvision/render-params.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("render-params.schema.json missing from the plugin jar");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
