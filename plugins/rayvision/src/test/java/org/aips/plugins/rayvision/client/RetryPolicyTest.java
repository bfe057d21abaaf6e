package org.aips.plugins.rayvision.client;

import io.vertx.core.Future;
import org.aips.plugins.rayvision.SimulatedFarm;
import org.aips.plugins.rayvision.client.impl.RetryPolicy;
import org.aips.plugins.rayvision.client.model.CreateTaskRequest;
import org.aips.rayvision.simulator.ContractPaths;
import org.aips.rayvision.simulator.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What is retried (and re-signed) and what is not, observed as request counts on the simulator. */
class RetryPolicyTest {

  private SimulatedFarm farm;
  private RayvisionClient client;

  @BeforeEach
  void start() {
    farm = new SimulatedFarm();
    client = farm.client(ClientOptions.defaults().withRetries(4, 10, 50).withTimeouts(1_000, 500));
  }

  @AfterEach
  void stop() {
    farm.close();
  }

  @Test
  void anIdempotentCallIsRetriedThrough5xxAndResets() {
    farm.simulator.inject(ContractPaths.QUERY_USER_PROFILE, Fault.HTTP_503, 1);
    farm.simulator.inject(ContractPaths.QUERY_USER_PROFILE, Fault.CONNECTION_RESET, 1);
    farm.simulator.inject(ContractPaths.QUERY_USER_PROFILE, Fault.SERVER_ERROR, 1);
    assertThat(client.userProfile().await().userName()).isNotBlank();
    assertThat(farm.simulator.requests(ContractPaths.QUERY_USER_PROFILE)).isEqualTo(4);
  }

  @Test
  void aTimedOutIdempotentCallIsRetried() {
    farm.simulator.inject(ContractPaths.QUERY_TASK_INFO, Fault.SLOW, 1);
    assertThat(client.taskInfo(List.of(1L)).await()).isEmpty();
    assertThat(farm.simulator.requests(ContractPaths.QUERY_TASK_INFO)).isEqualTo(2);
  }

  @Test
  void createTaskIsNotRepeatedWhenTheFarmMayHaveActed() {
    farm.simulator.inject(ContractPaths.CREATE_TASK, Fault.HTTP_503, 1);
    assertThat(failure(client.createTask(CreateTaskRequest.one()))).isInstanceOf(UnexpectedResponseException.class);
    farm.simulator.inject(ContractPaths.CREATE_TASK, Fault.CONNECTION_RESET, 1);
    assertThat(failure(client.createTask(CreateTaskRequest.one()))).isNotNull();
    farm.simulator.inject(ContractPaths.CREATE_TASK, Fault.SERVER_ERROR, 1);
    assertThat(failure(client.createTask(CreateTaskRequest.one()))).isInstanceOf(RayvisionException.class);
    assertThat(farm.simulator.requests(ContractPaths.CREATE_TASK)).isEqualTo(3);
  }

  @Test
  void anExpiredSignatureIsRetriedWithAFreshOneEvenForSubmit() {
    var created = client.createTask(CreateTaskRequest.one()).await();
    long id = created.taskIds().get(0);
    client.uploadTaskJson(id, SimulatedFarm.stampedMaxScene(id, created.userId(), "1")).await();
    farm.simulator.inject(ContractPaths.SUBMIT_TASK, Fault.SIGNATURE_EXPIRED, 2);
    client.submitTask(id, null).await();
    assertThat(farm.simulator.requests(ContractPaths.SUBMIT_TASK)).isEqualTo(3);
    assertThat(farm.simulator.task(id).orElseThrow().getLong("submitDate")).isNotNull();
  }

  @Test
  void businessErrorsAreNeverRetried() {
    assertThat(failure(client.stopTasks(List.of(123L)))).isInstanceOf(RayvisionException.class);
    assertThat(farm.simulator.requests(ContractPaths.STOP_TASK)).isEqualTo(1);
  }

  @Test
  void attemptsAreBounded() {
    farm.simulator.inject(ContractPaths.QUERY_USER_SETTING, Fault.HTTP_503, 10);
    assertThat(failure(client.userSetting())).isInstanceOf(UnexpectedResponseException.class);
    assertThat(farm.simulator.requests(ContractPaths.QUERY_USER_SETTING)).isEqualTo(4);
  }

  @Test
  void aRefusedConnectionIsRetriedForAnyCallBecauseNothingWasSent() {
    assertThat(RetryPolicy.isRetryable(Operation.SUBMIT_TASK, new ConnectException("refused"))).isTrue();
    assertThat(RetryPolicy.isRetryable(Operation.SUBMIT_TASK, new RuntimeException("reset"))).isFalse();
    assertThat(RetryPolicy.isRetryable(Operation.QUERY_TASK_INFO, new RuntimeException("reset"))).isTrue();
    assertThat(RetryPolicy.isRetryable(Operation.QUERY_TASK_INFO, new RayvisionException(404, "no", "/p"))).isFalse();
    assertThat(RetryPolicy.isRetryable(Operation.QUERY_TASK_INFO, new UnexpectedResponseException(400, "/p", ""))).isFalse();
    int port = farm.simulator.port();
    farm.simulator.close().await();
    long started = System.nanoTime();
    Throwable refused = failure(client.createTask(CreateTaskRequest.one()));
    assertThat(refused).isInstanceOf(ConnectException.class).hasMessageContaining(Integer.toString(port));
    assertThat(System.nanoTime() - started).as("three pauses of backoff").isGreaterThan(3 * 5_000_000L);
  }

  @Test
  void backoffGrowsAndIsCapped() {
    ClientOptions options = ClientOptions.defaults().withRetries(10, 100, 1_000);
    assertThat(RetryPolicy.delayMillis(1, options)).isBetween(50L, 100L);
    assertThat(RetryPolicy.delayMillis(3, options)).isBetween(200L, 400L);
    assertThat(RetryPolicy.delayMillis(9, options)).isBetween(500L, 1_000L);
  }

  private static Throwable failure(Future<?> call) {
    return call.transform(ar -> Future.succeededFuture(ar.cause())).await();
  }
}
