package org.aips.plugins.faceingest.fetch;

import org.aips.spi.net.PublicAddresses;

import java.net.InetAddress;

/**
 * Which addresses an image may be fetched from. A CSV is user input: without this, a row could make
 * the server read its own admin ports, the cloud metadata service (169.254.169.254) or hosts of
 * the private network (server-side request forgery). Unless allowed, every address that is not
 * {@link PublicAddresses#isPublic public} is refused (the same rule as the server's webhooks). The check is made on the resolved address that is then connected to, so
 * a name that resolves differently the second time (DNS rebinding) gains nothing.
 */
final class AddressPolicy {

  private final boolean allowPrivate;

  AddressPolicy(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  void check(InetAddress address) {
    if (!allowPrivate && isInternal(address)) {
      throw new FetchException("refused: " + address.getHostAddress() + " is a private, loopback or link-local address");
    }
  }

  static boolean isInternal(InetAddress address) {
    return !PublicAddresses.isPublic(address);
  }
}
