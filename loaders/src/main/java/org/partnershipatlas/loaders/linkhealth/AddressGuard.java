package org.partnershipatlas.loaders.linkhealth;

import java.net.InetAddress;

/**
 * Decides whether the checker may connect to the addresses a host name resolves to; the checker resolves every host
 * itself first, so a link in the data cannot make it probe the machine's own network.
 */
@FunctionalInterface
public interface AddressGuard {
    /** Why {@code host} may not be reached at {@code addresses}, or null if it may. */
    String refusal(String host, InetAddress[] addresses);

    /** The default: public addresses only (no loopback, private, link-local, wildcard or multicast ones). */
    static AddressGuard publicOnly() {
        return (host, addresses) -> {
            for (InetAddress a : addresses) {
                if (a.isLoopbackAddress()
                        || a.isSiteLocalAddress()
                        || a.isLinkLocalAddress()
                        || a.isAnyLocalAddress()
                        || a.isMulticastAddress()
                        || isUniqueLocal(a)) {
                    return host + " resolves to the private or local address " + a.getHostAddress()
                            + " (use --allow-private only for tests)";
                }
            }
            return null;
        };
    }

    /** Any address: {@code --allow-private}, for tests against local servers. */
    static AddressGuard anyAddress() {
        return (host, addresses) -> null;
    }

    private static boolean isUniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }
}
