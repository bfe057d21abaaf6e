package org.aips.plugins.faceingest.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses an image may be fetched from. A CSV is user input: without this, a row could make
 * the server read its own admin ports, the cloud metadata service (169.254.169.254) or hosts of
 * the private network (server-side request forgery). Unless allowed, loopback, private (RFC 1918,
 * unique-local fc00::/7), link-local, carrier-grade NAT (100.64/10), multicast and unspecified
 * addresses are refused. The check is made on the resolved address that is then connected to, so
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
    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      boolean uniqueLocal = (bytes[0] & 0xfe) == 0xfc;
      boolean v4Mapped = isV4Mapped(bytes);
      return uniqueLocal || v4Mapped && isInternalV4(java.util.Arrays.copyOfRange(bytes, 12, 16));
    }
    return isInternalV4(bytes);
  }

  private static boolean isInternalV4(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first == 0 || first == 10 || first == 127 || (first == 100 && second >= 64 && second < 128)
        || (first == 169 && second == 254) || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168)
        || first >= 224;
  }

  private static boolean isV4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
