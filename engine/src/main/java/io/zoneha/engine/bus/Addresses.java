package io.zoneha.engine.bus;

/**
 * Every event-bus address of ZoneHA, in one place. Local addresses carry objects inside one node;
 * cluster addresses cross nodes and carry signed messages.
 */
public final class Addresses {
  private Addresses() {}

  // --- inside one node ---
  /** {@link io.zoneha.engine.heartbeat.LivenessChange} published by the heartbeat verticle. */
  public static final String LIVENESS = "zoneha.local.liveness";
  /** {@link Membership.Suspect}: the cluster manager lost a peer. */
  public static final String SUSPECT = "zoneha.local.suspect";
  /** Boolean: this node is isolated (flag carried in its heartbeats). */
  public static final String ISOLATION_FLAG = "zoneha.local.isolated";
  /** {@link Membership.Event}: peer lost after NP check, isolation, startup complete. */
  public static final String MEMBERSHIP = "zoneha.local.membership";
  /** {@link GroupMessages.LocalClaims}: what this node claims, for heartbeats. */
  public static final String LOCAL_CLAIMS = "zoneha.local.claims";
  /** {@link GroupMessages.Command} from the management API or recovery, answered with a Reply. */
  public static final String GROUP_COMMAND = "zoneha.local.group.command";
  /** {@link GroupMessages.Recovery} from monitors to the group manager. */
  public static final String RECOVERY = "zoneha.local.recovery";
  /** {@link StatusMessages.LocalPart} published when part of this node's status changes. */
  public static final String STATUS_PART = "zoneha.local.status.part";
  /** {@link StatusMessages.Query} answered with the cluster status. */
  public static final String STATUS_QUERY = "zoneha.local.status.query";
  /** {@link MonitorMessages.Control}: suspend or resume a monitor on this node. */
  public static final String MONITOR_CONTROL = "zoneha.local.monitor.control";
  /**
   * {@link WitnessMessages.Query} answered with a {@link WitnessMessages.View}: what the witness
   * last told this node (only deployed when the np list has a witness).
   */
  public static final String WITNESS_QUERY = "zoneha.local.witness.query";
  /**
   * {@link ConfigMessages.Installed}: this node now runs a new configuration, taken without a
   * cluster service restart (see io.zoneha.engine.apply.ConfigDiff).
   */
  public static final String CONFIG_INSTALLED = "zoneha.local.config.installed";
  /** Stop this node's cluster service (final action or operator). */
  public static final String SHUTDOWN = "zoneha.local.shutdown";

  // --- across nodes ---
  /** Node status snapshots, published by each node. */
  public static final String CLUSTER_STATUS = "zoneha.cluster.status";
  /** Alerts (event log entries), published by each node. */
  public static final String CLUSTER_ALERTS = "zoneha.cluster.alerts";

  /** Cluster-wide operator controls: suspend/resume a monitor everywhere, stop the cluster. */
  public static final String CLUSTER_CONTROL = "zoneha.cluster.control";

  /**
   * Configuration apply (prepare, commit, abort) addressed to one server's management API; sealed
   * JSON, see io.zoneha.web.ApplyMessages.
   */
  public static String nodeConfig(String server) {
    return "zoneha.node." + server + ".config";
  }

  /**
   * {@link ResourceMessages.Request}s for resource operations (md verify, pause, resume, recover)
   * addressed to one server, answered with a {@link ResourceMessages.Answer}; sealed JSON.
   */
  public static String nodeResources(String server) {
    return "zoneha.node." + server + ".resource";
  }

  /** Group commands addressed to one server (forwards, handoffs). */
  public static String nodeCommands(String server) {
    return "zoneha.node." + server + ".command";
  }
}
