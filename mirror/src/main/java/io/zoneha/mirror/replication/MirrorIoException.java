package io.zoneha.mirror.replication;

/** A foreground request failed; {@link Kind} tells the NBD layer which errno to send. */
public final class MirrorIoException extends RuntimeException {
  /** NO_INITIAL_COPY: a brand-new copy that must not serve before its initial copy. */
  public enum Kind { NOT_PRIMARY, OUT_OF_RANGE, IO_ERROR, NOT_UP_TO_DATE, CLOSED, NO_INITIAL_COPY }

  private final Kind kind;

  public MirrorIoException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public MirrorIoException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
