package io.zoneha.engine.bus;

/** Messages to the monitor scheduler. */
public final class MonitorMessages {
  private MonitorMessages() {}

  public record Control(String monitor, boolean suspend, String user) {}
}
