package org.aips.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.aips.server.config.AipsConfig;

/** The Hazelcast cluster manager from AIPS settings: TCP/IP join with listed members, no multicast. */
public final class ClusterManagers {

  private ClusterManagers() {
  }

  public static HazelcastClusterManager hazelcast(AipsConfig config) {
    Config hazelcast = new Config().setClusterName(config.clusterName());
    hazelcast.setProperty("hazelcast.logging.type", "slf4j");
    hazelcast.setProperty("hazelcast.phone.home.enabled", "false");
    hazelcast.getNetworkConfig().setPort(config.clusterPort()).setPortAutoIncrement(true);
    hazelcast.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(config.clusterHost());
    JoinConfig join = hazelcast.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(config.clusterHost());
    config.clusterMembers().forEach(member -> join.getTcpIpConfig().addMember(member));
    return new HazelcastClusterManager(hazelcast);
  }
}
