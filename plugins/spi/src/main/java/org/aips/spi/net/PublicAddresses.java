package org.aips.spi.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether an address is on the public internet. Outgoing requests a client names (the server's
 * webhooks, a plugin's image or video URIs) must not reach the server's own machine or its private
 * network (server-side request forgery), unless configuration allows it: loopback,
 * private (RFC 1918), unique-local (fc00::/7), link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, "this network", benchmarking, reserved, multicast and broadcast ranges are not.
 */
public final class PublicAddresses {

  private PublicAddresses() {
  }

  public static boolean isPublic(InetAddress address) {
    if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
      return false;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet6Address) {
      if (isIpv4Mapped(bytes)) {
        return isPublicIpv4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
      }
      return (bytes[0] & 0xfe) != 0xfc; // fc00::/7 unique local
    }
    return address instanceof Inet4Address && isPublicIpv4(bytes);
  }

  private static boolean isPublicIpv4(byte[] b) {
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    return first != 0                                   // 0.0.0.0/8 "this network"
        && first != 10 && first != 127                  // private, loopback
        && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
        && !(first == 169 && second == 254)             // link-local
        && !(first == 172 && second >= 16 && second < 32) // private
        && !(first == 192 && second == 168)             // private
        && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
        && !(first == 198 && (second == 18 || second == 19)) // benchmarking
        && first < 224;                                 // multicast, reserved, broadcast
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
  }
}
