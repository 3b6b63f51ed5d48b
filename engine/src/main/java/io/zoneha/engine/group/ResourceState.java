package io.zoneha.engine.group;

/** State of one resource on this server, as shown to operators. */
public enum ResourceState {
  OFFLINE("offline"), STARTING("starting"), ONLINE("online"), STOPPING("stopping"), ERROR("error");

  private final String label;

  ResourceState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
