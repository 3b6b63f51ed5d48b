package io.zoneha.resources.exec;

/** Which script of an exec resource runs; its name is passed as ZONEHA_ACTION. */
public enum ScriptAction {
  START("start", ExecErrors.START_FAILED),
  STOP("stop", ExecErrors.STOP_FAILED);

  private final String word;
  private final int failureCode;

  ScriptAction(String word, int failureCode) {
    this.word = word;
    this.failureCode = failureCode;
  }

  public String word() {
    return word;
  }

  /** Catalogue number when the script exits with a non-zero code. */
  public int failureCode() {
    return failureCode;
  }
}
