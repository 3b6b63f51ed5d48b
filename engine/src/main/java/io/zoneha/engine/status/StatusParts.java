package io.zoneha.engine.status;

import io.zoneha.engine.status.NodeStatus.GroupStatus;
import io.zoneha.engine.status.NodeStatus.LinkStatus;
import io.zoneha.engine.status.NodeStatus.MonitorStatus;
import io.zoneha.engine.status.NodeStatus.ResourceStatus;
import java.util.List;

/** Pieces of this node's status, each published by the verticle that owns it. */
public final class StatusParts {
  private StatusParts() {}

  public sealed interface Part {}

  public record Groups(List<GroupStatus> groups, List<ResourceStatus> resources) implements Part {}

  /** Driver details of this node's resources (md mirror state), republished when they change. */
  public record Details(List<NodeStatus.ResourceDetails> details) implements Part {}

  public record Monitors(List<MonitorStatus> monitors) implements Part {}

  /**
   * {@code state}: online, isolated or stopping; {@code live}: servers this node hears;
   * {@code aliveByWitness}: servers this node does not hear but the witness does (the interconnect
   * is down, the server is not).
   */
  public record Membership(String state, List<LinkStatus> links, List<String> live, List<String> aliveByWitness)
      implements Part {
    public Membership {
      links = List.copyOf(links);
      live = List.copyOf(live);
      aliveByWitness = List.copyOf(aliveByWitness);
    }

    public Membership(String state, List<LinkStatus> links, List<String> live) {
      this(state, links, live, List.of());
    }
  }

  /** This node's connection to the witness server ({@code lastError} empty while it answers). */
  public record Witness(String target, boolean reachable, String lastError) implements Part {}

  /** An event-log entry, newest last. */
  public record Alert(long time, String server, String severity, String group, String message) {}
}
