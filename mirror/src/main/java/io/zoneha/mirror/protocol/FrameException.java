package io.zoneha.mirror.protocol;

import io.netty.handler.codec.CorruptedFrameException;

/** A frame broke the protocol; {@code field} names what was wrong. The connection is closed. */
public final class FrameException extends CorruptedFrameException {
  private final String field;

  public FrameException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
