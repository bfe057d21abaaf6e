package org.aips.server.plugin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.aips.server.blob.BlobStore;
import org.aips.server.support.TestNode;
import org.aips.spi.PluginHost;
import org.aips.spi.PluginService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Services start in load order and stop in reverse; a plugin whose service fails is marked failed and the others run on. */
class PluginRuntimeTest {

  private final Vertx vertx = Vertx.vertx();
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void servicesStopInReverseOrderAndAFailingOneIsIsolated() {
    LoadedPlugins plugins = new LoadedPlugins(List.of(), List.of(), List.of(
        new LoadedPlugins.PluginServiceEntry("first", new Recording("first", null)),
        new LoadedPlugins.PluginServiceEntry("throws", new Recording("throws", new IllegalStateException("broken at start"))),
        new LoadedPlugins.PluginServiceEntry("fails", new Recording("fails", null) {
          @Override
          public Future<Void> start(PluginHost host) {
            calls.add("start fails");
            return Future.failedFuture("no");
          }
        }),
        new LoadedPlugins.PluginServiceEntry("last", new Recording("last", null))),
        orderedLoaders("first", "throws", "fails", "last"));
    Path dataDir = TestNode.newDataDir("runtime");
    PluginRuntime runtime = new PluginRuntime(TestNode.config(dataDir, new JsonObject()), plugins, null,
        new BlobStore(dataDir.resolve("blobs")), () -> null, true);
    String deployment = vertx.deployVerticle(runtime).await();

    assertThat(runtime.failedPlugins()).containsExactly("fails", "throws");
    assertThat(runtime.hosts().keySet()).containsExactly("first", "last");
    assertThat(calls).containsExactly("start first", "start throws", "start fails", "start last");
    calls.clear();
    vertx.undeploy(deployment).await();
    assertThat(calls).containsExactly("stop last", "stop first");
  }

  @Test
  void aHostOnANodeWithoutADatabaseSaysWhyItsTaskApiFails() {
    Path dataDir = TestNode.newDataDir("runtime");
    PluginRuntime runtime = new PluginRuntime(TestNode.config(dataDir, new JsonObject()),
        new LoadedPlugins(List.of(), List.of(), List.of(), orderedLoaders("lonely")), null, new BlobStore(dataDir.resolve("blobs")), () -> null, false);
    vertx.deployVerticle(runtime).await();
    PluginHost host = runtime.hosts().get("lonely");
    assertThat(host.database()).isEmpty();
    Throwable failure = host.tasks().get("x").map(x -> (Throwable) null).otherwise(e -> e).await();
    assertThat(failure).hasMessageContaining("http or scheduler role");
  }

  private static Map<String, ClassLoader> orderedLoaders(String... ids) {
    Map<String, ClassLoader> loaders = new java.util.LinkedHashMap<>();
    for (String id : ids) {
      loaders.put(id, PluginRuntimeTest.class.getClassLoader());
    }
    return loaders;
  }

  private class Recording implements PluginService {
    private final String name;
    private final RuntimeException startFailure;

    Recording(String name, RuntimeException startFailure) {
      this.name = name;
      this.startFailure = startFailure;
    }

    @Override
    public Future<Void> start(PluginHost host) {
      calls.add("start " + name);
      if (startFailure != null) {
        throw startFailure;
      }
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> stop() {
      calls.add("stop " + name);
      return Future.succeededFuture();
    }
  }
}
