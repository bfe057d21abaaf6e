package org.aips.server.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A closed-loop HTTP load generator (like wrk): {@code connections} requests in flight, each
 * sent as soon as the previous answer on its slot arrives, for a fixed duration.
 */
final class LoadGenerator {

  record Result(long requests, long errors, double seconds, long[] latenciesMicros) {
    double perSecond() {
      return requests / seconds;
    }

    long percentileMicros(double p) {
      long[] sorted = latenciesMicros.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
  }

  /** One request: method, path, headers and body (body may be null). */
  record Call(HttpMethod method, String path, String token, Buffer body) {
  }

  private LoadGenerator() {
  }

  static Result run(Vertx vertx, int port, int connections, double seconds, Supplier<Call> calls) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
        .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long[] latencies = new long[4_000_000];
    AtomicLong recorded = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    Promise<Void> finished = Promise.promise();
    AtomicLong active = new AtomicLong(connections);
    for (int i = 0; i < connections; i++) {
      vertx.runOnContext(v -> loop(client, calls, end, ok, errors, latencies, recorded, () -> {
        if (active.decrementAndGet() == 0) {
          finished.complete();
        }
      }));
    }
    finished.future().await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    client.close().await();
    return new Result(ok.get(), errors.get(), elapsed, Arrays.copyOf(latencies, (int) Math.min(latencies.length, recorded.get())));
  }

  private static void loop(HttpClient client, Supplier<Call> calls, long end, AtomicLong ok, AtomicLong errors,
                           long[] latencies, AtomicLong recorded, Runnable done) {
    if (System.nanoTime() >= end) {
      done.run();
      return;
    }
    Call call = calls.get();
    long sent = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path());
    if (call.token() != null) {
      options.putHeader("x-token", call.token());
    }
    if (call.body() != null) {
      options.putHeader("content-type", "application/json");
    }
    Future<Buffer> answer = client.request(options)
        .compose(request -> call.body() == null ? request.send() : request.send(call.body()))
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + body);
          }
          return body;
        }));
    answer.onComplete(result -> {
      if (result.succeeded()) {
        ok.incrementAndGet();
        long index = recorded.getAndIncrement();
        if (index < latencies.length) {
          latencies[(int) index] = (System.nanoTime() - sent) / 1000;
        }
      } else if (errors.incrementAndGet() <= 3) {
        System.err.println("request failed: " + result.cause().getMessage());
      }
      loop(client, calls, end, ok, errors, latencies, recorded, done);
    });
  }
}
