package io.zoneha.mirror.resource;

/** Catalogue numbers of the mirror disk resource and monitors (docs/errors.md). */
public final class MirrorErrors {
  private MirrorErrors() {}

  public static final int OPEN_FAILED = 1301;
  public static final int NOT_UP_TO_DATE = 1302;
  public static final int PEER_IS_PRIMARY = 1303;
  public static final int EXPORT_FAILED = 1304;
  public static final int COMMAND_FAILED = 1305;
  public static final int DEACTIVATE_FAILED = 1306;
  public static final int NOT_OPEN = 1307;
  /** An operator action (verify, resume, recover) the mirror refused. */
  public static final int OPERATION_REFUSED = 1308;

  public static final int SPLIT_BRAIN = 1311;
  public static final int PAIR_REFUSED = 1312;
  public static final int LOCAL_COPY_NOT_UP_TO_DATE = 1313;
  public static final int PEER_DISCONNECTED = 1314;
  public static final int DEGRADED = 1315;
  public static final int RESYNC_RUNNING = 1316;
  /** A brand-new copy may not serve before its initial copy (source chosen elsewhere, or not at all). */
  public static final int NO_INITIAL_COPY = 1317;
}
