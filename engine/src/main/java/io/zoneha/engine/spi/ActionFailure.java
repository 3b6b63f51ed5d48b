package io.zoneha.engine.spi;

/**
 * A resource or monitor action that did not do its job. {@code code} is the catalogue number in
 * docs/errors.md; {@code scope} says how far a retry may go.
 */
public final class ActionFailure extends RuntimeException {
  private final int code;
  private final Scope scope;

  public ActionFailure(int code, String message, Scope scope) {
    super(message);
    this.code = code;
    this.scope = scope;
  }

  public ActionFailure(int code, String message, Scope scope, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.scope = scope;
  }

  public int code() {
    return code;
  }

  public Scope scope() {
    return scope;
  }

  /** How far a retry may go. */
  public enum Scope {
    /** Transient; the same action on this server may work. */
    RETRY_HERE,
    /** This server cannot do it; another server may. */
    FAIL_OVER,
    /** Wrong everywhere (bad configuration); retrying anywhere is pointless. */
    GIVE_UP
  }

  /** Wraps any throwable; an {@link ActionFailure} passes through unchanged. */
  public static ActionFailure of(Throwable t, int fallbackCode) {
    if (t instanceof ActionFailure f) {
      return f;
    }
    String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return new ActionFailure(fallbackCode, msg, Scope.RETRY_HERE, t);
  }
}
