package io.zoneha.mirror.storage;

/** The cluster partition cannot be trusted or used; the message names the field or slot. */
public final class MetadataException extends RuntimeException {
  public MetadataException(String message) {
    super(message);
  }

  public MetadataException(String message, Throwable cause) {
    super(message, cause);
  }
}
