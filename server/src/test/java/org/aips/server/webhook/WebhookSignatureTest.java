package org.aips.server.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSignatureTest {

  /** The test vector the Standard Webhooks reference libraries share: a receiver's library accepts what matches it. */
  @Test
  void reproducesTheStandardWebhooksTestVector() {
    WebhookSignature signature = new WebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    assertThat(signature.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void aSecretWithoutItsPrefixOrTooShortIsRefused() {
    assertThatThrownBy(() -> new WebhookSignature("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> new WebhookSignature("whsec_c2hvcnQ=")).hasMessageContaining("at least 16 bytes");
  }

  @Test
  void backOffDoublesUpToItsCapWithJitter() {
    WebhookSettings settings = new WebhookSettings(null, false, null, 2048, 10_000, 5, 60, 10, 86_400, 5_000, 16, 604_800);
    assertThat(settings.backoffAfter(1, 0.5)).isEqualTo(5.0);
    assertThat(settings.backoffAfter(2, 0.5)).isEqualTo(10.0);
    assertThat(settings.backoffAfter(10, 0.5)).isEqualTo(60.0);
    assertThat(settings.backoffAfter(1, 0.0)).isEqualTo(2.5);
    assertThat(settings.backoffAfter(1, 0.999)).isLessThan(7.5);
  }
}
