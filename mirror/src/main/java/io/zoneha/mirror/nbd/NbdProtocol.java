package io.zoneha.mirror.nbd;

/** Numbers from the NBD protocol (newstyle negotiation, simple replies). */
final class NbdProtocol {
  private NbdProtocol() {}

  static final long NBDMAGIC = 0x4e42444d41474943L;
  static final long IHAVEOPT = 0x49484156454F5054L;
  static final long OPT_REPLY_MAGIC = 0x3e889045565a9L;
  static final int REQUEST_MAGIC = 0x25609513;
  static final int SIMPLE_REPLY_MAGIC = 0x67446698;

  static final int FLAG_FIXED_NEWSTYLE = 1;
  static final int FLAG_NO_ZEROES = 2;

  static final int OPT_EXPORT_NAME = 1;
  static final int OPT_ABORT = 2;
  static final int OPT_LIST = 3;
  static final int OPT_INFO = 6;
  static final int OPT_GO = 7;

  static final int REP_ACK = 1;
  static final int REP_SERVER = 2;
  static final int REP_INFO = 3;
  static final int REP_ERR_UNSUP = 0x80000001;
  static final int REP_ERR_INVALID = 0x80000003;
  static final int REP_ERR_UNKNOWN = 0x80000006;

  static final int INFO_EXPORT = 0;
  static final int INFO_BLOCK_SIZE = 3;

  static final int TFLAG_HAS_FLAGS = 1;
  static final int TFLAG_SEND_FLUSH = 4;
  static final int TFLAG_SEND_FUA = 8;
  static final int TFLAG_SEND_TRIM = 32;
  static final int TFLAG_SEND_WRITE_ZEROES = 64;
  static final int TFLAG_CAN_MULTI_CONN = 256;
  static final int TRANSMISSION_FLAGS = TFLAG_HAS_FLAGS | TFLAG_SEND_FLUSH | TFLAG_SEND_FUA
      | TFLAG_SEND_TRIM | TFLAG_SEND_WRITE_ZEROES | TFLAG_CAN_MULTI_CONN;

  static final int CMD_READ = 0;
  static final int CMD_WRITE = 1;
  static final int CMD_DISC = 2;
  static final int CMD_FLUSH = 3;
  static final int CMD_TRIM = 4;
  static final int CMD_WRITE_ZEROES = 6;

  static final int CMD_FLAG_FUA = 1;
  static final int CMD_FLAG_NO_HOLE = 2;
  static final int CMD_FLAGS_KNOWN = CMD_FLAG_FUA | CMD_FLAG_NO_HOLE;

  static final int EPERM = 1;
  static final int EIO = 5;
  static final int EINVAL = 22;
  static final int ENOSPC = 28;
  static final int ENOTSUP = 95;
  static final int ESHUTDOWN = 108;

  /** Largest READ/WRITE payload accepted (the protocol's customary 32 MiB). */
  static final int MAX_REQUEST = 32 << 20;
  /** Largest option payload accepted during negotiation. */
  static final int MAX_OPTION = 4096;
}
