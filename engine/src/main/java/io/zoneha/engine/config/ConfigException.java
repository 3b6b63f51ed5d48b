package io.zoneha.engine.config;

/** A configuration value that cannot be used; the message starts with the path of the field. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
