package org.aips.plugins.rayvision.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.plugins.rayvision.client.impl.RequestSigner;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The published vectors of the Python SDK's signature tests (rayvision_api/tests/test_signature.py). */
class RequestSignerTest {

  @Test
  void hmacSha256MatchesThePublishedVector() {
    assertThat(RequestSigner.sign("test_key", "test_msg")).isEqualTo("TC9wro8movj4HGMphrpEdES3oBdPsq+y+2tAt6kM/Tw=");
  }

  @Test
  void stringToSignSortsHeadersAndBodyInAsciiOrder() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("accessId", "xxx");
    headers.put("channel", "4");
    headers.put("platform", "2");
    headers.put("UTCTimestamp", "32166266");
    headers.put("nonce", "1465");
    headers.put("version", "dev");
    assertThat(RequestSigner.stringToSign("tests.com", "api_url", headers, new JsonObject().put("key", "value")))
        .isEqualTo("[POST]tests.com:api_url&UTCTimestamp=32166266&accessId=xxx&channel=4&key=value&nonce=1465&platform=2&version=dev");
  }

  @Test
  void nestedObjectsJoinKeysWithDots() {
    assertThat(RequestSigner.flatten(new JsonObject().put("key_a", new JsonObject().put("key_b", "value_c"))))
        .containsExactly(Map.entry("key_a.key_b", "value_c"));
    assertThat(RequestSigner.flatten(new JsonObject().put("a", new JsonObject().put("b", new JsonObject().put("c", new JsonObject().put("d", "e"))))))
        .containsExactly(Map.entry("a.b.c.d", "e"));
  }

  @Test
  void listElementsAppendTheirIndexWithoutSeparator() {
    JsonObject body = new JsonObject().put("key_a", new JsonObject().put("sub_key", new JsonArray()
        .add(new JsonObject().put("c", new JsonObject().put("d", 1234)))
        .add(new JsonObject().put("test_key_a", new JsonObject().put("test_key", "")))));
    assertThat(RequestSigner.flatten(body)).containsExactly(
        Map.entry("key_a.sub_key0.c.d", "1234"),
        Map.entry("key_a.sub_key1.test_key_a.test_key", ""));
    assertThat(RequestSigner.flatten(new JsonObject().put("task_param_list", new JsonArray(List.of(7, 8)))))
        .containsExactly(Map.entry("task_param_list0", "7"), Map.entry("task_param_list1", "8"));
  }

  @Test
  void leavesAreRenderedAsPythonStrRendersThem() {
    JsonObject body = new JsonObject().put("yes", true).put("no", false).putNull("nothing").put("whole", 2.0)
        .put("small", 0.00001).put("price", 0.67).put("big", 1e20).put("count", 50L);
    assertThat(RequestSigner.flatten(body)).containsEntry("yes", "True").containsEntry("no", "False")
        .containsEntry("nothing", "None").containsEntry("whole", "2.0").containsEntry("small", "1e-05")
        .containsEntry("price", "0.67").containsEntry("big", "1e+20").containsEntry("count", "50");
  }

  @Test
  void emptyListsAndObjectsContributeNothing() {
    assertThat(RequestSigner.flatten(new JsonObject().put("labels", new JsonArray()).put("o", new JsonObject()).put("k", "v")))
        .containsExactly(Map.entry("k", "v"));
  }
}
