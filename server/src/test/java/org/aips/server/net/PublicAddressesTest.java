package org.aips.server.net;

import org.aips.spi.net.PublicAddresses;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PublicAddressesTest {

  @Test
  void privateLoopbackLinkLocalAndReservedAddressesAreNotPublic() throws UnknownHostException {
    for (String address : new String[] {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1",
        "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
        "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3"}) {
      assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }
  }

  @Test
  void publicAddressesArePublic() throws UnknownHostException {
    for (String address : new String[] {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
      assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }
  }

  @Test
  void webhookUrlsAreHttpWithAHostAndNoCredentials() {
    WebhookUrl url = WebhookUrl.parse("https://hooks.example.com/aips?token=a%20b");
    assertThat(url.https()).isTrue();
    assertThat(url.port()).isEqualTo(443);
    assertThat(url.pathAndQuery()).isEqualTo("/aips?token=a%20b");
    assertThat(WebhookUrl.parse("http://[2001:db8::1]:8080").host()).isEqualTo("2001:db8::1");
    assertThatThrownBy(() -> WebhookUrl.parse("ftp://example.com/x")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> WebhookUrl.parse("/relative")).hasMessageContaining("http or https");
    assertThatThrownBy(() -> WebhookUrl.parse("https://user:secret@example.com/")).hasMessageContaining("credentials");
    assertThatThrownBy(() -> WebhookUrl.parse("http://exa mple.com/")).hasMessageContaining("not a valid URL");
  }

  @Test
  void literalPrivateTargetsAreCaughtWithoutALookup() {
    assertThat(WebhookUrl.parse("http://127.0.0.1:9000/hook").privateTargetWithoutLookup()).isPresent();
    assertThat(WebhookUrl.parse("http://[::1]/hook").privateTargetWithoutLookup()).isPresent();
    assertThat(WebhookUrl.parse("http://LOCALHOST/hook").privateTargetWithoutLookup()).isPresent();
    assertThat(WebhookUrl.parse("http://127.0.0.2/latest/meta-data").privateTargetWithoutLookup()).isPresent();
    assertThat(WebhookUrl.parse("https://hooks.example.com/x").privateTargetWithoutLookup()).as("names are checked when delivering").isEmpty();
    assertThat(WebhookUrl.parse("https://8.8.8.8/x").privateTargetWithoutLookup()).isEmpty();
  }
}
