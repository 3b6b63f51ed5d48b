package io.zoneha.engine.spi;

/** Why an action runs, shown to scripts (ZONEHA_REASON) and in logs. */
public record Reason(String text) {
  public static Reason of(String text) {
    return new Reason(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
