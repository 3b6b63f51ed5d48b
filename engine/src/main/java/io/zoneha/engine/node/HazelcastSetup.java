package io.zoneha.engine.node;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.zoneha.engine.config.ClusterConfig;
import io.zoneha.engine.config.ServerConfig;

/**
 * The Hazelcast member configuration, derived from cluster.yaml so there is one file to edit:
 * TCP/IP join to the listed servers only (no multicast, no auto-detection), bound to this
 * server's first interconnect address, fast failure detection, no phone-home, no JVM shutdown hook
 * (ZoneHA stops Hazelcast itself after its groups are down).
 */
public final class HazelcastSetup {
  /** Hazelcast takes the server's busPort; the event bus takes the next one. */
  public static final int EVENT_BUS_PORT_OFFSET = 1;

  private HazelcastSetup() {}

  public static Config config(ClusterConfig cluster, ServerConfig self) {
    Config c = new Config();
    c.setClusterName("zoneha-" + cluster.name());
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.socket.bind.any", "false");
    NetworkConfig net = c.getNetworkConfig();
    net.setPort(self.busPort()).setPortAutoIncrement(false).setPublicAddress(self.primaryAddress() + ":" + self.busPort());
    // 127.0.0.x and secondary addresses are not interface addresses Hazelcast can enumerate:
    // bind to the interconnect explicitly instead of matching interfaces
    c.setProperty("hazelcast.local.localAddress", self.primaryAddress());
    net.getInterfaces().setEnabled(false);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true);
    for (ServerConfig s : cluster.servers()) {
      join.getTcpIpConfig().addMember(s.primaryAddress() + ":" + s.busPort());
    }
    // the maps Vert.x expects (same as its bundled default-cluster.xml)
    c.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    c.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    c.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return c;
  }
}
