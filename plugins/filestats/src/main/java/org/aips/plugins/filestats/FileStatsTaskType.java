package org.aips.plugins.filestats;

import io.vertx.core.json.JsonObject;
import org.aips.spi.BlockingTaskType;
import org.aips.spi.PluginHost;
import org.aips.spi.TaskContext;
import org.aips.spi.TaskFailure;
import org.aips.spi.TaskResult;
import org.pf4j.Extension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CancellationException;

/**
 * {@code FileStats}: counts the lines of the task's {@code file} input, a blob of any size read
 * from disk by reference. Saves a checkpoint every {@code checkpointBytes}, so a run after a
 * crash, a lost lease or a stop continues from there. {@code maxBytesPerSecond} (0: no limit)
 * throttles the reading, as a background job on a shared disk should be.
 */
@Extension
public final class FileStatsTaskType extends BlockingTaskType {

  static final String NAME = "FileStats";
  static final String INPUT = "file";
  private static final int READ_BUFFER = 1 << 20;

  private long checkpointBytes = 8L << 20;
  private long maxBytesPerSecond;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void init(PluginHost host) {
    JsonObject config = host.config();
    checkpointBytes = config.getLong("checkpointBytes", checkpointBytes);
    maxBytesPerSecond = config.getLong("maxBytesPerSecond", 0L);
    if (checkpointBytes < READ_BUFFER || maxBytesPerSecond < 0) {
      throw new IllegalArgumentException("checkpointBytes must be at least " + READ_BUFFER + " and maxBytesPerSecond not negative");
    }
  }

  @Override
  public Set<String> requiredInputs() {
    return Set.of(INPUT);
  }

  @Override
  public int concurrency() {
    return 2;
  }

  @Override
  protected TaskResult run(TaskContext context) throws Exception {
    Path file = context.inputPath(INPUT).orElseThrow(() -> TaskFailure.permanent("the task has no 'file' input"));
    LineCount count = LineCount.resume(context.checkpoint().orElse(null));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      channel.position(count.offset());
      ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
      long sinceCheckpoint = 0;
      long started = System.nanoTime();
      long readThisRun = 0;
      for (int n; (n = channel.read(buffer.clear())) > 0; ) {
        if (context.isCancelled()) {
          throw new CancellationException("stopped at byte " + count.offset());
        }
        count = count.advance(n, newlines(buffer.array(), n));
        sinceCheckpoint += n;
        readThisRun += n;
        if (sinceCheckpoint >= checkpointBytes) {
          save(context, count);
          context.progress((double) count.offset() / size);
          sinceCheckpoint = 0;
        }
        throttle(started, readThisRun);
      }
      return TaskResult.json(new JsonObject().put("lines", count.lines()).put("bytes", count.offset()).put("runs", count.runs()));
    } catch (IOException e) {
      throw TaskFailure.retryable("reading the file failed: " + e.getMessage(), e);
    }
  }

  private static void save(TaskContext context, LineCount count) {
    // on a worker thread: waiting for the write is allowed, and a run must not outpace its checkpoints
    context.saveCheckpoint(count.toJson()).toCompletionStage().toCompletableFuture().join();
  }

  private void throttle(long startedNanos, long bytes) throws InterruptedException {
    if (maxBytesPerSecond > 0) {
      long dueMillis = bytes * 1000 / maxBytesPerSecond - (System.nanoTime() - startedNanos) / 1_000_000;
      if (dueMillis > 0) {
        Thread.sleep(dueMillis);
      }
    }
  }

  private static long newlines(byte[] bytes, int length) {
    long lines = 0;
    for (int i = 0; i < length; i++) {
      if (bytes[i] == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
