package org.aips.server.api;

import io.vertx.core.json.JsonObject;
import org.aips.server.auth.JwtKeys;
import org.aips.server.support.ApiClient;
import org.aips.server.support.SharedNode;
import org.aips.server.support.TestNode;
import org.aips.server.support.Tokens;
import org.junit.jupiter.api.Test;

import static org.aips.server.support.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

class AuthenticationTest {

  private static final ApiClient api = SharedNode.api();

  @Test
  void everyRouteRefusesAMissingToken() {
    assertThat(errorCode(api.get("/api/taskes-waiting", null), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(api.get("/api/taskes-done", null), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(api.post("/api/task", null, new JsonObject().put("taskType", "Noop")), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(api.get("/api/query-task/AAAAAAAAAAAAAAAAAAAAAAAA", null), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(api.get("/api/task-result/AAAAAAAAAAAAAAAAAAAAAAAA", null), 401)).isEqualTo("UNAUTHORIZED");
    assertThat(errorCode(api.post("/api/task/AAAAAAAAAAAAAAAAAAAAAAAA/cancel", null, new JsonObject()), 401)).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void forgedExpiredUnsignedAndUidlessTokensAreRefused() {
    for (String token : new String[] {Tokens.forged("alice"), Tokens.expired("alice"), Tokens.unsigned("alice"),
        Tokens.withoutUid(), "not-a-jwt", ""}) {
      assertThat(errorCode(api.get("/api/taskes-waiting", token), 401)).as(token).isEqualTo("UNAUTHORIZED");
    }
  }

  @Test
  void aValidTokenIsAccepted() {
    assertThat(ApiClient.data(api.get("/api/taskes-waiting", Tokens.valid("alice"))).getLong("queueing")).isNotNull();
  }

  @Test
  void aTokenThatWasAcceptedIsRefusedOnceItExpires() {
    long exp = System.currentTimeMillis() / 1000 + 1;
    String token = Tokens.hs256(TestNode.SECRET, new JsonObject().put("uid", "alice").put("exp", exp));
    for (int i = 0; i < 4; i++) { // accepted, and remembered as verified by every HTTP verticle
      assertThat(api.get("/api/taskes-waiting", token).statusCode()).isEqualTo(200);
    }
    ApiClient.sleep((exp + JwtKeys.LEEWAY_SECONDS) * 1000 + 1100 - System.currentTimeMillis());
    assertThat(errorCode(api.get("/api/taskes-waiting", token), 401)).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void aUserSeesOnlyTheirOwnTasks() {
    String code = api.submit(Tokens.valid("alice"), new JsonObject().put("taskType", "Noop")).getString("queryCode");
    String bob = Tokens.valid("bob");
    assertThat(errorCode(api.get("/api/query-task/" + code, bob), 404)).isEqualTo("NOT_FOUND");
    assertThat(errorCode(api.get("/api/task-result/" + code, bob), 404)).isEqualTo("NOT_FOUND");
    assertThat(errorCode(api.post("/api/task/" + code + "/cancel", bob, new JsonObject()), 404)).isEqualTo("NOT_FOUND");
    assertThat(api.query(Tokens.valid("alice"), code).getString("queryCode")).isEqualTo(code);
  }
}
