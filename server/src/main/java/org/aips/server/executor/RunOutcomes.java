package org.aips.server.executor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What an executor sends to a scheduler's outcome inbox: the runs that ended since its last such
 * message (one message per event-loop turn and scheduler, however many tasks ended in it).
 */
public record RunOutcomes(List<Outcome> outcomes) {

  /** One ended run: {@code output} when it succeeded, else a {@code bus.FailureCodes} code and the error text. */
  public record Outcome(long id, String type, int attempt, RunOutput output, int failureCode, String error) {

    public static Outcome succeeded(Dispatch dispatch, RunOutput output) {
      return new Outcome(dispatch.id(), dispatch.type(), dispatch.attempt(), output, 0, null);
    }

    public static Outcome failed(Dispatch dispatch, int failureCode, String error) {
      return new Outcome(dispatch.id(), dispatch.type(), dispatch.attempt(), null, failureCode, error);
    }

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("type", type).put("attempt", attempt)
          .put("output", output == null ? null : output.toJson()).put("failureCode", failureCode).put("error", error);
    }

    static Outcome fromJson(JsonObject json) {
      JsonObject output = json.getJsonObject("output");
      return new Outcome(json.getLong("id"), json.getString("type"), json.getInteger("attempt"), output == null ? null : RunOutput.fromJson(output),
          json.getInteger("failureCode"), json.getString("error"));
    }
  }

  public JsonObject toJson() {
    JsonArray array = new JsonArray();
    outcomes.forEach(outcome -> array.add(outcome.toJson()));
    return new JsonObject().put("outcomes", array);
  }

  public static RunOutcomes fromJson(JsonObject json) {
    return new RunOutcomes(json.getJsonArray("outcomes").stream().map(o -> Outcome.fromJson((JsonObject) o)).toList());
  }
}
