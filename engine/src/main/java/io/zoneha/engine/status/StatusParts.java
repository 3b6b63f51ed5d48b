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

  /** {@code state}: online, isolated or stopping; {@code live}: servers this node hears. */
  public record Membership(String state, List<LinkStatus> links, List<String> live) implements Part {}

  /** An event-log entry, newest last. */
  public record Alert(long time, String server, String severity, String group, String message) {}
}
