package org.aips.server.vcs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.video.VideoFrames;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Analyses one video file to FINISHED and prints its speed as a multiple of real time beside
 * FFmpeg's decode-only speed on the same file in the same JVM (the ceiling; docs/vcs.md, "Speed").
 */
public final class VcsSpeed {

  private VcsSpeed() {
  }

  /** The task's events, after printing {@code vcs speed <name> …}. */
  public static List<JsonObject> analyse(VcsClient api, Path file, List<String> models) throws Exception {
    long decodeStart = System.nanoTime();
    try (VideoFrames frames = new VideoFrames(file, 100_000_000)) {
      frames.sample(Integer.MAX_VALUE, 1_000_000); // decodes every frame, converts only the first
    }
    double decodeSeconds = (System.nanoTime() - decodeStart) / 1e9;
    JsonObject video = api.uploaded(file);
    String name = file.getFileName().toString();
    String task = api.create(VcsClient.task(name, 0, video, models));
    long started = System.nanoTime();
    api.ok("startComputeTask", new JsonObject().put("taskId", task));
    JsonObject done = api.await(task, t -> List.of("FINISHED", "FAILED").contains(t.getString("taskStatus")), Duration.ofMinutes(8));
    double seconds = (System.nanoTime() - started) / 1e9;
    assertThat(done.getString("taskStatus")).as("%s", done).isEqualTo("FINISHED");
    double videoSeconds = video.getLong("durationMs") / 1000.0;
    JsonArray events = api.results(task, new JsonObject().put("pageSize", 500).put("withDescriptor", true)).getJsonArray("results");
    System.out.printf("vcs speed %s (%s, %.1f s, models %s): analysis %.2fx real time (%.1f s), ffmpeg decode-only %.1fx (%.2f s); %d events%n",
        name, video.getString("codec"), videoSeconds, models, videoSeconds / seconds, seconds, videoSeconds / decodeSeconds, decodeSeconds,
        events.size());
    return events.stream().map(JsonObject.class::cast).toList();
  }
}
