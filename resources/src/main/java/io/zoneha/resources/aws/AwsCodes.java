package io.zoneha.resources.aws;

/**
 * The catalogue numbers (docs/errors.md) the AWS resources and monitors report. The numbers follow
 * the seed's troubleshooting chapter; a monitor's warning is its error number plus 100.
 */
public final class AwsCodes {
  private AwsCodes() {}

  /** An awsvip call got no answer in time. */
  public static final int TIMEOUT = 1;
  /** An AWS call failed (awseip, awsdns and the monitors). */
  public static final int AWS_FAILED = 5;
  /** An AWS call got no answer in time (awseip, awsdns and the monitors). */
  public static final int AWS_TIMEOUT = 6;
  /** The EIP is not associated with this ENI; or the DNS record does not exist. */
  public static final int NOT_ASSOCIATED = 7;
  /** The DNS record exists but holds another address. */
  public static final int RECORD_OTHER_IP = 8;
  /** Resolving the record's name failed. */
  public static final int RESOLUTION_FAILED = 9;
  /** Resolving the record's name gave another address. */
  public static final int RESOLVED_OTHER_IP = 10;
  /** The availability zone is unavailable (ZoneHA addition; the seed has no number for it). */
  public static final int AZ_UNAVAILABLE = 11;
  /** An AWS call of the awsvip resource failed. */
  public static final int VIP_AWS_FAILED = 50;
  /** The VIP lies inside one of the VPC's CIDR blocks. */
  public static final int VIP_IN_VPC_CIDR = 53;
  /** A route for the VIP points somewhere else, or the local VIP is gone. */
  public static final int ROUTING_CHANGED = 56;
  /** A bug or an unexpected condition inside ZoneHA. */
  public static final int INTERNAL = 99;
  /** Warning form of {@link #AWS_FAILED}. */
  public static final int WARN_AWS_FAILED = 105;
  /** Warning form of {@link #AWS_TIMEOUT}. */
  public static final int WARN_AWS_TIMEOUT = 106;
  /** Warning: the availability zone reports information, impaired or constrained. */
  public static final int WARN_AZ_DEGRADED = 111;

  /** Which pair of numbers a caller reports for "AWS refused" and "AWS did not answer". */
  public record Family(int failure, int timeout) {
    /** The awsvip resource (seed: 50 and 1). */
    public static final Family VIP = new Family(VIP_AWS_FAILED, TIMEOUT);
    /** Every other AWS resource and monitor (seed: 5 and 6). */
    public static final Family STANDARD = new Family(AWS_FAILED, AWS_TIMEOUT);
  }
}
