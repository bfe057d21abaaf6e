package org.aips.server.api;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import org.aips.server.bus.TaskTypeOffer;
import org.aips.server.config.AipsConfig;
import org.aips.server.net.WebhookUrl;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks of a submission that the contract cannot express: the type exists, its params, its inputs, configured limits. */
final class Submissions {

  static final Set<String> IMAGE_FIELDS = Set.of("styleImage", "contentImage");

  private final AipsConfig config;
  private final Map<String, Validator> paramValidators = new HashMap<>();

  Submissions(AipsConfig config) {
    this.config = config;
  }

  void check(JsonObject body, TaskTypeOffer type) {
    JsonObject params = body.getJsonObject("params", new JsonObject());
    OutputUnit result = validator(type).validate(params);
    if (!Boolean.TRUE.equals(result.getValid())) {
      throw ApiException.badRequest("INVALID_PARAMS", "params do not match the schema of " + type.name() + ": " + ValidationMessages.describe(result));
    }
    Set<String> missing = type.requiredInputs().stream().filter(input -> body.getString(input) == null).collect(Collectors.toSet());
    if (!missing.isEmpty()) {
      throw ApiException.badRequest("MISSING_INPUT", type.name() + " needs " + String.join(" and ", missing));
    }
    long keepSeconds = body.getLong("keepSeconds", config.keepSecondsDefault());
    if (keepSeconds > config.keepSecondsMax()) {
      throw ApiException.badRequest("BAD_REQUEST", "keepSeconds must be at most " + config.keepSecondsMax() + " (limits.keepSecondsMax)");
    }
    checkWebhook(body.getString("webhook"));
    int visits = body.getInteger("demandVisitTimes", config.demandVisitTimesDefault());
    if (visits > config.demandVisitTimesMax()) {
      throw ApiException.badRequest("BAD_REQUEST", "demandVisitTimes must be at most " + config.demandVisitTimesMax() + " (limits.demandVisitTimesMax)");
    }
  }

  /** The URL's form, and (unless private networks are allowed) no literal private address or localhost; DNS names are checked when delivering. */
  private void checkWebhook(String webhook) {
    if (webhook == null) {
      return;
    }
    if (webhook.length() > config.webhookMaxUrlLength()) {
      throw ApiException.badRequest("INVALID_WEBHOOK", "webhook must be at most " + config.webhookMaxUrlLength()
          + " characters (webhooks.maxUrlLength)");
    }
    WebhookUrl url;
    try {
      url = WebhookUrl.parse(webhook);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("INVALID_WEBHOOK", e.getMessage());
    }
    if (!config.webhooksAllowPrivateNetworks()) {
      url.privateTargetWithoutLookup().ifPresent(problem -> {
        throw ApiException.badRequest("INVALID_WEBHOOK", problem);
      });
    }
  }

  private Validator validator(TaskTypeOffer type) {
    String key = type.name() + ":" + type.paramsSchema().encode();
    return paramValidators.computeIfAbsent(key, k -> Validator.create(JsonSchema.of(type.paramsSchema()),
        new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setOutputFormat(OutputFormat.Basic).setBaseUri("https://aips.local/schemas/" + type.name())));
  }
}
