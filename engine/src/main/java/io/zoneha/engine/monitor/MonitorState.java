package io.zoneha.engine.monitor;

/** What an operator sees for a monitor on one server. */
public enum MonitorState {
  /** Within the start wait, or its target is not active here (active-only monitor). */
  OFFLINE("offline"),
  NORMAL("normal"),
  WARNING("warning"),
  ERROR("error"),
  SUSPENDED("suspended");

  private final String label;

  MonitorState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
