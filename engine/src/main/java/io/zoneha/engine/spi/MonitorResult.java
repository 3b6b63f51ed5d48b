package io.zoneha.engine.spi;

/** The outcome of one check; {@code code} is 0 when normal, else a catalogue number. */
public record MonitorResult(Status status, int code, String message) {
  public enum Status { NORMAL, WARNING, ERROR }

  public static MonitorResult normal() {
    return new MonitorResult(Status.NORMAL, 0, "");
  }

  public static MonitorResult warning(int code, String message) {
    return new MonitorResult(Status.WARNING, code, message);
  }

  public static MonitorResult error(int code, String message) {
    return new MonitorResult(Status.ERROR, code, message);
  }
}
