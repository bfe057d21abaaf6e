package org.aips.server.api;

import io.vertx.core.json.JsonObject;

/**
 * A validated submission, ready to insert (inputs already in the blob store).
 *
 * @param inputs input name → {@code {key, size}} of its blob; null when the task has none
 * @param owner   the plugin submitting through the host's task API; null for a REST client
 * @param webhook the URL to POST the final state to when the task ends; null for none
 */
public record NewTask(String taskType, int vip, String queryCode, long keepSeconds,
               JsonObject inputs, String styleImageMd5, String contentImageMd5,
               int quality, JsonObject params, String userId, double timeBudget, double secondsPerQueuedTask,
               String channel, String guideCode, String tokenHash, String host, String agent, int demandVisitTimes,
               String owner, String webhook) {

  /** Without a webhook (plugin submissions, storage tests). */
  public NewTask(String taskType, int vip, String queryCode, long keepSeconds, JsonObject inputs, String styleImageMd5,
                 String contentImageMd5, int quality, JsonObject params, String userId, double timeBudget, double secondsPerQueuedTask,
                 String channel, String guideCode, String tokenHash, String host, String agent, int demandVisitTimes, String owner) {
    this(taskType, vip, queryCode, keepSeconds, inputs, styleImageMd5, contentImageMd5, quality, params, userId, timeBudget,
        secondsPerQueuedTask, channel, guideCode, tokenHash, host, agent, demandVisitTimes, owner, null);
  }
}
